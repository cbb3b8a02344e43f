import { type Tenant, tenantSettingsSchema } from '@agenda-cheia/contracts';
import type { TenantRow } from '@agenda-cheia/db';

export function toTenant(row: TenantRow): Tenant {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    timezone: row.timezone,
    // Stored settings may predate a newer setting: defaults fill the gaps.
    settings: tenantSettingsSchema.parse(row.settings),
    logoFileId: row.logo_file_id,
    createdAt: row.created_at.toISOString(),
  };
}
