import { createCampaignRunner } from '@agenda-cheia/agents';
import { claimScheduledRun } from '@agenda-cheia/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignSalon, type CampaignSalon, DAY, HOUR, saoPaulo } from './campaigns-fixture';
import { appCodeOf, createTestClock, startTestApi, type TestApi } from './harness';
import { startReceiver } from './n8n-receiver';

// Monday 2026-11-23, 09:00 in São Paulo. The salon works Tuesday to Saturday.
const NOW = saoPaulo('2026-11-23', '09:00');
const clock = createTestClock(NOW);
let api: TestApi;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  api = await startTestApi({ clock });
  receiver = await startReceiver();
});
afterAll(async () => {
  await api.close();
  await receiver.close();
});

const tue = (time: string) => saoPaulo('2026-11-24', time).toISOString();

/**
 * The recall fixture, every figure by hand (due = last visit + cycle; Corte 30 days, Escova 14 days):
 *
 * | client | last visit                      | due           | why                        |
 * | Paula  | Escova, Bia, 05/11 15:00 (+ Corte, Ana, 30/10: due 29/11) | 19/11 15:00 | most overdue service wins |
 * | Rita   | Corte, Ana, 20/10 10:00         | 19/11 10:00   | opted out: skipped         |
 * | Sônia  | Corte, Ana, 21/10 10:00         | 20/11 10:00   | offered 5 days ago: cooldown |
 * | Tânia  | Corte, Ana, 22/10 10:00         | 21/11 10:00   | offered 20 days ago: due again |
 * | Wilma  | Corte, Ana, 23/10 10:00         | 22/11 10:00   | has a Corte booked: skipped |
 * | Vera   | Escova, Duda, 10/11 15:00       | 24/11 15:00   | Duda has no hours: another professional |
 * | Maria  | Corte, Ana, 27/10 10:00         | 26/11 10:00   |                            |
 * | Carla  | Escova, Ana, 12/11 10:30        | 26/11 10:30   |                            |
 * | Xuxa   | Corte, Ana, 10/11 10:00         | 10/12 10:00   | not due within 7 days      |
 */
async function recallFixture(salon: CampaignSalon) {
  const { corte, escova, ana, bia, duda, maria } = salon;
  const paula = await salon.addClient('Paula Reis', '11 91111-0001');
  const rita = await salon.addClient('Rita Lopes', '11 91111-0002', { optOut: true });
  const sonia = await salon.addClient('Sônia Alves', '11 91111-0003');
  const tania = await salon.addClient('Tânia Melo', '11 91111-0004');
  const wilma = await salon.addClient('Wilma Cruz', '11 91111-0005');
  const vera = await salon.addClient('Vera Nunes', '11 91111-0006');
  const carla = await salon.addClient('Carla Dias', '11 91111-0007');
  const xuxa = await salon.addClient('Xuxa Prado', '11 91111-0008');
  await salon.visit(paula, escova, bia, saoPaulo('2026-11-05', '15:00'));
  await salon.visit(paula, corte, ana, saoPaulo('2026-10-30', '10:00'));
  await salon.visit(rita, corte, ana, saoPaulo('2026-10-20', '10:00'));
  await salon.visit(sonia, corte, ana, saoPaulo('2026-10-21', '10:00'));
  await salon.pastOffer(sonia, new Date(NOW.getTime() - 5 * DAY));
  await salon.visit(tania, corte, ana, saoPaulo('2026-10-22', '10:00'));
  await salon.pastOffer(tania, new Date(NOW.getTime() - 20 * DAY));
  await salon.visit(wilma, corte, ana, saoPaulo('2026-10-23', '10:00'));
  await salon.visit(wilma, corte, ana, saoPaulo('2026-12-01', '10:00'), 'scheduled');
  await salon.visit(vera, escova, duda, saoPaulo('2026-11-10', '15:00'));
  await salon.visit(maria, corte, ana, saoPaulo('2026-10-27', '10:00'));
  await salon.visit(carla, escova, ana, saoPaulo('2026-11-12', '10:30'));
  await salon.visit(xuxa, corte, ana, saoPaulo('2026-11-10', '10:00'));
  return { paula, rita, sonia, tania, wilma, vera, carla, xuxa };
}

/** What the fixture's run offers: each client's best slot, none overlapping another. */
const EXPECTED_OFFERS = [
  // Most overdue first: Paula's Escova with Bia at the first free time.
  { client: 'Paula Reis', service: 'Escova', professional: 'Bia', start: tue('09:00') },
  // Tânia's Corte with Ana, first free time.
  { client: 'Tânia Melo', service: 'Corte feminino', professional: 'Ana', start: tue('09:00') },
  // Vera's Duda is never free: the earliest slot of anyone else that this run has not offered.
  { client: 'Vera Nunes', service: 'Escova', professional: 'Bia', start: tue('09:45') },
  // From 2 days before her due date; 10:00 overlaps Tânia's 09:00 Corte (+15 min buffer).
  { client: 'Maria Silva', service: 'Corte feminino', professional: 'Ana', start: tue('10:15') },
  // From 10:30; Ana is taken until 11:30 by Maria's offer, and an Escova at 11:30 would end after 12:00.
  { client: 'Carla Dias', service: 'Escova', professional: 'Ana', start: tue('13:00') },
];

describe('Prazo Certo', () => {
  it('offers each due client the best free slot, skipping opted-out, cooled-down and booked clients', async () => {
    const salon = await campaignSalon(api);
    await salon.client.integrations.create.mutate({ kind: 'n8n', outboundUrl: receiver.url });
    await recallFixture(salon);
    const campaign = await salon.createCampaign({
      kind: 'prazo_certo',
      name: 'Retorno',
      config: {
        discountPercent: 10,
        daysAhead: 7,
        cooldownDays: 14,
        offerExpiryHours: 24,
        whatsappTemplate: { name: 'oferta_retorno', language: 'pt_BR' },
      },
    });

    const result = await salon.client.automations.executePrazoCerto.mutate({ campaignId: campaign.id });

    expect(result.stats).toEqual({ clientsFound: 5, offersCreated: 5, notificationsSent: 5 });
    expect(await salon.offersOf(result.runId)).toEqual(EXPECTED_OFFERS);

    const pending = await salon.client.authRequests.list.query({ status: 'open' });
    const maria = pending.items.find((r) => r.clientName === 'Maria Silva');
    expect(maria).toMatchObject({
      source: 'prazo_certo',
      clientConsent: 'pending',
      createdByAgent: 'prazo_certo',
      // 24 hours to answer.
      expiresAt: new Date(NOW.getTime() + 24 * HOUR).toISOString(),
      offer: {
        discountPercent: 10,
        priceCents: 8000,
        finalPriceCents: 7200,
        campaignId: campaign.id,
        campaignRunId: result.runId,
      },
    });

    const messages = await salon.offerMessages();
    expect(messages.map((m) => m.client)).toEqual([
      'Paula Reis',
      'Tânia Melo',
      'Vera Nunes',
      'Maria Silva',
      'Carla Dias',
    ]);
    const toMaria = messages.find((m) => m.client === 'Maria Silva');
    expect(toMaria?.text).toBe(
      'Oi, Maria! Já está na hora de renovar seu Corte feminino 💇‍♀️ Separei terça-feira, 24/11 às 10:15' +
        ' com Ana por R$ 72,00 (10% de desconto). Posso reservar? Responda SIM ou NÃO.',
    );
    expect(toMaria?.template).toEqual({
      name: 'oferta_retorno',
      language: 'pt_BR',
      params: ['Maria', 'Corte feminino', 'terça-feira, 24/11', '10:15', 'R$ 72,00'],
    });
    expect(messages.every((m) => m.status !== 'failed')).toBe(true);

    const runs = await salon.client.campaigns.runs.query({ campaignId: campaign.id });
    expect(runs.items).toHaveLength(1);
    expect(runs.items[0]).toMatchObject({
      id: result.runId,
      trigger: 'manual',
      scheduledFor: null,
      status: 'completed',
      results: { clientsFound: 5, offersCreated: 5, notificationsSent: 5, accepted: 0, booked: 0 },
    });
  });

  it('offers nobody new when run again right after (open offers, cooldown)', async () => {
    const salon = await campaignSalon(api);
    await recallFixture(salon);
    const campaign = await salon.createCampaign({ kind: 'prazo_certo', name: 'Retorno', config: {} });
    const first = await salon.client.automations.executePrazoCerto.mutate({ campaignId: campaign.id });
    expect(first.stats.offersCreated).toBe(5);
    // Without a gateway the messages are stored as "not delivered: no gateway" and do not count as sent.
    expect(first.stats.notificationsSent).toBe(0);
    expect((await salon.offerMessages()).map((m) => [m.status, m.status_error])).toEqual(
      Array.from({ length: 5 }, () => ['failed', 'no gateway']),
    );

    const second = await salon.client.automations.executePrazoCerto.mutate({ campaignId: campaign.id });
    expect(second.stats).toEqual({ clientsFound: 0, offersCreated: 0, notificationsSent: 0 });
    expect(await salon.offersOf(second.runId)).toEqual([]);
  });

  it('never offers a slot that was booked or held just before the run', async () => {
    const salon = await campaignSalon(api);
    const { maria, corte, ana } = salon;
    await salon.visit(maria, corte, ana, saoPaulo('2026-10-27', '10:00'));
    // Maria's best slot would be Tuesday 10:00 with Ana. Just before the run, Joana books 10:00 (until
    // 11:15 with the buffer; 11:15 would end after 12:00) and Lu's chat request holds 13:00 (until 14:15).
    const joana = await salon.addClient('Joana Prado', '11 92222-0001');
    const lu = await salon.addClient('Lu Matos', '11 92222-0002');
    await salon.client.appointments.create.mutate({
      clientId: joana.id,
      serviceId: corte.id,
      professionalId: ana.id,
      start: tue('10:00'),
    });
    await api.server.services.authRequests.propose({
      tenantId: salon.tenantId,
      clientId: lu.id,
      serviceId: corte.id,
      professionalId: ana.id,
      start: new Date(tue('13:00')),
      source: 'chat',
      clientConsent: 'accepted',
      expiresAt: new Date(NOW.getTime() + 24 * HOUR),
      createdByAgent: 'chat_agent',
    });
    const campaign = await salon.createCampaign({ kind: 'prazo_certo', name: 'Retorno', config: {} });

    const result = await salon.client.automations.executePrazoCerto.mutate({ campaignId: campaign.id });

    expect(await salon.offersOf(result.runId)).toEqual([
      { client: 'Maria Silva', service: 'Corte feminino', professional: 'Ana', start: tue('14:15') },
    ]);
  });

  it('tries the next slot when the chosen one is taken between the search and the offer', async () => {
    const salon = await campaignSalon(api);
    const { maria, corte, ana } = salon;
    await salon.visit(maria, corte, ana, saoPaulo('2026-10-27', '10:00'));
    const joana = await salon.addClient('Joana Prado', '11 92222-0003');
    const campaign = await salon.createCampaign({ kind: 'prazo_certo', name: 'Retorno', config: {} });
    const services = api.server.services;
    let raced = false;
    // Another booking lands on Ana's Tuesday 10:00 right before the agent proposes it.
    const runner = createCampaignRunner({
      db: api.database.db,
      bus: services.bus,
      clock,
      messenger: services.messenger,
      queue: { enqueue: () => Promise.resolve() },
      authRequests: {
        async propose(input) {
          if (!raced) {
            raced = true;
            await salon.client.appointments.create.mutate({
              clientId: joana.id,
              serviceId: corte.id,
              professionalId: ana.id,
              start: input.start.toISOString(),
            });
          }
          return services.authRequests.propose(input);
        },
      },
    });
    const actor = services.auth.verifyAccessToken(salon.owner.accessToken);

    const result = await runner.executePrazoCerto(actor, { campaignId: campaign.id });

    expect(raced).toBe(true);
    expect(result.stats).toEqual({ clientsFound: 1, offersCreated: 1, notificationsSent: 0 });
    // 10:00 went to Joana (until 11:15): the next slot that fits is after lunch.
    expect(await salon.offersOf(result.runId)).toEqual([
      { client: 'Maria Silva', service: 'Corte feminino', professional: 'Ana', start: tue('13:00') },
    ]);
  });

  it('respects the maximum offers per run, the campaign’s service filter and its discount', async () => {
    const salon = await campaignSalon(api);
    await recallFixture(salon);
    const campaign = await salon.createCampaign({
      kind: 'prazo_certo',
      name: 'Só escova',
      config: { serviceIds: [salon.escova.id], maxOffersPerRun: 1, discountPercent: 25 },
    });

    const result = await salon.client.automations.executePrazoCerto.mutate({ campaignId: campaign.id });

    // Escova is due for Paula (19/11), Vera (24/11) and Carla (26/11): one offer, to the most overdue.
    expect(result.stats).toEqual({ clientsFound: 3, offersCreated: 1, notificationsSent: 0 });
    expect(await salon.offersOf(result.runId)).toEqual([EXPECTED_OFFERS[0]]);
    const [message] = await salon.offerMessages();
    expect(message?.text).toContain('por R$ 45,00 (25% de desconto)');
  });

  it('resumes a run cut off mid-way without duplicate offers or messages', async () => {
    const salon = await campaignSalon(api);
    await recallFixture(salon);
    const campaign = await salon.createCampaign({ kind: 'prazo_certo', name: 'Retorno', config: {} });
    const runId = await claimScheduledRun(api.database.db, {
      tenantId: salon.tenantId,
      campaignId: campaign.id,
      scheduledFor: NOW,
      now: NOW,
    });
    if (!runId) throw new Error('the run was not claimed');
    const services = api.server.services;
    // The process dies after storing the third offer, before its message is written.
    let sends = 0;
    const crashing = createCampaignRunner({
      db: api.database.db,
      bus: services.bus,
      clock,
      authRequests: services.authRequests,
      queue: { enqueue: () => Promise.resolve() },
      messenger: {
        send(message) {
          sends += 1;
          if (sends === 3) return Promise.reject(new Error('process killed'));
          return services.messenger.send(message);
        },
      },
    });

    await expect(crashing.resume({ tenantId: salon.tenantId, runId })).rejects.toThrow('process killed');
    const cut = await salon.client.campaigns.runs.query({ campaignId: campaign.id });
    expect(cut.items[0]).toMatchObject({ id: runId, status: 'running' });
    expect(await salon.offersOf(runId)).toHaveLength(3);
    expect(await salon.offerMessages()).toHaveLength(2);

    // The job's retry resumes the same run.
    const stats = await services.campaignRuns.resume({ tenantId: salon.tenantId, runId });

    expect(stats).toEqual({ clientsFound: 5, offersCreated: 5, notificationsSent: 0 });
    expect(await salon.offersOf(runId)).toEqual(EXPECTED_OFFERS);
    const messages = await salon.offerMessages();
    expect(messages.map((m) => m.client).sort()).toEqual(EXPECTED_OFFERS.map((o) => o.client).sort());
    // Resuming a finished run does nothing.
    expect(await services.campaignRuns.resume({ tenantId: salon.tenantId, runId })).toBeNull();
    expect(await salon.offerMessages()).toHaveLength(5);
  });

  it('refuses to run an Encher Agenda campaign as Prazo Certo', async () => {
    const salon = await campaignSalon(api);
    const campaign = await salon.createCampaign({ kind: 'encher_agenda', name: 'Lacunas', config: {} });
    const run = salon.client.automations.executePrazoCerto.mutate({ campaignId: campaign.id });
    await expect(run).rejects.toThrow('Esta campanha não é do tipo Prazo Certo.');
    expect(await appCodeOf(run)).toBe('VALIDATION_FAILED');
  });
});
