import { isDeepStrictEqual } from 'node:util';
import { type CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import type { Database } from '@agenda-cheia/db';
import { createTestDatabase } from '@agenda-cheia/db/testing';
import {
  type DueClient,
  type DueClientsQuery,
  selectDueClients,
} from '../src/campaigns/prazo-certo-selection';
import {
  BENCH_NOW,
  loadPrazoCertoSalon,
  type PrazoCertoBenchSize,
  SERVICE_COUNT,
  SERVICES_WITH_CYCLE,
} from './prazo-certo-data';
import { selectDueClientsOneByOne } from './prazo-certo-loop';

/**
 * `pnpm --filter @agenda-cheia/core bench`: Prazo Certo's set-based selection against the per-client loop
 * it replaces, on a big salon in a throw-away database of the machine's PostgreSQL (127.0.0.1:5432).
 * The loop is timed on a sample of clients and extrapolated linearly to all of them (it is a sum of
 * per-client round trips); both must give the same answer on that sample, or the bench exits non-zero.
 * `--explain` also prints the set-based query's EXPLAIN (ANALYZE, BUFFERS).
 */
const SIZE: PrazoCertoBenchSize = {
  clients: 100_000,
  pastAppointments: 500_000,
  futureAppointments: 5_000,
  professionals: 50,
  openRequests: 3_000,
  campaignContacts: 10_000,
  chatRequests: 5_000,
};
const SAMPLE = 2_000;
const LOOP_WARM_UP = 100;
const RUNS = 7;
/** The largest `maxOffersPerRun` a campaign accepts. */
const LIMIT = 1_000;
const TARGET_MS = 2_000;
const TARGET_SPEED_UP = 20;
const DAY = 86_400_000;

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

async function time<T>(run: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await run();
  return { ms: performance.now() - started, result };
}

const formatMs = (ms: number): string =>
  ms < 10 ? `${ms.toFixed(2)} ms` : ms < 10_000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(1)} s`;
const verdict = (pass: boolean): string => (pass ? 'PASS' : 'MISS');

const handle = await createTestDatabase({ mode: 'postgres' });
try {
  const db = handle.db;
  const load = await time(() => loadPrazoCertoSalon(db, SIZE));
  const { tenantId } = load.result;
  const query: DueClientsQuery = {
    tenantId,
    now: BENCH_NOW,
    dueBy: new Date(BENCH_NOW.getTime() + 7 * DAY),
    contactedSince: new Date(BENCH_NOW.getTime() - 14 * DAY),
    limit: LIMIT,
  };

  // (a) the set-based statement: median of RUNS after one warm-up.
  await selectDueClients(db, query);
  const setSamples: number[] = [];
  let offers: DueClient[] = [];
  for (let i = 0; i < RUNS; i++) {
    const run = await time(() => selectDueClients(db, query));
    setSamples.push(run.ms);
    offers = run.result;
  }
  const setMedian = median(setSamples);

  // (b) the per-client loop on a sample (ids are md5 hashes: the first ones by id are a random sample).
  const ids = (
    await db
      .selectFrom('clients')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .orderBy('id')
      .limit(SAMPLE + LOOP_WARM_UP)
      .execute()
  ).map((row) => row.id);
  const sample = ids.slice(0, SAMPLE);
  await selectDueClientsOneByOne(db, query, ids.slice(SAMPLE));
  const loop = await time(() => selectDueClientsOneByOne(db, { ...query, limit: SAMPLE }, sample));
  const loopExtrapolated = (loop.ms * SIZE.clients) / SAMPLE;
  const speedUp = loopExtrapolated / setMedian;

  // The same answer on the sample: every due client of the set-based statement, restricted to the sample.
  const inSample = new Set(sample);
  const everyone = await selectDueClients(db, { ...query, limit: SIZE.clients });
  const setOnSample = everyone.filter((row) => inSample.has(row.clientId));
  const identical = isDeepStrictEqual(setOnSample, loop.result);

  const requests = SIZE.openRequests + SIZE.campaignContacts + SIZE.chatRequests;
  process.stdout.write(
    `prazo certo: 1 tenant, ${SIZE.clients} clients, ${SIZE.pastAppointments} past + ${SIZE.futureAppointments} future appointments, ` +
      `${SERVICE_COUNT} services (${SERVICES_WITH_CYCLE} with a cycle), ${SIZE.professionals} professionals, ` +
      `${requests} auth requests (${SIZE.openRequests} open); generated, vacuumed and analysed in ${formatMs(load.ms)}\n`,
  );
  process.stdout.write(
    `set-based median ${formatMs(setMedian)} | per-client loop ${formatMs(loop.ms)} measured on ${SAMPLE} clients, ` +
      `${formatMs(loopExtrapolated)} extrapolated to ${SIZE.clients} | ${Math.round(speedUp)}× faster ` +
      `(target < ${formatMs(TARGET_MS)}: ${verdict(setMedian < TARGET_MS)}, ` +
      `≥ ${TARGET_SPEED_UP}×: ${verdict(speedUp >= TARGET_SPEED_UP)})\n`,
  );
  process.stdout.write(
    `${everyone.length} clients due, ${offers.length} offered (limit ${LIMIT}); set-based ${RUNS} runs after 1 warm-up ` +
      `(${setSamples.map((ms) => ms.toFixed(0)).join(', ')} ms), loop once after ${LOOP_WARM_UP} warm-up clients; ` +
      `answers on the ${SAMPLE}-client sample ${identical ? 'identical' : 'DIFFER'} (${loop.result.length} due)\n`,
  );
  if (!identical) process.exitCode = 1;
  if (process.argv.includes('--explain')) await explain(handle.pool, query);
} finally {
  await handle.close();
}

/** The set-based statement's plan, executed: its SQL is captured through Kysely's query log. */
async function explain(pool: typeof handle.pool, query: DueClientsQuery): Promise<void> {
  let compiled: CompiledQuery | undefined;
  // Shares the handle's pool, so it is never destroyed: `handle.close()` ends the pool.
  const logged = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      compiled = event.query;
    },
  });
  await selectDueClients(logged, query);
  if (!compiled) return;
  const plan = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${compiled.sql}`, [
    ...compiled.parameters,
  ]);
  process.stdout.write(`${compiled.sql}\n${plan.rows.map((row) => row['QUERY PLAN']).join('\n')}\n`);
}
