import type { MessageStatus, MessageStatusPayload } from '@agenda-cheia/contracts';
import type { Database, Kysely } from '@agenda-cheia/db';
import type { EventBus } from '../events/event-bus';

/** Statuses only move forward; `failed` can only replace a status that had not yet reached the phone. */
const RANK: Record<MessageStatus, number> = {
  received: 0,
  queued: 1,
  sent: 2,
  delivered: 3,
  read: 4,
  failed: 2.5,
};

export function statusesThatMayBecome(next: MessageStatus): MessageStatus[] {
  return (Object.keys(RANK) as MessageStatus[]).filter((s) => RANK[s] < RANK[next]);
}

/**
 * Applies a delivery status reported by the gateway to an outbound message, named by our id
 * (the Idempotency-Key we sent) or by the provider's. Answers whether the message exists.
 */
export async function applyDeliveryStatus(
  deps: { db: Kysely<Database>; bus: EventBus },
  tenantId: string,
  payload: MessageStatusPayload,
): Promise<{ found: boolean; changed: boolean }> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(payload.message_id);
  const target = await deps.db
    .selectFrom('messages')
    .select(['id', 'conversation_id'])
    .where('tenant_id', '=', tenantId)
    .where('direction', '=', 'outbound')
    .where((eb) =>
      isUuid
        ? eb.or([eb('id', '=', payload.message_id), eb('provider_message_id', '=', payload.message_id)])
        : eb('provider_message_id', '=', payload.message_id),
    )
    .executeTakeFirst();
  if (!target) return { found: false, changed: false };

  const updated = await deps.db
    .updateTable('messages')
    .set({
      status: payload.status,
      status_error: payload.status === 'failed' ? (payload.error ?? 'falha na entrega') : null,
      updated_at: new Date(),
    })
    .where('id', '=', target.id)
    .where('status', 'in', statusesThatMayBecome(payload.status))
    .executeTakeFirst();
  const changed = updated.numUpdatedRows > 0n;
  if (changed) {
    await deps.bus.publish(tenantId, {
      event_type: 'message_status',
      data: {
        messageId: target.id,
        conversationId: target.conversation_id,
        status: payload.status,
        error: payload.status === 'failed' ? (payload.error ?? 'falha na entrega') : null,
      },
    });
  }
  return { found: true, changed };
}
