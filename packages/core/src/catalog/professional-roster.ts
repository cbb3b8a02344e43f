import { requireStoredFile } from '../files/file-queries';
import {
  type AddTimeOffInput,
  addTimeOffInput,
  AppError,
  type CreateProfessionalInput,
  createProfessionalInput,
  type Professional,
  type SetWorkingHoursInput,
  type TimeOff,
  updateProfessionalInput,
} from '@agenda-cheia/contracts';
import type { Database, Kysely } from '@agenda-cheia/db';
import { localDateTimeToInstant } from '@agenda-cheia/scheduling';
import type { ActorContext } from '../shared/context';
import type { Executor } from '../shared/executor';
import { findTenantById } from '../tenants/repository';
import { requireRole } from '../users/permissions';
import { toProfessional, toTimeOff } from './mappers';

const PALETTE = ['#7c3aed', '#db2777', '#0891b2', '#16a34a', '#ea580c', '#2563eb', '#ca8a04', '#dc2626'];

async function loadProfessionals(db: Executor, tenantId: string, ids?: string[]): Promise<Professional[]> {
  let query = db.selectFrom('professionals').selectAll().where('tenant_id', '=', tenantId);
  if (ids) {
    if (ids.length === 0) return [];
    query = query.where('id', 'in', ids);
  }
  const rows = await query.orderBy('name').execute();
  if (rows.length === 0) return [];
  const rowIds = rows.map((r) => r.id);
  const [links, hours] = await Promise.all([
    db
      .selectFrom('professional_services')
      .select(['professional_id', 'service_id'])
      .where('professional_id', 'in', rowIds)
      .execute(),
    db
      .selectFrom('working_hours')
      .select(['professional_id', 'weekday', 'start_time', 'end_time'])
      .where('professional_id', 'in', rowIds)
      .execute(),
  ]);
  return rows.map((row) =>
    toProfessional(
      row,
      links.filter((l) => l.professional_id === row.id).map((l) => l.service_id),
      hours.filter((h) => h.professional_id === row.id),
    ),
  );
}

async function assertServicesBelongToTenant(
  db: Executor,
  tenantId: string,
  serviceIds: string[],
): Promise<void> {
  if (serviceIds.length === 0) return;
  const found = await db
    .selectFrom('services')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', serviceIds)
    .execute();
  if (found.length !== new Set(serviceIds).size) throw new AppError('NOT_FOUND', 'Serviço não encontrado.');
}

async function replaceServices(db: Executor, tenantId: string, professionalId: string, serviceIds: string[]) {
  await db.deleteFrom('professional_services').where('professional_id', '=', professionalId).execute();
  const unique = [...new Set(serviceIds)];
  if (unique.length > 0) {
    await db
      .insertInto('professional_services')
      .values(
        unique.map((service_id) => ({ tenant_id: tenantId, professional_id: professionalId, service_id })),
      )
      .execute();
  }
}

async function requireProfessional(db: Executor, tenantId: string, id: string): Promise<void> {
  const row = await db
    .selectFrom('professionals')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'Profissional não encontrado.');
}

/** The people who perform services: what they do, when they work, when they are away. */
export function createProfessionalRoster(deps: { db: Kysely<Database> }) {
  const { db } = deps;

  async function get(actor: ActorContext, id: string): Promise<Professional> {
    const [found] = await loadProfessionals(db, actor.tenantId, [id]);
    if (!found) throw new AppError('NOT_FOUND', 'Profissional não encontrado.');
    return found;
  }

  return {
    list: (actor: ActorContext) => loadProfessionals(db, actor.tenantId),
    get,

    async create(actor: ActorContext, raw: CreateProfessionalInput): Promise<Professional> {
      requireRole(actor, 'owner', 'admin');
      const input = createProfessionalInput.parse(raw);
      const id = await db.transaction().execute(async (trx) => {
        await assertServicesBelongToTenant(trx, actor.tenantId, input.serviceIds);
        if (input.photoFileId) await requireStoredFile(trx, actor.tenantId, input.photoFileId, 'avatar');
        const count = await trx
          .selectFrom('professionals')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('tenant_id', '=', actor.tenantId)
          .executeTakeFirstOrThrow();
        const row = await trx
          .insertInto('professionals')
          .values({
            tenant_id: actor.tenantId,
            name: input.name,
            phone: input.phone ?? null,
            color: input.color ?? PALETTE[Number(count.n) % PALETTE.length] ?? '#7c3aed',
            active: input.active,
            photo_file_id: input.photoFileId ?? null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await replaceServices(trx, actor.tenantId, row.id, input.serviceIds);
        return row.id;
      });
      return get(actor, id);
    },

    async update(actor: ActorContext, raw: unknown): Promise<Professional> {
      requireRole(actor, 'owner', 'admin');
      const input = updateProfessionalInput.parse(raw);
      await db.transaction().execute(async (trx) => {
        if (input.photoFileId) await requireStoredFile(trx, actor.tenantId, input.photoFileId, 'avatar');
        const row = await trx
          .updateTable('professionals')
          .set({
            ...(input.photoFileId !== undefined ? { photo_file_id: input.photoFileId } : {}),
            ...(input.name !== undefined ? { name: input.name } : {}),
            ...(input.phone !== undefined ? { phone: input.phone } : {}),
            ...(input.color !== undefined ? { color: input.color } : {}),
            ...(input.active !== undefined ? { active: input.active } : {}),
            updated_at: new Date(),
          })
          .where('tenant_id', '=', actor.tenantId)
          .where('id', '=', input.id)
          .returning('id')
          .executeTakeFirst();
        if (!row) throw new AppError('NOT_FOUND', 'Profissional não encontrado.');
        if (input.serviceIds !== undefined) {
          await assertServicesBelongToTenant(trx, actor.tenantId, input.serviceIds);
          await replaceServices(trx, actor.tenantId, input.id, input.serviceIds);
        }
      });
      return get(actor, input.id);
    },

    /** Replaces the whole week at once: what the editor shows is what is stored. */
    async setWorkingHours(actor: ActorContext, input: SetWorkingHoursInput): Promise<Professional> {
      requireRole(actor, 'owner', 'admin');
      await db.transaction().execute(async (trx) => {
        await requireProfessional(trx, actor.tenantId, input.professionalId);
        await trx.deleteFrom('working_hours').where('professional_id', '=', input.professionalId).execute();
        if (input.hours.length > 0) {
          await trx
            .insertInto('working_hours')
            .values(
              input.hours.map((h) => ({
                tenant_id: actor.tenantId,
                professional_id: input.professionalId,
                weekday: h.weekday,
                start_time: h.start,
                end_time: h.end,
              })),
            )
            .execute();
        }
      });
      return get(actor, input.professionalId);
    },

    async listTimeOff(actor: ActorContext, professionalId: string): Promise<TimeOff[]> {
      await requireProfessional(db, actor.tenantId, professionalId);
      const rows = await db
        .selectFrom('time_off')
        .selectAll()
        .where('tenant_id', '=', actor.tenantId)
        .where('professional_id', '=', professionalId)
        .orderBy('starts_at')
        .execute();
      return rows.map(toTimeOff);
    },

    /** Time off is given in the tenant's wall-clock and stored as instants. */
    async addTimeOff(actor: ActorContext, raw: AddTimeOffInput): Promise<TimeOff> {
      requireRole(actor, 'owner', 'admin');
      const input = addTimeOffInput.parse(raw);
      await requireProfessional(db, actor.tenantId, input.professionalId);
      const tenant = await findTenantById(db, actor.tenantId);
      if (!tenant) throw new AppError('NOT_FOUND');
      const row = await db
        .insertInto('time_off')
        .values({
          tenant_id: actor.tenantId,
          professional_id: input.professionalId,
          starts_at: localDateTimeToInstant(input.startDate, input.startTime, tenant.timezone),
          ends_at: localDateTimeToInstant(input.endDate, input.endTime, tenant.timezone),
          reason: input.reason ?? null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toTimeOff(row);
    },

    async removeTimeOff(actor: ActorContext, id: string): Promise<void> {
      requireRole(actor, 'owner', 'admin');
      const result = await db
        .deleteFrom('time_off')
        .where('tenant_id', '=', actor.tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (result.numDeletedRows === 0n) throw new AppError('NOT_FOUND', 'Folga não encontrada.');
    },
  };
}

export type ProfessionalRoster = ReturnType<typeof createProfessionalRoster>;
