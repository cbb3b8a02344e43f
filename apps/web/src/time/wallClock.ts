import { DateTime } from 'luxon';

/**
 * A moment as people in the salon read it: a date and an "HH:MM" time on the tenant's clock.
 * Forms edit wall-clock values; the API takes instants. Conversions go through luxon with the
 * tenant's IANA zone, the same library and zone the calendar's localizer uses, so a slot clicked
 * on the calendar and a time typed in a form land on the same instant, whatever the browser's zone.
 */
export interface WallClock {
  /** "YYYY-MM-DD" */
  date: string;
  /** "HH:MM", "24:00" meaning the end of the day */
  time: string;
}

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

function startOfLocalDay(date: string, zone: string): DateTime | null {
  if (!DATE_PATTERN.test(date)) return null;
  const day = DateTime.fromISO(date, { zone });
  return day.isValid ? day : null;
}

/** The instant (ISO, UTC) of a wall-clock time in `zone`, or null when the date or time is malformed. */
export function wallClockToInstant({ date, time }: WallClock, zone: string): string | null {
  const day = startOfLocalDay(date, zone);
  if (day === null || !TIME_PATTERN.test(time)) return null;
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  // Adding a duration (not setting fields) keeps "24:00" meaning the next midnight.
  return day.plus({ hours, minutes }).toUTC().toISO();
}

/** The wall-clock date and time of an instant in `zone`. */
export function instantToWallClock(instant: string | Date, zone: string): WallClock {
  const moment =
    typeof instant === 'string'
      ? DateTime.fromISO(instant, { zone })
      : DateTime.fromJSDate(instant, { zone });
  return { date: moment.toISODate() ?? '', time: moment.toFormat('HH:mm') };
}

/** Today's date on the tenant's clock. */
export function todayIn(zone: string): string {
  return DateTime.now().setZone(zone).toISODate() ?? '';
}

/** The instants bounding `days` whole local days from `date` (a local day need not last 24 hours). */
export function localDaysRange(date: string, zone: string, days = 1): { from: string; to: string } {
  const start = startOfLocalDay(date, zone) ?? DateTime.now().setZone(zone).startOf('day');
  return {
    from: start.toUTC().toISO() ?? '',
    to: start.plus({ days }).toUTC().toISO() ?? '',
  };
}

/** The local date `days` after `date` (negative goes back). */
export function addLocalDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() ?? date;
}
