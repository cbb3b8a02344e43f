import type { OutboundDeliveryDeps, OutboundQueue } from '@agenda-cheia/core';
import type { DatabaseHandle } from '@agenda-cheia/db';
import type { Logger } from '../logger';
import { startJobRunner } from './job-runner';
import {
  createOutboundDelivery,
  defaultOutboundDeliverySettings,
  type OutboundDeliverySettings,
} from './outbound-delivery';

export interface Jobs {
  /** Given to the services: stored outbound messages are handed to it. */
  outboundQueue: OutboundQueue;
  /** Starts the workers once the services they use exist. */
  startWorkers(deps: Omit<OutboundDeliveryDeps, 'timeoutMs'>): Promise<void>;
  /** Stops fetching, lets running attempts finish and record their outcome, then stops pg-boss. */
  stop(): Promise<void>;
}

/** Durable jobs of the API process: the pg-boss queue and its workers (outbound messages for now). */
export async function startJobs(deps: {
  pool: DatabaseHandle['pool'];
  log: Logger;
  outboundDelivery?: Partial<OutboundDeliverySettings> | undefined;
}): Promise<Jobs> {
  const runner = await startJobRunner({ pool: deps.pool, log: deps.log });
  try {
    const outbound = await createOutboundDelivery({
      boss: runner.boss,
      log: deps.log,
      settings: { ...defaultOutboundDeliverySettings, ...deps.outboundDelivery },
    });
    let stopping: Promise<void> | undefined;
    return {
      outboundQueue: outbound.queue,
      startWorkers: (workerDeps) => outbound.start(workerDeps),
      stop() {
        stopping ??= (async () => {
          await outbound.stop();
          await runner.stop();
        })();
        return stopping;
      },
    };
  } catch (error) {
    await runner.stop();
    throw error;
  }
}
