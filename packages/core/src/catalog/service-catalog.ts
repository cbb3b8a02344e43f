import {
  AppError,
  type CreateServiceInput,
  createServiceInput,
  type Service,
  updateServiceInput,
} from '@agenda-cheia/contracts';
import type { Database, Kysely } from '@agenda-cheia/db';
import type { ActorContext } from '../shared/context';
import type { Executor } from '../shared/executor';
import { requireRole } from '../users/permissions';
import { toService } from './mappers';

export function findServiceRow(db: Executor, tenantId: string, serviceId: string) {
  return db
    .selectFrom('services')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', serviceId)
    .executeTakeFirst();
}

/** Services a salon offers. Archiving keeps history (past appointments still name the service). */
export function createServiceCatalog(deps: { db: Kysely<Database> }) {
  const { db } = deps;
  return {
    async list(actor: ActorContext, options: { includeArchived?: boolean } = {}): Promise<Service[]> {
      let query = db.selectFrom('services').selectAll().where('tenant_id', '=', actor.tenantId);
      if (!options.includeArchived) query = query.where('archived_at', 'is', null);
      return (await query.orderBy('name').execute()).map(toService);
    },

    async get(actor: ActorContext, id: string): Promise<Service> {
      const row = await findServiceRow(db, actor.tenantId, id);
      if (!row) throw new AppError('NOT_FOUND', 'Serviço não encontrado.');
      return toService(row);
    },

    async create(actor: ActorContext, raw: CreateServiceInput): Promise<Service> {
      requireRole(actor, 'owner', 'admin');
      const input = createServiceInput.parse(raw);
      const row = await db
        .insertInto('services')
        .values({
          tenant_id: actor.tenantId,
          name: input.name,
          duration_min: input.durationMin,
          price_cents: input.priceCents,
          return_cycle_days: input.returnCycleDays ?? null,
          buffer_before_min: input.bufferBeforeMin,
          buffer_after_min: input.bufferAfterMin,
          active: input.active,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toService(row);
    },

    async update(actor: ActorContext, raw: unknown): Promise<Service> {
      requireRole(actor, 'owner', 'admin');
      const input = updateServiceInput.parse(raw);
      const row = await db
        .updateTable('services')
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.durationMin !== undefined ? { duration_min: input.durationMin } : {}),
          ...(input.priceCents !== undefined ? { price_cents: input.priceCents } : {}),
          ...(input.returnCycleDays !== undefined ? { return_cycle_days: input.returnCycleDays } : {}),
          ...(input.bufferBeforeMin !== undefined ? { buffer_before_min: input.bufferBeforeMin } : {}),
          ...(input.bufferAfterMin !== undefined ? { buffer_after_min: input.bufferAfterMin } : {}),
          ...(input.active !== undefined ? { active: input.active } : {}),
          updated_at: new Date(),
        })
        .where('tenant_id', '=', actor.tenantId)
        .where('id', '=', input.id)
        .returningAll()
        .executeTakeFirst();
      if (!row) throw new AppError('NOT_FOUND', 'Serviço não encontrado.');
      return toService(row);
    },

    async archive(actor: ActorContext, id: string): Promise<Service> {
      requireRole(actor, 'owner', 'admin');
      const row = await db
        .updateTable('services')
        .set({ archived_at: new Date(), active: false, updated_at: new Date() })
        .where('tenant_id', '=', actor.tenantId)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      if (!row) throw new AppError('NOT_FOUND', 'Serviço não encontrado.');
      return toService(row);
    },
  };
}

export type ServiceCatalog = ReturnType<typeof createServiceCatalog>;
