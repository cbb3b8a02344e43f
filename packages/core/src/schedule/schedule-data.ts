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
  options: { excludeAppointmentId?: string } = {},
): Promise<ProfessionalSchedule[]> {
  if (professionalIds.length === 0) return [];
  const range = tstzRange(window.start, window.end);
  const [hours, timeOff, busy] = await Promise.all([
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
  ]);
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
