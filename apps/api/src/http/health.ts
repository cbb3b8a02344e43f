import { Router } from 'express';
import { type Database, type Kysely, sql } from '@agenda-cheia/db';

const READY_TIMEOUT_MS = 2_000;

/** Resolves true when `check` succeeds within the bound, false otherwise (never throws). */
async function answersInTime(check: () => Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), READY_TIMEOUT_MS);
  });
  try {
    return await Promise.race([check().then(() => true as const), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * /api/health: the process is up. /api/ready: the database answers, within a bound (503 otherwise).
 * File storage is reported too, but does not make the API unready: everything but files still works.
 */
export function healthRouter(db: Kysely<Database>, storage: { ping(): Promise<void> }): Router {
  const routes = Router();
  routes.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  routes.get('/ready', async (_req, res) => {
    const [database, files] = await Promise.all([
      answersInTime(() => sql`select 1`.execute(db)),
      answersInTime(() => storage.ping()),
    ]);
    const body = { database: database ? 'up' : 'down', storage: files ? 'up' : 'down' };
    if (database) res.json({ status: 'ready', ...body });
    else res.status(503).json({ status: 'unavailable', ...body });
  });
  return routes;
}
