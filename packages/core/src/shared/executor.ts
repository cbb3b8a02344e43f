import type { Database, Kysely, Transaction } from '@agenda-cheia/db';

/** Every repository function takes this, so services can compose several of them in one transaction. */
export type Executor = Kysely<Database> | Transaction<Database>;
