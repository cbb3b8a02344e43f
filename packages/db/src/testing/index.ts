import { randomBytes } from 'node:crypto';
import pg from 'pg';
import {
  createPool,
  type DatabaseHandle,
  type DatabaseMode,
  EMBEDDED_CONNECTION_TIMEOUT_MS,
  kyselyOn,
} from '../connection';
import { startEmbeddedPostgres } from '../embedded';
import { migrateToLatest } from '../migrate';

/** The machine's PostgreSQL (trust auth); override with TEST_DATABASE_URL. */
export const TEST_SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function testDatabaseMode(): DatabaseMode {
  return process.env.TEST_DB === 'embedded' ? 'embedded' : 'postgres';
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function migratedHandle(
  mode: DatabaseMode,
  url: string,
  poolSize: number,
  release: () => Promise<void>,
): Promise<DatabaseHandle> {
  const pool = createPool(url, {
    poolSize,
    ...(mode === 'embedded' ? { connectionTimeoutMs: EMBEDDED_CONNECTION_TIMEOUT_MS } : {}),
  });
  const { db, exclusive } = kyselyOn(pool, mode);
  const close = async () => {
    await db.destroy();
    await release();
  };
  try {
    await migrateToLatest(db);
  } catch (error) {
    await close();
    throw error;
  }
  return { db, pool, mode, url, exclusive, close };
}

async function onTestServer(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: TEST_SERVER_URL });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/**
 * A fresh, migrated database for one test file: on the real PostgreSQL a new database dropped on
 * `close()`, or an in-memory embedded PGlite (TEST_DB=embedded). Same code path for both.
 */
export async function createTestDatabase(
  options: { mode?: DatabaseMode; poolSize?: number } = {},
): Promise<DatabaseHandle> {
  const mode = options.mode ?? testDatabaseMode();
  if (mode === 'embedded') {
    const embedded = await startEmbeddedPostgres({});
    return migratedHandle(mode, embedded.url, Math.min(options.poolSize ?? 8, 8), () => embedded.stop());
  }
  const name = `agenda_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await onTestServer(`CREATE DATABASE "${name}"`);
  return migratedHandle(mode, withDatabase(TEST_SERVER_URL, name), options.poolSize ?? 10, () =>
    onTestServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  );
}
