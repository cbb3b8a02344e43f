import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { createPool, type DatabaseHandle, type DatabaseMode } from '../connection';
import { startEmbeddedPostgres } from '../embedded';
import { migrateToLatest } from '../migrate';
import type { Database } from '../schema';

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
    const pool = createPool(embedded.url, { poolSize: Math.min(options.poolSize ?? 8, 8) });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    await migrateToLatest(db);
    return {
      db,
      pool,
      mode,
      url: embedded.url,
      async close() {
        await db.destroy();
        await embedded.stop();
      },
    };
  }

  const name = `agenda_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_SERVER_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(TEST_SERVER_URL, name);
  const pool = createPool(url, { poolSize: options.poolSize ?? 10 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  await migrateToLatest(db);
  return {
    db,
    pool,
    mode,
    url,
    async close() {
      await db.destroy();
      const dropper = new pg.Client({ connectionString: TEST_SERVER_URL });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
