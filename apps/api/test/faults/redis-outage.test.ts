import type { DatabaseHandle } from '@agenda-cheia/db';
import { createTestDatabase } from '@agenda-cheia/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiProcess, eventually, LOG_LEVELS, spawnApi } from '../process-harness';
import {
  type EventSubscriber,
  heardThrough,
  MINUTE,
  openConversation,
  registerBusiness,
  sendOne,
  subscribeEvents,
} from './fixture';
import { type PrivateRedis, startPrivateRedis } from './private-servers';

const REDIS_DOWN = 'redis unavailable: events reach this instance only';
const REDIS_BACK = 'redis back: cross-instance events resumed';

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

const heardOnce = (subscriber: EventSubscriber, id: string) => subscriber.count(id) === 1;

describe('Redis unavailable with REDIS_URL set', () => {
  it(
    'keeps each API serving its own subscribers, logs the fault, and resumes cross-instance delivery',
    async () => {
      if (!one || !two || !redis) throw new Error('not started');
      const shop = await registerBusiness(one);
      const { conversationId } = await openConversation(database, shop.tenantId);
      const viaOne = one.client(shop.token);
      const viaTwo = two.client(shop.token);
      const onOne = subscribeEvents(one, shop.token);
      const onTwo = subscribeEvents(two, shop.token);
      subscribers.push(onOne, onTwo);

      // Redis up: an event of either process reaches the subscribers of both.
      await heardThrough(onOne, viaOne, conversationId, 'the subscriber of api-1 to be live');
      const fromOne = await heardThrough(onTwo, viaOne, conversationId, 'api-1 → api-2 through redis');
      const fromTwo = await sendOne(viaTwo, conversationId, 'de api-2');
      await eventually(() => heardOnce(onOne, fromTwo) && heardOnce(onTwo, fromTwo), 'api-2 → both');
      await eventually(() => heardOnce(onOne, fromOne), 'api-1 → its own subscriber');
      const lastBeforeOutage = onTwo.messages.at(-1)?.eventId;

      await redis.kill();
      await Promise.all([
        one.waitForLog((line) => line.msg === REDIS_DOWN, 'the redis fault'),
        two.waitForLog((line) => line.msg === REDIS_DOWN, 'the redis fault'),
      ]);
      expect(one.logs.find((line) => line.msg === REDIS_DOWN)?.level).toBe(LOG_LEVELS.warn);

      // Redis down: each process still serves requests and its own subscribers.
      const duringOne = await sendOne(viaOne, conversationId, 'durante a falha, api-1');
      const duringTwo = await sendOne(viaTwo, conversationId, 'durante a falha, api-2');
      await eventually(() => heardOnce(onOne, duringOne), 'api-1 → its own subscriber without redis');
      await eventually(() => heardOnce(onTwo, duringTwo), 'api-2 → its own subscriber without redis');

      await redis.start();
      await Promise.all([
        one.waitForLog((line) => line.msg === REDIS_BACK, 'redis back', MINUTE),
        two.waitForLog((line) => line.msg === REDIS_BACK, 'redis back', MINUTE),
      ]);
      // Cross-instance delivery resumes (once each process has subscribed again), both ways.
      await heardThrough(onTwo, viaOne, conversationId, 'api-1 → api-2 again', MINUTE);
      await heardThrough(onOne, viaTwo, conversationId, 'api-2 → api-1 again', MINUTE);
      const afterOne = await sendOne(viaOne, conversationId, 'depois, api-1');
      const afterTwo = await sendOne(viaTwo, conversationId, 'depois, api-2');
      await eventually(
        () => [afterOne, afterTwo].every((id) => heardOnce(onOne, id) && heardOnce(onTwo, id)),
        'both events on both processes',
      );

      // What a subscriber missed during the outage is stored: reconnecting with its last id catches up.
      const catchingUp = subscribeEvents(two, shop.token, lastBeforeOutage);
      subscribers.push(catchingUp);
      await eventually(
        () => heardOnce(catchingUp, duringOne) && heardOnce(catchingUp, afterOne),
        'the replay of the missed events',
      );
      expect(onOne.errors).toEqual([]);
      expect(onTwo.errors).toEqual([]);
      expect(one.running() && two.running()).toBe(true);
    },
    4 * MINUTE,
  );
});
