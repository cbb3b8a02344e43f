import { MS_PER_DAY, parseLocalDate, parseWallTime } from './calendar';
import { type LocalDateTime } from './types';
import { assertInstant } from './validation';
import { ZoneCalendar } from './zone-calendar';

/**
 * The UTC instant at which the tenant's wall clock shows `time` ("HH:MM", or "24:00" for the end of the day)
 * on `date` ("YYYY-MM-DD").
 *
 * DST: a wall-clock time that does not exist (skipped by a spring-forward, e.g. 02:30 in New York on
 * 2026-03-08) resolves forward, to the instant the clocks jump (03:00 EDT = 07:00Z); a time that occurs twice
 * (fall-back, e.g. 01:30 on 2026-11-01) resolves to the earlier occurrence (01:30 EDT = 05:30Z). Both follow
 * from one rule, "the first instant at which the wall clock shows this time or later"; see
 * `ZoneCalendar.instantAt` for why.
 */
export function localDateTimeToInstant(date: string, time: string, timeZone: string): Date {
  const epochDay = parseLocalDate(date);
  const minuteOfDay = parseWallTime(time, 'time', true);
  const approximate = epochDay * MS_PER_DAY;
  const calendar = ZoneCalendar.around(timeZone, approximate, approximate + MS_PER_DAY);
  return new Date(calendar.instantAt(epochDay, minuteOfDay));
}

/** The tenant's wall clock at `instant`: local date, "HH:MM" (seconds dropped) and weekday (0 = Sunday). */
export function instantToLocal(instant: Date, timeZone: string): LocalDateTime {
  const ms = assertInstant(instant, 'instant');
  return ZoneCalendar.around(timeZone, ms, ms).toLocal(ms);
}
