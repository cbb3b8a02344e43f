import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findFreeSlots } from './find-free-slots';
import { overlaps } from './intervals';
import { findFreeSlotsReference, referenceFeasibleRuns } from './reference';
import { LISBON, NEW_YORK, SAO_PAULO } from './testing/builders';
import { type AvailabilityQuery, type Interval, type Slot, type WeeklyInterval, type Weekday } from './types';
import { localDateTimeToInstant } from './wall-clock';
import { isWithinWorkingHours } from './working-hours';

/**
 * Random salons, checked three ways: against the minute-by-minute reference (exact equality), against the
 * rules stated directly (nothing overlaps, nothing outside hours, notice, horizon and range respected, order),
 * and for completeness (every run of feasible starts the reference finds gets at least one slot).
 * Ranges are anchored on ordinary days and on the 2026 DST change days of New York and Lisbon.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;
const ANCHOR_DATES = [
  '2026-03-07',
  '2026-03-08',
  '2026-03-28',
  '2026-03-29',
  '2026-06-02',
  '2026-10-24',
  '2026-10-25',
  '2026-10-31',
  '2026-11-01',
  // The days after a change: their evening looks back over a 23- or 25-hour day.
  '2026-03-09',
  '2026-03-30',
  '2026-10-26',
  '2026-11-02',
];
const wall = (minute: number): string =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

const wallIntervalArb = fc
  .record({
    start: fc.oneof(
      fc.integer({ min: 0, max: 1439 }),
      fc.integer({ min: 0, max: 47 }).map((half) => half * 30),
    ),
    length: fc.integer({ min: 1, max: 720 }),
  })
  .map(({ start, length }) => ({ start: wall(start), end: wall(Math.min(1440, start + length)) }));

/** Either scattered intervals on random weekdays, or the same pattern every day (touching or overlapping). */
const weeklyHoursArb = fc.oneof(
  fc.array(
    fc
      .record({ weekday: fc.constantFrom<Weekday>(0, 1, 2, 3, 4, 5, 6), interval: wallIntervalArb })
      .map(({ weekday, interval }): WeeklyInterval => ({ weekday, ...interval })),
    { maxLength: 10 },
  ),
  fc
    .array(wallIntervalArb, { minLength: 1, maxLength: 3 })
    .map((daily) =>
      ([0, 1, 2, 3, 4, 5, 6] as const).flatMap((weekday) =>
        daily.map((interval): WeeklyInterval => ({ weekday, ...interval })),
      ),
    ),
);

const jitterArb = fc.oneof(
  { weight: 4, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: MINUTE - 1 }) },
);

const busyArb = fc.record({
  offsetMin: fc.integer({ min: -600, max: 4 * 1440 }),
  durationMin: fc.integer({ min: 0, max: 180 }),
  jitterMs: jitterArb,
  bufferBeforeMin: fc.integer({ min: 0, max: 20 }),
  bufferAfterMin: fc.integer({ min: 0, max: 20 }),
});

const timeOffArb = fc.record({
  offsetMin: fc.integer({ min: -1440, max: 4 * 1440 }),
  durationMin: fc.integer({ min: 0, max: 3 * 1440 }),
});

const queryArb = fc
  .record({
    timeZone: fc.constantFrom(SAO_PAULO, NEW_YORK, LISBON),
    anchorDate: fc.constantFrom(...ANCHOR_DATES),
    rangeStartOffsetMin: fc.integer({ min: -720, max: 1439 }),
    rangeLengthMin: fc.integer({ min: 0, max: 3 * 1440 }),
    nowOffsetMs: fc.oneof(
      fc.integer({ min: -2 * DAY, max: 6 * 3_600_000 }),
      fc.integer({ min: -2 * DAY, max: 2 * DAY }),
    ),
    minNoticeMin: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 600 })),
    horizonDays: fc.oneof(
      { weight: 1, arbitrary: fc.constant(0) },
      { weight: 6, arbitrary: fc.integer({ min: 1, max: 5 }) },
    ),
    slotStepMin: fc.oneof(fc.constantFrom(5, 10, 15, 20, 30, 60), fc.integer({ min: 1, max: 90 })),
    durationMin: fc.oneof(fc.constantFrom(15, 30, 45, 60, 90), fc.integer({ min: 1, max: 180 })),
    bufferBeforeMin: fc.integer({ min: 0, max: 30 }),
    bufferAfterMin: fc.integer({ min: 0, max: 30 }),
    professionals: fc.uniqueArray(
      fc.record({
        id: fc.constantFrom('ana', 'bia', 'caio', 'davi'),
        weeklyHours: weeklyHoursArb,
        busy: fc.array(busyArb, { maxLength: 8 }),
        timeOff: fc.array(timeOffArb, { maxLength: 2 }),
      }),
      { minLength: 1, maxLength: 3, selector: (professional) => professional.id },
    ),
  })
  .map((input): AvailabilityQuery => {
    const rangeStart =
      localDateTimeToInstant(input.anchorDate, '00:00', input.timeZone).getTime() +
      input.rangeStartOffsetMin * MINUTE;
    const at = (offsetMin: number, jitterMs = 0): Date =>
      new Date(rangeStart + offsetMin * MINUTE + jitterMs);
    return {
      timeZone: input.timeZone,
      range: { start: at(0), end: at(input.rangeLengthMin) },
      professionals: input.professionals.map((professional) => ({
        professionalId: professional.id,
        weeklyHours: professional.weeklyHours,
        busy: professional.busy.map((b) => ({
          start: at(b.offsetMin, b.jitterMs),
          end: at(b.offsetMin + b.durationMin, b.jitterMs),
          bufferBeforeMin: b.bufferBeforeMin,
          bufferAfterMin: b.bufferAfterMin,
        })),
        timeOff: professional.timeOff.map((t) => ({
          start: at(t.offsetMin),
          end: at(t.offsetMin + t.durationMin),
        })),
      })),
      service: {
        durationMin: input.durationMin,
        bufferBeforeMin: input.bufferBeforeMin,
        bufferAfterMin: input.bufferAfterMin,
      },
      slotStepMin: input.slotStepMin,
      minNoticeMin: input.minNoticeMin,
      horizonDays: input.horizonDays,
      now: new Date(rangeStart + input.nowOffsetMs),
    };
  });

const widen = (interval: Interval, beforeMin: number, afterMin: number): Interval => ({
  start: new Date(interval.start.getTime() - beforeMin * MINUTE),
  end: new Date(interval.end.getTime() + afterMin * MINUTE),
});

function professionalOf(query: AvailabilityQuery, slot: Slot) {
  const professional = query.professionals.find((p) => p.professionalId === slot.professionalId);
  if (professional === undefined) throw new Error(`slot for unknown professional ${slot.professionalId}`);
  return professional;
}

describe('findFreeSlots (property)', () => {
  it('returns exactly the slots of the minute-by-minute reference', () => {
    fc.assert(
      fc.property(queryArb, (query) => {
        expect(findFreeSlots(query)).toEqual(findFreeSlotsReference(query));
      }),
      { numRuns: 300 },
    );
  });

  it('never overlaps a buffered appointment or time off, never leaves working hours, notice, horizon or range', () => {
    fc.assert(
      fc.property(queryArb, (query) => {
        const earliestStart = Math.max(
          query.range.start.getTime(),
          query.now.getTime() + query.minNoticeMin * MINUTE,
        );
        const latestEnd = Math.min(query.range.end.getTime(), query.now.getTime() + query.horizonDays * DAY);
        const { durationMin, bufferBeforeMin, bufferAfterMin } = query.service;
        for (const slot of findFreeSlots(query)) {
          const professional = professionalOf(query, slot);
          const buffered = widen(slot, bufferBeforeMin, bufferAfterMin);
          expect(slot.end.getTime() - slot.start.getTime()).toBe(durationMin * MINUTE);
          expect(slot.start.getTime() % MINUTE).toBe(0);
          expect(slot.start.getTime()).toBeGreaterThanOrEqual(earliestStart);
          expect(slot.end.getTime()).toBeLessThanOrEqual(latestEnd);
          for (const busy of professional.busy) {
            expect(overlaps(buffered, widen(busy, busy.bufferBeforeMin, busy.bufferAfterMin))).toBe(false);
          }
          for (const timeOff of professional.timeOff) expect(overlaps(buffered, timeOff)).toBe(false);
          expect(isWithinWorkingHours(slot, professional.weeklyHours, query.timeZone)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('orders slots strictly by start, then professionalId (so none repeats)', () => {
    fc.assert(
      fc.property(queryArb, (query) => {
        const slots = findFreeSlots(query);
        for (let i = 1; i < slots.length; i++) {
          const previous = slots[i - 1];
          const current = slots[i];
          if (previous === undefined || current === undefined) continue;
          const byStart = previous.start.getTime() - current.start.getTime();
          expect(byStart < 0 || (byStart === 0 && previous.professionalId < current.professionalId)).toBe(
            true,
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it('offers at least one slot in every gap long enough for the service, and only feasible starts', () => {
    fc.assert(
      fc.property(queryArb, (query) => {
        const slots = findFreeSlots(query);
        for (const { professionalId, runs } of referenceFeasibleRuns(query)) {
          const starts = slots
            .filter((slot) => slot.professionalId === professionalId)
            .map((slot) => slot.start.getTime());
          for (const run of runs) {
            expect(starts.some((start) => run.start <= start && start <= run.end)).toBe(true);
          }
          for (const start of starts) {
            expect(runs.some((run) => run.start <= start && start <= run.end)).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
