import type { ChatIntent, PlaygroundChunk, PlaygroundInput } from '@agenda-cheia/contracts';

/**
 * The playground's conversation: the owner writes as a client, the agent's reply streams in. Pure
 * functions over the chat, so the streaming rules can be checked without a browser.
 */

export interface ToolNote {
  name: string;
  summary: string;
}

export interface PlaygroundTurn {
  id: number;
  role: 'client' | 'agent';
  text: string;
  /** Agent turns: what it understood, what it used and which engine answered. */
  intent?: ChatIntent;
  engine?: 'llm' | 'offline';
  tools?: readonly ToolNote[];
}

export interface PlaygroundChat {
  turns: readonly PlaygroundTurn[];
  /** The reply being written, or null between turns. */
  reply: { text: string; tools: readonly ToolNote[] } | null;
  /** The agent's working memory from the last turn, sent back with the next one. */
  agentState: Record<string, unknown> | null;
  /** Why the last turn failed, in pt-BR. */
  error: string | null;
  nextId: number;
}

export const emptyPlaygroundChat: PlaygroundChat = {
  turns: [],
  reply: null,
  agentState: null,
  error: null,
  nextId: 1,
};

/** The most the server takes: 40 messages of up to 2,000 characters. */
const MAX_MESSAGES = 40;
const MAX_TEXT = 2000;

export function withClientMessage(chat: PlaygroundChat, text: string): PlaygroundChat {
  return {
    ...chat,
    turns: [...chat.turns, { id: chat.nextId, role: 'client', text }],
    reply: { text: '', tools: [] },
    error: null,
    nextId: chat.nextId + 1,
  };
}

export function withChunk(chat: PlaygroundChat, chunk: PlaygroundChunk): PlaygroundChat {
  const reply = chat.reply ?? { text: '', tools: [] };
  switch (chunk.type) {
    case 'delta':
      return { ...chat, reply: { ...reply, text: reply.text + chunk.text } };
    case 'tool':
      return {
        ...chat,
        reply: { ...reply, tools: [...reply.tools, { name: chunk.name, summary: chunk.summary }] },
      };
    case 'done':
      // The final text is the reply as stored: it wins over the pieces streamed.
      return {
        ...chat,
        turns: [
          ...chat.turns,
          {
            id: chat.nextId,
            role: 'agent',
            text: chunk.text,
            intent: chunk.intent,
            engine: chunk.engine,
            tools: reply.tools,
          },
        ],
        reply: null,
        agentState: chunk.agentState,
        nextId: chat.nextId + 1,
      };
  }
}

/** The turn failed: nothing half-written stays, and the owner can write again. */
export function withFailure(chat: PlaygroundChat, message: string): PlaygroundChat {
  return { ...chat, reply: null, error: message };
}

/** A stream that ended without its `done` (the connection closed): the same as a failure. */
export function withEndedStream(chat: PlaygroundChat): PlaygroundChat {
  return chat.reply === null ? chat : withFailure(chat, 'A resposta foi interrompida. Tente de novo.');
}

/** What the next turn sends: the chat so far (the server's limits respected) and the agent's memory. */
export function playgroundInputOf(chat: PlaygroundChat, agentId: string | undefined): PlaygroundInput {
  const messages = chat.turns
    .filter((turn) => turn.text.trim() !== '')
    .slice(-MAX_MESSAGES)
    .map((turn) => ({ role: turn.role, text: turn.text.slice(0, MAX_TEXT) }));
  return {
    ...(agentId === undefined ? {} : { agentId }),
    messages,
    agentState: chat.agentState,
  };
}
