import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { between, hours, LISBON, NEW_YORK, SALON_HOURS, SAO_PAULO } from './testing/builders';
import { type Interval, type WeeklyInterval } from './types';
import { isWithinWorkingHours, workingIntervalsBetween } from './working-hours';

const HOUR = 3_600_000;
const asIso = (intervals: Interval[]): string[][] =>
  intervals.map((i) => [i.start.toISOString(), i.end.toISOString()]);
const hoursLong = (interval: Interval | undefined): number =>
  interval === undefined ? Number.NaN : (interval.end.getTime() - interval.start.getTime()) / HOUR;

describe('workingIntervalsBetween', () => {
  it('returns the working time of the range in UTC, break included as a gap', () => {
    const intervals = workingIntervalsBetween(
      SALON_HOURS,
      between('2026-06-01 00:00', '2026-06-03 00:00'),
      SAO_PAULO,
    );

    expect(asIso(intervals)).toEqual([
      ['2026-06-02T12:00:00.000Z', '2026-06-02T15:00:00.000Z'],
      ['2026-06-02T16:00:00.000Z', '2026-06-02T22:00:00.000Z'],
    ]);
  });

  it('merges touching and overlapping intervals', () => {
    const weekly = hours([2], '09:00-12:00', '12:00-15:00', '14:00-16:00');

    expect(
      asIso(workingIntervalsBetween(weekly, between('2026-06-02 00:00', '2026-06-03 00:00'), SAO_PAULO)),
    ).toEqual([['2026-06-02T12:00:00.000Z', '2026-06-02T19:00:00.000Z']]);
  });

  it('joins a night over midnight and clips it to the range', () => {
    const bar: WeeklyInterval[] = [
      { weekday: 5, start: '20:00', end: '24:00' },
      { weekday: 6, start: '00:00', end: '02:00' },
    ];

    expect(
      asIso(workingIntervalsBetween(bar, between('2026-06-05 00:00', '2026-06-07 00:00'), SAO_PAULO)),
    ).toEqual([['2026-06-05T23:00:00.000Z', '2026-06-06T05:00:00.000Z']]);
    expect(
      asIso(workingIntervalsBetween(bar, between('2026-06-06 00:00', '2026-06-07 00:00'), SAO_PAULO)),
    ).toEqual([['2026-06-06T03:00:00.000Z', '2026-06-06T05:00:00.000Z']]);
  });

  it.each([
    [
      'New York spring forward',
      NEW_YORK,
      '2026-03-08',
      ['2026-03-08T05:00:00.000Z', '2026-03-08T08:00:00.000Z'],
      3,
    ],
    [
      'New York fall back',
      NEW_YORK,
      '2026-11-01',
      ['2026-11-01T04:00:00.000Z', '2026-11-01T09:00:00.000Z'],
      5,
    ],
    [
      'Lisbon spring forward',
      LISBON,
      '2026-03-29',
      ['2026-03-29T00:00:00.000Z', '2026-03-29T03:00:00.000Z'],
      3,
    ],
    ['Lisbon fall back', LISBON, '2026-10-25', ['2026-10-24T23:00:00.000Z', '2026-10-25T04:00:00.000Z'], 5],
    [
      'São Paulo, no DST',
      SAO_PAULO,
      '2026-11-01',
      ['2026-11-01T03:00:00.000Z', '2026-11-01T07:00:00.000Z'],
      4,
    ],
  ])(
    '00:00–04:00 on the %s day lasts the real hours of that night',
    (_name, timeZone, date, expected, realHours) => {
      const intervals = workingIntervalsBetween(
        hours([0], '00:00-04:00'),
        between(`${date} 00:00`, `${date} 24:00`, timeZone),
        timeZone,
      );

      expect(asIso(intervals)).toEqual([expected]);
      expect(hoursLong(intervals[0])).toBe(realHours);
    },
  );

  it.each([
    ['New York', NEW_YORK, '2026-03-08', '2026-11-01'],
    ['Lisbon', LISBON, '2026-03-29', '2026-10-25'],
  ])('keeps 09:00–18:00 nine real hours on both %s change days', (_name, timeZone, spring, autumn) => {
    for (const date of [spring, autumn]) {
      const intervals = workingIntervalsBetween(
        hours([0], '09:00-18:00'),
        between(`${date} 00:00`, `${date} 24:00`, timeZone),
        timeZone,
      );
      expect(hoursLong(intervals[0])).toBe(9);
    }
  });

  it('starts an interval that opens inside the spring-forward gap when the clocks jump', () => {
    const intervals = workingIntervalsBetween(
      hours([0], '02:30-05:00'),
      between('2026-03-08 00:00', '2026-03-08 24:00', NEW_YORK),
      NEW_YORK,
    );

    expect(asIso(intervals)).toEqual([['2026-03-08T07:00:00.000Z', '2026-03-08T09:00:00.000Z']]);
  });

  it('drops an interval that lies wholly inside the spring-forward gap, on that day only', () => {
    const weekly = hours([0], '02:00-03:00');

    expect(
      workingIntervalsBetween(weekly, between('2026-03-08 00:00', '2026-03-08 24:00', NEW_YORK), NEW_YORK),
    ).toEqual([]);
    expect(
      workingIntervalsBetween(weekly, between('2026-03-15 00:00', '2026-03-15 24:00', NEW_YORK), NEW_YORK),
    ).toHaveLength(1);
  });

  it('returns sorted, separated intervals inside the range (property)', () => {
    const weeklyInterval = fc
      .record({
        weekday: fc.constantFrom(0, 1, 2, 3, 4, 5, 6),
        start: fc.integer({ min: 0, max: 1439 }),
        length: fc.integer({ min: 1, max: 1440 }),
      })
      .map(({ weekday, start, length }): WeeklyInterval => {
        const end = Math.min(1440, start + length);
        const wall = (m: number): string =>
          `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
        return { weekday, start: wall(start), end: wall(end) };
      });
    fc.assert(
      fc.property(
        fc.array(weeklyInterval, { maxLength: 8 }),
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 11, 31) }),
        fc.integer({ min: 0, max: 5 * 24 * 60 }),
        fc.constantFrom(SAO_PAULO, NEW_YORK, LISBON),
        (weekly, startMs, lengthMin, timeZone) => {
          const range = { start: new Date(startMs), end: new Date(startMs + lengthMin * 60_000) };
          const intervals = workingIntervalsBetween(weekly, range, timeZone);
          intervals.forEach((interval, i) => {
            expect(interval.start.getTime()).toBeLessThan(interval.end.getTime());
            expect(interval.start.getTime()).toBeGreaterThanOrEqual(startMs);
            expect(interval.end.getTime()).toBeLessThanOrEqual(range.end.getTime());
            const previous = intervals[i - 1];
            if (previous !== undefined) expect(previous.end.getTime()).toBeLessThan(interval.start.getTime());
            expect(isWithinWorkingHours(interval, weekly, timeZone)).toBe(true);
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('isWithinWorkingHours', () => {
  it('accepts a candidate inside one span and refuses one over the break', () => {
    expect(
      isWithinWorkingHours(between('2026-06-02 11:00', '2026-06-02 12:00'), SALON_HOURS, SAO_PAULO),
    ).toBe(true);
    expect(
      isWithinWorkingHours(between('2026-06-02 11:30', '2026-06-02 12:30'), SALON_HOURS, SAO_PAULO),
    ).toBe(false);
    expect(
      isWithinWorkingHours(between('2026-06-01 10:00', '2026-06-01 11:00'), SALON_HOURS, SAO_PAULO),
    ).toBe(false);
  });

  it('accepts a candidate across touching intervals and across midnight', () => {
    const bar: WeeklyInterval[] = [
      { weekday: 5, start: '20:00', end: '24:00' },
      { weekday: 6, start: '00:00', end: '02:00' },
    ];

    expect(
      isWithinWorkingHours(
        between('2026-06-02 11:00', '2026-06-02 13:00'),
        hours([2], '09:00-12:00', '12:00-15:00'),
        SAO_PAULO,
      ),
    ).toBe(true);
    expect(isWithinWorkingHours(between('2026-06-05 23:30', '2026-06-06 00:30'), bar, SAO_PAULO)).toBe(true);
    expect(isWithinWorkingHours(between('2026-06-06 01:30', '2026-06-06 02:30'), bar, SAO_PAULO)).toBe(false);
  });

  it('rejects malformed hours', () => {
    expect(() =>
      isWithinWorkingHours(
        between('2026-06-02 11:00', '2026-06-02 12:00'),
        hours([2], '09:00-9:30'),
        SAO_PAULO,
      ),
    ).toThrow(/weeklyHours\[0\]\.end: expected "HH:MM" \(00:00–23:59\) or "24:00"/);
  });
});
