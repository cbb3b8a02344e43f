import type { Interval, ProfessionalSchedule } from '@agenda-cheia/scheduling';
import { sql } from '@agenda-cheia/db';
import type { Executor } from '../shared/executor';

export function tstzRange(start: Date, end: Date): string {
  return `[${start.toISOString()},${end.toISOString()})`;
}

export function minutesToMs(minutes: number): number {
  return minutes * 60_000;
}

/**
 * Everything the engine needs about some professionals over a window, in three queries whatever
 * the number of professionals or days: hours, time off, and the appointments whose blocked span
 * (with buffers) touches the window.
 */
export async function loadProfessionalSchedules(
  db: Executor,
  tenantId: string,
  professionalIds: string[],
  window: Interval,
  options: {
    excludeAppointmentId?: string;
    /** Also treat the slots held by open auth requests (offers, requests awaiting approval) as busy. */
    includeHolds?: boolean;
    excludeAuthRequestId?: string;
  } = {},
): Promise<ProfessionalSchedule[]> {
  if (professionalIds.length === 0) return [];
  const range = tstzRange(window.start, window.end);
  const [hours, timeOff, booked, held] = await Promise.all([
    db
      .selectFrom('working_hours')
      .select(['professional_id', 'weekday', 'start_time', 'end_time'])
      .where('tenant_id', '=', tenantId)
      .where('professional_id', 'in', professionalIds)
      .execute(),
    db
      .selectFrom('time_off')
      .select(['professional_id', 'starts_at', 'ends_at'])
      .where('tenant_id', '=', tenantId)
      .where('professional_id', 'in', professionalIds)
      .where('starts_at', '<', window.end)
      .where('ends_at', '>', window.start)
      .execute(),
    (() => {
      let query = db
        .selectFrom('appointments')
        .select(['professional_id', 'starts_at', 'ends_at', 'buffer_before_min', 'buffer_after_min'])
        .where('tenant_id', '=', tenantId)
        .where('professional_id', 'in', professionalIds)
        .where('status', '<>', 'cancelled')
        .where(sql<boolean>`blocked_during && ${range}::tstzrange`);
      if (options.excludeAppointmentId) query = query.where('id', '<>', options.excludeAppointmentId);
      return query.execute();
    })(),
    (() => {
      if (!options.includeHolds) return Promise.resolve([]);
      let query = db
        .selectFrom('auth_requests as r')
        .innerJoin('services as s', 's.id', 'r.service_id')
        .select([
          'r.professional_id',
          'r.starts_at',
          'r.ends_at',
          's.buffer_before_min',
          's.buffer_after_min',
        ])
        .where('r.tenant_id', '=', tenantId)
        .where('r.professional_id', 'in', professionalIds)
        .where('r.status', '=', 'open')
        .where('r.starts_at', '<', window.end)
        .where('r.ends_at', '>', window.start);
      if (options.excludeAuthRequestId) query = query.where('r.id', '<>', options.excludeAuthRequestId);
      return query.execute();
    })(),
  ]);
  const busy = [...booked, ...held];
  return professionalIds.map((professionalId) => ({
    professionalId,
    weeklyHours: hours
      .filter((h) => h.professional_id === professionalId)
      .map((h) => ({ weekday: h.weekday, start: h.start_time, end: h.end_time })),
    timeOff: timeOff
      .filter((t) => t.professional_id === professionalId)
      .map((t) => ({ start: t.starts_at, end: t.ends_at })),
    busy: busy
      .filter((b) => b.professional_id === professionalId)
      .map((b) => ({
        start: b.starts_at,
        end: b.ends_at,
        bufferBeforeMin: b.buffer_before_min,
        bufferAfterMin: b.buffer_after_min,
      })),
  }));
}
