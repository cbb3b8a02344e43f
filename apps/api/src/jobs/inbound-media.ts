import type PgBoss from 'pg-boss';
import type { Logger } from '../logger';
import { createMessageJobs, type MessageJob, type MessageJobQueue } from './message-jobs';

export const INBOUND_MEDIA_QUEUE = 'inbound-media';

export type InboundMediaQueue = MessageJobQueue;

export interface InboundMediaJobs {
  queue: InboundMediaQueue;
  start(importer: (job: MessageJob) => Promise<'stored' | 'failed' | 'nothing_to_do'>): void;
  stop(): Promise<void>;
}

/**
 * The file of an inbound message is fetched and stored on S3 by a job: n8n is not kept waiting for a
 * download, and a storage outage is retried (a refused link is final and recorded on the message).
 */
export async function createInboundMediaJobs(options: {
  boss: PgBoss;
  log: Logger;
  pollingIntervalSeconds: number;
}): Promise<InboundMediaJobs> {
  const jobs = await createMessageJobs({
    ...options,
    queue: INBOUND_MEDIA_QUEUE,
    batchSize: 2,
    sendOptions: { retryLimit: 5, retryDelay: 10, retryBackoff: true, expireInSeconds: 120 },
  });
  return {
    queue: jobs.queue,
    start(importer) {
      jobs.start(async (job) => {
        const outcome = await importer(job);
        if (outcome !== 'nothing_to_do') options.log.info({ ...job, outcome }, 'inbound media handled');
      });
    },
    stop: () => jobs.stop(),
  };
}
