import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTRPCClient, createWSClient, httpLink, wsLink } from '@trpc/client';
import { WebSocket } from 'ws';
import { z } from 'zod';
import type { AppRouter } from '../src/trpc/router';

/** apps/api: the process runs from here, as `pnpm dev` does, so the workspace packages resolve. */
const API_DIR = fileURLToPath(new URL('..', import.meta.url));

export const PROCESS_JWT_SECRET = 'fault-test-secret-'.padEnd(48, 'x');
export const PROCESS_ENCRYPTION_KEY = 'cd'.repeat(32);

const logLineSchema = z.looseObject({ level: z.number(), msg: z.string() });
/** One pino JSON line of the process's log. */
export type LogLine = z.infer<typeof logLineSchema>;

export const LOG_LEVELS = { debug: 20, info: 30, warn: 40, error: 50, fatal: 60 } as const;

export type TrpcClient = ReturnType<typeof createTRPCClient<AppRouter>>;

export interface ApiProcess {
  readonly name: string;
  readonly pid: number;
  readonly url: string;
  readonly port: number;
  /** The JSON log lines written so far (pino writes one per line on stdout). */
  readonly logs: LogLine[];
  /** Everything the process wrote, stdout and stderr, for failure messages. */
  output(): string;
  /** Its last warnings and errors, one per line, for failure messages. */
  problems(max?: number): string;
  /** Resolves with the first log line (already written or to come) that matches. */
  waitForLog(match: (line: LogLine) => boolean, what: string, timeoutMs?: number): Promise<LogLine>;
  client(token?: string): TrpcClient;
  wsClient(token?: string): { api: TrpcClient; close(): Promise<void> };
  running(): boolean;
  /** SIGTERM: the graceful shutdown of main.ts. Resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: the process gets no chance to finish anything. */
  kill(): Promise<void>;
  /** Kills the process if it still runs and removes its data directory. */
  dispose(): Promise<void>;
}

export interface SpawnApiOptions {
  databaseUrl: string;
  /** Shown in failure messages ("api-1"). */
  name?: string;
  /** Extra variables (REDIS_URL, LOG_LEVEL...), read by config.ts like any deployment's. */
  env?: Record<string, string>;
  readyTimeoutMs?: number;
}

/** Processes this test worker started: killed if the worker exits while they run (a failed test). */
const children = new Set<ChildProcess>();
let exitHookInstalled = false;
function track(child: ChildProcess): void {
  children.add(child);
  child.once('exit', () => children.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const running of children) running.kill('SIGKILL');
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Polls `condition` until it holds, failing with `what` after `timeoutMs`. */
export async function eventually(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 30_000,
  intervalMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * Starts the API as production does (`src/main.ts`, configured only through the environment) in a child
 * process of its own, and resolves once `/api/ready` answers 200.
 */
export async function spawnApi(options: SpawnApiOptions): Promise<ApiProcess> {
  const name = options.name ?? 'api';
  const dataDir = await mkdtemp(path.join(tmpdir(), 'agenda-api-process-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: API_DIR,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? tmpdir(),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      DATABASE_URL: options.databaseUrl,
      DATA_DIR: dataDir,
      JWT_SECRET: PROCESS_JWT_SECRET,
      ENCRYPTION_KEY: PROCESS_ENCRYPTION_KEY,
      SEED_DEMO: 'false',
      BCRYPT_COST: '10',
      LOG_LEVEL: 'info',
      WEB_DIST_DIR: '/nonexistent',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  track(child);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${name}: could not start node`);

  const logs: LogLine[] = [];
  const chunks: string[] = [];
  const waiters = new Set<{ match: (line: LogLine) => boolean; resolve: (line: LogLine) => void }>();
  let partial = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    chunks.push(chunk);
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const text of lines) {
      if (!text.startsWith('{')) continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        continue;
      }
      const line = logLineSchema.safeParse(parsed);
      if (!line.success) continue;
      logs.push(line.data);
      for (const waiter of waiters) {
        if (waiter.match(line.data)) {
          waiters.delete(waiter);
          waiter.resolve(line.data);
        }
      }
    }
  });
  child.stderr.on('data', (chunk: string) => chunks.push(chunk));
  const output = () => chunks.join('');
  const exited = exitOf(child);

  const waitForLog = (match: (line: LogLine) => boolean, what: string, timeoutMs = 30_000) => {
    const seen = logs.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise<LogLine>((resolve, reject) => {
      const waiter = {
        match,
        resolve: (line: LogLine) => {
          clearTimeout(timer);
          resolve(line);
        },
      };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`${name}: timed out waiting for the log to show ${what}`));
      }, timeoutMs);
      waiters.add(waiter);
    });
  };

  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
  let url: string;
  try {
    const up = await Promise.race([
      waitForLog((line) => line.msg === 'Agenda Cheia is up', 'start-up', readyTimeoutMs),
      exited.then((code) => {
        throw new Error(`exited with code ${String(code)} before it was up`);
      }),
    ]);
    url = z.object({ url: z.string() }).parse(up).url;
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
        const response = await fetch(`${url}/api/ready`, { signal: AbortSignal.timeout(5_000) }).catch(
          () => undefined,
        );
        return response?.status === 200;
      },
      `${name} to be ready`,
      readyTimeoutMs,
      100,
    );
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    await rm(dataDir, { recursive: true, force: true });
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${name} did not start: ${reason}\n${output().slice(-4000)}`, { cause: error });
  }
  const port = Number(new URL(url).port);

  const running = () => child.exitCode === null && child.signalCode === null;
  const kill = async () => {
    if (running()) child.kill('SIGKILL');
    await exited;
  };

  return {
    name,
    pid,
    url,
    port,
    logs,
    output,
    problems: (max = 20) =>
      logs
        .filter((line) => line.level >= LOG_LEVELS.warn)
        .slice(-max)
        .map((line) => `${name} ${line.level}: ${line.msg} ${JSON.stringify(line.err ?? line.reason ?? '')}`)
        .join('\n'),
    waitForLog,
    running,
    client: (token) =>
      createTRPCClient<AppRouter>({
        links: [
          httpLink({
            url: `${url}/trpc`,
            headers: () => (token ? { Authorization: `Bearer ${token}` } : {}),
          }),
        ],
      }),
    wsClient: (token) => {
      const ws = createWSClient({
        url: `ws://127.0.0.1:${port}/trpc`,
        WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
        connectionParams: () => (token ? { token } : {}),
      });
      return {
        api: createTRPCClient<AppRouter>({ links: [wsLink({ client: ws })] }),
        close: () => ws.close(),
      };
    },
    async stop() {
      if (!running()) return child.exitCode;
      child.kill('SIGTERM');
      // main.ts exits by itself within 10 s of SIGTERM; past 30 s something is wrong: do not leave it.
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
    kill,
    async dispose() {
      await kill();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
