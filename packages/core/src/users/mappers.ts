import type { User } from '@agenda-cheia/contracts';
import type { UserRow } from '@agenda-cheia/db';

/** The password hash never leaves core. */
export function toUser(row: UserRow): User {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    email: row.email,
    role: row.role,
    createdAt: row.created_at.toISOString(),
  };
}
