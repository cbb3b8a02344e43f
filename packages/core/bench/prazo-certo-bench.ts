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
 * Prazo Certo's set-based selection against the per-client loop it replaces, on a generated salon in a
 * throw-away database of the machine's PostgreSQL (127.0.0.1:5432). The loop is timed on a sample of
 * clients and extrapolated linearly to all of them (it is a sum of per-client round trips); both must give
 * the same answer on that sample. The CLI (`prazo-certo.bench.ts`) runs it on a big salon; the smoke test
 * on a tiny one.
 */
export const PRAZO_CERTO_BENCH_SIZE: PrazoCertoBenchSize = {
  clients: 100_000,
  pastAppointments: 500_000,
  futureAppointments: 5_000,
  professionals: 50,
  openRequests: 3_000,
  campaignContacts: 10_000,
  chatRequests: 5_000,
};

export interface PrazoCertoRuns {
  /** Clients the loop is timed on. */
  sample: number;
  loopWarmUp: number;
  setRuns: number;
}

export const PRAZO_CERTO_RUNS: PrazoCertoRuns = { sample: 2_000, loopWarmUp: 100, setRuns: 7 };
/** The largest `maxOffersPerRun` a campaign accepts. */
const LIMIT = 1_000;
export const TARGET_MS = 2_000;
export const TARGET_SPEED_UP = 20;
const DAY = 86_400_000;

export interface PrazoCertoBenchResult {
  size: PrazoCertoBenchSize;
  runs: PrazoCertoRuns;
  loadMs: number;
  setSamples: number[];
  setMedian: number;
  loopMs: number;
  loopExtrapolated: number;
  speedUp: number;
  /** Clients due in the whole salon, and offered (up to the limit). */
  due: number;
  offered: number;
  /** Due clients of the sample according to the loop, and whether the set-based answer is the same. */
  dueInSample: number;
  identical: boolean;
  /** The set-based statement's EXPLAIN (ANALYZE, BUFFERS), when asked for. */
  plan?: string;
}

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

export async function runPrazoCertoBench(
  size: PrazoCertoBenchSize = PRAZO_CERTO_BENCH_SIZE,
  runs: PrazoCertoRuns = PRAZO_CERTO_RUNS,
  options: { explain?: boolean } = {},
): Promise<PrazoCertoBenchResult> {
  const handle = await createTestDatabase({ mode: 'postgres' });
  try {
    const db = handle.db;
    const load = await time(() => loadPrazoCertoSalon(db, size));
    const { tenantId } = load.result;
    const query: DueClientsQuery = {
      tenantId,
      now: BENCH_NOW,
      dueBy: new Date(BENCH_NOW.getTime() + 7 * DAY),
      contactedSince: new Date(BENCH_NOW.getTime() - 14 * DAY),
      limit: LIMIT,
    };

    // (a) the set-based statement: median of the runs after one warm-up.
    await selectDueClients(db, query);
    const setSamples: number[] = [];
    let offers: DueClient[] = [];
    for (let i = 0; i < runs.setRuns; i++) {
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
        .limit(runs.sample + runs.loopWarmUp)
        .execute()
    ).map((row) => row.id);
    const sample = ids.slice(0, runs.sample);
    await selectDueClientsOneByOne(db, query, ids.slice(runs.sample));
    const loop = await time(() => selectDueClientsOneByOne(db, { ...query, limit: runs.sample }, sample));
    const loopExtrapolated = (loop.ms * size.clients) / sample.length;

    // The same answer on the sample: every due client of the set-based statement, restricted to the sample.
    const inSample = new Set(sample);
    const everyone = await selectDueClients(db, { ...query, limit: size.clients });
    const setOnSample = everyone.filter((row) => inSample.has(row.clientId));

    return {
      size,
      runs,
      loadMs: load.ms,
      setSamples,
      setMedian,
      loopMs: loop.ms,
      loopExtrapolated,
      speedUp: loopExtrapolated / setMedian,
      due: everyone.length,
      offered: offers.length,
      dueInSample: loop.result.length,
      identical: isDeepStrictEqual(setOnSample, loop.result),
      ...(options.explain ? { plan: await explain(handle.pool, query) } : {}),
    };
  } finally {
    await handle.close();
  }
}

const formatMs = (ms: number): string =>
  ms < 10 ? `${ms.toFixed(2)} ms` : ms < 10_000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(1)} s`;
const verdict = (pass: boolean): string => (pass ? 'PASS' : 'MISS');

export function formatPrazoCertoBench(result: PrazoCertoBenchResult): string {
  const { size, runs } = result;
  const requests = size.openRequests + size.campaignContacts + size.chatRequests;
  return [
    `prazo certo: 1 tenant, ${size.clients} clients, ${size.pastAppointments} past + ${size.futureAppointments} future appointments, ` +
      `${SERVICE_COUNT} services (${SERVICES_WITH_CYCLE} with a cycle), ${size.professionals} professionals, ` +
      `${requests} auth requests (${size.openRequests} open); generated, vacuumed and analysed in ${formatMs(result.loadMs)}`,
    `set-based median ${formatMs(result.setMedian)} | per-client loop ${formatMs(result.loopMs)} measured on ${runs.sample} clients, ` +
      `${formatMs(result.loopExtrapolated)} extrapolated to ${size.clients} | ${Math.round(result.speedUp)}× faster ` +
      `(target < ${formatMs(TARGET_MS)}: ${verdict(result.setMedian < TARGET_MS)}, ` +
      `≥ ${TARGET_SPEED_UP}×: ${verdict(result.speedUp >= TARGET_SPEED_UP)})`,
    `${result.due} clients due, ${result.offered} offered (limit ${LIMIT}); set-based ${runs.setRuns} runs after 1 warm-up ` +
      `(${result.setSamples.map((ms) => ms.toFixed(0)).join(', ')} ms), loop once after ${runs.loopWarmUp} warm-up clients; ` +
      `answers on the ${runs.sample}-client sample ${result.identical ? 'identical' : 'DIFFER'} (${result.dueInSample} due)`,
    ...(result.plan ? [result.plan] : []),
  ].join('\n');
}

/** The set-based statement's plan, executed: its SQL is captured through Kysely's query log. */
async function explain(
  pool: Awaited<ReturnType<typeof createTestDatabase>>['pool'],
  query: DueClientsQuery,
): Promise<string> {
  let compiled: CompiledQuery | undefined;
  // Shares the handle's pool, so it is never destroyed: `handle.close()` ends the pool.
  const logged = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      compiled = event.query;
    },
  });
  await selectDueClients(logged, query);
  if (!compiled) return '';
  const plan = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${compiled.sql}`, [
    ...compiled.parameters,
  ]);
  return `${compiled.sql}\n${plan.rows.map((row) => row['QUERY PLAN']).join('\n')}`;
}
