import type { DatabaseHandle } from '@agenda-cheia/db';
import { createTestDatabase } from '@agenda-cheia/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiProcess, eventually, spawnApi } from '../process-harness';
import {
  type EventSubscriber,
  heardThrough,
  MINUTE,
  offersOf,
  openConversation,
  registerBusiness,
  runsOf,
  SECOND,
  seedRecallSalon,
  sendOne,
  subscribeEvents,
} from './fixture';
import { type PrivateRedis, startPrivateRedis } from './private-servers';

const TIME_ZONE = 'America/Sao_Paulo';
const DUE_CLIENTS = 5;

let database: DatabaseHandle;
let redis: PrivateRedis | undefined;
let one: ApiProcess | undefined;
let two: ApiProcess | undefined;
const subscribers: EventSubscriber[] = [];

beforeAll(async () => {
  // Separate processes share it: the machine's PostgreSQL, whatever TEST_DB says.
  database = await createTestDatabase({ mode: 'postgres' });
  redis = await startPrivateRedis();
  const env = { REDIS_URL: redis.url };
  [one, two] = await Promise.all([
    spawnApi({ databaseUrl: database.url, name: 'api-1', env }),
    spawnApi({ databaseUrl: database.url, name: 'api-2', env }),
  ]);
}, 2 * MINUTE);

afterAll(async () => {
  for (const subscriber of subscribers) await subscriber.close();
  await one?.dispose();
  await two?.dispose();
  await redis?.destroy();
  await database.close();
});

/** A daily cron expression naming `instant`'s minute on the tenant's wall clock. */
function dailyAt(instant: Date): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: TIME_ZONE,
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const part = (type: 'hour' | 'minute') => Number(parts.find((p) => p.type === type)?.value);
  return `${part('minute')} ${part('hour')} * * *`;
}

describe('two API processes, clients connected to either', () => {
  it(
    'delivers every event to every subscriber of the tenant on both, and runs a scheduled campaign once',
    async () => {
      if (!one || !two) throw new Error('not started');
      const apis = [one, two];
      const shop = await registerBusiness(one);
      const { conversationId } = await openConversation(database, shop.tenantId);

      // Enabled, at first on a time of day twelve hours away: it cannot fire before it is set below.
      const { campaignId, clientIds } = await seedRecallSalon(database, shop, {
        dueClients: DUE_CLIENTS,
        schedule: dailyAt(new Date(Date.now() + 12 * 60 * MINUTE)),
      });
      // Both processes tick the scheduler every minute on the system clock: the campaign is due at the
      // next whole minute at least 15 s away.
      const instant = new Date(Math.ceil((Date.now() + 15 * SECOND) / MINUTE) * MINUTE);
      await shop.client.campaigns.update.mutate({ id: campaignId, config: { schedule: dailyAt(instant) } });

      // Meanwhile: two dashboards on each process.
      const clients = apis.map((api) => api.client(shop.token));
      const listeners = apis.flatMap((api) => [
        subscribeEvents(api, shop.token),
        subscribeEvents(api, shop.token),
      ]);
      subscribers.push(...listeners);
      for (const listener of listeners) {
        for (const client of clients)
          await heardThrough(listener, client, conversationId, 'a live subscriber');
      }
      const sent: string[] = [];
      for (let n = 0; n < 20; n += 1) {
        const client = clients[n % 2];
        if (client) sent.push(await sendOne(client, conversationId, `Mensagem ${n + 1}`));
      }
      await eventually(
        () => listeners.every((listener) => sent.every((id) => listener.count(id) >= 1)),
        'every event on every subscriber',
      );
      for (const listener of listeners) {
        expect(sent.map((id) => listener.count(id))).toEqual(sent.map(() => 1));
      }
      // The same stored event (same id) everywhere, so any of them resumes from it after a reconnect.
      const eventIdsOf = (listener: EventSubscriber) =>
        sent.map((id) => listener.messages.find((m) => m.messageId === id)?.eventId);
      const [reference, ...others] = listeners.map(eventIdsOf);
      expect(reference?.every((id) => typeof id === 'string')).toBe(true);
      for (const ids of others) expect(ids).toEqual(reference);

      // The scheduled instant: one run, whichever process claimed it, and it stays one on later ticks.
      await eventually(
        async () => (await runsOf(database, campaignId)).some((run) => run.status === 'completed'),
        'the scheduled run to complete',
        3 * MINUTE,
        500,
      );
      const afterNextTick = instant.getTime() + MINUTE + 5 * SECOND - Date.now();
      if (afterNextTick > 0) await new Promise((resolve) => setTimeout(resolve, afterNextTick));

      const runs = await runsOf(database, campaignId);
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({
        trigger: 'schedule',
        status: 'completed',
        scheduled_for: instant,
        stats: { clientsFound: DUE_CLIENTS, offersCreated: DUE_CLIENTS, notificationsSent: 0 },
      });
      const offers = await offersOf(database, campaignId);
      expect(offers.map((o) => o.client_id).sort()).toEqual([...clientIds].sort());
      const logged = (msg: string) =>
        apis.flatMap((api) => api.logs).filter((line) => line.msg === msg && line.runId === runs[0]?.id);
      expect(logged('campaign run claimed')).toHaveLength(1);
      expect(logged('campaign run completed')).toHaveLength(1);
      expect(one.running() && two.running()).toBe(true);
    },
    6 * MINUTE,
  );
});
