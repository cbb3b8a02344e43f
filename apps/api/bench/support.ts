import { type ChildProcess, fork } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** apps/api: children are started from here, so `--import tsx` resolves to the app's own tsx. */
export const API_DIR = fileURLToPath(new URL('..', import.meta.url));

export const BENCH_JWT_SECRET = 'bench-secret-'.padEnd(48, 'x');
export const BENCH_ENCRYPTION_KEY = 'cd'.repeat(32);

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export function median(samples: readonly number[]): number {
  return percentile(
    [...samples].sort((a, b) => a - b),
    50,
  );
}

export const formatMs = (ms: number): string =>
  ms < 10 ? `${ms.toFixed(2)} ms` : ms < 10_000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(1)} s`;
export const verdict = (pass: boolean): string => (pass ? 'PASS' : 'MISS');
export const formatBytes = (bytes: number): string =>
  Math.abs(bytes) < 10_240 ? `${bytes.toFixed(0)} B` : `${(bytes / 1024).toFixed(1)} KiB`;

/** Milliseconds on the machine's monotonic clock (CLOCK_MONOTONIC on Linux, shared by every process). */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs: number,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export interface BenchProcess {
  child: ChildProcess;
  /** What the process wrote (stdout and stderr), for a failure message. */
  output(): Promise<string>;
  /** SIGTERM, then SIGKILL after a grace period. */
  stop(): Promise<void>;
}

/**
 * A TypeScript entry point in its own Node process (through tsx, as `pnpm dev` and the benches run),
 * with an IPC channel, a clean environment (nothing of the caller's LLM or Redis settings leaks in) and
 * its output written to a file, as a production process writes its logs.
 */
export async function startTsProcess(options: {
  script: string;
  env: Record<string, string>;
  nodeFlags?: string[];
}): Promise<BenchProcess> {
  const logDir = await mkdtemp(path.join(tmpdir(), 'agenda-bench-log-'));
  const logFile = path.join(logDir, 'output.log');
  const log = createWriteStream(logFile);
  await new Promise<void>((resolve) => log.once('open', () => resolve()));
  const child = fork(options.script, [], {
    cwd: API_DIR,
    execArgv: ['--import', 'tsx', ...(options.nodeFlags ?? [])],
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? tmpdir(),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  let stopping: Promise<void> | undefined;
  return {
    child,
    output: () => readFile(logFile, 'utf8').catch(() => ''),
    stop() {
      stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
          await exited;
          clearTimeout(killer);
        }
        await new Promise<void>((resolve) => log.end(() => resolve()));
        await rm(logDir, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}

/** The next IPC message of a child that satisfies `accept`, or an error if the child exits first. */
export function nextMessage<T>(
  child: ChildProcess,
  accept: (message: unknown) => T | undefined,
  timeoutMs: number,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (message: unknown) => {
      const value = accept(message);
      if (value === undefined) return;
      cleanup();
      resolve(value);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`the child process exited (code ${String(code)}) before answering`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no answer from the child process within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** `handle.stop()`s in reverse order of start, whatever fails. */
export class Cleanup {
  private readonly steps: (() => Promise<unknown>)[] = [];
  add(step: () => Promise<unknown>): void {
    this.steps.push(step);
  }
  async run(): Promise<void> {
    for (const step of this.steps.reverse()) await step().catch(() => undefined);
  }
}
