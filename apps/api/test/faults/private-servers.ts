import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A port nobody listens on right now (the kernel picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** initdb and pg_ctl: on PATH, or in Debian's versioned directory. */
function postgresBinary(name: string): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    for (const version of readdirSync(debian).sort().reverse()) {
      const candidate = path.join(debian, version, 'bin', name);
      if (existsSync(candidate)) return candidate;
    }
  }
  throw new Error(`${name} not found: the PostgreSQL fault test needs the server binaries`);
}

/** PostgreSQL refuses to run as root: as root, its commands run as the `postgres` user. */
const asRoot = process.getuid?.() === 0;
function runPostgresCommand(binary: string, args: string[]) {
  return asRoot
    ? run('runuser', ['-u', 'postgres', '--', postgresBinary(binary), ...args])
    : run(postgresBinary(binary), args);
}

export interface PrivatePostgres {
  /** postgres://… of the cluster's `postgres` database. */
  url: string;
  port: number;
  /** Stops the server (`fast` ends every session at once, as a restart does). */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

/**
 * A PostgreSQL cluster of this test alone (own data directory, port and socket directory), so restarting
 * it never disturbs the machine's server that every other test uses.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const base = await mkdtemp(path.join(tmpdir(), 'agenda-pg-'));
  if (asRoot) await run('chown', ['postgres', base]);
  const dataDir = path.join(base, 'data');
  const port = await freePort();
  await runPostgresCommand('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-N']);
  const serverOptions = `-p ${port} -k ${base} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = async () => {
    await runPostgresCommand('pg_ctl', [
      '-D',
      dataDir,
      '-l',
      path.join(base, 'server.log'),
      '-o',
      serverOptions,
      '-w',
      '-t',
      '60',
      'start',
    ]);
  };
  const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
    await runPostgresCommand('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    async destroy() {
      await stop('immediate').catch(() => undefined);
      await rm(base, { recursive: true, force: true });
    },
  };
}

export interface PrivateRedis {
  url: string;
  port: number;
  /** Kills the server (SIGKILL: as abrupt as a crash). */
  kill(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
  destroy(): Promise<void>;
}

/** A Redis server of this test alone, without persistence, on a port of its own. */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let server: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const start = async () => {
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    server = child;
    exited = new Promise((resolve) => child.once('exit', () => resolve()));
    process.once('exit', () => child.kill('SIGKILL'));
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 30_000);
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        output += chunk;
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited with ${String(code)}:\n${output}`));
      });
    });
  };

  const kill = async () => {
    server?.kill('SIGKILL');
    await exited;
    server = undefined;
  };

  await start();
  return { url: `redis://127.0.0.1:${port}`, port, kill, start, destroy: kill };
}
