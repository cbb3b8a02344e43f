import path from 'node:path';
import { migrateToLatest, openDatabase } from '@agenda-cheia/db';
import { ConfigError, loadConfig } from '../config';

/** `pnpm db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded database. */
async function run(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    embeddedDataDir: path.join(config.DATA_DIR, 'pgdata'),
  });
  try {
    const { applied } = await migrateToLatest(database.db);
    process.stdout.write(
      applied.length ? `Applied: ${applied.join(', ')}\n` : 'Database already up to date.\n',
    );
  } finally {
    await database.close();
  }
}

run().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});
