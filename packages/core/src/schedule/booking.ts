import { AppError, type BookingSource } from '@agenda-cheia/contracts';
import { isExclusionViolation, sql } from '@agenda-cheia/db';
import { isWithinWorkingHours, overlaps } from '@agenda-cheia/scheduling';
import type { Executor } from '../shared/executor';
import { loadProfessionalSchedules, minutesToMs, tstzRange } from './schedule-data';

export interface SlotRequest {
  serviceId: string;
  professionalId: string;
  start: Date;
  /** Staff may book outside working hours or over time off on purpose. */
  force: boolean;
  /** Reschedules ignore the appointment being moved. */
  excludeAppointmentId?: string;
  /** Proposals (auth requests) must not land on a slot another open request holds. */
  includeHolds?: boolean;
}

export interface CheckedSlot {
  start: Date;
  end: Date;
  blockedDuring: string;
  bufferBeforeMin: number;
  bufferAfterMin: number;
  priceCents: number;
}

/** Runs `work`, turning the exclusion constraint's verdict into the friendly SLOT_TAKEN. */
export async function guardAgainstDoubleBooking<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isExclusionViolation(error, 'appointments_no_overlap')) throw new AppError('SLOT_TAKEN');
    throw error;
  }
}

/**
 * Everything that can be said about a slot before writing it: the service and professional exist in the
 * tenant, the professional performs it, it is inside working hours (unless forced) and nothing overlaps.
 * The overlap check is only for a friendly early answer: the exclusion constraint decides.
 */
export async function checkSlot(
  db: Executor,
  tenantId: string,
  timezone: string,
  request: SlotRequest,
): Promise<CheckedSlot> {
  const [service, professional, link] = await Promise.all([
    db
      .selectFrom('services')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', request.serviceId)
      .executeTakeFirst(),
    db
      .selectFrom('professionals')
      .select(['id', 'active'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', request.professionalId)
      .executeTakeFirst(),
    db
      .selectFrom('professional_services')
      .select('service_id')
      .where('tenant_id', '=', tenantId)
      .where('professional_id', '=', request.professionalId)
      .where('service_id', '=', request.serviceId)
      .executeTakeFirst(),
  ]);
  if (!service || service.archived_at) throw new AppError('NOT_FOUND', 'Serviço não encontrado.');
  if (!professional) throw new AppError('NOT_FOUND', 'Profissional não encontrado.');
  if (!professional.active) throw new AppError('INVALID_STATE', 'Este profissional está inativo.');
  if (!link) throw new AppError('SERVICE_NOT_OFFERED');

  const start = request.start;
  const end = new Date(start.getTime() + minutesToMs(service.duration_min));
  const blockedStart = new Date(start.getTime() - minutesToMs(service.buffer_before_min));
  const blockedEnd = new Date(end.getTime() + minutesToMs(service.buffer_after_min));

  const [schedule] = await loadProfessionalSchedules(
    db,
    tenantId,
    [request.professionalId],
    { start: blockedStart, end: blockedEnd },
    {
      ...(request.excludeAppointmentId ? { excludeAppointmentId: request.excludeAppointmentId } : {}),
      includeHolds: request.includeHolds ?? false,
    },
  );
  if (!request.force && schedule) {
    if (!isWithinWorkingHours({ start, end }, schedule.weeklyHours, timezone)) {
      throw new AppError('OUTSIDE_WORKING_HOURS');
    }
    if (schedule.timeOff.some((t) => overlaps(t, { start, end }))) {
      throw new AppError('OUTSIDE_WORKING_HOURS', 'O profissional está de folga neste horário.');
    }
  }
  const clash = schedule?.busy.some((b) =>
    overlaps(
      {
        start: new Date(b.start.getTime() - minutesToMs(b.bufferBeforeMin)),
        end: new Date(b.end.getTime() + minutesToMs(b.bufferAfterMin)),
      },
      { start: blockedStart, end: blockedEnd },
    ),
  );
  if (clash) throw new AppError('SLOT_TAKEN');

  return {
    start,
    end,
    blockedDuring: tstzRange(blockedStart, blockedEnd),
    bufferBeforeMin: service.buffer_before_min,
    bufferAfterMin: service.buffer_after_min,
    priceCents: service.price_cents,
  };
}

export function finalPrice(priceCents: number, discountPercent: number): number {
  return Math.round((priceCents * (100 - discountPercent)) / 100);
}

export interface NewAppointment extends SlotRequest {
  clientId: string;
  discountPercent: number;
  notes?: string | undefined;
  source: BookingSource;
  createdBy: string | null;
}

/** Writes an appointment after checking its slot. Callers wrap it in guardAgainstDoubleBooking. */
export async function insertAppointment(
  db: Executor,
  tenantId: string,
  timezone: string,
  request: NewAppointment,
): Promise<string> {
  const client = await db
    .selectFrom('clients')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', request.clientId)
    .executeTakeFirst();
  if (!client) throw new AppError('NOT_FOUND', 'Cliente não encontrado.');
  const slot = await checkSlot(db, tenantId, timezone, request);
  const row = await db
    .insertInto('appointments')
    .values({
      tenant_id: tenantId,
      client_id: request.clientId,
      service_id: request.serviceId,
      professional_id: request.professionalId,
      starts_at: slot.start,
      ends_at: slot.end,
      buffer_before_min: slot.bufferBeforeMin,
      buffer_after_min: slot.bufferAfterMin,
      blocked_during: sql<string>`${slot.blockedDuring}::tstzrange`,
      price_cents: slot.priceCents,
      discount_percent: request.discountPercent,
      final_price_cents: finalPrice(slot.priceCents, request.discountPercent),
      source: request.source,
      notes: request.notes ?? null,
      created_by: request.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
