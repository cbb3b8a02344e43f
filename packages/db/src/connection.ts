import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { startEmbeddedPostgres } from './embedded';
import type { Database } from './schema';

// A calendar date has no time zone: keep PostgreSQL `date` as "YYYY-MM-DD" instead of a local-midnight Date.
const DATE_OID = 1082;
pg.types.setTypeParser(DATE_OID, (value) => value);

export type DatabaseMode = 'postgres' | 'embedded';

export interface DatabaseHandle {
  db: Kysely<Database>;
  pool: pg.Pool;
  mode: DatabaseMode;
  /** Connection string of the server in use (embedded: the loopback socket). */
  url: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** Real PostgreSQL. Absent → embedded PGlite persisted in `embeddedDataDir`. */
  databaseUrl?: string | undefined;
  embeddedDataDir?: string | undefined;
  poolSize?: number;
  /** How long a request waits for a connection before failing (so it never hangs). */
  connectionTimeoutMs?: number;
  onPoolError?: (error: Error) => void;
}

export function createPool(url: string, options: DatabaseOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its server (restart) must not crash the process; the pool reconnects.
  pool.on('error', (error) => options.onPoolError?.(error));
  return pool;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  const embedded = options.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({ dataDir: options.embeddedDataDir });
  const url = options.databaseUrl ?? embedded?.url;
  if (!url) throw new Error('No database URL');
  const pool = createPool(url, {
    ...options,
    // PGlite answers one statement at a time; a handful of multiplexed connections is plenty.
    poolSize: embedded ? Math.min(options.poolSize ?? 8, 8) : options.poolSize,
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    pool,
    mode: embedded ? 'embedded' : 'postgres',
    url,
    async close() {
      await db.destroy();
      await embedded?.stop();
    },
  };
}
