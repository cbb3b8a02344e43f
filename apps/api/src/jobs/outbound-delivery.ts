import {
  DELIVERY_TIMEOUT_MS,
  DeliveryAttemptError,
  deliverOutboundMessage,
  failOutboundMessage,
  listQueuedOutboundMessages,
  type DeliveryOutcome,
  type OutboundDeliveryDeps,
  type OutboundQueue,
} from '@agenda-cheia/core';
import type PgBoss from 'pg-boss';
import { z } from 'zod';
import type { Logger } from '../logger';
import { createQueue, pollQueue, type QueuePoller } from './job-runner';

export const OUTBOUND_QUEUE = 'outbound-message';
/** Where a message lands once every attempt failed (or its last attempt was cut off): marked failed there. */
export const OUTBOUND_DEAD_LETTER_QUEUE = 'outbound-message-dead';

export interface OutboundDeliverySettings {
  /** Attempts after the first one. */
  retryLimit: number;
  /** Delay before the first retry; doubled (with jitter) for each next one when retryBackoff is on. */
  retryDelaySeconds: number;
  retryBackoff: boolean;
  /** How long the gateway has to answer one attempt. */
  requestTimeoutMs: number;
  /** How often an idle instance looks for due jobs (a message queued by this instance starts at once). */
  pollingIntervalSeconds: number;
  /** Jobs fetched and posted concurrently per poll. */
  batchSize: number;
}

/**
 * Retry schedule: pg-boss waits retryDelay·2^(n-1) … retryDelay·2^n seconds (random jitter) after the
 * n-th failed attempt. With 15 s and 8 retries the gaps are 15–30 s, 30–60 s, 1–2, 2–4, 4–8, 8–16,
 * 16–32 and 32–64 min: 9 attempts spread over at least 64 min (at most ~2 h 8 min) before `failed`.
 * The retry limit is the cap; each job carries its own schedule, so a restart keeps it.
 */
export const defaultOutboundDeliverySettings: OutboundDeliverySettings = {
  retryLimit: 8,
  retryDelaySeconds: 15,
  retryBackoff: true,
  requestTimeoutMs: DELIVERY_TIMEOUT_MS,
  pollingIntervalSeconds: 2,
  batchSize: 10,
};

const outboundJobData = z.object({ tenantId: z.string(), messageId: z.string() });
type OutboundJobData = z.infer<typeof outboundJobData>;

const attemptFailure = z.object({ reason: z.string() });

/** The reason a dead-lettered job carries: ours, or pg-boss's when an attempt never finished. */
function finalReason(output: unknown): string {
  const parsed = attemptFailure.safeParse(output);
  return parsed.success ? parsed.data.reason : 'delivery interrupted';
}

export interface OutboundDelivery {
  /** What `createOutboundMessage` hands a stored, queued message to. */
  queue: OutboundQueue;
  /** Starts the workers and re-queues messages whose job was never created (a crash right after commit). */
  start(deps: Omit<OutboundDeliveryDeps, 'timeoutMs'>): Promise<void>;
  stop(): Promise<void>;
}

export async function createOutboundDelivery(options: {
  boss: PgBoss;
  log: Logger;
  settings: OutboundDeliverySettings;
}): Promise<OutboundDelivery> {
  const { boss, log, settings } = options;
  // Every attempt is over well before pg-boss would consider the job stuck and hand it to someone else.
  const expireInSeconds = Math.ceil(settings.requestTimeoutMs / 1000) + 50;
  const sendOptions: PgBoss.SendOptions = {
    retryLimit: settings.retryLimit,
    retryDelay: settings.retryDelaySeconds,
    retryBackoff: settings.retryBackoff,
    expireInSeconds,
    deadLetter: OUTBOUND_DEAD_LETTER_QUEUE,
  };
  // Created first: pg-boss moves a job to its dead-letter queue in the same statement that fails it.
  await createQueue(boss, OUTBOUND_DEAD_LETTER_QUEUE);
  await createQueue(boss, OUTBOUND_QUEUE, sendOptions);

  // The job id is the message id: queuing a message twice creates one job. A paced message (campaign
  // send) starts no earlier than its turn.
  const enqueue = (job: OutboundJobData, notBefore?: Date) =>
    boss.send(OUTBOUND_QUEUE, job, {
      ...sendOptions,
      id: job.messageId,
      ...(notBefore ? { startAfter: notBefore } : {}),
    });

  const pollers: QueuePoller[] = [];
  let deliveries: QueuePoller | undefined;

  return {
    queue: {
      async enqueue(job) {
        await enqueue({ tenantId: job.tenantId, messageId: job.messageId }, job.notBefore);
        deliveries?.notify();
      },
    },

    async start(base) {
      const deps: OutboundDeliveryDeps = { ...base, timeoutMs: settings.requestTimeoutMs };
      const intervalMs = settings.pollingIntervalSeconds * 1000;

      const attempt = async (job: PgBoss.JobWithMetadata<OutboundJobData>) => {
        const data = outboundJobData.safeParse(job.data);
        if (!data.success) {
          log.error({ jobId: job.id, data: job.data }, 'malformed outbound job dropped');
          await boss.complete(OUTBOUND_QUEUE, job.id);
          return;
        }
        const context = {
          messageId: data.data.messageId,
          attempt: job.retryCount + 1,
          of: job.retryLimit + 1,
        };
        let outcome: DeliveryOutcome;
        try {
          outcome = await deliverOutboundMessage(deps, data.data);
        } catch (error) {
          // An unexpected error is logged in full but stored (and shown in the inbox) only as 'internal error'.
          const reason = error instanceof DeliveryAttemptError ? error.reason : 'internal error';
          if (error instanceof DeliveryAttemptError)
            log.warn({ ...context, reason }, 'outbound delivery attempt failed');
          else log.error({ ...context, err: error }, 'outbound delivery attempt crashed');
          // Retried by pg-boss on its schedule; after the last attempt it goes to the dead-letter queue.
          await boss.fail(OUTBOUND_QUEUE, job.id, { reason });
          return;
        }
        await boss.complete(OUTBOUND_QUEUE, job.id, { outcome });
        log.info({ ...context, outcome }, 'outbound message delivery');
      };

      const giveUp = async (job: PgBoss.JobWithMetadata<OutboundJobData>) => {
        const data = outboundJobData.safeParse(job.data);
        if (data.success) {
          const reason = finalReason(job.output);
          const changed = await failOutboundMessage(deps, { ...data.data, reason });
          if (changed) log.warn({ messageId: data.data.messageId, reason }, 'outbound message not delivered');
        }
        await boss.complete(OUTBOUND_DEAD_LETTER_QUEUE, job.id);
      };

      deliveries = pollQueue<OutboundJobData>({
        boss,
        queue: OUTBOUND_QUEUE,
        batchSize: settings.batchSize,
        intervalMs,
        log,
        handle: async (jobs) => {
          // Settled, not raced: stopping waits for every attempt of the batch to record its outcome.
          const results = await Promise.allSettled(jobs.map(attempt));
          for (const result of results) {
            if (result.status === 'rejected') log.error({ err: result.reason }, 'outbound job not recorded');
          }
        },
      });
      pollers.push(deliveries);
      pollers.push(
        pollQueue<OutboundJobData>({
          boss,
          queue: OUTBOUND_DEAD_LETTER_QUEUE,
          batchSize: settings.batchSize,
          intervalMs,
          log,
          handle: async (jobs) => {
            for (const job of jobs) await giveUp(job);
          },
        }),
      );

      // Idempotent (same job id), so it is safe while other instances are running.
      let requeued = 0;
      let after: string | undefined;
      for (;;) {
        const page = await listQueuedOutboundMessages(base.db, 500, after);
        for (const job of page)
          if (await enqueue({ tenantId: job.tenantId, messageId: job.messageId }, job.notBefore))
            requeued += 1;
        after = page.at(-1)?.messageId;
        if (page.length < 500) break;
      }
      if (requeued > 0) log.warn({ requeued }, 'queued outbound messages without a job were re-queued');
    },

    async stop() {
      await Promise.all(pollers.map((p) => p.stop()));
    },
  };
}
