import type { Message } from '@agenda-cheia/contracts';
import { describe, expect, it } from 'vitest';
import {
  noAiReplies,
  withAiResponse,
  withDelta,
  withoutStalledReply,
  withStoredMessage,
  type AiReplies,
} from './aiReplies';

const conversation = '00000000-0000-4000-8000-00000000000a';
const other = '00000000-0000-4000-8000-00000000000b';
const messageId = '00000000-0000-4000-8000-0000000000m1';

function aiMessage(extra: Partial<Message> = {}): Message {
  return {
    id: messageId,
    conversationId: conversation,
    direction: 'outbound',
    author: 'ai',
    authorUserId: null,
    text: 'Oi, Maria! Temos terça às 10h.',
    media: null,
    status: 'queued',
    statusError: null,
    channel: 'whatsapp',
    createdAt: '2026-11-23T12:00:00Z',
    clientMessageId: null,
    ...extra,
  };
}

function streamed(...deltas: string[]): AiReplies {
  return deltas.reduce(
    (state, delta) => withDelta(state, { conversationId: conversation, replyId: 'r1', delta }),
    noAiReplies,
  );
}

describe('the AI reply streaming into a chat', () => {
  it('accumulates the pieces of a reply in order', () => {
    const state = streamed('Oi, ', 'Maria! ', 'Temos terça às 10h.');
    expect(state.streaming[conversation]).toEqual({
      conversationId: conversation,
      replyId: 'r1',
      text: 'Oi, Maria! Temos terça às 10h.',
    });
  });

  it('keeps each conversation its own bubble', () => {
    const state = withDelta(streamed('Oi'), { conversationId: other, replyId: 'r2', delta: 'Olá' });
    expect(state.streaming[conversation]?.text).toBe('Oi');
    expect(state.streaming[other]?.text).toBe('Olá');
  });

  it('starts over when a new reply begins in the same conversation', () => {
    const state = withDelta(streamed('Primeira'), {
      conversationId: conversation,
      replyId: 'r2',
      delta: 'Segunda',
    });
    expect(state.streaming[conversation]).toMatchObject({ replyId: 'r2', text: 'Segunda' });
  });

  it('gives way to the stored message of the assistant', () => {
    const state = withStoredMessage(streamed('Oi'), aiMessage());
    expect(state.streaming[conversation]).toBeUndefined();
  });

  it("is not replaced by the client's or the team's messages", () => {
    const before = streamed('Oi');
    expect(withStoredMessage(before, aiMessage({ author: 'client', direction: 'inbound' }))).toBe(before);
    expect(withStoredMessage(before, aiMessage({ author: 'staff' }))).toBe(before);
  });

  it('ends with the response, which records the intent of the stored message', () => {
    const state = withAiResponse(streamed('Oi'), {
      conversationId: conversation,
      replyId: 'r1',
      messageId,
      intent: 'booking',
    });
    expect(state.streaming[conversation]).toBeUndefined();
    expect(state.intents[messageId]).toBe('booking');
  });

  it('ignores a piece that arrives after its reply was stored', () => {
    const done = withAiResponse(streamed('Oi'), {
      conversationId: conversation,
      replyId: 'r1',
      messageId,
      intent: 'hello',
    });
    expect(withDelta(done, { conversationId: conversation, replyId: 'r1', delta: ' atrasado' })).toBe(done);
  });

  it('drops a reply that stopped arriving, but not a newer one', () => {
    const state = streamed('Oi');
    expect(withoutStalledReply(state, conversation, 'r1').streaming[conversation]).toBeUndefined();
    expect(withoutStalledReply(state, conversation, 'r0')).toBe(state);
  });
});
