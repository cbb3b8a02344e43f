import type { DatabaseHandle } from '@agenda-cheia/db';
import PgBoss from 'pg-boss';
import type { Logger } from '../logger';

/** pg-boss keeps its tables in their own schema, beside the app's. */
export const JOB_SCHEMA = 'pgboss';

export interface JobRunner {
  boss: PgBoss;
  /** Stops pg-boss's maintenance and waits for every query it still has in flight. */
  stop(): Promise<void>;
}

/**
 * The durable job queue (pg-boss) on the app's own connection pool, so it works the same against
 * PostgreSQL and the embedded database. Started after the app's migrations; creates its schema itself.
 * Cron is off (the scheduler ticks elsewhere); maintenance (expiring stuck jobs, archiving) stays on.
 */
export async function startJobRunner(deps: {
  pool: DatabaseHandle['pool'];
  /** Raw queries take their turn on the embedded database (see SessionGate). */
  exclusive: DatabaseHandle['exclusive'];
  log: Logger;
}): Promise<JobRunner> {
  const inFlight = new Set<Promise<unknown>>();
  // A connection first, then the turn (as Kysely does): holding the turn while waiting for a connection
  // would deadlock with requests that hold connections while waiting for the turn.
  const runSql = async (text: string, values: unknown[]) => {
    const client = await deps.pool.connect();
    // pg-boss sends whole transactions as one text (`BEGIN; …; COMMIT`): one that fails half-way leaves
    // its session inside an aborted transaction. Returned to the pool, that connection would fail every
    // statement of whoever gets it next (25P02), so a failed connection is discarded instead.
    let failed = false;
    try {
      return await deps.exclusive(() => client.query(text, values));
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      client.release(failed);
    }
  };
  const db: PgBoss.Db = {
    executeSql(text: string, values: unknown[]) {
      const query = runSql(text, values);
      inFlight.add(query);
      const forget = () => inFlight.delete(query);
      query.then(forget, forget);
      return query;
    },
  };
  const boss = new PgBoss({ db, schema: JOB_SCHEMA, schedule: false });
  boss.on('error', (error) => deps.log.error({ err: error }, 'job queue error'));
  await boss.start();

  return {
    boss,
    async stop() {
      await boss.stop({ graceful: true, wait: true, close: false, timeout: 1_000 });
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}

const DEADLOCK = '40P01';

/**
 * `boss.createQueue`, safe when several instances start at once on a new database: pg-boss's
 * create_queue can deadlock against the same call of another instance, and PostgreSQL then aborts one of
 * the two. The other one creates the queue, so trying again (the queue exists: nothing to do) settles it.
 */
export async function createQueue(boss: PgBoss, name: string, options: Omit<PgBoss.Queue, 'name'> = {}) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await boss.createQueue(name, { ...options, name });
      return;
    } catch (error) {
      const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
      if (code !== DEADLOCK || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

export interface QueuePoller {
  /** Look for jobs now instead of at the next interval (a job was just queued by this process). */
  notify(): void;
  /** Fetches no more jobs, and resolves once the jobs being handled are done. */
  stop(): Promise<void>;
}

/**
 * Fetches jobs of one queue in batches and hands them to `handle`, which completes or fails each one.
 * Our own loop rather than `boss.work`, so that stopping waits for handlers *and* for their
 * complete/fail writes: a restart neither loses an attempt's outcome nor runs a handler after close.
 */
export function pollQueue<T extends object>(options: {
  boss: PgBoss;
  queue: string;
  batchSize: number;
  intervalMs: number;
  log: Logger;
  handle(jobs: PgBoss.JobWithMetadata<T>[]): Promise<void>;
}): QueuePoller {
  const { boss, queue, batchSize, intervalMs, log } = options;
  let stopping = false;
  let notified = false;
  let wake: (() => void) | undefined;

  const sleep = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, intervalMs);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => {
      wake = undefined;
    });

  const loop = (async () => {
    while (!stopping) {
      notified = false;
      let fetched = 0;
      try {
        const jobs = await boss.fetch<T>(queue, { batchSize, includeMetadata: true });
        fetched = jobs.length;
        if (jobs.length > 0) await options.handle(jobs);
      } catch (error) {
        log.error({ err: error, queue }, 'job handler failed');
      }
      // A full batch means more may be due: go again at once.
      if (!stopping && !notified && fetched < batchSize) await sleep();
    }
  })();

  return {
    notify() {
      notified = true;
      wake?.();
    },
    async stop() {
      stopping = true;
      wake?.();
      await loop;
    },
  };
}
