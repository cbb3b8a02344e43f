import { AppError, type Tenant, type UpdateTenantInput, tenantSettingsSchema } from '@agenda-cheia/contracts';
import type { Database, Kysely } from '@agenda-cheia/db';
import type { ActorContext } from '../shared/context';
import { toTenant } from './mappers';
import { findTenantById, updateTenantRow } from './repository';
import { requireRole } from '../users/permissions';
import { requireStoredFile } from '../files/file-queries';

export function createTenantService(deps: { db: Kysely<Database> }) {
  return {
    async get(actor: ActorContext): Promise<Tenant> {
      const row = await findTenantById(deps.db, actor.tenantId);
      if (!row) throw new AppError('NOT_FOUND', 'Negócio não encontrado.');
      return toTenant(row);
    },

    async update(actor: ActorContext, input: UpdateTenantInput): Promise<Tenant> {
      requireRole(actor, 'owner', 'admin');
      return deps.db.transaction().execute(async (trx) => {
        const current = await trx
          .selectFrom('tenants')
          .selectAll()
          .where('id', '=', actor.tenantId)
          .forUpdate()
          .executeTakeFirst();
        if (!current) throw new AppError('NOT_FOUND', 'Negócio não encontrado.');
        const settings = input.settings
          ? tenantSettingsSchema.parse({ ...current.settings, ...input.settings })
          : undefined;
        if (input.logoFileId) await requireStoredFile(trx, actor.tenantId, input.logoFileId, 'logo');
        const row = await updateTenantRow(trx, actor.tenantId, {
          ...(input.logoFileId !== undefined ? { logo_file_id: input.logoFileId } : {}),
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.timezone !== undefined ? { timezone: input.timezone } : {}),
          ...(settings ? { settings: JSON.stringify(settings) } : {}),
        });
        if (!row) throw new AppError('NOT_FOUND', 'Negócio não encontrado.');
        return toTenant(row);
      });
    },
  };
}

export type TenantService = ReturnType<typeof createTenantService>;
