import type { ChatAgent } from '@agenda-cheia/agents';
import type PgBoss from 'pg-boss';
import type { Logger } from '../logger';
import { createMessageJobs, type MessageJob, type MessageJobQueue } from './message-jobs';

export const CHAT_REPLY_QUEUE = 'chat-reply';

export type ChatReplyJob = MessageJob;
export type ChatReplyQueue = MessageJobQueue;

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
  const jobs = await createMessageJobs({
    ...options,
    queue: CHAT_REPLY_QUEUE,
    batchSize: 4,
    sendOptions: {
      retryLimit: 3,
      retryDelay: 5,
      retryBackoff: true,
      // Longer than an LLM turn with its retries and tool steps.
      expireInSeconds: 300,
    },
  });
  return {
    queue: jobs.queue,
    start(agent) {
      jobs.start(async (job) => {
        const reply = await agent.replyTo(job);
        if (reply)
          options.log.info({ ...job, intent: reply.intent, engine: reply.engine }, 'chat reply sent');
      });
    },
    stop: () => jobs.stop(),
  };
}
