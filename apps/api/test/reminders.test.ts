import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, createChatSalon } from './chat-fixture';
import { createTestClock, startTestApi, type TestApi } from './harness';
import { startReceiver } from './n8n-receiver';

// Friday 2026-11-20, 10:00 in São Paulo.
const clock = createTestClock(new Date('2026-11-20T13:00:00Z'));
let api: TestApi;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  receiver = await startReceiver();
  api = await startTestApi({ clock, outboundDelivery: { pollingIntervalSeconds: 0.2 } });
});
afterAll(async () => {
  await api.close();
  await receiver.close();
});

async function reminders(salon: Awaited<ReturnType<typeof createChatSalon>>) {
  const id = await salon.conversationId();
  if (!id) return [];
  const page = await salon.client.messages.list.query({ conversationId: id, limit: 100 });
  return page.items.filter((m) => m.text.includes('lembrar')).map((m) => m.text);
}

describe('appointment reminders', () => {
  it('reminds once within the tenant’s window, and the client confirms by answering', async () => {
    const salon = await createChatSalon(api, receiver);
    const soon = await salon.client.appointments.create.mutate({
      clientId: salon.maria.id,
      serviceId: salon.services.escova?.id ?? '',
      professionalId: salon.ana.id,
      start: at('2026-11-21', '09:30'),
    });
    // Three days ahead: outside the default 24 hours.
    const later = await salon.client.appointments.create.mutate({
      clientId: salon.maria.id,
      serviceId: salon.services.corte?.id ?? '',
      professionalId: salon.ana.id,
      start: at('2026-11-24', '15:00'),
    });

    await api.server.scheduler.tick();
    await api.server.scheduler.tick();
    const sent = await reminders(salon);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain('Escova com Ana Paula sábado, 21/11 às 09:30');
    expect(sent[0]).toContain('CONFIRMO');

    const stored = await api.database.db
      .selectFrom('appointments')
      .select(['id', 'reminder_sent_at'])
      .where('id', 'in', [soon.id, later.id])
      .execute();
    expect(stored.find((a) => a.id === soon.id)?.reminder_sent_at).toBeInstanceOf(Date);
    expect(stored.find((a) => a.id === later.id)?.reminder_sent_at).toBeNull();

    await salon.say('confirmo!');
    expect((await salon.client.appointments.get.query({ id: soon.id })).status).toBe('confirmed');
    expect((await salon.client.appointments.get.query({ id: later.id })).status).toBe('scheduled');
  });

  it('sends nothing when the tenant turned reminders off', async () => {
    const salon = await createChatSalon(api, receiver);
    await salon.client.tenant.update.mutate({ settings: { reminderHoursBefore: 0 } });
    await salon.client.appointments.create.mutate({
      clientId: salon.maria.id,
      serviceId: salon.services.escova?.id ?? '',
      professionalId: salon.ana.id,
      start: at('2026-11-21', '10:30'),
    });
    await api.server.scheduler.tick();
    expect(await reminders(salon)).toEqual([]);
  });
});
