import { useSyncExternalStore } from 'react';
import { readSession, subscribeToSession } from '../session/store';

/**
 * Replies typed here and not yet stored by the server. Each has the clientMessageId it is sent with,
 * so sending it again (after a failure) can never store it twice. Kept outside React so a reply still
 * in flight survives switching conversations; forgotten at sign-out.
 */
export interface PendingReply {
  clientMessageId: string;
  conversationId: string;
  text: string;
  createdAt: string;
  state: 'sending' | 'failed';
  /** Why the last attempt failed, in pt-BR. */
  error: string | null;
}

let replies: readonly PendingReply[] = [];
const listeners = new Set<() => void>();

function publish(next: readonly PendingReply[]): void {
  replies = next;
  for (const listener of listeners) listener();
}

export function putPendingReply(reply: PendingReply): void {
  const others = replies.filter((r) => r.clientMessageId !== reply.clientMessageId);
  publish([...others, reply]);
}

export function removePendingReply(clientMessageId: string): void {
  if (replies.some((r) => r.clientMessageId === clientMessageId)) {
    publish(replies.filter((r) => r.clientMessageId !== clientMessageId));
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function snapshot(): readonly PendingReply[] {
  return replies;
}

export function usePendingReplies(conversationId: string): readonly PendingReply[] {
  const all = useSyncExternalStore(subscribe, snapshot);
  return all.filter((reply) => reply.conversationId === conversationId);
}

subscribeToSession(() => {
  if (readSession() === null && replies.length > 0) publish([]);
});
