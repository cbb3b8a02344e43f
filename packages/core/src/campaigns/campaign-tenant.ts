import { AppError, type Tenant } from '@agenda-cheia/contracts';
import type { Executor } from '../shared/executor';
import { toTenant } from '../tenants/mappers';
import { findTenantById } from '../tenants/repository';

/** The tenant a run works for: its name ({negocio}), time zone and settings (send pacing). */
export async function loadCampaignTenant(db: Executor, tenantId: string): Promise<Tenant> {
  const row = await findTenantById(db, tenantId);
  if (!row) throw new AppError('NOT_FOUND');
  return toTenant(row);
}
