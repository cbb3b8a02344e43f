import type { CampaignRunner, CampaignRunQueue } from '@agenda-cheia/agents';
import { AppError } from '@agenda-cheia/contracts';
import type PgBoss from 'pg-boss';
import { z } from 'zod';
import type { Logger } from '../logger';
import { createQueue, pollQueue, type QueuePoller } from './job-runner';

export const CAMPAIGN_RUN_QUEUE = 'campaign-run';
/** Where a run's job lands once every attempt failed: the run is recorded as failed there. */
export const CAMPAIGN_RUN_DEAD_LETTER_QUEUE = 'campaign-run-dead';

const campaignRunJob = z.object({
  tenantId: z.string(),
  runId: z.string(),
  professionalId: z.string().optional(),
});
type CampaignRunJobData = z.infer<typeof campaignRunJob>;

const attemptFailure = z.object({ reason: z.string() });

/** How often each instance looks for runs left behind by a process that died mid-run. */
const INTERRUPTED_SWEEP_INTERVAL_MS = 30_000;
/** An attempt takes its tenant's run lock moments after it starts; one active this long without it is gone. */
const INTERRUPTED_GRACE_MS = 30_000;

/**
 * Running runs whose tenant run lock nobody holds. Every execution holds that lock (core's
 * `createTenantRunLock`: a session advisory lock on `campaign-runs:<tenant>`) for as long as it runs,
 * and a process that dies loses its sessions and the lock with them: a running run without it has no
 * live attempt. The key is split as PostgreSQL shows a bigint advisory lock in pg_locks.
 */
const RUNNING_WITHOUT_LOCK = `
  select r.id::text as run_id
  from campaign_runs r
  cross join lateral (select hashtextextended('campaign-runs:' || r.tenant_id::text, 0) as key) k
  where r.status = 'running'
    and not exists (
      select 1 from pg_locks l
      where l.locktype = 'advisory' and l.granted and l.objsubid = 1
        and l.database = (select oid from pg_database where datname = current_database())
        and l.classid::bigint = (k.key >> 32) & 4294967295
        and l.objid::bigint = k.key & 4294967295)
  order by r.started_at
  limit 100`;
const runWithoutLock = z.object({ run_id: z.string() });

export interface CampaignRunJobs {
  queue: CampaignRunQueue;
  start(runner: Pick<CampaignRunner, 'resume' | 'abandon'>): void;
  /** Asks runs under way to stop between two offers (they resume elsewhere or after a restart), waits for them. */
  stop(): Promise<void>;
}

/**
 * Campaign runs as durable jobs (one per run, the job id is the run id). An attempt that fails (a crash,
 * a database blip, the process stopping, another run of the tenant under way) is retried with backoff and
 * resumes the same run; after the last attempt the run is recorded as failed. Retries: 30 s, 1, 2, 4 … min,
 * ten of them, over four hours or more.
 */
export async function createCampaignRunJobs(options: {
  boss: PgBoss;
  log: Logger;
  pollingIntervalSeconds: number;
}): Promise<CampaignRunJobs> {
  const { boss, log } = options;
  const sendOptions: PgBoss.SendOptions = {
    retryLimit: 10,
    retryDelay: 30,
    retryBackoff: true,
    // Longer than a run of a thousand offers; an attempt cut off is retried (the tenant lock keeps it single).
    expireInSeconds: 30 * 60,
    deadLetter: CAMPAIGN_RUN_DEAD_LETTER_QUEUE,
  };
  await createQueue(boss, CAMPAIGN_RUN_DEAD_LETTER_QUEUE);
  await createQueue(boss, CAMPAIGN_RUN_QUEUE, sendOptions);
  const pollers: QueuePoller[] = [];
  let runs: QueuePoller | undefined;
  const stopping = new AbortController();
  let sweepTimer: NodeJS.Timeout | undefined;
  let sweeping: Promise<void> | undefined;

  /**
   * A process killed mid-run leaves its run `running` and its job either active (a scheduled run or a
   * resume: pg-boss would retry it only when it expires, 30 min later) or waiting for the manual run's
   * safety net (10 min). Failing such a job now makes pg-boss retry it on its ordinary schedule
   * (30–60 s), and the retry resumes the run without duplicates. A job wrongly judged lost is harmless:
   * its retry finds the run finished, or waits for the tenant lock.
   */
  async function resumeInterruptedRuns(): Promise<void> {
    const { rows } = await boss.getDb().executeSql(RUNNING_WITHOUT_LOCK, []);
    const now = Date.now();
    const interrupted: string[] = [];
    for (const { run_id: runId } of z.array(runWithoutLock).parse(rows)) {
      // No job at all (the claiming process died before handing the run over): the scheduler re-queues it.
      const job = await boss.getJobById(CAMPAIGN_RUN_QUEUE, runId);
      if (!job) continue;
      const startedOn: Date | null = job.startedOn;
      const cutOff =
        job.state === 'active' && startedOn !== null && now - startedOn.getTime() > INTERRUPTED_GRACE_MS;
      const waitingForSafetyNet =
        job.state === 'created' && job.startAfter.getTime() > now + INTERRUPTED_GRACE_MS;
      if (cutOff || waitingForSafetyNet) interrupted.push(runId);
    }
    if (interrupted.length === 0 || stopping.signal.aborted) return;
    for (const runId of interrupted)
      await boss.fail(CAMPAIGN_RUN_QUEUE, runId, { reason: 'execução interrompida' });
    log.warn({ runIds: interrupted }, 'campaign runs cut off by a stopped process: resuming them');
  }

  const sweep = () => {
    sweeping = resumeInterruptedRuns()
      .catch((error: unknown) => log.warn({ err: error }, 'could not look for interrupted campaign runs'))
      .finally(() => {
        sweeping = undefined;
        if (!stopping.signal.aborted) sweepTimer = setTimeout(sweep, INTERRUPTED_SWEEP_INTERVAL_MS);
      });
  };

  return {
    queue: {
      async enqueue(job, enqueueOptions = {}) {
        const data: CampaignRunJobData = {
          tenantId: job.tenantId,
          runId: job.runId,
          ...(job.professionalId ? { professionalId: job.professionalId } : {}),
        };
        await boss.send(CAMPAIGN_RUN_QUEUE, data, {
          ...sendOptions,
          id: job.runId,
          ...(enqueueOptions.delaySeconds ? { startAfter: enqueueOptions.delaySeconds } : {}),
        });
        if (!enqueueOptions.delaySeconds) runs?.notify();
      },
    },

    start(runner) {
      const intervalMs = options.pollingIntervalSeconds * 1000;
      const attempt = async (job: PgBoss.JobWithMetadata<CampaignRunJobData>) => {
        const data = campaignRunJob.safeParse(job.data);
        if (!data.success) {
          log.error({ jobId: job.id }, 'malformed campaign run job dropped');
          await boss.complete(CAMPAIGN_RUN_QUEUE, job.id);
          return;
        }
        const context = { ...data.data, attempt: job.retryCount + 1, of: job.retryLimit + 1 };
        try {
          const stats = await runner.resume(data.data, { signal: stopping.signal });
          await boss.complete(CAMPAIGN_RUN_QUEUE, job.id);
          if (stats) log.info({ ...context, stats }, 'campaign run completed');
        } catch (error) {
          const reason =
            error instanceof AppError ? error.message : error instanceof Error ? error.message : 'erro';
          if (error instanceof AppError || stopping.signal.aborted)
            log.warn({ ...context, reason }, 'campaign run attempt postponed');
          else log.error({ ...context, err: error }, 'campaign run attempt failed');
          await boss.fail(CAMPAIGN_RUN_QUEUE, job.id, { reason });
        }
      };
      runs = pollQueue<CampaignRunJobData>({
        boss,
        queue: CAMPAIGN_RUN_QUEUE,
        batchSize: 2,
        intervalMs,
        log,
        handle: async (jobs) => {
          const results = await Promise.allSettled(jobs.map(attempt));
          for (const result of results) {
            if (result.status === 'rejected')
              log.error({ err: result.reason }, 'campaign run job not recorded');
          }
        },
      });
      pollers.push(runs);
      pollers.push(
        pollQueue<CampaignRunJobData>({
          boss,
          queue: CAMPAIGN_RUN_DEAD_LETTER_QUEUE,
          batchSize: 5,
          intervalMs,
          log,
          handle: async (jobs) => {
            for (const job of jobs) {
              const data = campaignRunJob.safeParse(job.data);
              if (data.success) {
                const parsed = attemptFailure.safeParse(job.output);
                const reason = parsed.success ? parsed.data.reason : 'execução interrompida';
                if (await runner.abandon(data.data, reason))
                  log.warn({ ...data.data, reason }, 'campaign run failed for good');
              }
              await boss.complete(CAMPAIGN_RUN_DEAD_LETTER_QUEUE, job.id);
            }
          },
        }),
      );
      sweep();
    },

    async stop() {
      stopping.abort();
      clearTimeout(sweepTimer);
      await sweeping;
      await Promise.all(pollers.map((p) => p.stop()));
    },
  };
}
