import { Router } from 'express';
import { type Database, type Kysely, sql } from '@agenda-cheia/db';

const READY_TIMEOUT_MS = 2_000;

/** /api/health: the process is up. /api/ready: the database answers, within a bound. */
export function healthRouter(db: Kysely<Database>): Router {
  const routes = Router();
  routes.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  routes.get('/ready', async (_req, res) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('database check timed out')), READY_TIMEOUT_MS);
    });
    try {
      await Promise.race([sql`select 1`.execute(db), timeout]);
      res.json({ status: 'ready', database: 'up' });
    } catch {
      res.status(503).json({ status: 'unavailable', database: 'down' });
    } finally {
      clearTimeout(timer);
    }
  });
  return routes;
}
