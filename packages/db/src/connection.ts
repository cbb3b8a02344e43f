import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { startEmbeddedPostgres } from './embedded';
import { serializedDialect } from './serialized-dialect';
import { createSessionGate } from './session-gate';
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
  /**
   * Runs raw SQL that bypasses Kysely (the job queue) in its turn: the embedded database serves one query
   * at a time (see SessionGate); real PostgreSQL runs it at once.
   */
  exclusive: <T>(work: () => Promise<T>) => Promise<T>;
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
  // The pool listens for errors only on idle clients. A checked-out client between two statements (in a
  // transaction, or holding a session lock) that loses its server emits 'error' with nobody listening,
  // which would end the process. Its holder still learns of it: the next statement on it fails, and the
  // pool discards the client when it comes back.
  const checkedOut = new WeakSet<pg.PoolClient>();
  pool.on('acquire', (client) => checkedOut.add(client));
  pool.on('release', (_error, client) => checkedOut.delete(client));
  pool.on('connect', (client) => {
    client.on('error', (error) => {
      if (checkedOut.has(client)) options.onPoolError?.(error);
    });
  });
  return pool;
}

/**
 * On the embedded database requests queue for their turn (see SessionGate), so waiting for a connection is
 * ordinary queueing under a burst, not a sign of a server in trouble: allow it as long as a turn may take.
 */
export const EMBEDDED_CONNECTION_TIMEOUT_MS = 30_000;

/** Kysely over a pool; on the embedded database every query takes its turn (see SessionGate). */
export function kyselyOn(pool: pg.Pool, mode: DatabaseMode): Pick<DatabaseHandle, 'db' | 'exclusive'> {
  const dialect = new PostgresDialect({ pool });
  if (mode === 'postgres') return { db: new Kysely<Database>({ dialect }), exclusive: (work) => work() };
  const gate = createSessionGate();
  return {
    db: new Kysely<Database>({ dialect: serializedDialect(dialect, gate) }),
    exclusive: (work) => gate.run(work),
  };
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
    ...(embedded ? { connectionTimeoutMs: EMBEDDED_CONNECTION_TIMEOUT_MS } : {}),
  });
  const mode: DatabaseMode = embedded ? 'embedded' : 'postgres';
  const { db, exclusive } = kyselyOn(pool, mode);
  return {
    db,
    pool,
    mode,
    url,
    exclusive,
    async close() {
      await db.destroy();
      await embedded?.stop();
    },
  };
}
