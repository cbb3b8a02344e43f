import { useSyncExternalStore } from 'react';

function subscribe(onChange: () => void): () => void {
  document.addEventListener('visibilitychange', onChange);
  return () => document.removeEventListener('visibilitychange', onChange);
}

function isVisible(): boolean {
  return document.visibilityState === 'visible';
}

/** Whether the tab is in front of the person (not minimised, not in a background tab). */
export function useDocumentVisible(): boolean {
  return useSyncExternalStore(subscribe, isVisible);
}
