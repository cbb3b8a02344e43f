import type { ChatIntent, Message } from '@agenda-cheia/contracts';

/**
 * The assistant's replies as they are written (`ai_response_delta`) and what it understood of the client
 * (`ai_response`). Pure functions over a small state, so the accumulation rules can be checked without a
 * browser; `aiReplyStore.ts` keeps the app's one copy.
 */

/** A reply being written: the text so far. One at a time per conversation. */
export interface StreamingReply {
  conversationId: string;
  replyId: string;
  text: string;
}

export interface AiReplies {
  /** By conversation id. */
  streaming: Readonly<Record<string, StreamingReply>>;
  /** The intent the assistant detected, by the id of the stored message that answered it. */
  intents: Readonly<Record<string, ChatIntent>>;
  /** Replies already stored: a delta arriving after its reply was stored is late, not a new reply. */
  finished: readonly string[];
}

export const noAiReplies: AiReplies = { streaming: {}, intents: {}, finished: [] };

/** Remembered this many replies back; older intents are forgotten (the chat shows them without a tag). */
const REMEMBERED = 500;

function keepLast<T>(items: readonly T[]): readonly T[] {
  return items.length > REMEMBERED ? items.slice(items.length - REMEMBERED) : items;
}

function without(
  streaming: Readonly<Record<string, StreamingReply>>,
  conversationId: string,
): Readonly<Record<string, StreamingReply>> {
  if (!(conversationId in streaming)) return streaming;
  const rest = { ...streaming };
  delete rest[conversationId];
  return rest;
}

/** A piece of a reply: appended to the reply being written, or the start of a new one. */
export function withDelta(
  state: AiReplies,
  piece: { conversationId: string; replyId: string; delta: string },
): AiReplies {
  if (state.finished.includes(piece.replyId)) return state;
  const current = state.streaming[piece.conversationId];
  const text = current?.replyId === piece.replyId ? current.text + piece.delta : piece.delta;
  return {
    ...state,
    streaming: {
      ...state.streaming,
      [piece.conversationId]: { conversationId: piece.conversationId, replyId: piece.replyId, text },
    },
  };
}

/** The assistant's message was stored: it takes the temporary bubble's place. */
export function withStoredMessage(state: AiReplies, message: Message): AiReplies {
  if (message.author !== 'ai') return state;
  const streaming = without(state.streaming, message.conversationId);
  return streaming === state.streaming ? state : { ...state, streaming };
}

/** The reply is done: its bubble goes, and its message keeps the intent the assistant detected. */
export function withAiResponse(
  state: AiReplies,
  response: { conversationId: string; replyId: string; messageId: string | null; intent: ChatIntent },
): AiReplies {
  const current = state.streaming[response.conversationId];
  const streaming =
    current?.replyId === response.replyId
      ? without(state.streaming, response.conversationId)
      : state.streaming;
  let intents = state.intents;
  if (response.messageId !== null) {
    const kept = Object.entries(intents).slice(-(REMEMBERED - 1));
    intents = Object.fromEntries([...kept, [response.messageId, response.intent]]);
  }
  return { streaming, intents, finished: keepLast([...state.finished, response.replyId]) };
}

/** A reply that stopped arriving (the assistant failed mid-way): its bubble goes. */
export function withoutStalledReply(state: AiReplies, conversationId: string, replyId: string): AiReplies {
  return state.streaming[conversationId]?.replyId === replyId
    ? { ...state, streaming: without(state.streaming, conversationId) }
    : state;
}
