import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from './testing';
import type { DatabaseHandle } from './connection';
import { isUniqueViolation } from './errors';
import { migrateToLatest } from './migrate';

describe.each(['postgres', 'embedded'] as const)('database on %s', (mode) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase({ mode });
  });
  afterAll(async () => {
    await handle.close();
  });

  it('applies every migration, and running again applies none', async () => {
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'public' order by 1`.execute(
      handle.db,
    );
    expect(tables.rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(['tenants', 'users', 'refresh_tokens']),
    );
    expect((await migrateToLatest(handle.db)).applied).toEqual([]);
  });

  it('has btree_gist, so exclusion constraints over ranges work', async () => {
    await sql`create temp table slots (who int, during tstzrange, exclude using gist (who with =, during with &&))`.execute(
      handle.db,
    );
    await sql`insert into slots values (1, tstzrange('2026-01-01 10:00Z', '2026-01-01 11:00Z'))`.execute(
      handle.db,
    );
    await expect(
      sql`insert into slots values (1, tstzrange('2026-01-01 10:30Z', '2026-01-01 11:30Z'))`.execute(
        handle.db,
      ),
    ).rejects.toMatchObject({ code: '23P01' });
  });

  it('keeps e-mails unique regardless of case', async () => {
    const tenant = await handle.db
      .insertInto('tenants')
      .values({ name: 'Salão', slug: `s-${mode}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    const user = { tenant_id: tenant.id, name: 'Ana', role: 'owner' as const, password_hash: 'x' };
    await handle.db
      .insertInto('users')
      .values({ ...user, email: 'ana@example.com' })
      .execute();
    const second = handle.db
      .insertInto('users')
      .values({ ...user, email: 'ANA@example.com' })
      .execute();
    await expect(second).rejects.toSatisfy((e: unknown) => isUniqueViolation(e, 'users_email_key'));
  });

  it('serves concurrent transactions through the pool', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        handle.db.transaction().execute(async (trx) => {
          const r = await sql<{ n: number }>`select ${i}::int as n`.execute(trx);
          return r.rows[0]?.n;
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 12 }, (_, i) => i));
  });
});
