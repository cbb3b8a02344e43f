import { describe, expect, it } from 'vitest';
import { findFreeSlots } from './find-free-slots';
import { groupSlotsByLocalDay } from './group-by-day';
import {
  at,
  between,
  hours,
  LISBON,
  localStarts,
  NEW_YORK,
  professional,
  query,
  SAO_PAULO,
} from './testing/builders';
import { type Weekday } from './types';

const EVERY_DAY: Weekday[] = [0, 1, 2, 3, 4, 5, 6];
const utc = (slots: { start: Date }[]): string[] =>
  slots.map((slot) => slot.start.toISOString().slice(11, 16));

/** One-hour service every hour, `hoursOfDay` every day, over local `from`..`to` in the zone. */
function hourlySlots(timeZone: string, from: string, to: string, hoursOfDay: string) {
  return findFreeSlots(
    query({
      timeZone,
      professionals: [professional('ana', hours(EVERY_DAY, hoursOfDay))],
      range: between(from, to, timeZone),
      now: at('2026-01-01 00:00', timeZone),
      horizonDays: 400,
      slotStepMin: 60,
    }),
  );
}

describe('findFreeSlots across DST changes', () => {
  it.each([
    ['the New York spring-forward', NEW_YORK, '2026-03-07', ['14:00', '13:00', '13:00']],
    ['the New York fall-back', NEW_YORK, '2026-10-31', ['13:00', '14:00', '14:00']],
    ['the Lisbon spring-forward', LISBON, '2026-03-28', ['09:00', '08:00', '08:00']],
    ['the Lisbon fall-back', LISBON, '2026-10-24', ['08:00', '09:00', '09:00']],
    // São Paulo used to start summer time in early November; it no longer does.
    ['no São Paulo', SAO_PAULO, '2026-10-31', ['12:00', '12:00', '12:00']],
  ])(
    'offers 09:00 local on both sides of %s change (%s, weekend of %s)',
    (_name, timeZone, saturday, utcNineOClocks) => {
      const slots = hourlySlots(
        timeZone,
        `${saturday} 00:00`,
        `${addDays(saturday, 3)} 00:00`,
        '09:00-18:00',
      );
      const days = groupSlotsByLocalDay(slots, timeZone);

      expect(days.map((day) => day.date)).toEqual([saturday, addDays(saturday, 1), addDays(saturday, 2)]);
      for (const day of days) {
        expect(localStarts(day.slots, { timeZone })).toEqual([
          '09:00',
          '10:00',
          '11:00',
          '12:00',
          '13:00',
          '14:00',
          '15:00',
          '16:00',
          '17:00',
        ]);
      }
      expect(days.map((day) => utc(day.slots)[0])).toEqual(utcNineOClocks);
    },
  );

  it('skips the missing hour on the New York spring-forward night (00:00–04:00 holds 3 one-hour slots)', () => {
    const slots = hourlySlots(NEW_YORK, '2026-03-08 00:00', '2026-03-08 24:00', '00:00-04:00');

    expect(localStarts(slots, { timeZone: NEW_YORK })).toEqual(['00:00', '01:00', '03:00']);
    expect(utc(slots)).toEqual(['05:00', '06:00', '07:00']);
  });

  it('offers the repeated hour twice on the New York fall-back night (00:00–04:00 holds 5 one-hour slots)', () => {
    const slots = hourlySlots(NEW_YORK, '2026-11-01 00:00', '2026-11-01 24:00', '00:00-04:00');

    expect(localStarts(slots, { timeZone: NEW_YORK })).toEqual(['00:00', '01:00', '01:00', '02:00', '03:00']);
    expect(utc(slots)).toEqual(['04:00', '05:00', '06:00', '07:00', '08:00']);
  });

  it('does the same in Lisbon, whose changes happen at 01:00 UTC', () => {
    const spring = hourlySlots(LISBON, '2026-03-29 00:00', '2026-03-29 24:00', '00:00-04:00');
    const autumn = hourlySlots(LISBON, '2026-10-25 00:00', '2026-10-25 24:00', '00:00-04:00');

    expect(localStarts(spring, { timeZone: LISBON })).toEqual(['00:00', '02:00', '03:00']);
    expect(localStarts(autumn, { timeZone: LISBON })).toEqual(['00:00', '01:00', '01:00', '02:00', '03:00']);
    expect(utc(autumn)).toEqual(['23:00', '00:00', '01:00', '02:00', '03:00']);
  });

  it('keeps every slot exactly as long as the service, even across the change', () => {
    const slots = hourlySlots(NEW_YORK, '2026-03-08 00:00', '2026-03-08 24:00', '00:00-04:00');

    expect(slots.every((slot) => slot.end.getTime() - slot.start.getTime() === 3_600_000)).toBe(true);
  });

  it('looks back over a 25-hour fall-back day when the earliest start is late the next evening', () => {
    const slots = findFreeSlots(
      query({
        timeZone: NEW_YORK,
        professionals: [professional('ana', hours(EVERY_DAY, '00:00-24:00'))],
        range: between('2026-11-02 23:30', '2026-11-03 01:00', NEW_YORK),
        now: at('2026-11-01 00:00', NEW_YORK),
        slotStepMin: 30,
      }),
    );

    // The round-the-clock span opened at midnight of 2026-11-01, so the 30-minute grid is anchored there.
    expect(localStarts(slots, { timeZone: NEW_YORK, withDate: true })).toEqual([
      '2026-11-02 23:30',
      '2026-11-03 00:00',
    ]);
  });

  it('counts the horizon in real hours across the change', () => {
    // Now is Saturday 12:00 EST; one day later is Sunday 13:00 EDT, so the last one-hour slot starts at 12:00.
    const slots = findFreeSlots(
      query({
        timeZone: NEW_YORK,
        professionals: [professional('ana', hours(EVERY_DAY, '09:00-18:00'))],
        range: between('2026-03-07 00:00', '2026-03-10 00:00', NEW_YORK),
        now: at('2026-03-07 12:00', NEW_YORK),
        horizonDays: 1,
        slotStepMin: 60,
      }),
    );

    expect(localStarts(slots, { timeZone: NEW_YORK, withDate: true }).at(-1)).toBe('2026-03-08 12:00');
  });
});

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
