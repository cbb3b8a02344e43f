import { AppError } from '@agenda-cheia/contracts';
import { type Database, type Kysely, sql } from '@agenda-cheia/db';

/** Another run of the same tenant holds the lock (a job retries later; a manual run hears INVALID_STATE). */
export class CampaignBusyError extends AppError {
  constructor() {
    super('INVALID_STATE', 'Outra campanha deste negócio está em andamento. Tente novamente em instantes.');
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * One campaign run at a time per tenant, across processes: a session advisory lock held on a reserved
 * connection for the run's length. Runs of one tenant never race each other for the same slot or client,
 * and a resumed run never runs beside the attempt it resumes. A process that dies loses its connection,
 * and with it the lock, so a retry can take over. Inside one process a set does the same (the embedded
 * database has a single session, where advisory locks do not exclude).
 */
export function createTenantRunLock(db: Kysely<Database>) {
  const heldHere = new Set<string>();

  return async function withTenantRunLock<T>(
    tenantId: string,
    waitMs: number,
    work: () => Promise<T>,
  ): Promise<T> {
    const deadline = Date.now() + waitMs;
    while (heldHere.has(tenantId)) {
      if (Date.now() >= deadline) throw new CampaignBusyError();
      await sleep(100);
    }
    heldHere.add(tenantId);
    try {
      return await db.connection().execute(async (connection) => {
        const key = `campaign-runs:${tenantId}`;
        for (;;) {
          const { rows } = await sql<{
            locked: boolean;
          }>`select pg_try_advisory_lock(hashtextextended(${key}, 0)) as locked`.execute(connection);
          if (rows[0]?.locked) break;
          if (Date.now() >= deadline) throw new CampaignBusyError();
          await sleep(200);
        }
        try {
          return await work();
        } finally {
          await sql`select pg_advisory_unlock(hashtextextended(${key}, 0))`.execute(connection);
        }
      });
    } finally {
      heldHere.delete(tenantId);
    }
  };
}

export type TenantRunLock = ReturnType<typeof createTenantRunLock>;
