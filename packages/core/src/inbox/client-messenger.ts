import type { ChatIntent } from '@agenda-cheia/contracts';
import type { Database, Kysely, OutboundTemplate } from '@agenda-cheia/db';
import type { EventBus } from '../events/event-bus';
import { openClientConversation } from './client-conversation';
import { createOutboundMessage, type OutboundPacing } from './outbound-message';
import type { OutboundQueue } from './outbound-queue';

export interface ClientMessage {
  tenantId: string;
  clientId: string;
  text: string;
  /** `ai` for the agent's own words, `system` for notices (confirmations, reminders, offers). */
  author?: 'ai' | 'system';
  template?: OutboundTemplate | null;
  /** AI replies: the intent the agent detected. */
  intent?: ChatIntent | null;
  /** Makes a retried notice (a resumed campaign run, a re-run job) store the message once. */
  idempotencyKey?: string;
  /** Campaign offers: paced per tenant (`send_after`), see `OutboundPacing`. */
  pacing?: OutboundPacing | null;
  /** Answer on this conversation (a chat reply); otherwise the client's live WhatsApp conversation. */
  conversationId?: string;
}

export interface SentClientMessage {
  messageId: string;
  conversationId: string;
  /** False when stored but not handed to a gateway (the tenant has none). */
  queued: boolean;
}

export interface ClientMessenger {
  send(message: ClientMessage): Promise<SentClientMessage>;
}

/** Writes to a client on their live conversation (opened when needed), through the durable outbound queue. */
export function createClientMessenger(deps: {
  db: Kysely<Database>;
  bus: EventBus;
  queue: OutboundQueue;
}): ClientMessenger {
  return {
    async send(message) {
      const conversationId =
        message.conversationId ?? (await openClientConversation(deps.db, message.tenantId, message.clientId));
      const stored = await createOutboundMessage(
        deps.db,
        { bus: deps.bus, queue: deps.queue },
        {
          tenantId: message.tenantId,
          conversationId,
          author: message.author ?? 'system',
          authorUserId: null,
          text: message.text,
          template: message.template ?? null,
          intent: message.intent ?? null,
          clientMessageId: message.idempotencyKey ?? null,
          pacing: message.pacing ?? null,
        },
      );
      return { messageId: stored.id, conversationId, queued: stored.status !== 'failed' };
    },
  };
}
