import type { Appointment, NotificationSent } from '@agenda-cheia/contracts';
import type { Database, Kysely } from '@agenda-cheia/db';
import type { EventBus } from '../events/event-bus';
import { findConversation } from '../inbox/conversation-queries';
import { findAppointment } from '../schedule/appointment-queries';
import type { Clock } from '../shared/clock';

/**
 * What a client can do through the chat agent, on their own records only: every function takes the
 * client id from the conversation, never from what the client wrote.
 */
export function createClientActions(deps: { db: Kysely<Database>; bus: EventBus; clock: Clock }) {
  const { db, bus, clock } = deps;

  async function notifyOwner(tenantId: string, data: Omit<NotificationSent, 'audience'>): Promise<void> {
    await bus.publish(tenantId, { event_type: 'notification_sent', data: { audience: 'owner', ...data } });
  }

  return {
    notifyOwner,

    /** "parar", "sair": no more campaign messages. Answers whether it changed anything. */
    async optOut(tenantId: string, clientId: string): Promise<boolean> {
      const now = clock.now();
      const updated = await db
        .updateTable('clients')
        .set({ campaign_opt_out: true, opted_out_at: now, updated_at: now })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', clientId)
        .where('campaign_opt_out', '=', false)
        .returning('id')
        .executeTakeFirst();
      // Offers already sent are withdrawn with the opt-out.
      await db
        .updateTable('auth_requests')
        .set({ status: 'cancelled', updated_at: now })
        .where('tenant_id', '=', tenantId)
        .where('client_id', '=', clientId)
        .where('status', '=', 'open')
        .where('source', 'in', ['prazo_certo', 'encher_agenda'])
        .execute();
      return updated !== undefined;
    },

    /** Cancels one of the client's upcoming appointments; the freed time becomes a gap campaigns can offer. */
    async cancelAppointment(
      tenantId: string,
      clientId: string,
      appointmentId: string,
      reason: string,
    ): Promise<Appointment | undefined> {
      const now = clock.now();
      const updated = await db
        .updateTable('appointments')
        .set({ status: 'cancelled', cancelled_at: now, cancel_reason: reason, updated_at: now })
        .where('tenant_id', '=', tenantId)
        .where('client_id', '=', clientId)
        .where('id', '=', appointmentId)
        .where('status', 'in', ['scheduled', 'confirmed'])
        .where('starts_at', '>', now)
        .returning('id')
        .executeTakeFirst();
      if (!updated) return undefined;
      const appointment = await findAppointment(db, tenantId, appointmentId);
      if (!appointment) return undefined;
      await bus.publish(tenantId, {
        event_type: 'appointment_updated',
        data: { appointment, change: 'cancelled' },
      });
      return appointment;
    },

    /** "confirmo" after a reminder. */
    async confirmAppointment(
      tenantId: string,
      clientId: string,
      appointmentId: string,
    ): Promise<Appointment | undefined> {
      const now = clock.now();
      const updated = await db
        .updateTable('appointments')
        .set({ status: 'confirmed', confirmed_at: now, updated_at: now })
        .where('tenant_id', '=', tenantId)
        .where('client_id', '=', clientId)
        .where('id', '=', appointmentId)
        .where('status', '=', 'scheduled')
        .returning('id')
        .executeTakeFirst();
      if (!updated) return undefined;
      const appointment = await findAppointment(db, tenantId, appointmentId);
      if (!appointment) return undefined;
      await bus.publish(tenantId, {
        event_type: 'appointment_updated',
        data: { appointment, change: 'confirmed' },
      });
      return appointment;
    },

    /** Hands the conversation to the team: the agent stops answering and the owner is told why. */
    async handOver(
      tenantId: string,
      conversationId: string,
      why: { kind: 'handover' | 'complaint'; title: string; body: string; clientId: string },
    ): Promise<void> {
      await db
        .updateTable('conversations')
        .set({ mode: 'human', status: 'pending', updated_at: clock.now() })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', conversationId)
        .execute();
      const conversation = await findConversation(db, tenantId, conversationId);
      if (conversation)
        await bus.publish(tenantId, { event_type: 'conversation_updated', data: { conversation } });
      await notifyOwner(tenantId, {
        kind: why.kind,
        title: why.title,
        body: why.body,
        clientId: why.clientId,
        conversationId,
        messageId: null,
        authRequestId: null,
        appointmentId: null,
      });
    },
  };
}

export type ClientActions = ReturnType<typeof createClientActions>;
