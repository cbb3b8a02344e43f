import type { CampaignResults, RunStats } from '@agenda-cheia/contracts';
import { type CampaignRunRow, type MessageStatus, sql } from '@agenda-cheia/db';
import type { Executor } from '../shared/executor';
import { offerMessageKey } from './offer-message';

/**
 * The record of campaign runs. A scheduled run is claimed by inserting it: the unique index on
 * (campaign_id, scheduled_for) lets one insert win however many processes tick the same instant. A run is
 * `running` until it completes or fails for good; a resumed run (a retried job after a crash) is the same row.
 */

export const emptyRunStats: RunStats = { clientsFound: 0, offersCreated: 0, notificationsSent: 0 };

/** Claims the run of a scheduled instant. Answers its id, or null when another process claimed it first. */
export async function claimScheduledRun(
  db: Executor,
  run: { tenantId: string; campaignId: string; scheduledFor: Date; now: Date },
): Promise<string | null> {
  const inserted = await db
    .insertInto('campaign_runs')
    .values({
      tenant_id: run.tenantId,
      campaign_id: run.campaignId,
      trigger: 'schedule',
      scheduled_for: run.scheduledFor,
      started_at: run.now,
    })
    .onConflict((oc) =>
      oc.columns(['campaign_id', 'scheduled_for']).where('scheduled_for', 'is not', null).doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  return inserted?.id ?? null;
}

/** A run started by hand: no scheduled instant, so any number of them may exist. */
export async function insertManualRun(
  db: Executor,
  run: { id: string; tenantId: string; campaignId: string; now: Date },
): Promise<CampaignRunRow> {
  return db
    .insertInto('campaign_runs')
    .values({
      id: run.id,
      tenant_id: run.tenantId,
      campaign_id: run.campaignId,
      trigger: 'manual',
      scheduled_for: null,
      started_at: run.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findRunRow(db: Executor, tenantId: string, runId: string) {
  return db
    .selectFrom('campaign_runs')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', runId)
    .executeTakeFirst();
}

/** running → completed with its figures. Answers false when the run was no longer running. */
export async function completeRun(
  db: Executor,
  run: { runId: string; stats: RunStats; now: Date },
): Promise<boolean> {
  const updated = await db
    .updateTable('campaign_runs')
    .set({ status: 'completed', stats: JSON.stringify(run.stats), completed_at: run.now, error: null })
    .where('id', '=', run.runId)
    .where('status', '=', 'running')
    .returning('id')
    .executeTakeFirst();
  return updated !== undefined;
}

/** running → failed with the reason (and the figures so far, when known). False if it was not running. */
export async function failRun(
  db: Executor,
  run: { tenantId: string; runId: string; error: string; now: Date; stats?: RunStats },
): Promise<CampaignRunRow | undefined> {
  return db
    .updateTable('campaign_runs')
    .set({
      status: 'failed',
      error: run.error.slice(0, 2000),
      completed_at: run.now,
      ...(run.stats ? { stats: JSON.stringify(run.stats) } : {}),
    })
    .where('tenant_id', '=', run.tenantId)
    .where('id', '=', run.runId)
    .where('status', '=', 'running')
    .returningAll()
    .executeTakeFirst();
}

/** Scheduled runs still running that started before `startedBefore`: handed to the job queue again. */
export async function listRunningScheduledRuns(
  db: Executor,
  startedBefore: Date,
): Promise<{ tenantId: string; runId: string }[]> {
  const rows = await db
    .selectFrom('campaign_runs')
    .select(['tenant_id', 'id'])
    .where('status', '=', 'running')
    .where('trigger', '=', 'schedule')
    .where('started_at', '<', startedBefore)
    .orderBy('started_at')
    .limit(500)
    .execute();
  return rows.map((r) => ({ tenantId: r.tenant_id, runId: r.id }));
}

export function recordedStats(row: Pick<CampaignRunRow, 'stats'>): RunStats {
  return { ...emptyRunStats, ...row.stats };
}

type Outcomes = Pick<CampaignResults, 'accepted' | 'booked' | 'revenueBookedCents'>;
const noOutcomes: Outcomes = { accepted: 0, booked: 0, revenueBookedCents: 0 };

/**
 * What the offers became since: accepted = the client said yes, booked = the request became an appointment,
 * revenue = the final prices of those appointments that were not cancelled since.
 */
function outcomesQuery(db: Executor, tenantId: string) {
  return db
    .selectFrom('auth_requests as r')
    .leftJoin('appointments as a', (join) =>
      join.onRef('a.id', '=', 'r.appointment_id').on('a.status', '<>', 'cancelled'),
    )
    .where('r.tenant_id', '=', tenantId)
    .select([
      sql<number>`count(*) filter (where r.client_consent = 'accepted')::int`.as('accepted'),
      sql<number>`count(*) filter (where r.status = 'booked')::int`.as('booked'),
      sql<number>`coalesce(sum(a.final_price_cents) filter (where r.status = 'booked'), 0)::int`.as(
        'revenue',
      ),
    ]);
}

/** The outcomes of several runs' offers, in one query. */
export async function runOutcomes(
  db: Executor,
  tenantId: string,
  runIds: readonly string[],
): Promise<Map<string, Outcomes>> {
  const byRun = new Map<string, Outcomes>();
  if (runIds.length === 0) return byRun;
  const rows = await outcomesQuery(db, tenantId)
    .where('r.campaign_run_id', 'in', runIds)
    .select('r.campaign_run_id')
    .groupBy('r.campaign_run_id')
    .execute();
  for (const row of rows) {
    if (row.campaign_run_id)
      byRun.set(row.campaign_run_id, {
        accepted: row.accepted,
        booked: row.booked,
        revenueBookedCents: row.revenue,
      });
  }
  return byRun;
}

export function outcomesOf(byRun: Map<string, Outcomes>, runId: string): Outcomes {
  return byRun.get(runId) ?? noOutcomes;
}

/** A campaign's figures over all its runs: the recorded counts summed, and what its offers became. */
export async function campaignTotals(
  db: Executor,
  tenantId: string,
  campaignId: string,
): Promise<CampaignResults & { runs: number }> {
  const [recorded, outcomes] = await Promise.all([
    db
      .selectFrom('campaign_runs')
      .where('tenant_id', '=', tenantId)
      .where('campaign_id', '=', campaignId)
      .select([
        sql<number>`count(*)::int`.as('runs'),
        sql<number>`coalesce(sum((stats->>'clientsFound')::int), 0)::int`.as('clients_found'),
        sql<number>`coalesce(sum((stats->>'offersCreated')::int), 0)::int`.as('offers_created'),
        sql<number>`coalesce(sum((stats->>'notificationsSent')::int), 0)::int`.as('notifications_sent'),
      ])
      .executeTakeFirstOrThrow(),
    outcomesQuery(db, tenantId).where('r.campaign_id', '=', campaignId).executeTakeFirstOrThrow(),
  ]);
  return {
    runs: recorded.runs,
    clientsFound: recorded.clients_found,
    offersCreated: recorded.offers_created,
    notificationsSent: recorded.notifications_sent,
    accepted: outcomes.accepted,
    booked: outcomes.booked,
    revenueBookedCents: outcomes.revenue,
  };
}

/** The stored status of the offer messages of some requests, by request id (absent: never stored). */
export async function offerMessageStatuses(
  db: Executor,
  tenantId: string,
  authRequestIds: readonly string[],
): Promise<Map<string, MessageStatus>> {
  if (authRequestIds.length === 0) return new Map();
  const byKey = new Map(authRequestIds.map((id) => [offerMessageKey(id), id]));
  const rows = await db
    .selectFrom('messages')
    .select(['client_message_id', 'status'])
    .where('tenant_id', '=', tenantId)
    .where('client_message_id', 'in', [...byKey.keys()])
    .execute();
  const statuses = new Map<string, MessageStatus>();
  for (const row of rows) {
    const id = row.client_message_id ? byKey.get(row.client_message_id) : undefined;
    if (id) statuses.set(id, row.status);
  }
  return statuses;
}
