import { describe, expect, it } from 'vitest';
import {
  emptyPlaygroundChat,
  playgroundInputOf,
  withChunk,
  withClientMessage,
  withEndedStream,
  withFailure,
} from './playgroundChat';

describe('the playground chat', () => {
  it('streams the reply, then keeps it with its intent, engine and tools', () => {
    let chat = withClientMessage(emptyPlaygroundChat, 'Quero marcar um corte amanhã');
    expect(chat.reply).toEqual({ text: '', tools: [] });
    chat = withChunk(chat, { type: 'delta', text: 'Tenho ' });
    chat = withChunk(chat, { type: 'tool', name: 'find_free_slots', summary: '3 horários' });
    chat = withChunk(chat, { type: 'delta', text: 'amanhã às 10h.' });
    expect(chat.reply?.text).toBe('Tenho amanhã às 10h.');
    chat = withChunk(chat, {
      type: 'done',
      text: 'Tenho amanhã às 10h. Pode ser?',
      intent: 'booking',
      authRequestId: null,
      engine: 'offline',
      agentState: { step: 'offered' },
    });
    expect(chat.reply).toBeNull();
    expect(chat.turns.map((turn) => [turn.role, turn.text])).toEqual([
      ['client', 'Quero marcar um corte amanhã'],
      ['agent', 'Tenho amanhã às 10h. Pode ser?'],
    ]);
    expect(chat.turns[1]).toMatchObject({
      intent: 'booking',
      engine: 'offline',
      tools: [{ name: 'find_free_slots', summary: '3 horários' }],
    });
    expect(chat.agentState).toEqual({ step: 'offered' });
  });

  it("sends the whole chat and the agent's memory with the next turn", () => {
    let chat = withClientMessage(emptyPlaygroundChat, 'Oi');
    chat = withChunk(chat, {
      type: 'done',
      text: 'Olá!',
      intent: 'hello',
      authRequestId: null,
      engine: 'offline',
      agentState: { greeted: true },
    });
    chat = withClientMessage(chat, 'Quero marcar');
    expect(playgroundInputOf(chat, 'agent-1')).toEqual({
      agentId: 'agent-1',
      messages: [
        { role: 'client', text: 'Oi' },
        { role: 'agent', text: 'Olá!' },
        { role: 'client', text: 'Quero marcar' },
      ],
      agentState: { greeted: true },
    });
    expect(playgroundInputOf(chat, undefined)).not.toHaveProperty('agentId');
  });

  it('keeps within the 40 messages the server takes', () => {
    let chat = emptyPlaygroundChat;
    for (let n = 0; n < 30; n += 1) {
      chat = withClientMessage(chat, `pergunta ${n}`);
      chat = withChunk(chat, {
        type: 'done',
        text: `resposta ${n}`,
        intent: 'inquiry',
        authRequestId: null,
        engine: 'offline',
        agentState: null,
      });
    }
    chat = withClientMessage(chat, 'última');
    const { messages } = playgroundInputOf(chat, undefined);
    expect(messages).toHaveLength(40);
    expect(messages.at(-1)).toEqual({ role: 'client', text: 'última' });
  });

  it('drops the half-written reply when the turn fails or the stream ends early', () => {
    const writing = withChunk(withClientMessage(emptyPlaygroundChat, 'Oi'), { type: 'delta', text: 'Ol' });
    const failed = withFailure(writing, 'Sem conexão.');
    expect(failed.reply).toBeNull();
    expect(failed.error).toBe('Sem conexão.');
    expect(withEndedStream(writing).error).toBe('A resposta foi interrompida. Tente de novo.');
    expect(withEndedStream(failed)).toBe(failed);
  });
});
