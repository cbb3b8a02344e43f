import type { RealtimeEvent } from '@agenda-cheia/contracts';
import { useSyncExternalStore } from 'react';
import { readSession, subscribeToSession } from '../session/store';
import {
  noAiReplies,
  withAiResponse,
  withDelta,
  withoutStalledReply,
  withStoredMessage,
  type AiReplies,
  type StreamingReply,
} from './aiReplies';

/**
 * The app's one record of AI replies being written and of the intents behind stored ones. Kept outside
 * React and fed by the realtime stream, so a reply that started streaming before its chat was opened
 * shows whole; forgotten at sign-out.
 */

/** A reply with no news for this long stopped (the assistant failed): its temporary bubble goes. */
const STALLED_AFTER_MS = 45_000;

let state: AiReplies = noAiReplies;
const listeners = new Set<() => void>();
const stallTimers = new Map<string, ReturnType<typeof setTimeout>>();

function publish(next: AiReplies): void {
  if (next === state) return;
  state = next;
  for (const listener of listeners) listener();
}

function watchForStall(conversationId: string, replyId: string): void {
  clearTimeout(stallTimers.get(conversationId));
  stallTimers.set(
    conversationId,
    setTimeout(() => {
      stallTimers.delete(conversationId);
      publish(withoutStalledReply(state, conversationId, replyId));
    }, STALLED_AFTER_MS),
  );
}

/** Takes in the events that concern AI replies; every other event is ignored. */
export function applyAiReplyEvent(event: RealtimeEvent): void {
  switch (event.event_type) {
    case 'ai_response_delta':
      publish(withDelta(state, event.data));
      if (state.streaming[event.data.conversationId]?.replyId === event.data.replyId) {
        watchForStall(event.data.conversationId, event.data.replyId);
      }
      return;
    case 'ai_response':
      publish(withAiResponse(state, event.data));
      return;
    case 'message_created':
      publish(withStoredMessage(state, event.data.message));
      return;
    default:
      return;
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function snapshot(): AiReplies {
  return state;
}

/** The reply the assistant is writing in this conversation right now, if any. */
export function useStreamingReply(conversationId: string): StreamingReply | undefined {
  return useSyncExternalStore(subscribe, snapshot).streaming[conversationId];
}

/** Intents of AI messages received live in this session, by message id. */
export function useReplyIntents(): AiReplies['intents'] {
  return useSyncExternalStore(subscribe, snapshot).intents;
}

subscribeToSession(() => {
  if (readSession() === null && state !== noAiReplies) {
    for (const timer of stallTimers.values()) clearTimeout(timer);
    stallTimers.clear();
    publish(noAiReplies);
  }
});
