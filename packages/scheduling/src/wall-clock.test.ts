import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { firstInstantShowing } from './reference';
import { LISBON, NEW_YORK, SAO_PAULO } from './testing/builders';
import { instantToLocal, localDateTimeToInstant } from './wall-clock';

const iso = (date: Date): string => date.toISOString();

describe('localDateTimeToInstant', () => {
  it.each([
    // São Paulo: UTC−3 all year since DST was abolished in 2019, including what used to be summer time.
    ['2026-01-15', '09:00', SAO_PAULO, '2026-01-15T12:00:00.000Z'],
    ['2026-06-02', '09:00', SAO_PAULO, '2026-06-02T12:00:00.000Z'],
    ['2026-11-03', '09:00', SAO_PAULO, '2026-11-03T12:00:00.000Z'],
    ['2026-06-02', '23:30', SAO_PAULO, '2026-06-03T02:30:00.000Z'],
    // New York, spring forward on 2026-03-08 at 02:00 EST → 03:00 EDT.
    ['2026-03-07', '09:00', NEW_YORK, '2026-03-07T14:00:00.000Z'],
    ['2026-03-08', '01:59', NEW_YORK, '2026-03-08T06:59:00.000Z'],
    ['2026-03-08', '03:00', NEW_YORK, '2026-03-08T07:00:00.000Z'],
    ['2026-03-08', '09:00', NEW_YORK, '2026-03-08T13:00:00.000Z'],
    // New York, fall back on 2026-11-01 at 02:00 EDT → 01:00 EST.
    ['2026-10-31', '09:00', NEW_YORK, '2026-10-31T13:00:00.000Z'],
    ['2026-11-01', '00:59', NEW_YORK, '2026-11-01T04:59:00.000Z'],
    ['2026-11-01', '02:00', NEW_YORK, '2026-11-01T07:00:00.000Z'],
    ['2026-11-01', '09:00', NEW_YORK, '2026-11-01T14:00:00.000Z'],
    // Lisbon, spring forward on 2026-03-29 at 01:00 WET → 02:00 WEST; fall back on 2026-10-25 at 02:00 → 01:00.
    ['2026-03-28', '09:00', LISBON, '2026-03-28T09:00:00.000Z'],
    ['2026-03-29', '09:00', LISBON, '2026-03-29T08:00:00.000Z'],
    ['2026-10-24', '09:00', LISBON, '2026-10-24T08:00:00.000Z'],
    ['2026-10-25', '09:00', LISBON, '2026-10-25T09:00:00.000Z'],
  ])('%s %s in %s is %s', (date, time, timeZone, expected) => {
    expect(iso(localDateTimeToInstant(date, time, timeZone))).toBe(expected);
  });

  it('resolves a wall-clock time skipped by spring-forward to the instant the clocks jump', () => {
    expect(iso(localDateTimeToInstant('2026-03-08', '02:00', NEW_YORK))).toBe('2026-03-08T07:00:00.000Z');
    expect(iso(localDateTimeToInstant('2026-03-08', '02:30', NEW_YORK))).toBe('2026-03-08T07:00:00.000Z');
    expect(iso(localDateTimeToInstant('2026-03-29', '01:30', LISBON))).toBe('2026-03-29T01:00:00.000Z');
    // São Paulo's old DST started at midnight: 2018-11-04 began at 01:00.
    expect(iso(localDateTimeToInstant('2018-11-04', '00:00', SAO_PAULO))).toBe('2018-11-04T03:00:00.000Z');
    expect(iso(localDateTimeToInstant('2018-11-04', '00:30', SAO_PAULO))).toBe('2018-11-04T03:00:00.000Z');
  });

  it('resolves a wall-clock time repeated by fall-back to its earlier occurrence', () => {
    expect(iso(localDateTimeToInstant('2026-11-01', '01:30', NEW_YORK))).toBe('2026-11-01T05:30:00.000Z');
    expect(iso(localDateTimeToInstant('2026-10-25', '01:30', LISBON))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(localDateTimeToInstant('2019-02-16', '23:30', SAO_PAULO))).toBe('2019-02-17T01:30:00.000Z');
  });

  it('reads "24:00" as the start of the next day', () => {
    expect(iso(localDateTimeToInstant('2026-06-02', '24:00', SAO_PAULO))).toBe('2026-06-03T03:00:00.000Z');
    expect(iso(localDateTimeToInstant('2026-03-07', '24:00', NEW_YORK))).toBe('2026-03-08T05:00:00.000Z');
  });

  it.each([
    ['2026-02-30', '09:00', SAO_PAULO, /date: expected a calendar date/],
    ['2026-6-2', '09:00', SAO_PAULO, /date: expected a calendar date/],
    ['2026-06-02', '9:00', SAO_PAULO, /time: expected "HH:MM"/],
    ['2026-06-02', '24:01', SAO_PAULO, /time: expected "HH:MM"/],
    ['2026-06-02', '09:00', 'Brazil/Nowhere', /unknown time zone/],
    ['2026-06-02', '09:00', '+03:00', /IANA time zone name/],
  ])('rejects %s %s in %s', (date, time, timeZone, message) => {
    expect(() => localDateTimeToInstant(date, time, timeZone)).toThrow(RangeError);
    expect(() => localDateTimeToInstant(date, time, timeZone)).toThrow(message);
  });
});

describe('instantToLocal', () => {
  it('reads the wall clock, date and weekday (0 = Sunday) in the zone', () => {
    expect(instantToLocal(new Date('2026-06-03T02:30:00Z'), SAO_PAULO)).toEqual({
      date: '2026-06-02',
      time: '23:30',
      weekday: 2,
    });
    expect(instantToLocal(new Date('2026-03-08T07:00:00Z'), NEW_YORK)).toEqual({
      date: '2026-03-08',
      time: '03:00',
      weekday: 0,
    });
    expect(instantToLocal(new Date('2026-10-25T00:59:59.999Z'), LISBON)).toEqual({
      date: '2026-10-25',
      time: '01:59',
      weekday: 0,
    });
  });

  it('shows the repeated hour twice on a fall-back night', () => {
    expect(instantToLocal(new Date('2026-11-01T05:30:00Z'), NEW_YORK).time).toBe('01:30');
    expect(instantToLocal(new Date('2026-11-01T06:30:00Z'), NEW_YORK).time).toBe('01:30');
  });

  it('rejects an invalid instant', () => {
    expect(() => instantToLocal(new Date(Number.NaN), SAO_PAULO)).toThrow(/instant: expected a valid Date/);
  });
});

// Zones with unusual rules on top of the three tenants' zones: 30-minute DST, a 45-minute offset, a
// half-hour offset, and Samoa's skipped day (2011-12-30 never happened there).
const ZONES = [
  SAO_PAULO,
  NEW_YORK,
  LISBON,
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'America/St_Johns',
  'Pacific/Apia',
];
const DAY = 86_400_000;
const dates = fc
  .integer({ min: Date.UTC(2000, 0, 1) / DAY, max: Date.UTC(2040, 11, 31) / DAY })
  .map((epochDay) => new Date(epochDay * DAY).toISOString().slice(0, 10));
const nearTransitions = fc.constantFrom(
  '2011-12-29',
  '2011-12-30',
  '2011-12-31',
  '2018-11-04',
  '2019-02-16',
  '2026-03-08',
  '2026-03-29',
  '2026-10-25',
  '2026-11-01',
  '2026-04-05',
  '2026-10-04',
);
const minutesOfDay = fc.integer({ min: 0, max: 1440 });
const asWallTime = (minute: number): string =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

describe('wall clock against Temporal directly (property)', () => {
  it('localDateTimeToInstant is the first instant whose wall clock shows the time or later', () => {
    fc.assert(
      fc.property(
        fc.oneof(dates, nearTransitions),
        minutesOfDay,
        fc.constantFrom(...ZONES),
        (date, minute, timeZone) => {
          const expected = firstInstantShowing(Temporal.PlainDate.from(date), minute, timeZone);
          expect(localDateTimeToInstant(date, asWallTime(minute), timeZone).getTime()).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('instantToLocal agrees with Temporal on date, time and weekday', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.constantFrom(...ZONES),
        (ms, timeZone) => {
          const zoned = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone);
          expect(instantToLocal(new Date(ms), timeZone)).toEqual({
            date: zoned.toPlainDate().toString(),
            time: zoned.toPlainTime().toString().slice(0, 5),
            weekday: zoned.dayOfWeek % 7,
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});
