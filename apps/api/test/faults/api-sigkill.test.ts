import type { DatabaseHandle } from '@agenda-cheia/db';
import { createTestDatabase } from '@agenda-cheia/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiProcess, eventually, spawnApi } from '../process-harness';
import {
  type Gateway,
  jobStateCounts,
  MINUTE,
  messageStatusCounts,
  offersOf,
  openConversation,
  registerBusiness,
  runsOf,
  seedRecallSalon,
  sendMessages,
  startGateway,
} from './fixture';

const MESSAGES = 1000;
/** Clients due for their return: one offer each, in one run long enough to be cut in the middle. */
const DUE_CLIENTS = 300;
/** The outbound worker posts this many messages at a time: at most these can be cut off mid-POST. */
const OUTBOUND_BATCH = 10;

let database: DatabaseHandle;
let gateway: Gateway | undefined;
const processes: ApiProcess[] = [];

beforeAll(async () => {
  // Separate processes share it: the machine's PostgreSQL, whatever TEST_DB says.
  database = await createTestDatabase({ mode: 'postgres' });
  // n8n answering in 400 ms, ten posts at a time: the 1,000 deliveries take some 40 s, outlasting the
  // queuing of the messages and the start of the run, so the kill finds them under way.
  gateway = await startGateway({ answerDelayMs: 400 });
});

afterAll(async () => {
  for (const api of processes) await api.dispose();
  await gateway?.close();
  await database.close();
});

async function start(name: string): Promise<ApiProcess> {
  const api = await spawnApi({ databaseUrl: database.url, name });
  processes.push(api);
  return api;
}

async function offerMessagesOf(tenantId: string) {
  return database.db
    .selectFrom('messages')
    .select(['id', 'client_message_id', 'status'])
    .where('tenant_id', '=', tenantId)
    .where('client_message_id', 'like', 'offer:%')
    .execute();
}

describe('the API process killed (SIGKILL) mid campaign run and mid 1,000 deliveries', () => {
  it(
    'loses and duplicates no offer and no message once restarted',
    async () => {
      if (!gateway) throw new Error('not started');
      const first = await start('api-1');
      const inbox = await registerBusiness(first, 'Salão da Caixa de Entrada');
      await inbox.client.integrations.create.mutate({ kind: 'n8n', outboundUrl: gateway.url });
      const { conversationId } = await openConversation(database, inbox.tenantId);
      const recall = await registerBusiness(first, 'Salão do Retorno');
      const { campaignId, clientIds } = await seedRecallSalon(database, recall, {
        dueClients: DUE_CLIENTS,
        gatewayUrl: gateway.url,
      });

      const messageIds = await sendMessages(inbox.client, conversationId, MESSAGES);
      // The manual run executes inside this request: killing the process cuts it off.
      const manualRun = recall.client.automations.executePrazoCerto.mutate({ campaignId }).then(
        () => 'answered',
        () => 'cut off',
      );
      await eventually(
        async () => (await offersOf(database, campaignId)).length >= 20,
        'the run to make offers',
      );
      await first.kill();
      expect(await manualRun).toBe('cut off');

      // Both were cut in the middle: some offers made, not all; some messages delivered, not all.
      const offersAtKill = (await offersOf(database, campaignId)).length;
      expect(offersAtKill).toBeGreaterThan(0);
      expect(offersAtKill).toBeLessThan(DUE_CLIENTS);
      const [cutRun, ...otherRuns] = await runsOf(database, campaignId);
      expect(otherRuns).toEqual([]);
      expect(cutRun).toMatchObject({ status: 'running', trigger: 'manual' });
      const atKill = await messageStatusCounts(database, messageIds);
      expect(atKill.sent ?? 0, first.problems()).toBeGreaterThan(0);
      expect(atKill.queued ?? 0, first.problems()).toBeGreaterThan(0);
      const receivedAtKill = gateway.byKey().size;

      const second = await start('api-2');
      // Kept until the end: what the killed attempt left behind is picked up again (run: within a couple
      // of minutes; deliveries cut mid-POST: once pg-boss expires their attempt, 60 s after it started).
      await eventually(
        async () => (await runsOf(database, campaignId))[0]?.status === 'completed',
        'the run to be resumed and completed',
        5 * MINUTE,
        500,
      );
      const offerMessages = await offerMessagesOf(recall.tenantId);
      const allIds = [...messageIds, ...offerMessages.map((m) => m.id)];
      await eventually(
        async () => (await jobStateCounts(database, allIds)).completed === allIds.length,
        'every delivery job to complete',
        6 * MINUTE,
        500,
      );
      expect(second.running()).toBe(true);

      // The run: one, resumed by the restarted process, one offer to every due client, one message each.
      const runs = await runsOf(database, campaignId);
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({
        id: cutRun?.id,
        status: 'completed',
        stats: { clientsFound: DUE_CLIENTS, offersCreated: DUE_CLIENTS, notificationsSent: DUE_CLIENTS },
      });
      expect(
        second.logs.some(
          (line) =>
            line.msg === 'campaign runs cut off by a stopped process: resuming them' &&
            Array.isArray(line.runIds) &&
            line.runIds.includes(cutRun?.id),
        ),
      ).toBe(true);
      const offers = await offersOf(database, campaignId);
      expect(offers).toHaveLength(DUE_CLIENTS);
      expect(new Set(offers.map((o) => o.client_id))).toEqual(new Set(clientIds));
      expect(offerMessages).toHaveLength(DUE_CLIENTS);
      expect(new Set(offerMessages.map((m) => m.client_message_id))).toEqual(
        new Set(offers.map((o) => `offer:${o.id}`)),
      );

      // The messages: every one sent, none failed.
      expect(await messageStatusCounts(database, allIds)).toEqual({ sent: allIds.length });

      // n8n got every message, and nothing else. A POST cut off by the kill (n8n got it, the answer was
      // lost) is posted again with the same Idempotency-Key and body, which is how n8n recognises it:
      // by key, each message arrived exactly once. Only the batch in flight at the kill can repeat.
      const byKey = gateway.byKey();
      expect(new Set(byKey.keys())).toEqual(new Set(allIds));
      expect(receivedAtKill).toBeLessThan(allIds.length);
      const repeated = [...byKey].filter(([, posts]) => posts.length > 1);
      expect(repeated.length).toBeLessThanOrEqual(OUTBOUND_BATCH);
      for (const [key, posts] of repeated) {
        expect(posts.length, key).toBe(2);
        expect(new Set(posts.map((p) => p.body)).size, key).toBe(1);
      }
    },
    15 * MINUTE,
  );
});
