import { Temporal } from 'temporal-polyfill';
import { spansOverlap, type Span } from './intervals';
import { validateQuery, type ValidatedProfessional, type ValidatedQuery } from './query';
import { type AvailabilityQuery, type Slot } from './types';

/**
 * A deliberately naive availability engine: the oracle for tests and the baseline for the benchmark.
 *
 * It shares nothing with findFreeSlots beyond input validation: it converts wall-clock times with Temporal
 * directly (no offset table), and it decides minute by minute, by brute force, whether each whole minute is
 * working time and whether a service starting then fits. Slow on purpose; never use it to serve requests.
 */
export function findFreeSlotsReference(query: AvailabilityQuery): Slot[] {
  const validated = validateQuery(query);
  const slots: Slot[] = [];
  for (const scan of scanAll(validated)) {
    let previousFeasible = false;
    scan.feasible.forEach((feasible, i) => {
      // Offered: the first start of every run of feasible minutes, and the grid points of the working span.
      const offered =
        feasible === 1 &&
        (!previousFeasible || (i - (scan.spanStartIndex[i] ?? 0)) % validated.slotStepMin === 0);
      if (offered) {
        const start = scan.scanStart + i * MINUTE;
        slots.push({
          start: new Date(start),
          end: new Date(start + validated.durationMin * MINUTE),
          professionalId: scan.professionalId,
        });
      }
      previousFeasible = feasible === 1;
    });
  }
  return slots.sort(
    (a, b) =>
      a.start.getTime() - b.start.getTime() ||
      (a.professionalId < b.professionalId ? -1 : a.professionalId > b.professionalId ? 1 : 0),
  );
}

/**
 * Every maximal run of feasible whole-minute starts, per professional, as `[first start, last start]`
 * (both inclusive, epoch ms). A complete engine offers at least one slot in each run.
 */
export function referenceFeasibleRuns(query: AvailabilityQuery): { professionalId: string; runs: Span[] }[] {
  return scanAll(validateQuery(query)).map((scan) => {
    const runs: Span[] = [];
    scan.feasible.forEach((feasible, i) => {
      if (feasible !== 1) return;
      const start = scan.scanStart + i * MINUTE;
      const last = runs.at(-1);
      if (last !== undefined && last.end === start - MINUTE) last.end = start;
      else runs.push({ start, end: start });
    });
    return { professionalId: scan.professionalId, runs };
  });
}

const MINUTE = 60_000;
const DAY = 86_400_000;

interface ProfessionalScan {
  professionalId: string;
  /** Epoch ms of minute index 0: local midnight of the day before the earliest possible start. */
  scanStart: number;
  /** 1 where a service may start at that minute. */
  feasible: Uint8Array;
  /** Index of the first minute of the working span holding each minute (−1 outside working time). */
  spanStartIndex: Int32Array;
}

function scanAll(query: ValidatedQuery): ProfessionalScan[] {
  const earliestStart = Math.max(query.range.start, query.now + query.minNoticeMin * MINUTE);
  const latestEnd = Math.min(query.range.end, query.now + query.horizonDays * DAY);
  if (latestEnd - query.durationMin * MINUTE < earliestStart) return [];
  // Same look-back as the engine: spans already open at the earliest start are followed back to the local
  // midnight of the previous day, which is where their grid is anchored.
  const firstDate = localDateOf(earliestStart, query.timeZone).subtract({ days: 1 });
  const lastDate = localDateOf(latestEnd, query.timeZone);
  const convert = memoizedWallClock(query.timeZone);
  const scanStart = Math.ceil(convert(firstDate, 0) / MINUTE) * MINUTE;
  const minutes = Math.ceil((latestEnd - scanStart) / MINUTE) + 1;
  return query.professionals.map((professional) =>
    scanProfessional(
      professional,
      query,
      { firstDate, lastDate, scanStart, minutes, earliestStart, latestEnd },
      convert,
    ),
  );
}

interface ScanWindow {
  firstDate: Temporal.PlainDate;
  lastDate: Temporal.PlainDate;
  scanStart: number;
  minutes: number;
  earliestStart: number;
  latestEnd: number;
}

function scanProfessional(
  professional: ValidatedProfessional,
  query: ValidatedQuery,
  window: ScanWindow,
  convert: (date: Temporal.PlainDate, minuteOfDay: number) => number,
): ProfessionalScan {
  const working = workingMinutes(professional, window, convert);
  const spanStartIndex = new Int32Array(window.minutes).fill(-1);
  for (let i = 0; i < window.minutes; i++) {
    if (working[i] === 1)
      spanStartIndex[i] = i > 0 && working[i - 1] === 1 ? (spanStartIndex[i - 1] ?? i) : i;
  }

  const blocked: Span[] = [
    ...professional.timeOff,
    ...professional.busy.map((b) => ({
      start: b.start - b.bufferBeforeMin * MINUTE,
      end: b.end + b.bufferAfterMin * MINUTE,
    })),
  ];
  const feasible = new Uint8Array(window.minutes);
  for (let i = 0; i < window.minutes; i++) {
    const start = window.scanStart + i * MINUTE;
    const end = start + query.durationMin * MINUTE;
    if (start < window.earliestStart || end > window.latestEnd) continue;
    let allWorking = true;
    for (let m = i; m < i + query.durationMin; m++) if (working[m] !== 1) allWorking = false;
    if (!allWorking) continue;
    const withBuffers = {
      start: start - query.bufferBeforeMin * MINUTE,
      end: end + query.bufferAfterMin * MINUTE,
    };
    if (blocked.some((span) => spansOverlap(withBuffers, span))) continue;
    feasible[i] = 1;
  }
  return {
    professionalId: professional.professionalId,
    scanStart: window.scanStart,
    feasible,
    spanStartIndex,
  };
}

/** 1 for each minute that lies inside some working interval of some day, converted at its two ends. */
function workingMinutes(
  professional: ValidatedProfessional,
  window: ScanWindow,
  convert: (date: Temporal.PlainDate, minuteOfDay: number) => number,
): Uint8Array {
  const instances: Span[] = [];
  for (
    let date = window.firstDate;
    Temporal.PlainDate.compare(date, window.lastDate) <= 0;
    date = date.add({ days: 1 })
  ) {
    for (const interval of professional.hours[date.dayOfWeek % 7] ?? []) {
      instances.push({ start: convert(date, interval.startMin), end: convert(date, interval.endMin) });
    }
  }
  const working = new Uint8Array(window.minutes);
  for (let i = 0; i < window.minutes; i++) {
    const t = window.scanStart + i * MINUTE;
    if (instances.some((span) => span.start <= t && t < span.end)) working[i] = 1;
  }
  return working;
}

function localDateOf(instantMs: number, timeZone: string): Temporal.PlainDate {
  return Temporal.Instant.fromEpochMilliseconds(instantMs).toZonedDateTimeISO(timeZone).toPlainDate();
}

/**
 * The first instant at which the wall clock shows `minuteOfDay` on `date` or later, straight from Temporal:
 * an existing time takes its earlier occurrence; a time skipped by a spring-forward takes the transition.
 */
export function firstInstantShowing(date: Temporal.PlainDate, minuteOfDay: number, timeZone: string): number {
  const wall = date.toPlainDateTime().add({ minutes: minuteOfDay });
  const earlier = wall.toZonedDateTime(timeZone, { disambiguation: 'earlier' });
  if (Temporal.PlainDateTime.compare(earlier.toPlainDateTime(), wall) === 0) return earlier.epochMilliseconds;
  const jump = earlier.getTimeZoneTransition('next');
  if (jump === null)
    throw new Error(`No transition after ${earlier.toString()} although ${wall.toString()} is skipped`);
  return jump.epochMilliseconds;
}

function memoizedWallClock(timeZone: string): (date: Temporal.PlainDate, minuteOfDay: number) => number {
  const cache = new Map<string, number>();
  return (date, minuteOfDay) => {
    const key = `${date.toString()}+${minuteOfDay}`;
    let instant = cache.get(key);
    if (instant === undefined) {
      instant = firstInstantShowing(date, minuteOfDay, timeZone);
      cache.set(key, instant);
    }
    return instant;
  };
}
