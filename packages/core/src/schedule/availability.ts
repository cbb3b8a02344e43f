import { AppError, type AvailabilityInput, type Slot } from '@agenda-cheia/contracts';
import type { Database, Kysely } from '@agenda-cheia/db';
import {
  addDays,
  findFreeSlots,
  groupSlotsByLocalDay,
  instantToLocal,
  localDateTimeToInstant,
} from '@agenda-cheia/scheduling';
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

/**
 * Where a search may start: no earlier than asked and than now + notice, rounded up to the tenant's slot
 * step on the local clock, so the first slot after "now" is 15:15 rather than 15:07. Later gaps keep the
 * engine's own rule (an appointment ending at 10:20 frees 10:20).
 */
export function firstBookableStart(
  from: Date,
  now: Date,
  settings: { minNoticeMin: number; slotStepMin: number },
  timeZone: string,
): Date {
  const notice = new Date(now.getTime() + settings.minNoticeMin * 60_000);
  if (from.getTime() >= notice.getTime()) return from;
  const local = instantToLocal(notice, timeZone);
  const [hours = 0, minutes = 0] = local.time.split(':').map(Number);
  const minuteOfDay =
    hours * 60 + minutes + (notice.getUTCSeconds() > 0 || notice.getUTCMilliseconds() > 0 ? 1 : 0);
  const aligned = Math.ceil(minuteOfDay / settings.slotStepMin) * settings.slotStepMin;
  const date = aligned >= 24 * 60 ? addDays(local.date, 1) : local.date;
  const minute = aligned % (24 * 60);
  const hh = String(Math.floor(minute / 60)).padStart(2, '0');
  const mm = String(minute % 60).padStart(2, '0');
  const rounded = localDateTimeToInstant(date, `${hh}:${mm}`, timeZone);
  // A wall-clock time skipped by a DST change resolves forward; never go back before the notice.
  return rounded.getTime() >= notice.getTime() ? rounded : notice;
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
  const range = {
    start: firstBookableStart(new Date(input.from), now, tenant.settings, tenant.timezone),
    end: new Date(input.to),
  };
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
