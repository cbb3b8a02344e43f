import { TRPCClientError } from '@trpc/client';
import { defaultCampaignTemplates } from '@agenda-cheia/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignSalon, type CampaignSalon, saoPaulo } from './campaigns-fixture';
import { appCodeOf, createTestClock, startTestApi, type TestApi } from './harness';

const NOW = saoPaulo('2026-11-23', '09:00');
const clock = createTestClock(NOW);
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ clock });
});
afterAll(async () => {
  await api.close();
});

async function messageOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCClientError) return error.message;
    throw error;
  }
  throw new Error('expected the call to fail');
}

async function staffOf(salon: CampaignSalon) {
  const email = `staff-${salon.owner.user.id}@example.com`;
  await salon.client.users.create.mutate({ name: 'Equipe', email, password: 'senha-staff-1', role: 'staff' });
  const session = await api.client().auth.login.mutate({ email, password: 'senha-staff-1' });
  return api.client(session.accessToken);
}

describe('campaigns', () => {
  it('creates campaigns with each kind’s defaults: message, schedule and limits', async () => {
    const salon = await campaignSalon(api);
    const recall = await salon.createCampaign({ kind: 'prazo_certo', name: 'Retorno' });
    expect(recall).toMatchObject({
      kind: 'prazo_certo',
      name: 'Retorno',
      enabled: true,
      lastRun: null,
      config: {
        discountPercent: 0,
        daysAhead: 7,
        serviceIds: [],
        professionalIds: [],
        cooldownDays: 14,
        maxOffersPerRun: 30,
        offerExpiryHours: 24,
        template: defaultCampaignTemplates.prazo_certo,
        schedule: '0 9 * * *',
      },
    });
    clock.advance(60_000);
    const gaps = await salon.createCampaign({ kind: 'encher_agenda', name: 'Lacunas', enabled: false });
    expect(gaps.config.schedule).toBe('0 14 * * 1,3,5');
    expect(gaps.config.template).toBe(defaultCampaignTemplates.encher_agenda);
    expect(gaps.enabled).toBe(false);

    const listed = await salon.client.campaigns.list.query();
    // Oldest first.
    expect(listed.items.map((c) => c.name)).toEqual(['Retorno', 'Lacunas']);
    expect(await salon.client.campaigns.get.query({ id: recall.id })).toEqual(recall);
  });

  it('changes only the settings given, and deletes', async () => {
    const salon = await campaignSalon(api);
    const created = await salon.createCampaign({
      kind: 'prazo_certo',
      name: 'Retorno',
      config: {
        discountPercent: 10,
        daysAhead: 5,
        schedule: '30 8 * * 2-6',
        whatsappTemplate: { name: 'retorno', language: 'pt_BR' },
      },
    });
    const updated = await salon.client.campaigns.update.mutate({
      id: created.id,
      name: 'Retorno de cortes',
      config: {
        discountPercent: 15,
        serviceIds: [salon.corte.id],
        template: 'Oi {nome}, {servico} {data} {hora}?',
      },
    });
    expect(updated).toMatchObject({
      name: 'Retorno de cortes',
      enabled: true,
      config: {
        discountPercent: 15,
        daysAhead: 5,
        serviceIds: [salon.corte.id],
        schedule: '30 8 * * 2-6',
        template: 'Oi {nome}, {servico} {data} {hora}?',
        whatsappTemplate: { name: 'retorno', language: 'pt_BR' },
      },
    });
    const withoutTemplate = await salon.client.campaigns.update.mutate({
      id: created.id,
      enabled: false,
      config: { whatsappTemplate: null },
    });
    expect(withoutTemplate.enabled).toBe(false);
    expect(withoutTemplate.config.whatsappTemplate).toBeUndefined();
    expect(withoutTemplate.config.discountPercent).toBe(15);

    expect(await salon.client.campaigns.delete.mutate({ id: created.id })).toEqual({ id: created.id });
    expect(await appCodeOf(salon.client.campaigns.get.query({ id: created.id }))).toBe('NOT_FOUND');
    expect(await appCodeOf(salon.client.campaigns.delete.mutate({ id: created.id }))).toBe('NOT_FOUND');
  });

  it('refuses a schedule the scheduler cannot read, unknown placeholders, and out-of-range settings', async () => {
    const salon = await campaignSalon(api);
    const notCron = salon.createCampaign({
      kind: 'prazo_certo',
      name: 'Retorno',
      config: { schedule: 'todo dia às 9' },
    });
    expect(await appCodeOf(notCron)).toBe('VALIDATION_FAILED');
    expect(await messageOf(notCron)).toContain(
      'Agendamento inválido: use o formato cron de 5 campos (ex.: 0 9 * * *).',
    );
    const outOfRange = salon.createCampaign({
      kind: 'prazo_certo',
      name: 'Retorno',
      config: { schedule: '99 9 * * *' },
    });
    expect(await appCodeOf(outOfRange)).toBe('VALIDATION_FAILED');
    expect(await messageOf(outOfRange)).toBe(
      'Agendamento inválido: use o formato cron de 5 campos (ex.: 0 9 * * *).',
    );

    const typo = salon.createCampaign({
      kind: 'prazo_certo',
      name: 'Retorno',
      config: { template: 'Oi {nome}, seu {servicio} vence {data}.' },
    });
    expect(await appCodeOf(typo)).toBe('VALIDATION_FAILED');
    expect(await messageOf(typo)).toContain('Marcador desconhecido na mensagem: {servicio}.');

    expect(
      await appCodeOf(
        salon.createCampaign({ kind: 'prazo_certo', name: 'X', config: { discountPercent: 95 } }),
      ),
    ).toBe('VALIDATION_FAILED');
    expect(await appCodeOf(salon.createCampaign({ kind: 'prazo_certo', name: ' ' }))).toBe(
      'VALIDATION_FAILED',
    );

    const existing = await salon.createCampaign({ kind: 'prazo_certo', name: 'Retorno' });
    expect(
      await appCodeOf(
        salon.client.campaigns.update.mutate({ id: existing.id, config: { schedule: '0 25 * * *' } }),
      ),
    ).toBe('VALIDATION_FAILED');
    expect((await salon.client.campaigns.get.query({ id: existing.id })).config.schedule).toBe('0 9 * * *');
  });

  it('keeps each tenant’s campaigns to itself', async () => {
    const salon = await campaignSalon(api);
    const other = await campaignSalon(api);
    const mine = await salon.createCampaign({ kind: 'prazo_certo', name: 'Minha' });
    const theirs = other.client;

    expect((await theirs.campaigns.list.query()).items).toEqual([]);
    expect(await appCodeOf(theirs.campaigns.get.query({ id: mine.id }))).toBe('NOT_FOUND');
    expect(await appCodeOf(theirs.campaigns.update.mutate({ id: mine.id, name: 'Roubada' }))).toBe(
      'NOT_FOUND',
    );
    expect(await appCodeOf(theirs.campaigns.delete.mutate({ id: mine.id }))).toBe('NOT_FOUND');
    expect(await appCodeOf(theirs.campaigns.runs.query({ campaignId: mine.id }))).toBe('NOT_FOUND');
    expect(await appCodeOf(theirs.campaigns.stats.query({ id: mine.id }))).toBe('NOT_FOUND');
    expect(await appCodeOf(theirs.automations.executePrazoCerto.mutate({ campaignId: mine.id }))).toBe(
      'NOT_FOUND',
    );
    // Filters naming another tenant's services or professionals are refused.
    expect(
      await appCodeOf(
        theirs.campaigns.create.mutate({
          kind: 'encher_agenda',
          name: 'Filtro alheio',
          config: { serviceIds: [salon.corte.id] },
        }),
      ),
    ).toBe('NOT_FOUND');
    expect(
      await appCodeOf(
        theirs.campaigns.create.mutate({
          kind: 'encher_agenda',
          name: 'Filtro alheio',
          config: { professionalIds: [salon.ana.id] },
        }),
      ),
    ).toBe('NOT_FOUND');
    expect((await salon.client.campaigns.get.query({ id: mine.id })).name).toBe('Minha');
  });

  it('lets staff read campaigns, runs and stats, but not change or run them', async () => {
    const salon = await campaignSalon(api);
    const campaign = await salon.createCampaign({ kind: 'prazo_certo', name: 'Retorno' });
    const staff = await staffOf(salon);

    expect((await staff.campaigns.list.query()).items).toHaveLength(1);
    await expect(staff.campaigns.get.query({ id: campaign.id })).resolves.toMatchObject({ id: campaign.id });
    await expect(staff.campaigns.runs.query({ campaignId: campaign.id })).resolves.toEqual({ items: [] });
    await expect(staff.campaigns.stats.query({ id: campaign.id })).resolves.toMatchObject({ runs: 0 });
    expect(await appCodeOf(staff.campaigns.create.mutate({ kind: 'prazo_certo', name: 'X' }))).toBe(
      'FORBIDDEN',
    );
    expect(await appCodeOf(staff.campaigns.update.mutate({ id: campaign.id, enabled: false }))).toBe(
      'FORBIDDEN',
    );
    expect(await appCodeOf(staff.campaigns.delete.mutate({ id: campaign.id }))).toBe('FORBIDDEN');
    expect(await appCodeOf(staff.automations.executePrazoCerto.mutate({ campaignId: campaign.id }))).toBe(
      'FORBIDDEN',
    );
    expect(await appCodeOf(staff.automations.executeEncherAgenda.mutate({ campaignId: campaign.id }))).toBe(
      'FORBIDDEN',
    );
  });

  it('reports what the offers became: accepted, booked and the revenue booked', async () => {
    const salon = await campaignSalon(api);
    const { corte, escova, ana, bia, maria } = salon;
    const paula = await salon.addClient('Paula Reis', '11 96666-0001');
    const tania = await salon.addClient('Tânia Melo', '11 96666-0002');
    await salon.visit(maria, corte, ana, saoPaulo('2026-10-27', '10:00'));
    await salon.visit(paula, escova, bia, saoPaulo('2026-11-05', '15:00'));
    await salon.visit(tania, corte, ana, saoPaulo('2026-10-22', '10:00'));
    const campaign = await salon.createCampaign({
      kind: 'prazo_certo',
      name: 'Retorno',
      config: { discountPercent: 10 },
    });
    const run = await salon.client.automations.executePrazoCerto.mutate({ campaignId: campaign.id });
    expect(run.stats).toEqual({ clientsFound: 3, offersCreated: 3, notificationsSent: 0 });

    const desk = api.server.services.authRequests;
    const offerOf = async (clientId: string) => {
      const offer = await desk.openOfferOf(salon.tenantId, clientId);
      if (!offer) throw new Error('no offer');
      return offer;
    };
    // Maria says yes and the owner approves: booked at R$ 72,00 (Corte R$ 80 − 10%).
    const toMaria = await offerOf(maria.id);
    await desk.recordClientAnswer(salon.tenantId, toMaria.id, 'accepted');
    await salon.client.authRequests.decide.mutate({ id: toMaria.id, decision: 'approve' });
    // Paula says yes, the owner has not decided yet; Tânia says no.
    await desk.recordClientAnswer(salon.tenantId, (await offerOf(paula.id)).id, 'accepted');
    await desk.recordClientAnswer(salon.tenantId, (await offerOf(tania.id)).id, 'declined');

    const totals = { clientsFound: 3, offersCreated: 3, notificationsSent: 0, accepted: 2, booked: 1 };
    expect(await salon.client.campaigns.stats.query({ id: campaign.id })).toEqual({
      runs: 1,
      ...totals,
      revenueBookedCents: 7200,
    });
    const runs = await salon.client.campaigns.runs.query({ campaignId: campaign.id });
    expect(runs.items.map((r) => r.results)).toEqual([{ ...totals, revenueBookedCents: 7200 }]);
    expect((await salon.client.campaigns.get.query({ id: campaign.id })).lastRun).toMatchObject({
      id: run.runId,
      status: 'completed',
    });
  });
});
