import { type Weekday } from './types';

/**
 * Calendar arithmetic on plain local dates and wall-clock times, with no time zone involved. A local date is
 * handled as an "epoch day" (days since 1970-01-01 in the proleptic Gregorian calendar) so that "the next
 * day" and "the weekday" are integer operations instead of repeated time-zone look-ups.
 */

export const MS_PER_MINUTE = 60_000;
export const MINUTES_PER_DAY = 1440;
export const MS_PER_DAY = 86_400_000;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WALL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "YYYY-MM-DD" → epoch day; rejects impossible dates such as 2026-02-30. */
export function parseLocalDate(date: string, label = 'date'): number {
  const match = LOCAL_DATE.exec(date);
  if (match) {
    const [, year, month, day] = match.map(Number);
    if (year !== undefined && month !== undefined && day !== undefined) {
      const ms = Date.UTC(year, month - 1, day);
      // Date.UTC rolls 02-30 over to 03-02; reading the parts back catches it.
      const check = new Date(ms);
      if (
        check.getUTCFullYear() === year &&
        check.getUTCMonth() === month - 1 &&
        check.getUTCDate() === day
      ) {
        return ms / MS_PER_DAY;
      }
    }
  }
  throw new RangeError(`${label}: expected a calendar date "YYYY-MM-DD", got ${JSON.stringify(date)}`);
}

export function formatLocalDate(epochDay: number): string {
  return new Date(epochDay * MS_PER_DAY).toISOString().slice(0, 10);
}

export function weekdayOfEpochDay(epochDay: number): Weekday {
  // 1970-01-01 was a Thursday (4).
  return (((epochDay % 7) + 11) % 7) as Weekday;
}

/**
 * "HH:MM" → minutes since midnight. "24:00" (1440) is accepted only where the caller allows it: as the end of
 * a working interval it means "until the end of the day", which is the only way to write an interval that
 * touches midnight without crossing it.
 */
export function parseWallTime(time: string, label: string, allowEndOfDay: boolean): number {
  if (allowEndOfDay && time === '24:00') return MINUTES_PER_DAY;
  const match = WALL_TIME.exec(time);
  if (match) return Number(match[1]) * 60 + Number(match[2]);
  const accepted = allowEndOfDay ? '"HH:MM" (00:00–23:59) or "24:00"' : '"HH:MM" (00:00–23:59)';
  throw new RangeError(`${label}: expected ${accepted}, got ${JSON.stringify(time)}`);
}

export function formatWallTime(minuteOfDay: number): string {
  const hours = Math.floor(minuteOfDay / 60);
  const minutes = minuteOfDay % 60;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}
