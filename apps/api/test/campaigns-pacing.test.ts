import { sql } from '@agenda-cheia/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignSalon, saoPaulo } from './campaigns-fixture';
import { createTestClock, startTestApi, type TestApi } from './harness';
import { startReceiver } from './n8n-receiver';

const NOW = saoPaulo('2026-11-23', '09:00');
const clock = createTestClock(NOW);
let api: TestApi;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  api = await startTestApi({ clock, outboundDelivery: { pollingIntervalSeconds: 0.2 } });
  receiver = await startReceiver();
});
afterAll(async () => {
  await api.close();
  await receiver.close();
});

async function jobStartsAfter(messageIds: string[]): Promise<Map<string, string>> {
  const { rows } = await sql<{ id: string; start_after: Date }>`
    select id::text as id, start_after from pgboss.job where id = any(${messageIds}::uuid[])`.execute(
    api.database.db,
  );
  return new Map(rows.map((r) => [r.id, r.start_after.toISOString()]));
}

describe('campaign send pacing', () => {
  it('spaces a tenant’s campaign messages by 60/rate seconds across runs, each job starting at its turn', async () => {
    const salon = await campaignSalon(api);
    await salon.client.tenant.update.mutate({ settings: { campaignSendsPerMinute: 30 } });
    await salon.client.integrations.create.mutate({ kind: 'n8n', outboundUrl: receiver.url });
    const { corte, ana, escova, bia } = salon;
    for (const [i, name] of ['Ana Clara', 'Bruna Lima', 'Celia Ramos'].entries()) {
      const who = await salon.addClient(name, `11 95555-000${i}`);
      await salon.visit(who, corte, ana, saoPaulo(`2026-10-1${i}`, '10:00'));
    }
    const dora = await salon.addClient('Dora Vidal', '11 95555-0009');
    await salon.visit(dora, escova, bia, saoPaulo('2026-11-02', '10:00'));
    const recall = await salon.createCampaign({
      kind: 'prazo_certo',
      name: 'Retorno',
      config: { serviceIds: [corte.id] },
    });
    const gaps = await salon.createCampaign({
      kind: 'encher_agenda',
      name: 'Lacunas',
      config: { serviceIds: [escova.id], professionalIds: [bia.id], maxOffersPerRun: 1 },
    });

    const first = await salon.client.automations.executePrazoCerto.mutate({ campaignId: recall.id });
    const second = await salon.client.automations.executeEncherAgenda.mutate({ campaignId: gaps.id });
    expect(first.stats).toEqual({ clientsFound: 3, offersCreated: 3, notificationsSent: 3 });
    expect(second.stats).toEqual({ clientsFound: 1, offersCreated: 1, notificationsSent: 1 });

    // 30 a minute: one every 2 seconds, the second run queued after the first one's last message.
    const messages = await salon.offerMessages();
    expect(messages.map((m) => m.send_after?.toISOString())).toEqual(
      [0, 2, 4, 6].map((s) => new Date(NOW.getTime() + s * 1000).toISOString()),
    );
    const starts = await jobStartsAfter(messages.map((m) => m.id));
    expect(messages.map((m) => starts.get(m.id))).toEqual(messages.map((m) => m.send_after?.toISOString()));

    // Delivered (their turns are in the test clock's past), each once, saying the window is closed.
    await new Promise<void>((resolve, reject) => {
      const deadline = Date.now() + 15_000;
      const check = () => {
        if (messages.every((m) => receiver.successesFor(m.id) === 1)) resolve();
        else if (Date.now() > deadline) reject(new Error('offers not delivered'));
        else setTimeout(check, 50);
      };
      check();
    });
    const delivered = receiver.deliveries.find((d) => d.key === messages[0]?.id);
    expect(JSON.parse(delivered?.body ?? '{}')).toMatchObject({ window_open: false });
  });

  it('delivers a paced message no earlier than its turn, also when re-queued at start-up', async () => {
    const salon = await campaignSalon(api);
    await salon.client.integrations.create.mutate({ kind: 'n8n', outboundUrl: receiver.url });
    // One a minute, from the real now: the second message's turn is a minute away.
    const send = (text: string, key: string) =>
      api.server.services.messenger.send({
        tenantId: salon.tenantId,
        clientId: salon.maria.id,
        text,
        idempotencyKey: key,
        pacing: { sendsPerMinute: 1, notBefore: new Date() },
      });
    const now = await send('Primeira oferta', 'paced-1');
    const later = await send('Segunda oferta', 'paced-2');
    const [first, second] = await api.database.db
      .selectFrom('messages')
      .select(['id', 'send_after'])
      .where('id', 'in', [now.messageId, later.messageId])
      .orderBy('send_after')
      .execute();
    expect((second?.send_after?.getTime() ?? 0) - (first?.send_after?.getTime() ?? 0)).toBe(60_000);

    await new Promise<void>((resolve, reject) => {
      const deadline = Date.now() + 10_000;
      const check = () => {
        if (receiver.successesFor(now.messageId) === 1) resolve();
        else if (Date.now() > deadline) reject(new Error('first offer not delivered'));
        else setTimeout(check, 50);
      };
      check();
    });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(receiver.attemptsFor(later.messageId)).toBe(0);

    // As if its job had been lost: a restarted API re-queues the message, keeping its turn.
    await sql`delete from pgboss.job where id = ${later.messageId}::uuid`.execute(api.database.db);
    const restarted = await startTestApi({ database: api.database, clock });
    try {
      const starts = await jobStartsAfter([later.messageId]);
      expect(starts.get(later.messageId)).toBe(second?.send_after?.toISOString());
      expect(receiver.attemptsFor(later.messageId)).toBe(0);
    } finally {
      await restarted.close();
    }
  });
});
