import type { Database, Kysely } from '@agenda-cheia/db';
import { sql } from '@agenda-cheia/db';
import type { EventBus } from '../events/event-bus';
import type { ClientMessenger } from '../inbox/client-messenger';
import type { Clock } from '../shared/clock';
import { clientFirstName, describeWhen } from '../shared/pt-br-format';

export function reminderText(input: {
  clientName: string;
  serviceName: string;
  professionalName: string;
  start: Date;
  timeZone: string;
}): string {
  const name = clientFirstName(input.clientName);
  const hello = name ? `Oi, ${name}!` : 'Oi!';
  return (
    `${hello} Passando para lembrar do seu horário: ${input.serviceName} com ${input.professionalName}` +
    ` ${describeWhen(input.start, input.timeZone)}. Responda CONFIRMO para confirmar ou PRECISO CANCELAR se não puder vir. 💜`
  );
}

/**
 * Reminds clients of appointments starting within their tenant's reminder window (default 24 h).
 * Sent first, marked after: the message's idempotency key makes a retry or a second process send it
 * once, and a crash between the two only repeats the (deduplicated) send.
 */
export async function sendDueReminders(
  deps: { db: Kysely<Database>; bus: EventBus; clock: Clock; messenger: ClientMessenger },
  limit = 200,
): Promise<number> {
  const now = deps.clock.now();
  const hours = sql<number>`coalesce((t.settings->>'reminderHoursBefore')::int, 24)`;
  const due = await deps.db
    .selectFrom('appointments as a')
    .innerJoin('tenants as t', 't.id', 'a.tenant_id')
    .innerJoin('clients as c', 'c.id', 'a.client_id')
    .innerJoin('services as s', 's.id', 'a.service_id')
    .innerJoin('professionals as p', 'p.id', 'a.professional_id')
    .select([
      'a.id',
      'a.tenant_id',
      'a.client_id',
      'a.starts_at',
      't.timezone',
      'c.name as client_name',
      's.name as service_name',
      'p.name as professional_name',
    ])
    .where('a.reminder_sent_at', 'is', null)
    .where('a.status', '=', 'scheduled')
    .where('a.starts_at', '>', now)
    .where(hours, '>', 0)
    .where(sql<boolean>`a.starts_at <= ${now}::timestamptz + make_interval(hours => ${hours})`)
    .orderBy('a.starts_at')
    .limit(limit)
    .execute();

  for (const appointment of due) {
    const text = reminderText({
      clientName: appointment.client_name,
      serviceName: appointment.service_name,
      professionalName: appointment.professional_name,
      start: appointment.starts_at,
      timeZone: appointment.timezone,
    });
    const sent = await deps.messenger.send({
      tenantId: appointment.tenant_id,
      clientId: appointment.client_id,
      text,
      idempotencyKey: `reminder:${appointment.id}`,
    });
    const marked = await deps.db
      .updateTable('appointments')
      .set({ reminder_sent_at: now })
      .where('id', '=', appointment.id)
      .where('reminder_sent_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!marked) continue;
    await deps.bus.publish(appointment.tenant_id, {
      event_type: 'notification_sent',
      data: {
        audience: 'client',
        kind: 'reminder',
        title: `Lembrete para ${appointment.client_name}`,
        body: text,
        clientId: appointment.client_id,
        conversationId: sent.conversationId,
        messageId: sent.messageId,
        authRequestId: null,
        appointmentId: appointment.id,
      },
    });
  }
  return due.length;
}
