export * from './schema';
export * from './connection';
export * from './embedded';
export * from './migrate';
export * from './errors';
export { sql, type Kysely, type Transaction } from 'kysely';
