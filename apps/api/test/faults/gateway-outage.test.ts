import type { DatabaseHandle } from '@agenda-cheia/db';
import { createTestDatabase } from '@agenda-cheia/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiProcess, eventually, spawnApi } from '../process-harness';
import {
  type Gateway,
  jobStateCounts,
  MINUTE,
  messageStatusCounts,
  openConversation,
  registerBusiness,
  SECOND,
  sendMessages,
  startGateway,
} from './fixture';

const MESSAGES = 1000;
const OUTAGE_MS = 60 * SECOND;

let database: DatabaseHandle;
let api: ApiProcess | undefined;
let gateway: Gateway | undefined;

beforeAll(async () => {
  // Separate processes share it: the machine's PostgreSQL, whatever TEST_DB says.
  database = await createTestDatabase({ mode: 'postgres' });
  api = await spawnApi({ databaseUrl: database.url, name: 'api' });
  gateway = await startGateway();
});

afterAll(async () => {
  await api?.dispose();
  await gateway?.close();
  await database.close();
});

describe('the n8n gateway down for 60 s while 1,000 messages are queued', () => {
  it(
    'delivers every message after it returns, each exactly once by Idempotency-Key',
    async () => {
      if (!api || !gateway) throw new Error('not started');
      const shop = await registerBusiness(api);
      await shop.client.integrations.create.mutate({ kind: 'n8n', outboundUrl: gateway.url });
      const { conversationId } = await openConversation(database, shop.tenantId);

      await gateway.down();
      const downSince = Date.now();
      const ids = await sendMessages(shop.client, conversationId, MESSAGES);
      expect(new Set(ids).size).toBe(MESSAGES);

      // Every message meets the outage: its first attempt fails and is left for a retry, not given up.
      const wanted = new Set(ids);
      const failedFirstAttempts = () =>
        new Set(
          (api?.logs ?? []).flatMap((line) =>
            line.msg === 'outbound delivery attempt failed' &&
            line.attempt === 1 &&
            typeof line.messageId === 'string' &&
            wanted.has(line.messageId)
              ? [line.messageId]
              : [],
          ),
        );
      await eventually(
        () => failedFirstAttempts().size === MESSAGES,
        'a failed first attempt of every message',
        3 * MINUTE,
        200,
      );
      const reasons = new Set(
        api.logs
          .filter((line) => line.msg === 'outbound delivery attempt failed')
          .map((line) => String(line.reason)),
      );
      expect([...reasons]).toEqual(['connection failed (ECONNREFUSED)']);

      // The outage lasts its full minute (longer if the first attempts took longer).
      const left = downSince + OUTAGE_MS - Date.now();
      if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
      expect(gateway.posts).toHaveLength(0);
      expect(await messageStatusCounts(database, ids)).toEqual({ queued: MESSAGES });

      await gateway.up();
      // Retries back off (15–30 s, 30–60 s, 1–2 min…): the last message may wait a few minutes.
      await eventually(
        async () => (await jobStateCounts(database, ids)).completed === MESSAGES,
        'every delivery job to complete',
        6 * MINUTE,
        500,
      );

      // A completed job never posts again: what the gateway has now is final.
      expect(await messageStatusCounts(database, ids)).toEqual({ sent: MESSAGES });
      const byKey = gateway.byKey();
      expect(new Set(byKey.keys())).toEqual(wanted);
      const repeated = [...byKey].filter(([, posts]) => posts.length !== 1).map(([key]) => key);
      expect(repeated).toEqual([]);
      for (const [key, [post]] of byKey) {
        expect(JSON.parse(post?.body ?? '{}')).toMatchObject({ event: 'send_message', message_id: key });
      }
      expect(api.running()).toBe(true);
    },
    12 * MINUTE,
  );
});
