import type { RealtimeEvent } from '@agenda-cheia/contracts';

/**
 * What the fan-out benchmark and its server processes say to each other over IPC, and the event they
 * publish: a `message_created` as the inbox sends it for every client message, marked by its message id.
 */
export type ServerRequest = { type: 'publish'; marker: string; tenantId?: string } | { type: 'memory' };

export type ServerReply =
  | { type: 'ready'; port: number }
  | { type: 'published'; marker: string; t0: number }
  | { type: 'memory'; rss: number; heapUsed: number; external: number; gc: boolean };

export function isReply<T extends ServerReply['type']>(
  type: T,
): (message: unknown) => Extract<ServerReply, { type: T }> | undefined {
  return (message) =>
    typeof message === 'object' && message !== null && 'type' in message && message.type === type
      ? (message as Extract<ServerReply, { type: T }>)
      : undefined;
}

export function benchEvent(marker: string): RealtimeEvent {
  const at = '2026-11-23T13:00:00.000Z';
  const conversation = {
    id: '6f1d7c52-3b4a-4c1e-9d3f-2a1b0c9d8e7f',
    clientId: '0b8e2f4a-5c6d-4e7f-8a9b-1c2d3e4f5a6b',
    clientName: 'Maria Souza',
    clientPhone: '+5511988887777',
    channel: 'whatsapp' as const,
    status: 'open' as const,
    mode: 'ai' as const,
    assigneeId: null,
    unreadCount: 1,
    lastMessageAt: at,
    lastMessagePreview: 'Oi, queria marcar um corte amanhã às 15h',
    createdAt: at,
  };
  return {
    event_type: 'message_created',
    data: {
      message: {
        id: marker,
        conversationId: conversation.id,
        direction: 'inbound',
        author: 'client',
        authorUserId: null,
        text: 'Oi, queria marcar um corte amanhã às 15h',
        media: null,
        status: 'received',
        statusError: null,
        channel: 'whatsapp',
        createdAt: at,
        clientMessageId: null,
      },
      conversation,
    },
  };
}

/** The marker of an event as a subscriber receives it (tracked `{ id, data }` or bare). */
export function markerOf(data: unknown): string | undefined {
  const event =
    typeof data === 'object' && data !== null && 'data' in data && 'id' in data ? data.data : data;
  if (typeof event !== 'object' || event === null || !('event_type' in event) || !('data' in event)) return;
  if (event.event_type !== 'message_created') return;
  const payload = event.data;
  if (typeof payload !== 'object' || payload === null || !('message' in payload)) return;
  const message = payload.message;
  if (typeof message !== 'object' || message === null || !('id' in message)) return;
  return typeof message.id === 'string' ? message.id : undefined;
}
