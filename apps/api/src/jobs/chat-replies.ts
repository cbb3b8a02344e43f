import type { ChatAgent } from '@agenda-cheia/agents';
import type PgBoss from 'pg-boss';
import { z } from 'zod';
import type { Logger } from '../logger';
import { pollQueue, type QueuePoller } from './job-runner';

export const CHAT_REPLY_QUEUE = 'chat-reply';

const chatReplyJob = z.object({ tenantId: z.string(), conversationId: z.string(), messageId: z.string() });
export type ChatReplyJob = z.infer<typeof chatReplyJob>;

export interface ChatReplyQueue {
  enqueue(job: ChatReplyJob): Promise<void>;
}

export interface ChatReplies {
  queue: ChatReplyQueue;
  start(agent: Pick<ChatAgent, 'replyTo'>): void;
  stop(): Promise<void>;
}

/**
 * The ChatAgent runs as a durable job per inbound client message, never inside the webhook request: n8n
 * gets its 202 at once, and a crash or a database blip retries the reply instead of losing it.
 */
export async function createChatReplies(options: {
  boss: PgBoss;
  log: Logger;
  pollingIntervalSeconds: number;
}): Promise<ChatReplies> {
  const { boss, log } = options;
  const sendOptions: PgBoss.SendOptions = {
    retryLimit: 3,
    retryDelay: 5,
    retryBackoff: true,
    // Longer than an LLM turn with its retries and tool steps.
    expireInSeconds: 300,
  };
  await boss.createQueue(CHAT_REPLY_QUEUE, { name: CHAT_REPLY_QUEUE, ...sendOptions });
  let poller: QueuePoller | undefined;

  return {
    queue: {
      async enqueue(job) {
        // One job per inbound message, however often it is queued.
        await boss.send(CHAT_REPLY_QUEUE, job, { ...sendOptions, id: job.messageId });
        poller?.notify();
      },
    },
    start(agent) {
      poller = pollQueue<ChatReplyJob>({
        boss,
        queue: CHAT_REPLY_QUEUE,
        batchSize: 4,
        intervalMs: options.pollingIntervalSeconds * 1000,
        log,
        handle: async (jobs) => {
          await Promise.allSettled(
            jobs.map(async (job) => {
              const data = chatReplyJob.safeParse(job.data);
              if (!data.success) {
                log.error({ jobId: job.id }, 'malformed chat reply job dropped');
                await boss.complete(CHAT_REPLY_QUEUE, job.id);
                return;
              }
              try {
                const reply = await agent.replyTo(data.data);
                await boss.complete(CHAT_REPLY_QUEUE, job.id);
                if (reply)
                  log.info({ ...data.data, intent: reply.intent, engine: reply.engine }, 'chat reply sent');
              } catch (error) {
                log.error({ err: error, ...data.data }, 'chat reply failed');
                await boss.fail(CHAT_REPLY_QUEUE, job.id, {
                  reason: error instanceof Error ? error.message : 'error',
                });
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
