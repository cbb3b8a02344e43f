import { type Kysely, Migrator } from 'kysely';
import { migrationProvider } from './migrations';

export interface MigrationOutcome {
  applied: string[];
}

export class MigrationFailedError extends Error {
  constructor(
    readonly migrationName: string | undefined,
    cause: unknown,
  ) {
    super(`Database migration ${migrationName ?? '(unknown)'} failed`, { cause });
    this.name = 'MigrationFailedError';
  }
}

export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<MigrationOutcome> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error');
    throw new MigrationFailedError(failed?.migrationName, error);
  }
  return { applied: results.filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
