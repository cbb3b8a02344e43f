import {
  AppError,
  type Conversation,
  type Media,
  type Message,
  type MessageReceivedPayload,
  normalizePhone,
} from '@agenda-cheia/contracts';
import type { Database, Kysely } from '@agenda-cheia/db';
import type { EventBus } from '../events/event-bus';
import { findConversation } from './conversation-queries';
import { toMessage } from './mappers';

const PREVIEW_LENGTH = 120;

export interface InboundResult {
  message: Message;
  conversation: Conversation;
  /** False when this provider message id was already stored: a retried delivery. */
  created: boolean;
}

/**
 * Stores a client's message arriving through the gateway: the client is found by phone (or created),
 * the live conversation of that channel is reused (or opened), and the message is stored once per
 * provider message id however many times the provider retries, concurrently or not.
 */
export async function receiveInboundMessage(
  deps: { db: Kysely<Database>; bus: EventBus },
  tenantId: string,
  payload: MessageReceivedPayload,
): Promise<InboundResult> {
  const phone = normalizePhone(payload.phone);
  if (!phone) throw new AppError('VALIDATION_FAILED', 'Telefone inválido.');
  const sentAt =
    typeof payload.timestamp === 'number'
      ? new Date(payload.timestamp < 1e12 ? payload.timestamp * 1000 : payload.timestamp)
      : new Date(payload.timestamp);

  const outcome = await deps.db.transaction().execute(async (trx) => {
    const client = await trx
      .insertInto('clients')
      .values({ tenant_id: tenantId, name: payload.client_name || phone, phone })
      // A known phone keeps its name; the no-op update makes RETURNING give the existing row.
      .onConflict((oc) => oc.constraint('clients_tenant_phone_key').doUpdateSet({ phone }))
      .returning('id')
      .executeTakeFirstOrThrow();

    await trx
      .insertInto('conversations')
      .values({ tenant_id: tenantId, client_id: client.id, channel: payload.channel })
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'client_id', 'channel']).where('status', '<>', 'closed').doNothing(),
      )
      .execute();
    const conversation = await trx
      .selectFrom('conversations')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('client_id', '=', client.id)
      .where('channel', '=', payload.channel)
      .where('status', '<>', 'closed')
      .executeTakeFirstOrThrow();

    const inserted = await trx
      .insertInto('messages')
      .values({
        tenant_id: tenantId,
        conversation_id: conversation.id,
        channel: payload.channel,
        direction: 'inbound',
        author: 'client',
        text: payload.message,
        // The provider's link is only where the file is fetched from; it is stored on S3 by a job.
        media: payload.media
          ? JSON.stringify({
              fileId: null,
              url: payload.media.url,
              mimeType: payload.media.mime_type,
              filename: payload.media.filename ?? null,
              size: null,
              state: 'pending',
              error: null,
            } satisfies Media)
          : null,
        status: 'received',
        provider_message_id: payload.message_id,
        // When the client sent it (provider clock); created_at is when we received it, which orders the chat.
        sent_at: sentAt,
      })
      .onConflict((oc) =>
        oc
          .columns(['tenant_id', 'channel', 'provider_message_id'])
          .where('provider_message_id', 'is not', null)
          .doNothing(),
      )
      .returningAll()
      .executeTakeFirst();
    if (!inserted) {
      const existing = await trx
        .selectFrom('messages')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('channel', '=', payload.channel)
        .where('provider_message_id', '=', payload.message_id)
        .executeTakeFirstOrThrow();
      return { message: existing, created: false };
    }
    await trx
      .updateTable('conversations')
      .set((eb) => ({
        unread_count: eb('unread_count', '+', 1),
        last_message_at: new Date(),
        last_message_preview: (
          payload.message.trim() || (payload.media ? `📎 ${payload.media.filename ?? 'anexo'}` : '')
        ).slice(0, PREVIEW_LENGTH),
        status: 'open',
        updated_at: new Date(),
      }))
      .where('id', '=', conversation.id)
      .execute();
    return { message: inserted, created: true };
  });

  const conversation = await findConversation(deps.db, tenantId, outcome.message.conversation_id);
  if (!conversation) throw new AppError('NOT_FOUND');
  const message = toMessage(outcome.message);
  if (outcome.created) {
    await deps.bus.publish(tenantId, { event_type: 'message_created', data: { message, conversation } });
    await deps.bus.publish(tenantId, { event_type: 'conversation_updated', data: { conversation } });
  }
  return { message, conversation, created: outcome.created };
}
