import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTRPCClient, createWSClient, httpLink, TRPCClientError, wsLink } from '@trpc/client';
import { AppError } from '@agenda-cheia/contracts';
import type { Clock } from '@agenda-cheia/core';
import { createTestDatabase } from '@agenda-cheia/db/testing';
import type { DatabaseHandle, DatabaseMode } from '@agenda-cheia/db';
import { WebSocket } from 'ws';
import { loadConfig, type RawConfig } from '../src/config';
import type { OutboundDeliverySettings } from '../src/jobs/outbound-delivery';
import { type ApiServer, startApiServer } from '../src/server';
import type { AppRouter } from '../src/trpc/router';

export const TEST_JWT_SECRET = 'test-secret-'.padEnd(48, 'x');

/** A clock tests can move. */
export function createTestClock(start = new Date()): Clock & { advance(ms: number): void } {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}

export interface TestApi {
  server: ApiServer;
  database: DatabaseHandle;
  url: string;
  client(token?: string): ReturnType<typeof createTRPCClient<AppRouter>>;
  wsClient(token?: string): { api: ReturnType<typeof createTRPCClient<AppRouter>>; close(): Promise<void> };
  close(): Promise<void>;
}

export async function startTestApi(
  options: {
    env?: Partial<Record<keyof RawConfig, string>>;
    clock?: Clock;
    mode?: DatabaseMode;
    /** Share another instance's database (two API processes); it is left open on close. */
    database?: DatabaseHandle;
    /** Shorter retry schedules for delivery tests. */
    outboundDelivery?: Partial<OutboundDeliverySettings>;
  } = {},
): Promise<TestApi> {
  const ownsDatabase = !options.database;
  const database = options.database ?? (await createTestDatabase(options.mode ? { mode: options.mode } : {}));
  // Each instance keeps its embedded files (and their gateway key) in a directory of its own.
  const dataDir = options.env?.DATA_DIR ?? (await mkdtemp(path.join(tmpdir(), 'agenda-api-test-')));
  const config = loadConfig({
    DATA_DIR: dataDir,
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    JWT_SECRET: TEST_JWT_SECRET,
    ENCRYPTION_KEY: 'ab'.repeat(32),
    SEED_DEMO: 'false',
    BCRYPT_COST: '10',
    LOG_LEVEL: 'silent',
    WEB_DIST_DIR: '/nonexistent',
    ...options.env,
  });
  const server = await startApiServer({
    config,
    database,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.outboundDelivery ? { outboundDelivery: options.outboundDelivery } : {}),
  });
  const url = `http://127.0.0.1:${server.port}`;
  return {
    server,
    database,
    url,
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
        url: `ws://127.0.0.1:${server.port}/trpc`,
        WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
        connectionParams: () => (token ? { token } : {}),
      });
      return {
        api: createTRPCClient<AppRouter>({ links: [wsLink({ client: ws })] }),
        close: () => ws.close(),
      };
    },
    async close() {
      await server.close();
      if (ownsDatabase) await database.close();
      if (options.env?.DATA_DIR === undefined) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The appCode a call failed with, over tRPC or from a core service (throws if it did not fail). */
export async function appCodeOf(call: Promise<unknown>): Promise<string | undefined> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCClientError) {
      const data = (error as TRPCClientError<AppRouter>).data;
      return data?.appCode ?? data?.code;
    }
    // Core services called directly (not through tRPC) fail with the AppError itself.
    if (error instanceof AppError) return error.code;
    throw error;
  }
  throw new Error('expected the call to fail');
}

let counter = 0;
export function uniqueEmail(prefix = 'user'): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}@example.com`;
}

export function registration(
  overrides: Partial<{
    businessName: string;
    name: string;
    email: string;
    password: string;
    timezone: string;
  }> = {},
) {
  return {
    businessName: 'Salão da Ana',
    name: 'Ana Souza',
    email: uniqueEmail('owner'),
    password: 'senha-forte-123',
    ...overrides,
  };
}

/** Polls until `condition` holds (for asynchronous deliveries), failing after `timeoutMs`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
