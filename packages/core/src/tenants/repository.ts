import type { NewTenantRow, TenantRow, TenantUpdate } from '@agenda-cheia/db';
import type { Executor } from '../shared/executor';

export function insertTenant(db: Executor, tenant: NewTenantRow): Promise<TenantRow> {
  return db.insertInto('tenants').values(tenant).returningAll().executeTakeFirstOrThrow();
}

export function findTenantById(db: Executor, tenantId: string): Promise<TenantRow | undefined> {
  return db.selectFrom('tenants').selectAll().where('id', '=', tenantId).executeTakeFirst();
}

export async function isSlugTaken(db: Executor, slug: string): Promise<boolean> {
  const row = await db.selectFrom('tenants').select('id').where('slug', '=', slug).executeTakeFirst();
  return row !== undefined;
}

export function updateTenantRow(
  db: Executor,
  tenantId: string,
  update: TenantUpdate,
): Promise<TenantRow | undefined> {
  return db
    .updateTable('tenants')
    .set({ ...update, updated_at: new Date() })
    .where('id', '=', tenantId)
    .returningAll()
    .executeTakeFirst();
}
