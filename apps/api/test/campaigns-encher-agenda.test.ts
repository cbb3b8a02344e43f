import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignSalon, type CampaignSalon, DAY, saoPaulo } from './campaigns-fixture';
import { appCodeOf, createTestClock, startTestApi, type TestApi } from './harness';

// Monday 2026-11-23, 09:00 in São Paulo. The salon works Tuesday to Saturday.
const NOW = saoPaulo('2026-11-23', '09:00');
const clock = createTestClock(NOW);
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ clock });
});
afterAll(async () => {
  await api.close();
});

const tue = (time: string) => saoPaulo('2026-11-24', time).toISOString();

/**
 * Candidates for Bia's Escova gaps (history with Bia or of Escova; Escova returns every 14 days):
 *
 * | client | history                         | due Escova  | rank                          |
 * | Paula  | Escova, Bia, 05/11              | 19/11       | 1                             |
 * | Vera   | Escova, Duda, 10/11             | 24/11       | 2                             |
 * | Carla  | Escova, Ana, 12/11              | 26/11       | 3                             |
 * | Lia    | Manicure, Bia, 14/11            | —           | 4 (knows Bia, nothing due)    |
 * | Nina   | Manicure, Ana, 14/11            | —           | not a candidate (neither)     |
 * | Rita   | Escova, Bia, 01/10              | 15/10       | opted out                     |
 * | Sônia  | Escova, Bia, 02/10              | 16/10       | offered 5 days ago            |
 * | Wilma  | Escova, Bia, 03/10              | 17/10       | has a Manicure booked         |
 */
async function gapFixture(salon: CampaignSalon) {
  const { escova, manicure, ana, bia, duda } = salon;
  const paula = await salon.addClient('Paula Reis', '11 93333-0001');
  const vera = await salon.addClient('Vera Nunes', '11 93333-0002');
  const carla = await salon.addClient('Carla Dias', '11 93333-0003');
  const lia = await salon.addClient('Lia Rocha', '11 93333-0004');
  const nina = await salon.addClient('Nina Souza', '11 93333-0005');
  const rita = await salon.addClient('Rita Lopes', '11 93333-0006', { optOut: true });
  const sonia = await salon.addClient('Sônia Alves', '11 93333-0007');
  const wilma = await salon.addClient('Wilma Cruz', '11 93333-0008');
  await salon.visit(paula, escova, bia, saoPaulo('2026-11-05', '15:00'));
  await salon.visit(vera, escova, duda, saoPaulo('2026-11-10', '15:00'));
  await salon.visit(carla, escova, ana, saoPaulo('2026-11-12', '10:30'));
  await salon.visit(lia, manicure, bia, saoPaulo('2026-11-14', '10:00'));
  await salon.visit(nina, manicure, ana, saoPaulo('2026-11-14', '10:00'));
  await salon.visit(rita, escova, bia, saoPaulo('2026-10-01', '10:00'));
  await salon.visit(sonia, escova, bia, saoPaulo('2026-10-02', '10:00'));
  await salon.pastOffer(sonia, new Date(NOW.getTime() - 5 * DAY));
  await salon.visit(wilma, escova, bia, saoPaulo('2026-10-03', '10:00'));
  await salon.visit(wilma, manicure, bia, saoPaulo('2026-12-02', '10:00'), 'scheduled');
  return { paula, vera, carla, lia, nina };
}

async function openOffersByStart(salon: CampaignSalon) {
  const open = await salon.client.authRequests.list.query({ status: 'open' });
  return open.items
    .map((r) => ({ start: r.start, client: r.clientName, professional: r.professionalName }))
    .sort((a, b) => a.start.localeCompare(b.start));
}

describe('Encher Agenda', () => {
  it('offers the earliest free gaps, one each, to the best-ranked candidates', async () => {
    const salon = await campaignSalon(api);
    await gapFixture(salon);
    const campaign = await salon.createCampaign({
      kind: 'encher_agenda',
      name: 'Lacunas da Bia',
      config: { serviceIds: [salon.escova.id], daysAhead: 2, maxOffersPerRun: 3, discountPercent: 20 },
    });

    const result = await salon.client.automations.executeEncherAgenda.mutate({
      campaignId: campaign.id,
      professionalId: salon.bia.id,
    });

    // Bia's free Tuesday, in 45-minute Escovas that do not overlap: 09:00, 09:45, 10:30, 11:15, 13:00…
    // Three offers at most: the three most overdue candidates; Lia is found but not offered.
    expect(result.stats).toEqual({ clientsFound: 4, offersCreated: 3, notificationsSent: 0 });
    expect(await salon.offersOf(result.runId)).toEqual([
      { client: 'Paula Reis', service: 'Escova', professional: 'Bia', start: tue('09:00') },
      { client: 'Vera Nunes', service: 'Escova', professional: 'Bia', start: tue('09:45') },
      { client: 'Carla Dias', service: 'Escova', professional: 'Bia', start: tue('10:30') },
    ]);
    const [toPaula] = await salon.offerMessages();
    expect(toPaula?.text).toBe(
      'Oi, Paula! Abriu um horário terça-feira, 24/11 às 09:00 com Bia para Escova, por R$ 48,00' +
        ' (20% de desconto). Quer? Responda SIM ou NÃO.',
    );
    const pending = await salon.client.authRequests.list.query({ status: 'open' });
    expect(
      pending.items.every((r) => r.source === 'encher_agenda' && r.createdByAgent === 'encher_agenda'),
    ).toBe(true);
  });

  it('frees a declined gap for the next candidate at the next run, never two offers for one gap', async () => {
    const salon = await campaignSalon(api);
    const { paula } = await gapFixture(salon);
    const campaign = await salon.createCampaign({
      kind: 'encher_agenda',
      name: 'Lacunas da Bia',
      config: {
        serviceIds: [salon.escova.id],
        professionalIds: [salon.bia.id],
        daysAhead: 2,
        maxOffersPerRun: 3,
      },
    });
    await salon.client.automations.executeEncherAgenda.mutate({ campaignId: campaign.id });
    const paulaOffer = await api.server.services.authRequests.openOfferOf(salon.tenantId, paula.id);
    if (!paulaOffer) throw new Error('Paula has no offer');
    await api.server.services.authRequests.recordClientAnswer(salon.tenantId, paulaOffer.id, 'declined');

    const next = await salon.client.automations.executeEncherAgenda.mutate({ campaignId: campaign.id });

    // Paula was contacted (cooldown); Vera and Carla hold 09:45 and 10:30: Lia gets the freed 09:00.
    expect(next.stats).toEqual({ clientsFound: 1, offersCreated: 1, notificationsSent: 0 });
    expect(await salon.offersOf(next.runId)).toEqual([
      { client: 'Lia Rocha', service: 'Escova', professional: 'Bia', start: tue('09:00') },
    ]);
    expect(await openOffersByStart(salon)).toEqual([
      { start: tue('09:00'), client: 'Lia Rocha', professional: 'Bia' },
      { start: tue('09:45'), client: 'Vera Nunes', professional: 'Bia' },
      { start: tue('10:30'), client: 'Carla Dias', professional: 'Bia' },
    ]);

    const third = await salon.client.automations.executeEncherAgenda.mutate({ campaignId: campaign.id });
    expect(third.stats).toEqual({ clientsFound: 0, offersCreated: 0, notificationsSent: 0 });
  });

  it('offers each client once per run even when they rank first for several professionals', async () => {
    const salon = await campaignSalon(api);
    await gapFixture(salon);
    const campaign = await salon.createCampaign({
      kind: 'encher_agenda',
      name: 'Escovas',
      config: { serviceIds: [salon.escova.id], daysAhead: 2, maxOffersPerRun: 2 },
    });

    const result = await salon.client.automations.executeEncherAgenda.mutate({ campaignId: campaign.id });

    // Ana's and Bia's 09:00 Escovas come first (Duda has no hours). Paula ranks first for both; she
    // gets Ana's (A before B), Vera gets Bia's 09:00.
    expect(await salon.offersOf(result.runId)).toEqual([
      { client: 'Paula Reis', service: 'Escova', professional: 'Ana', start: tue('09:00') },
      { client: 'Vera Nunes', service: 'Escova', professional: 'Bia', start: tue('09:00') },
    ]);
  });

  it('answers NOT_FOUND for a professional of another tenant', async () => {
    const salon = await campaignSalon(api);
    const other = await campaignSalon(api);
    const campaign = await salon.createCampaign({ kind: 'encher_agenda', name: 'Lacunas', config: {} });
    expect(
      await appCodeOf(
        salon.client.automations.executeEncherAgenda.mutate({
          campaignId: campaign.id,
          professionalId: other.bia.id,
        }),
      ),
    ).toBe('NOT_FOUND');
  });
});
