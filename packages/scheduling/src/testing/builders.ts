import { instantToLocal, localDateTimeToInstant } from '../wall-clock';
import {
  type AvailabilityQuery,
  type BusyAppointment,
  type Interval,
  type ProfessionalSchedule,
  type Slot,
  type WeeklyInterval,
  type Weekday,
} from '../types';

/** Test helpers: build queries in the tenant's wall clock and read slots back in it. */

export const SAO_PAULO = 'America/Sao_Paulo';
export const NEW_YORK = 'America/New_York';
export const LISBON = 'Europe/Lisbon';

/** "YYYY-MM-DD HH:MM" in the zone → instant. */
export function at(dateTime: string, timeZone = SAO_PAULO): Date {
  const [date = '', time = ''] = dateTime.split(' ');
  return localDateTimeToInstant(date, time, timeZone);
}

export function between(from: string, to: string, timeZone = SAO_PAULO): Interval {
  return { start: at(from, timeZone), end: at(to, timeZone) };
}

export function appointment(
  from: string,
  to: string,
  bufferBeforeMin = 0,
  bufferAfterMin = 0,
  timeZone = SAO_PAULO,
): BusyAppointment {
  return { ...between(from, to, timeZone), bufferBeforeMin, bufferAfterMin };
}

/** The same hours on each of the given weekdays: `hours([2, 3], '09:00-12:00', '13:00-19:00')`. */
export function hours(weekdays: readonly Weekday[], ...spans: string[]): WeeklyInterval[] {
  return weekdays.flatMap((weekday) =>
    spans.map((span) => {
      const [start = '', end = ''] = span.split('-');
      return { weekday, start, end };
    }),
  );
}

export const TUESDAY_TO_SATURDAY: readonly Weekday[] = [2, 3, 4, 5, 6];
export const SALON_HOURS = hours(TUESDAY_TO_SATURDAY, '09:00-12:00', '13:00-19:00');

export function professional(
  professionalId: string,
  weeklyHours: WeeklyInterval[] = SALON_HOURS,
  extra: Partial<Pick<ProfessionalSchedule, 'busy' | 'timeOff'>> = {},
): ProfessionalSchedule {
  return { professionalId, weeklyHours, busy: extra.busy ?? [], timeOff: extra.timeOff ?? [] };
}

/**
 * A query for one Tuesday in São Paulo (2026-06-02), 60-minute service without buffers, every 30 minutes,
 * no notice, a month of horizon, "now" the day before; override what the test is about.
 */
export function query(overrides: Partial<AvailabilityQuery> = {}): AvailabilityQuery {
  const timeZone = overrides.timeZone ?? SAO_PAULO;
  return {
    timeZone,
    range: between('2026-06-02 00:00', '2026-06-03 00:00', timeZone),
    professionals: [professional('ana')],
    service: { durationMin: 60, bufferBeforeMin: 0, bufferAfterMin: 0 },
    slotStepMin: 30,
    minNoticeMin: 0,
    horizonDays: 30,
    now: at('2026-06-01 08:00', timeZone),
    ...overrides,
  };
}

/** Slot starts as local "HH:MM" (or "YYYY-MM-DD HH:MM" with `withDate`), optionally of one professional. */
export function localStarts(
  slots: readonly Slot[],
  options: { timeZone?: string; withDate?: boolean; of?: string } = {},
): string[] {
  const timeZone = options.timeZone ?? SAO_PAULO;
  return slots
    .filter((slot) => options.of === undefined || slot.professionalId === options.of)
    .map((slot) => {
      const local = instantToLocal(slot.start, timeZone);
      return options.withDate === true ? `${local.date} ${local.time}` : local.time;
    });
}

/** Times from `from` to `to` (inclusive) every `stepMin`, as "HH:MM". */
export function everyMinutes(from: string, to: string, stepMin: number): string[] {
  const toMinutes = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
  const times: string[] = [];
  for (let minute = toMinutes(from); minute <= toMinutes(to); minute += stepMin) {
    times.push(`${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`);
  }
  return times;
}
