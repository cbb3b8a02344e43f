import {
  type AuthRequestDesk,
  claimScheduledRun,
  type Clock,
  type EventBus,
  listEnabledCampaigns,
  listRunningScheduledRuns,
} from '@agenda-cheia/core';
import type { Database, Kysely } from '@agenda-cheia/db';
import cron, { type ScheduledTask } from 'node-cron';
import type { CampaignRunQueue } from '../campaigns/campaign-run-queue';
import { lastScheduledInstant } from './campaign-schedule';

/**
 * A restart after a short outage still runs today's 09:00; a campaign created or re-enabled long after its
 * instant does not fire for it.
 */
export const DEFAULT_CATCH_UP_MS = 2 * 60 * 60 * 1000;
/**
 * A scheduled run still running this long after its claim is handed to the queue again, in case the
 * process that claimed it died before handing it over (the queue ignores a run it already has).
 */
export const DEFAULT_REDISPATCH_AFTER_MS = 2 * 60 * 1000;

export interface ClaimedRun {
  tenantId: string;
  campaignId: string;
  runId: string;
  scheduledFor: Date;
}

export interface TickResult {
  /** Offers and requests whose time to answer ran out, released by this tick. */
  expired: number;
  /** Appointment reminders sent by this tick. */
  reminded: number;
  /** Runs this process claimed (another process ticking the same instant claims nothing). */
  claimed: ClaimedRun[];
  /** Runs handed to the queue again. */
  redispatched: number;
}

export interface SchedulerLog {
  error(details: object, message: string): void;
  info(details: object, message: string): void;
}

/**
 * The campaign scheduler: node-cron ticks every minute in every API process. A tick expires overdue offers
 * (their gaps become free again), then, for every enabled campaign, finds the most recent instant its
 * schedule names at or before now on the tenant's wall clock, and claims that instant's run with an insert
 * that only one process can win (unique campaign + instant). The winner announces the run and hands it to
 * the durable queue, which executes it, retries it after a crash and resumes it without duplicate offers.
 */
export function createCampaignScheduler(deps: {
  db: Kysely<Database>;
  bus: EventBus;
  clock: Clock;
  authRequests: Pick<AuthRequestDesk, 'expireDue'>;
  /** Appointment reminders due this minute (sent on the same tick). */
  reminders?: { sendDue(): Promise<number> };
  queue: CampaignRunQueue;
  log?: SchedulerLog;
  catchUpMs?: number;
  redispatchAfterMs?: number;
}) {
  const { db, bus, clock, queue } = deps;
  const catchUpMs = deps.catchUpMs ?? DEFAULT_CATCH_UP_MS;
  const redispatchAfterMs = deps.redispatchAfterMs ?? DEFAULT_REDISPATCH_AFTER_MS;
  let task: ScheduledTask | undefined;
  const inFlight = new Set<Promise<unknown>>();

  async function claimDueRuns(now: Date): Promise<ClaimedRun[]> {
    const claimed: ClaimedRun[] = [];
    for (const campaign of await listEnabledCampaigns(db)) {
      const instant = lastScheduledInstant(campaign.schedule, campaign.timezone, now);
      if (!instant) continue;
      if (now.getTime() - instant.getTime() > catchUpMs) continue;
      if (instant.getTime() < campaign.createdAt.getTime()) continue;
      const runId = await claimScheduledRun(db, {
        tenantId: campaign.tenantId,
        campaignId: campaign.campaignId,
        scheduledFor: instant,
        now,
      });
      if (!runId) continue;
      claimed.push({
        tenantId: campaign.tenantId,
        campaignId: campaign.campaignId,
        runId,
        scheduledFor: instant,
      });
      await bus.publish(campaign.tenantId, {
        event_type: 'campaign_started',
        data: { campaignId: campaign.campaignId, runId, kind: campaign.kind, name: campaign.name },
      });
      await queue.enqueue({ tenantId: campaign.tenantId, runId });
      deps.log?.info(
        { tenantId: campaign.tenantId, campaignId: campaign.campaignId, runId, scheduledFor: instant },
        'campaign run claimed',
      );
    }
    return claimed;
  }

  async function tick(): Promise<TickResult> {
    const now = clock.now();
    const expired = await deps.authRequests.expireDue();
    const reminded = (await deps.reminders?.sendDue()) ?? 0;
    const claimed = await claimDueRuns(now);
    const stale = await listRunningScheduledRuns(db, new Date(now.getTime() - redispatchAfterMs));
    for (const run of stale) await queue.enqueue(run);
    return { expired, reminded, claimed, redispatched: stale.length };
  }

  /** Runs a tick, tracked so that stopping waits for it. */
  function trackedTick(): Promise<TickResult> {
    const running = tick();
    inFlight.add(running);
    const forget = () => inFlight.delete(running);
    running.then(forget, forget);
    return running;
  }

  return {
    /** One tick now (tests drive the scheduler with their clock through this). */
    tick: trackedTick,

    /** Ticks at the start of every minute until stopped. */
    start(): void {
      if (task) return;
      task = cron.schedule(
        '* * * * *',
        async () => {
          try {
            await trackedTick();
          } catch (error) {
            deps.log?.error({ err: error }, 'campaign scheduler tick failed');
          }
        },
        { name: 'campaign-scheduler', noOverlap: true },
      );
    },

    /** No more ticks; waits for a tick under way. */
    async stop(): Promise<void> {
      const stopping = task;
      task = undefined;
      if (stopping) await stopping.destroy();
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}

export type CampaignScheduler = ReturnType<typeof createCampaignScheduler>;
