import type { CampaignRunner, CampaignRunQueue } from '@agenda-cheia/agents';
import { AppError } from '@agenda-cheia/contracts';
import type PgBoss from 'pg-boss';
import { z } from 'zod';
import type { Logger } from '../logger';
import { pollQueue, type QueuePoller } from './job-runner';

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
  await boss.createQueue(CAMPAIGN_RUN_DEAD_LETTER_QUEUE, { name: CAMPAIGN_RUN_DEAD_LETTER_QUEUE });
  await boss.createQueue(CAMPAIGN_RUN_QUEUE, { name: CAMPAIGN_RUN_QUEUE, ...sendOptions });
  const pollers: QueuePoller[] = [];
  let runs: QueuePoller | undefined;
  const stopping = new AbortController();

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
    },

    async stop() {
      stopping.abort();
      await Promise.all(pollers.map((p) => p.stop()));
    },
  };
}
