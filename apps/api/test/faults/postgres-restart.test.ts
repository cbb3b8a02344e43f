import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type ApiProcess, eventually, LOG_LEVELS, spawnApi } from '../process-harness';
import { MINUTE, registerBusiness, SECOND } from './fixture';
import { type PrivatePostgres, startPrivatePostgres } from './private-servers';

/** A request without an answer by then is taken as hanging (the API's own bounds are a few seconds). */
const HANG_DEADLINE_MS = 20 * SECOND;

let postgres: PrivatePostgres | undefined;
let api: ApiProcess | undefined;

beforeAll(async () => {
  postgres = await startPrivatePostgres();
  // The API migrates the empty cluster itself (btree_gist included) when it starts.
  api = await spawnApi({ databaseUrl: postgres.url, name: 'api' });
}, 2 * MINUTE);

afterAll(async () => {
  await api?.dispose();
  await postgres?.destroy();
});

const trpcError = z.object({ error: z.object({ data: z.object({ code: z.string() }) }) });

interface Outcome {
  /** The HTTP status, 'no answer' when the deadline passed first, 'connection lost' when the API hung up. */
  status: number | 'no answer' | 'connection lost';
  /** The tRPC error code of a failed call. */
  code?: string;
  body?: string;
}

async function call(url: string, init: RequestInit = {}): Promise<Outcome> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(HANG_DEADLINE_MS) });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'TimeoutError') return { status: 'no answer' };
    return { status: 'connection lost', body: error instanceof Error ? String(error.cause) : String(error) };
  }
  const body = await response.text();
  if (response.ok) return { status: response.status, body };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  const error = trpcError.safeParse(parsed);
  return { status: response.status, body, ...(error.success ? { code: error.data.error.data.code } : {}) };
}

const describeOutcome = (o: Outcome) => (o.code ? `${String(o.status)} ${o.code}` : String(o.status));

describe('PostgreSQL restarted under load', () => {
  it(
    'shows on /api/ready, answers 503 SERVICE_UNAVAILABLE instead of hanging, and recovers without a restart',
    async () => {
      if (!api || !postgres) throw new Error('not started');
      const { url } = api;
      const shop = await registerBusiness(api);
      await shop.client.services.create.mutate({ name: 'Corte', durationMin: 30, priceCents: 5000 });
      const auth = { Authorization: `Bearer ${shop.token}` };
      const listServices = () => call(`${url}/trpc/services.list`, { headers: auth });
      const createClient = (n: number) =>
        call(`${url}/trpc/clients.create`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ name: `Cliente ${n}`, phone: `+55119${String(n).padStart(8, '0')}` }),
        });
      const readiness = async () => {
        const outcome = await call(`${url}/api/ready`);
        return { ...outcome, parsed: outcome.body ? (JSON.parse(outcome.body) as unknown) : undefined };
      };

      // The load: four callers, each sending its next request as soon as the last one was answered.
      const outcomes: Outcome[] = [];
      let loading = true;
      let created = 0;
      const callers = Array.from({ length: 4 }, async (_, i) => {
        while (loading) {
          if (i === 0) outcomes.push(await createClient((created += 1)));
          else outcomes.push(await listServices());
        }
      });
      const answeredSince = (from: number, status: number) =>
        outcomes.slice(from).filter((o) => o.status === status).length;

      try {
        await eventually(() => answeredSince(0, 200) >= 40, 'the load to be served');

        await postgres.stop('fast');
        const downFrom = outcomes.length;
        let ready = await readiness();
        await eventually(
          async () => (ready = await readiness()).status === 503,
          '/api/ready to report the database down',
        );
        expect(ready.parsed).toEqual({ status: 'unavailable', database: 'down', storage: 'up' });
        await eventually(() => answeredSince(downFrom, 503) >= 40, 'requests answered 503 while it is down');
        // Every request issued once readiness said "down" got a 503 with the stable code.
        const whileDown = outcomes.length;
        await eventually(() => outcomes.length >= whileDown + 20, 'more requests while it is down');
        expect(new Set(outcomes.slice(whileDown, whileDown + 20).map(describeOutcome))).toEqual(
          new Set(['503 SERVICE_UNAVAILABLE']),
        );

        await postgres.start();
        await eventually(
          async () => (ready = await readiness()).status === 200,
          '/api/ready to report the database back',
          MINUTE,
        );
        expect(ready.parsed).toEqual({ status: 'ready', database: 'up', storage: 'up' });
        const upFrom = outcomes.length;
        await eventually(() => answeredSince(upFrom, 200) >= 40, 'requests served again', MINUTE);
      } finally {
        loading = false;
        await Promise.all(callers);
      }

      // No request hung, and the only failures were the clear 503s.
      expect(outcomes.filter((o) => o.status === 'no answer')).toEqual([]);
      const unexpected = outcomes.filter((o) => o.status !== 200 && o.code !== 'SERVICE_UNAVAILABLE');
      expect(unexpected).toEqual([]);
      expect(outcomes.filter((o) => o.status === 503).every((o) => o.code === 'SERVICE_UNAVAILABLE')).toBe(
        true,
      );
      // Writes work again too, and the same process did it all.
      expect((await createClient(999_999)).status).toBe(200);
      expect((await shop.client.services.list.query()).items.map((s) => s.name)).toEqual(['Corte']);
      expect(api.running()).toBe(true);
      expect(api.logs.filter((line) => line.msg === 'Agenda Cheia is up')).toHaveLength(1);
      // The outage reached the log as warnings and errors, not as a crash.
      expect(api.logs.some((line) => line.level >= LOG_LEVELS.warn)).toBe(true);
      expect(api.logs.filter((line) => line.level >= LOG_LEVELS.fatal)).toEqual([]);
    },
    5 * MINUTE,
  );
});
