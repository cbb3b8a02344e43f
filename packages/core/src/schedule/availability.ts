import { AppError, type AvailabilityInput, type Slot } from '@agenda-cheia/contracts';
import type { Database, Kysely } from '@agenda-cheia/db';
import { findFreeSlots, groupSlotsByLocalDay } from '@agenda-cheia/scheduling';
import { findServiceRow } from '../catalog/service-catalog';
import type { Clock } from '../shared/clock';
import type { ActorContext } from '../shared/context';
import type { Executor } from '../shared/executor';
import { toTenant } from '../tenants/mappers';
import { findTenantById } from '../tenants/repository';
import { loadProfessionalSchedules, minutesToMs } from './schedule-data';

export interface AvailabilityResult {
  slots: Slot[];
  days: { date: string; slots: Slot[] }[];
  timezone: string;
}

/** Active professionals of the tenant who perform the service (optionally one of them). */
export async function professionalsForService(
  db: Executor,
  tenantId: string,
  serviceId: string,
  professionalId?: string,
): Promise<string[]> {
  let query = db
    .selectFrom('professional_services as ps')
    .innerJoin('professionals as p', 'p.id', 'ps.professional_id')
    .select('p.id')
    .where('ps.tenant_id', '=', tenantId)
    .where('ps.service_id', '=', serviceId)
    .where('p.active', '=', true);
  if (professionalId) query = query.where('p.id', '=', professionalId);
  return (await query.orderBy('p.name').execute()).map((r) => r.id);
}

/** Free slots for a service, computed by the engine from data loaded in a fixed number of queries. */
export async function computeAvailability(
  db: Executor,
  tenantId: string,
  input: AvailabilityInput,
  now: Date,
  options: { includeHolds?: boolean } = {},
): Promise<AvailabilityResult> {
  const tenantRow = await findTenantById(db, tenantId);
  const service = await findServiceRow(db, tenantId, input.serviceId);
  if (!tenantRow || !service || service.archived_at || !service.active) {
    throw new AppError('NOT_FOUND', 'Serviço não encontrado.');
  }
  const tenant = toTenant(tenantRow);
  const range = { start: new Date(input.from), end: new Date(input.to) };
  const professionalIds = await professionalsForService(db, tenantId, service.id, input.professionalId);
  const window = {
    start: new Date(range.start.getTime() - minutesToMs(service.buffer_before_min)),
    end: new Date(range.end.getTime() + minutesToMs(service.buffer_after_min)),
  };
  const professionals = await loadProfessionalSchedules(db, tenantId, professionalIds, window, options);
  const found = findFreeSlots({
    timeZone: tenant.timezone,
    range,
    professionals,
    service: {
      durationMin: service.duration_min,
      bufferBeforeMin: service.buffer_before_min,
      bufferAfterMin: service.buffer_after_min,
    },
    slotStepMin: tenant.settings.slotStepMin,
    minNoticeMin: tenant.settings.minNoticeMin,
    horizonDays: tenant.settings.horizonDays,
    now,
  });
  const toContract = (s: { start: Date; end: Date; professionalId: string }): Slot => ({
    start: s.start.toISOString(),
    end: s.end.toISOString(),
    professionalId: s.professionalId,
  });
  return {
    slots: found.map(toContract),
    days: groupSlotsByLocalDay(found, tenant.timezone).map((d) => ({
      date: d.date,
      slots: d.slots.map(toContract),
    })),
    timezone: tenant.timezone,
  };
}

export function createAvailabilityService(deps: { db: Kysely<Database>; clock: Clock }) {
  return {
    find: (actor: ActorContext, input: AvailabilityInput) =>
      computeAvailability(deps.db, actor.tenantId, input, deps.clock.now()),
  };
}

export type AvailabilityService = ReturnType<typeof createAvailabilityService>;
