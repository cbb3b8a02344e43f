import { parseWallTime, weekdayOfEpochDay } from './calendar';
import { clipSpans, toInterval, type Span } from './intervals';
import { type Interval, type WeeklyInterval } from './types';
import { assertInterval } from './validation';
import { ZoneCalendar } from './zone-calendar';

/** One working interval of a weekday, in minutes since local midnight; `endMin` may be 1440. */
export interface DailyInterval {
  startMin: number;
  endMin: number;
}

/** Index = weekday (0 = Sunday); each day's intervals sorted by start. */
export type HoursByWeekday = readonly (readonly DailyInterval[])[];

/**
 * Validates and indexes weekly hours by weekday, so that expanding them over a month looks up a day's
 * intervals directly instead of filtering the whole list for every date.
 */
export function parseWeeklyHours(
  weeklyHours: readonly WeeklyInterval[],
  label = 'weeklyHours',
): HoursByWeekday {
  const byWeekday: DailyInterval[][] = [[], [], [], [], [], [], []];
  weeklyHours.forEach((interval, index) => {
    const path = `${label}[${index}]`;
    const day = byWeekday[interval.weekday];
    if (!Number.isInteger(interval.weekday) || day === undefined) {
      throw new RangeError(
        `${path}.weekday: expected 0 (Sunday) to 6 (Saturday), got ${String(interval.weekday)}`,
      );
    }
    const startMin = parseWallTime(interval.start, `${path}.start`, false);
    const endMin = parseWallTime(interval.end, `${path}.end`, true);
    if (startMin >= endMin) {
      // Crossing midnight is written as two intervals (20:00–24:00 and 00:00–02:00 of the next weekday), so
      // that each interval belongs to exactly one local date and DST days need no special case.
      throw new RangeError(
        `${path}: start ${interval.start} must be before end ${interval.end}; split an interval that crosses midnight at "24:00"`,
      );
    }
    day.push({ startMin, endMin });
  });
  for (const day of byWeekday) day.sort((a, b) => a.startMin - b.startMin);
  return byWeekday;
}

/**
 * The working time of local days `firstDay..lastDay` (epoch days) as real instants, merged into continuous
 * spans. Each interval is converted at its two ends, so on a DST day 00:00–04:00 lasts 3 or 5 real hours;
 * an interval swallowed by a spring-forward gap (02:00–03:00 in New York) becomes empty and disappears.
 * Touching intervals, including 20:00–24:00 followed by the next day's 00:00–02:00, become one span.
 */
export function workingSpansOfDays(
  hours: HoursByWeekday,
  firstDay: number,
  lastDay: number,
  calendar: ZoneCalendar,
): Span[] {
  // Days are visited in order and each day's intervals are sorted, and wall-clock → instant is monotonic,
  // so spans arrive sorted by start and can be merged in one pass without sorting.
  const spans: Span[] = [];
  let current: Span | undefined;
  for (let day = firstDay; day <= lastDay; day++) {
    for (const interval of hours[weekdayOfEpochDay(day)] ?? []) {
      const start = calendar.instantAt(day, interval.startMin);
      const end = calendar.instantAt(day, interval.endMin);
      if (end <= start) continue;
      if (current !== undefined && start <= current.end) {
        current.end = Math.max(current.end, end);
      } else {
        current = { start, end };
        spans.push(current);
      }
    }
  }
  return spans;
}

/** The professional's working time inside `range`, merged into continuous spans, as UTC instants. */
export function workingIntervalsBetween(
  weeklyHours: WeeklyInterval[],
  range: Interval,
  timeZone: string,
): Interval[] {
  const hours = parseWeeklyHours(weeklyHours);
  const window = assertInterval(range, 'range');
  const calendar = ZoneCalendar.around(timeZone, window.start, window.end);
  // The previous day is included so that a span running over midnight into the range is seen (and clipped)
  // whole; only the part inside the range is returned either way.
  const spans = workingSpansOfDays(
    hours,
    calendar.localDayOf(window.start) - 1,
    calendar.localDayOf(window.end),
    calendar,
  );
  return clipSpans(spans, window).map(toInterval);
}

/**
 * True when the whole candidate lies inside one continuous working span (touching intervals count as one).
 * An empty candidate counts when its instant lies within a span, ends included.
 */
export function isWithinWorkingHours(
  candidate: Interval,
  weeklyHours: WeeklyInterval[],
  timeZone: string,
): boolean {
  const hours = parseWeeklyHours(weeklyHours);
  const { start, end } = assertInterval(candidate, 'candidate');
  const calendar = ZoneCalendar.around(timeZone, start, end);
  // A span holding the candidate contains its start, so the day of the start (and the day before, for a
  // span coming over midnight) up to the day of its end are all that can matter.
  const spans = workingSpansOfDays(hours, calendar.localDayOf(start) - 1, calendar.localDayOf(end), calendar);
  return spans.some((span) => span.start <= start && end <= span.end);
}
