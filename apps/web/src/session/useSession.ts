import { useSyncExternalStore } from 'react';
import { readSession, subscribeToSession, type StoredSession } from './store';

/** The stored session, re-rendering when it changes (sign-in, sign-out, rotation in any tab). */
export function useSession(): StoredSession | null {
  return useSyncExternalStore(subscribeToSession, readSession);
}
