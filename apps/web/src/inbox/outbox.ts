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
  /** May be empty when there is an attachment. */
  text: string;
  attachment: PendingAttachment | null;
  createdAt: string;
  state: 'sending' | 'failed';
  /** Why the last attempt failed, in pt-BR. */
  error: string | null;
}

/** A file already uploaded and confirmed, sent with the reply by its id. */
export interface PendingAttachment {
  fileId: string;
  filename: string;
  mimeType: string;
  size: number;
  /** An object URL of the file on this device, so the bubble shows it at once; released with the reply. */
  previewUrl: string | null;
}

let replies: readonly PendingReply[] = [];
const listeners = new Set<() => void>();

function publish(next: readonly PendingReply[]): void {
  const kept = new Set(next.map((r) => r.attachment?.previewUrl).filter((url) => url != null));
  for (const reply of replies) {
    const url = reply.attachment?.previewUrl;
    // The stored message shows the file from the storage from now on.
    if (url != null && !kept.has(url)) URL.revokeObjectURL(url);
  }
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
