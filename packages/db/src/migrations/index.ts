import type { Migration, MigrationProvider } from 'kysely';
import * as accounts from './2026-11-23T10-00-accounts';
import * as scheduling from './2026-11-23T14-00-scheduling';
import * as events from './2026-11-23T16-00-events';
import * as inbox from './2026-11-23T17-00-inbox';
import * as agents from './2026-11-23T20-00-agents';
import * as files from './2026-11-24T10-00-files';

/**
 * Migrations are listed in code (not read from disk) so the bundled API carries them.
 * Names start with an ISO date: order is lexical and obvious.
 */
const migrations: Record<string, Migration> = {
  '2026-11-23T10-00-accounts': accounts,
  '2026-11-23T14-00-scheduling': scheduling,
  '2026-11-23T16-00-events': events,
  '2026-11-23T17-00-inbox': inbox,
  '2026-11-23T20-00-agents': agents,
  '2026-11-24T10-00-files': files,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
