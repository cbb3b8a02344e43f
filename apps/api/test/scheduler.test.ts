import type { RealtimeEvent } from '@agenda-cheia/contracts';
import { claimScheduledRun } from '@agenda-cheia/core';
import { localDateTimeToInstant } from '@agenda-cheia/scheduling';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignSalon, type CampaignSalon, HOUR, MINUTE, saoPaulo } from './campaigns-fixture';
import { createTestClock, startTestApi, type TestApi } from './harness';

const clock = createTestClock(saoPaulo('2026-11-23', '08:00'));
let api: TestApi;

function setClock(at: Date): void {
  clock.advance(at.getTime() - clock.now().getTime());
}

beforeAll(async () => {
  api = await startTestApi({ clock });
});
afterAll(async () => {
  await api.close();
});

async function eventually(condition: () => Promise<boolean>, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function runsOf(salon: CampaignSalon) {
  return api.database.db
    .selectFrom('campaign_runs')
    .selectAll()
    .where('tenant_id', '=', salon.tenantId)
    .orderBy('started_at')
    .execute();
}

/** Waits for the durable job to finish every run of the tenant. */
async function settled(salon: CampaignSalon) {
  await eventually(
    async () => (await runsOf(salon)).every((run) => run.status !== 'running'),
    'the campaign runs to finish',
  );
  return runsOf(salon);
}

/** Stops a campaign's schedule (straight in the table: the owner's session expires as the clock moves). */
async function disable(campaignId: string) {
  await api.database.db
    .updateTable('campaigns')
    .set({ enabled: false })
    .where('id', '=', campaignId)
    .execute();
}

async function requestStatuses(salon: CampaignSalon) {
  const rows = await api.database.db
    .selectFrom('auth_requests')
    .select('status')
    .where('tenant_id', '=', salon.tenantId)
    .execute();
  return rows.map((r) => r.status);
}

/** A tick of one API instance, narrowed to what it claimed for this tenant. */
async function tick(instance: TestApi, salon: CampaignSalon) {
  const result = await instance.server.scheduler.tick();
  return result.claimed.filter((run) => run.tenantId === salon.tenantId);
}

/** A salon with two clients due for a Corte with Ana, and a Prazo Certo campaign on the default schedule. */
async function dueSalon(createdAt: Date, timezone?: string) {
  setClock(createdAt);
  const salon = await campaignSalon(api, timezone ? { timezone } : {});
  const joana = await salon.addClient('Joana Prado', '11 94444-0001');
  await salon.visit(salon.maria, salon.corte, salon.ana, saoPaulo('2026-10-20', '10:00'));
  await salon.visit(joana, salon.corte, salon.ana, saoPaulo('2026-10-21', '10:00'));
  const campaign = await salon.createCampaign({ kind: 'prazo_certo', name: 'Retorno', config: {} });
  return { salon, campaign };
}

describe('campaign scheduler', () => {
  it('runs a campaign once at 09:00 tenant time: nothing at 08:59, nothing more on later ticks', async () => {
    const { salon, campaign } = await dueSalon(saoPaulo('2026-11-23', '08:30'));
    expect(campaign.config.schedule).toBe('0 9 * * *');
    const events: RealtimeEvent[] = [];
    api.server.services.bus.subscribe(salon.tenantId, (envelope) => events.push(envelope.event));

    setClock(saoPaulo('2026-11-23', '08:59'));
    expect(await tick(api, salon)).toEqual([]);

    setClock(saoPaulo('2026-11-23', '09:00'));
    const claimed = await tick(api, salon);
    expect(claimed).toEqual([
      expect.objectContaining({ campaignId: campaign.id, scheduledFor: saoPaulo('2026-11-23', '09:00') }),
    ]);
    expect(await tick(api, salon)).toEqual([]);
    setClock(saoPaulo('2026-11-23', '09:01'));
    expect(await tick(api, salon)).toEqual([]);

    const [run, ...others] = await settled(salon);
    expect(others).toEqual([]);
    expect(run).toMatchObject({
      trigger: 'schedule',
      status: 'completed',
      scheduled_for: saoPaulo('2026-11-23', '09:00'),
      stats: { clientsFound: 2, offersCreated: 2, notificationsSent: 0 },
    });
    const campaignEvents = events.filter(
      (e) => e.event_type === 'campaign_started' || e.event_type === 'campaign_completed',
    );
    expect(campaignEvents).toEqual([
      {
        event_type: 'campaign_started',
        data: { campaignId: campaign.id, runId: run?.id, kind: 'prazo_certo', name: 'Retorno' },
      },
      {
        event_type: 'campaign_completed',
        data: {
          campaignId: campaign.id,
          runId: run?.id,
          kind: 'prazo_certo',
          name: 'Retorno',
          status: 'completed',
          stats: { clientsFound: 2, offersCreated: 2, notificationsSent: 0 },
        },
      },
    ]);

    // The next day's 09:00 is a new instant; the offers of the day before are still open: nothing to offer.
    setClock(saoPaulo('2026-11-24', '09:00'));
    expect(await tick(api, salon)).toHaveLength(1);
    const runs = await settled(salon);
    expect(runs.map((r) => r.stats)).toEqual([
      { clientsFound: 2, offersCreated: 2, notificationsSent: 0 },
      { clientsFound: 0, offersCreated: 0, notificationsSent: 0 },
    ]);
    await disable(campaign.id);
  });

  it('gives one run and one set of offers when two API instances tick the same instant', async () => {
    const { salon, campaign } = await dueSalon(saoPaulo('2026-11-25', '08:30'));
    const second = await startTestApi({ database: api.database, clock });
    try {
      setClock(saoPaulo('2026-11-25', '09:00'));
      const claims = await Promise.all([
        tick(api, salon),
        tick(second, salon),
        tick(api, salon),
        tick(second, salon),
      ]);
      expect(claims.flat()).toHaveLength(1);

      const runs = await settled(salon);
      expect(runs).toHaveLength(1);
      expect(runs[0]?.stats).toEqual({ clientsFound: 2, offersCreated: 2, notificationsSent: 0 });
      const offers = await salon.offersOf(runs[0]?.id ?? '');
      expect(offers.map((o) => o.client).sort()).toEqual(['Joana Prado', 'Maria Silva']);
      expect(await salon.offerMessages()).toHaveLength(2);
    } finally {
      await second.close();
      await disable(campaign.id);
    }
  });

  it('reads the schedule on the tenant’s own wall clock (Manaus, Encher Agenda Mon/Wed/Fri 14:00)', async () => {
    setClock(saoPaulo('2026-11-27', '08:00'));
    const salon = await campaignSalon(api, { timezone: 'America/Manaus' });
    const campaign = await salon.createCampaign({ kind: 'encher_agenda', name: 'Lacunas', config: {} });
    expect(campaign.config.schedule).toBe('0 14 * * 1,3,5');
    const manaus = (time: string) => localDateTimeToInstant('2026-11-27', time, 'America/Manaus');

    // Friday 14:00 in São Paulo is 13:00 in Manaus.
    setClock(saoPaulo('2026-11-27', '14:00'));
    expect(await tick(api, salon)).toEqual([]);
    setClock(manaus('13:59'));
    expect(await tick(api, salon)).toEqual([]);
    setClock(manaus('14:00'));
    expect(await tick(api, salon)).toEqual([
      expect.objectContaining({ campaignId: campaign.id, scheduledFor: manaus('14:00') }),
    ]);
    expect(manaus('14:00').toISOString()).toBe('2026-11-27T18:00:00.000Z');
    expect(await tick(api, salon)).toEqual([]);
    await settled(salon);
    // Saturday is not in the schedule: Friday's 14:00 is long past, so nothing runs.
    setClock(localDateTimeToInstant('2026-11-28', '14:00', 'America/Manaus'));
    expect(await tick(api, salon)).toEqual([]);
    await disable(campaign.id);
  });

  it('catches up on an instant missed by a short outage, but not on a long one or one before the campaign', async () => {
    const { salon, campaign } = await dueSalon(saoPaulo('2026-12-01', '08:00'));
    // Down from 08:50 to 10:30: today's 09:00 still runs, marked as the 09:00 run.
    setClock(saoPaulo('2026-12-01', '10:30'));
    expect(await tick(api, salon)).toEqual([
      expect.objectContaining({ campaignId: campaign.id, scheduledFor: saoPaulo('2026-12-01', '09:00') }),
    ]);
    await settled(salon);

    // Down from 08:50 to 11:30 the next day: 09:00 is more than two hours ago, it is skipped.
    setClock(saoPaulo('2026-12-02', '11:30'));
    expect(await tick(api, salon)).toEqual([]);

    // A campaign created at 11:30 does not fire for the 09:00 before it existed; it does the next day.
    const late = await api.server.services.campaigns.create(
      {
        userId: salon.owner.user.id,
        tenantId: salon.tenantId,
        role: 'owner',
        sessionId: 'scheduler-test',
        expiresAt: new Date(clock.now().getTime() + HOUR),
      },
      { kind: 'prazo_certo', name: 'Nova', config: {} },
    );
    setClock(saoPaulo('2026-12-02', '11:45'));
    expect((await tick(api, salon)).map((r) => r.campaignId)).toEqual([]);
    setClock(saoPaulo('2026-12-03', '09:00'));
    expect((await tick(api, salon)).map((r) => r.campaignId).sort()).toEqual([campaign.id, late.id].sort());
    await settled(salon);
    await disable(campaign.id);
    await disable(late.id);
  });

  it('hands a claimed run whose job was never created to the queue again', async () => {
    const { salon, campaign } = await dueSalon(saoPaulo('2026-12-04', '08:00'));
    await disable(campaign.id);
    // As if the process that claimed 09:00 died before handing the run over.
    const runId = await claimScheduledRun(api.database.db, {
      tenantId: salon.tenantId,
      campaignId: campaign.id,
      scheduledFor: saoPaulo('2026-12-04', '09:00'),
      now: saoPaulo('2026-12-04', '09:00'),
    });
    setClock(saoPaulo('2026-12-04', '09:01'));
    expect((await api.server.scheduler.tick()).redispatched).toBe(0);
    setClock(saoPaulo('2026-12-04', '09:03'));
    expect((await api.server.scheduler.tick()).redispatched).toBeGreaterThanOrEqual(1);
    const [run] = await settled(salon);
    expect(run).toMatchObject({ id: runId, status: 'completed', stats: { offersCreated: 2 } });
  });

  it('releases expired offers on every tick, freeing their slots', async () => {
    const { salon, campaign } = await dueSalon(saoPaulo('2026-12-07', '08:00'));
    setClock(saoPaulo('2026-12-07', '09:00'));
    expect(await tick(api, salon)).toHaveLength(1);
    await settled(salon);
    await disable(campaign.id);
    expect(await requestStatuses(salon)).toEqual(['open', 'open']);

    setClock(new Date(saoPaulo('2026-12-07', '09:00').getTime() + 24 * HOUR + MINUTE));
    const result = await api.server.scheduler.tick();
    expect(result.expired).toBeGreaterThanOrEqual(2);
    expect(await requestStatuses(salon)).toEqual(['expired', 'expired']);
  });
});
