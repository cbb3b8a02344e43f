import type PgBoss from 'pg-boss';
import { z } from 'zod';
import type { Logger } from '../logger';
import { createQueue, pollQueue, type QueuePoller } from './job-runner';

const messageJob = z.object({ tenantId: z.string(), conversationId: z.string(), messageId: z.string() });
export type MessageJob = z.infer<typeof messageJob>;

export interface MessageJobQueue {
  enqueue(job: MessageJob): Promise<void>;
}

export interface MessageJobs {
  queue: MessageJobQueue;
  /** Starts handling jobs; a handler that throws fails the attempt, to be retried by pg-boss. */
  start(handler: (job: MessageJob) => Promise<void>): void;
  stop(): Promise<void>;
}

/**
 * A durable queue with at most one job per message (the job id is the message id, however often it is
 * queued): work that follows a stored message (the agent's reply, storing its file) without keeping the
 * webhook waiting, and retried instead of lost after a crash or a database blip.
 */
export async function createMessageJobs(options: {
  boss: PgBoss;
  log: Logger;
  queue: string;
  sendOptions: PgBoss.SendOptions;
  batchSize: number;
  pollingIntervalSeconds: number;
}): Promise<MessageJobs> {
  const { boss, log, queue } = options;
  await createQueue(boss, queue, options.sendOptions);
  let poller: QueuePoller | undefined;

  return {
    queue: {
      async enqueue(job) {
        await boss.send(queue, job, { ...options.sendOptions, id: job.messageId });
        poller?.notify();
      },
    },
    start(handler) {
      poller = pollQueue<MessageJob>({
        boss,
        queue,
        batchSize: options.batchSize,
        intervalMs: options.pollingIntervalSeconds * 1000,
        log,
        handle: async (jobs) => {
          await Promise.allSettled(
            jobs.map(async (job) => {
              const data = messageJob.safeParse(job.data);
              if (!data.success) {
                log.error({ jobId: job.id, queue }, 'malformed job dropped');
                await boss.complete(queue, job.id);
                return;
              }
              try {
                await handler(data.data);
                await boss.complete(queue, job.id);
              } catch (error) {
                log.error({ err: error, queue, ...data.data }, 'job attempt failed');
                await boss.fail(queue, job.id, { reason: error instanceof Error ? error.message : 'error' });
              }
            }),
          );
        },
      });
    },
    async stop() {
      await poller?.stop();
    },
  };
}
