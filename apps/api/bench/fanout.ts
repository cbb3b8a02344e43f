import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTRPCClient, httpLink } from '@trpc/client';
import { createTestDatabase } from '@agenda-cheia/db/testing';
import type { AppRouter } from '../src/trpc/router';
import { isReply, type ServerRequest } from './fanout-protocol';
import {
  BENCH_ENCRYPTION_KEY,
  BENCH_JWT_SECRET,
  type BenchProcess,
  Cleanup,
  formatBytes,
  formatMs,
  median,
  nextMessage,
  percentile,
  startTsProcess,
  verdict,
} from './support';
import { openFilesLimit, openSubscribers } from './ws-subscribers';

/**
 * Realtime fan-out: N authenticated subscribers of one tenant on `events.stream` of one API process; one
 * event published on the tenant's bus; the time until each subscriber has it, beside a bare `ws` server
 * broadcasting the same bytes to N sockets. Both servers run in their own process; the subscribers are
 * raw sockets in this one.
 */
export interface FanoutSize {
  subscribers: number;
  /** Measured publications (after two unmeasured ones). */
  rounds: number;
}

export const FANOUT_SIZE: FanoutSize = { subscribers: 5_000, rounds: 10 };

export const FANOUT_TARGET_P99_MS = 250;
export const FANOUT_TARGET_RATIO = 3;
const WARM_UP_ROUNDS = 2;
const ROUND_TIMEOUT_MS = 30_000;

export interface FanoutFigures {
  /** Over every delivery of the measured rounds (subscribers × rounds), ms from publish to arrival. */
  p50: number;
  p99: number;
  max: number;
  /** Per round, the time until the last subscriber had the event. */
  allDelivered: number[];
  connectMs: number;
  /** Server memory per idle subscriber (after a full GC when the server runs with --expose-gc). */
  rssPerSubscriber: number;
  heapPerSubscriber: number;
  gc: boolean;
}

export interface FanoutResult {
  size: FanoutSize;
  api: FanoutFigures;
  bare: FanoutFigures;
  problems: string[];
}

async function request<T extends 'published' | 'memory'>(
  server: BenchProcess,
  message: ServerRequest,
  type: T,
) {
  const answer = nextMessage(server.child, isReply(type), 60_000);
  server.child.send(message);
  return answer;
}

async function waitForPort(server: BenchProcess): Promise<number> {
  try {
    return (await nextMessage(server.child, isReply('ready'), 120_000)).port;
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${await server.output()}`, { cause: error });
  }
}

/** Subscribes N sockets, publishes warm-up then measured events, and checks every socket got each once. */
async function measure(
  name: string,
  server: BenchProcess,
  options: { url: string; token?: string; tenantId?: string; size: FanoutSize },
  problems: string[],
): Promise<FanoutFigures> {
  const { size } = options;
  const before = await request(server, { type: 'memory' }, 'memory');
  const connectStarted = performance.now();
  const subscribers = await openSubscribers({
    url: options.url,
    count: size.subscribers,
    ...(options.token ? { token: options.token } : {}),
  });
  const connectMs = performance.now() - connectStarted;
  try {
    const rounds: { marker: string; times: number[] }[] = [];
    const publishAndWait = async () => {
      const marker = randomUUID();
      const { arrived } = subscribers.receive(marker, ROUND_TIMEOUT_MS);
      const published = await request(
        server,
        { type: 'publish', marker, ...(options.tenantId ? { tenantId: options.tenantId } : {}) },
        'published',
      );
      const times = await arrived;
      rounds.push({ marker, times });
      return times.map((at) => at - published.t0);
    };
    // The first publications also prove every subscription is live before anything is measured.
    for (let i = 0; i < WARM_UP_ROUNDS; i++) await publishAndWait();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const idle = await request(server, { type: 'memory' }, 'memory');

    const latencies: number[] = [];
    const allDelivered: number[] = [];
    for (let round = 0; round < size.rounds; round++) {
      const times = await publishAndWait();
      latencies.push(...times);
      allDelivered.push(Math.max(...times));
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    // Late duplicates would show here.
    await new Promise((resolve) => setTimeout(resolve, 250));
    for (const { marker, times } of rounds) {
      if (times.length !== size.subscribers)
        problems.push(
          `${name}: event ${marker} received ${times.length} times by ${size.subscribers} subscribers`,
        );
    }
    if (latencies.some((ms) => ms < 0)) problems.push(`${name}: an event arrived before it was published`);
    problems.push(...subscribers.problems.slice(0, 10).map((problem) => `${name}: ${problem}`));

    latencies.sort((a, b) => a - b);
    return {
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: latencies.at(-1) ?? Number.NaN,
      allDelivered,
      connectMs,
      rssPerSubscriber: (idle.rss - before.rss) / size.subscribers,
      heapPerSubscriber:
        (idle.heapUsed + idle.external - before.heapUsed - before.external) / size.subscribers,
      gc: idle.gc,
    };
  } finally {
    await subscribers.close();
  }
}

export async function runFanoutBench(
  size: FanoutSize,
  progress: (line: string) => void = () => undefined,
): Promise<FanoutResult> {
  const limit = openFilesLimit();
  // Each process holds one descriptor per socket, plus its own few dozen.
  if (limit !== undefined && limit < size.subscribers + 1_000)
    throw new Error(
      `open files limit ${limit} is too low for ${size.subscribers} subscribers: run \`ulimit -n ${size.subscribers * 2 + 1_000}\` first`,
    );
  const cleanup = new Cleanup();
  const problems: string[] = [];
  try {
    const database = await createTestDatabase({ mode: 'postgres' });
    cleanup.add(() => database.close());
    const dataDir = await mkdtemp(path.join(tmpdir(), 'agenda-bench-fanout-'));
    cleanup.add(() => rm(dataDir, { recursive: true, force: true }));

    const apiServer = await startTsProcess({
      script: 'bench/fanout-api-server.ts',
      nodeFlags: ['--expose-gc'],
      env: {
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: '0',
        DATABASE_URL: database.url,
        DATA_DIR: dataDir,
        JWT_SECRET: BENCH_JWT_SECRET,
        ENCRYPTION_KEY: BENCH_ENCRYPTION_KEY,
        SEED_DEMO: 'false',
        BCRYPT_COST: '10',
        WEB_DIST_DIR: '/nonexistent',
      },
    });
    cleanup.add(() => apiServer.stop());
    const apiPort = await waitForPort(apiServer);
    const session = await createTRPCClient<AppRouter>({
      links: [httpLink({ url: `http://127.0.0.1:${apiPort}/trpc` })],
    }).auth.register.mutate({
      businessName: 'Salão Benchmark',
      name: 'Dona do Salão',
      email: `bench-${Date.now().toString(36)}@example.com`,
      password: 'senha-forte-123',
    });
    progress(`API: ${size.subscribers} subscribers`);
    const api = await measure(
      'API',
      apiServer,
      {
        url: `ws://127.0.0.1:${apiPort}/trpc`,
        token: session.accessToken,
        tenantId: session.tenant.id,
        size,
      },
      problems,
    );
    await apiServer.stop();

    const bareServer = await startTsProcess({
      script: 'bench/fanout-bare-server.ts',
      nodeFlags: ['--expose-gc'],
      env: { PORT: '0' },
    });
    cleanup.add(() => bareServer.stop());
    const barePort = await waitForPort(bareServer);
    progress(`bare ws: ${size.subscribers} subscribers`);
    const bare = await measure(
      'bare ws',
      bareServer,
      { url: `ws://127.0.0.1:${barePort}/trpc`, size },
      problems,
    );
    return { size, api, bare, problems };
  } finally {
    await cleanup.run();
  }
}

export function formatFanout(result: FanoutResult): string {
  const { api, bare, size } = result;
  const ratio = api.p99 / bare.p99;
  const deliveries = size.subscribers * size.rounds;
  return [
    `realtime fan-out (${size.subscribers} authenticated subscribers of one tenant, one API process, one event): ` +
      `API p50 ${formatMs(api.p50)}, p99 ${formatMs(api.p99)} | bare ws broadcast p50 ${formatMs(bare.p50)}, ` +
      `p99 ${formatMs(bare.p99)} | ${ratio.toFixed(1)}× the bare p99 ` +
      `(target p99 < ${FANOUT_TARGET_P99_MS} ms: ${verdict(api.p99 < FANOUT_TARGET_P99_MS)}, ` +
      `≤ ${FANOUT_TARGET_RATIO}×: ${verdict(ratio <= FANOUT_TARGET_RATIO)})`,
    `until every subscriber had it (median of ${size.rounds} rounds): API ${formatMs(median(api.allDelivered))}, ` +
      `bare ${formatMs(median(bare.allDelivered))}; memory per idle subscriber${api.gc ? ' after GC' : ''}: ` +
      `API ${formatBytes(api.rssPerSubscriber)} RSS, ${formatBytes(api.heapPerSubscriber)} heap | ` +
      `bare ${formatBytes(bare.rssPerSubscriber)} RSS, ${formatBytes(bare.heapPerSubscriber)} heap; ` +
      `subscribed in ${formatMs(api.connectMs)} (bare ${formatMs(bare.connectMs)})`,
    `${deliveries} deliveries measured on each after ${WARM_UP_ROUNDS} warm-up events; ` +
      (result.problems.length === 0
        ? 'every subscriber received every event exactly once'
        : `WRONG:\n  ${result.problems.join('\n  ')}`),
  ].join('\n');
}
