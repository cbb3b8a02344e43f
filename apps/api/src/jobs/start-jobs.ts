import type { OutboundDeliveryDeps, OutboundQueue } from '@agenda-cheia/core';
import type { DatabaseHandle } from '@agenda-cheia/db';
import type { Logger } from '../logger';
import { type ChatReplies, type ChatReplyQueue, createChatReplies } from './chat-replies';
import { type CampaignRunJobs, createCampaignRunJobs } from './campaign-runs';
import { createInboundMediaJobs, type InboundMediaJobs, type InboundMediaQueue } from './inbound-media';
import { startJobRunner } from './job-runner';
import {
  createOutboundDelivery,
  defaultOutboundDeliverySettings,
  type OutboundDeliverySettings,
} from './outbound-delivery';

export interface Jobs {
  /** Given to the services: stored outbound messages are handed to it. */
  outboundQueue: OutboundQueue;
  /** Given to the webhook: every inbound client message of an `ai` conversation gets a reply job. */
  chatReplyQueue: ChatReplyQueue;
  /** Starts answering clients once the ChatAgent exists. */
  startChatReplies: ChatReplies['start'];
  /** Given to the campaign runner and scheduler: runs are executed (and resumed) as durable jobs. */
  campaignRunQueue: CampaignRunJobs['queue'];
  /** Starts executing campaign runs once the runner exists. */
  startCampaignRuns: CampaignRunJobs['start'];
  /** Given to the webhook: the file of every inbound message is fetched and stored by a job. */
  inboundMediaQueue: InboundMediaQueue;
  startInboundMedia: InboundMediaJobs['start'];
  /** Starts the workers once the services they use exist. */
  startWorkers(deps: Omit<OutboundDeliveryDeps, 'timeoutMs'>): Promise<void>;
  /** Stops fetching, lets running attempts finish and record their outcome, then stops pg-boss. */
  stop(): Promise<void>;
}

/** Durable jobs of the API process: the pg-boss queue and its workers (outbound messages for now). */
export async function startJobs(deps: {
  pool: DatabaseHandle['pool'];
  exclusive: DatabaseHandle['exclusive'];
  log: Logger;
  outboundDelivery?: Partial<OutboundDeliverySettings> | undefined;
}): Promise<Jobs> {
  const runner = await startJobRunner({ pool: deps.pool, exclusive: deps.exclusive, log: deps.log });
  try {
    const outbound = await createOutboundDelivery({
      boss: runner.boss,
      log: deps.log,
      settings: { ...defaultOutboundDeliverySettings, ...deps.outboundDelivery },
    });
    const chatReplies = await createChatReplies({
      boss: runner.boss,
      log: deps.log,
      pollingIntervalSeconds: deps.outboundDelivery?.pollingIntervalSeconds ?? 2,
    });
    const campaignRuns = await createCampaignRunJobs({
      boss: runner.boss,
      log: deps.log,
      pollingIntervalSeconds: deps.outboundDelivery?.pollingIntervalSeconds ?? 2,
    });
    const inboundMedia = await createInboundMediaJobs({
      boss: runner.boss,
      log: deps.log,
      pollingIntervalSeconds: deps.outboundDelivery?.pollingIntervalSeconds ?? 2,
    });
    let stopping: Promise<void> | undefined;
    return {
      outboundQueue: outbound.queue,
      chatReplyQueue: chatReplies.queue,
      startChatReplies: (agent) => chatReplies.start(agent),
      campaignRunQueue: campaignRuns.queue,
      startCampaignRuns: (campaignRunner) => campaignRuns.start(campaignRunner),
      inboundMediaQueue: inboundMedia.queue,
      startInboundMedia: (importer) => inboundMedia.start(importer),
      startWorkers: (workerDeps) => outbound.start(workerDeps),
      stop() {
        stopping ??= (async () => {
          await inboundMedia.stop();
          await campaignRuns.stop();
          await chatReplies.stop();
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
