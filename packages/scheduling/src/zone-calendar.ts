import { Temporal } from 'temporal-polyfill';
import {
  formatLocalDate,
  formatWallTime,
  MINUTES_PER_DAY,
  MS_PER_DAY,
  MS_PER_MINUTE,
  weekdayOfEpochDay,
} from './calendar';
import { type LocalDateTime } from './types';

interface OffsetSegment {
  /** First instant (epoch ms) at which `offsetMs` applies; it lasts until the next segment's `from`. */
  from: number;
  /** Wall clock minus UTC, in ms (São Paulo: −3 h). */
  offsetMs: number;
}

/**
 * Margin added around a requested window. Callers look up to one local day before the local day of the
 * window's start (the midnight two days back can lie 49 hours earlier after a 25-hour fall-back day) and up
 * to the end of the local day of its end; three days cover that with room for any UTC offset.
 */
const COVERAGE_MARGIN_MS = 3 * MS_PER_DAY;

/**
 * A time zone's offsets over a bounded window of instants, read once from the tz database (through Temporal)
 * and then used with plain arithmetic.
 *
 * Why: one availability query converts a few hundred wall-clock times and instants, and every Temporal
 * conversion costs tens of microseconds. The zone's UTC offset only changes at transitions (none for
 * São Paulo since 2019, two a year for New York or Lisbon), so asking the library for the offset at the start
 * of the window and for each transition inside it is enough to answer every later question exactly, and it
 * stays exact on DST days because the transitions themselves come from the library. Nothing here assumes a
 * fixed offset.
 */
export class ZoneCalendar {
  private readonly instantsByLocalKey = new Map<number, number>();

  private constructor(
    readonly timeZone: string,
    private readonly coverFrom: number,
    private readonly coverTo: number,
    private readonly segments: readonly OffsetSegment[],
  ) {}

  /** A calendar valid for every instant in `[fromMs, toMs]` and for the local days around them. */
  static around(timeZone: string, fromMs: number, toMs: number): ZoneCalendar {
    const coverFrom = fromMs - COVERAGE_MARGIN_MS;
    const coverTo = toMs + COVERAGE_MARGIN_MS;
    const first = zonedAt(timeZone, coverFrom);
    const segments: OffsetSegment[] = [{ from: coverFrom, offsetMs: first.offsetNanoseconds / 1e6 }];
    for (
      let next = first.getTimeZoneTransition('next');
      next !== null && next.epochMilliseconds <= coverTo;
      next = next.getTimeZoneTransition('next')
    ) {
      segments.push({ from: next.epochMilliseconds, offsetMs: next.offsetNanoseconds / 1e6 });
    }
    return new ZoneCalendar(timeZone, coverFrom, coverTo, segments);
  }

  offsetAt(instantMs: number): number {
    this.assertCovered(instantMs);
    for (let i = this.segments.length - 1; i > 0; i--) {
      const segment = this.segments[i];
      if (segment !== undefined && segment.from <= instantMs) return segment.offsetMs;
    }
    return this.segments[0]?.offsetMs ?? 0;
  }

  /** The local epoch day (see calendar.ts) that contains the instant. */
  localDayOf(instantMs: number): number {
    return Math.floor((instantMs + this.offsetAt(instantMs)) / MS_PER_DAY);
  }

  toLocal(instantMs: number): LocalDateTime {
    const localMs = instantMs + this.offsetAt(instantMs);
    const epochDay = Math.floor(localMs / MS_PER_DAY);
    const minuteOfDay = Math.floor((localMs - epochDay * MS_PER_DAY) / MS_PER_MINUTE);
    return {
      date: formatLocalDate(epochDay),
      time: formatWallTime(minuteOfDay),
      weekday: weekdayOfEpochDay(epochDay),
    };
  }

  /**
   * The first instant at which the wall clock shows `minuteOfDay` on `epochDay`, or later. `minuteOfDay` may be
   * 1440 ("24:00"), which is the start of the next day.
   *
   * "First instant showing this time or later" gives one rule for both DST anomalies. A time skipped by a
   * spring-forward (02:30 in New York on 2026-03-08) resolves to the moment the clocks jump (03:00 EDT): a
   * professional due at 02:30 is at work as soon as the clock reads past it, so 02:30–04:00 that night is a
   * real hour. Temporal's "compatible" mode would move it to 03:30 and lose half an hour. A time repeated by a
   * fall-back (01:30 on 2026-11-01) resolves to its first occurrence (EDT), as "compatible" does, so a span
   * that starts before the repeated hour keeps it whole (00:00–04:00 that night lasts 5 hours).
   *
   * Memoized per (day, minute): every professional with the same hours reuses the conversion.
   */
  instantAt(epochDay: number, minuteOfDay: number): number {
    const key = epochDay * (MINUTES_PER_DAY + 1) + minuteOfDay;
    const cached = this.instantsByLocalKey.get(key);
    if (cached !== undefined) return cached;
    const instant = this.firstInstantShowing(epochDay * MS_PER_DAY + minuteOfDay * MS_PER_MINUTE);
    this.instantsByLocalKey.set(key, instant);
    return instant;
  }

  private firstInstantShowing(localMs: number): number {
    // Within one segment the wall clock runs with real time, so the earliest instant of segment i whose wall
    // clock reads at least `localMs` is max(from, localMs - offset), if that is still inside the segment.
    // Segments are in time order, so the first segment with such an instant holds the answer.
    for (let i = 0; i < this.segments.length; i++) {
      const segment = this.segments[i];
      if (segment === undefined) break;
      // Before the window the clock may already have shown this time: the answer is not ours to give.
      if (i === 0 && localMs - segment.offsetMs < this.coverFrom) break;
      const until = this.segments[i + 1]?.from ?? this.coverTo + 1;
      const candidate = Math.max(segment.from, localMs - segment.offsetMs);
      if (candidate < until) return candidate;
    }
    throw new Error(
      `Local time ${new Date(localMs).toISOString()} falls outside the covered window of ${this.timeZone}`,
    );
  }

  private assertCovered(instantMs: number): void {
    if (instantMs < this.coverFrom || instantMs > this.coverTo) {
      throw new Error(
        `Instant ${new Date(instantMs).toISOString()} falls outside the covered window of ${this.timeZone}`,
      );
    }
  }
}

/** Names an IANA zone; fixed offsets ("+03:00", "-03") are refused because they ignore DST rules. */
export function assertTimeZone(timeZone: string, label = 'timeZone'): void {
  zonedAt(timeZone, 0, label);
}

function zonedAt(timeZone: string, instantMs: number, label = 'timeZone'): Temporal.ZonedDateTime {
  if (typeof timeZone !== 'string' || /^[+\-\u2212]/.test(timeZone)) {
    throw new RangeError(
      `${label}: expected an IANA time zone name such as "America/Sao_Paulo", got ${JSON.stringify(timeZone)}`,
    );
  }
  try {
    return Temporal.Instant.fromEpochMilliseconds(instantMs).toZonedDateTimeISO(timeZone);
  } catch {
    throw new RangeError(
      `${label}: unknown time zone ${JSON.stringify(timeZone)}; use an IANA name such as "America/Sao_Paulo"`,
    );
  }
}
