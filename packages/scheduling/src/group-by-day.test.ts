import { describe, expect, it } from 'vitest';
import { findFreeSlots } from './find-free-slots';
import { groupSlotsByLocalDay } from './group-by-day';
import { at, between, hours, NEW_YORK, professional, query, SAO_PAULO } from './testing/builders';
import { type Slot } from './types';

const slot = (start: Date, professionalId = 'ana'): Slot => ({
  start,
  end: new Date(start.getTime() + 3_600_000),
  professionalId,
});

describe('groupSlotsByLocalDay', () => {
  it('groups a 23:30 São Paulo slot under its local date, not the UTC one', () => {
    const lateSlot = slot(at('2026-06-02 23:30'));
    expect(lateSlot.start.toISOString()).toBe('2026-06-03T02:30:00.000Z');

    expect(
      groupSlotsByLocalDay([slot(at('2026-06-02 09:00')), lateSlot, slot(at('2026-06-03 00:30'))], SAO_PAULO),
    ).toEqual([
      { date: '2026-06-02', slots: [slot(at('2026-06-02 09:00')), lateSlot] },
      { date: '2026-06-03', slots: [slot(at('2026-06-03 00:30'))] },
    ]);
  });

  it('groups the engine output day by day, keeping its order within each day', () => {
    const slots = findFreeSlots(
      query({
        professionals: [
          professional('bia', hours([2, 3], '22:00-24:00')),
          professional('ana', hours([3], '09:00-10:00')),
        ],
        range: between('2026-06-02 00:00', '2026-06-04 00:00'),
      }),
    );
    const days = groupSlotsByLocalDay(slots, SAO_PAULO);

    expect(days.map((day) => [day.date, day.slots.map((s) => s.professionalId)])).toEqual([
      ['2026-06-02', ['bia', 'bia', 'bia']],
      ['2026-06-03', ['ana', 'bia', 'bia', 'bia']],
    ]);
    expect(days.flatMap((day) => day.slots)).toEqual(slots);
  });

  it('orders days chronologically whatever the input order', () => {
    const days = groupSlotsByLocalDay(
      [slot(at('2026-06-04 10:00')), slot(at('2026-06-02 10:00'))],
      SAO_PAULO,
    );

    expect(days.map((day) => day.date)).toEqual(['2026-06-02', '2026-06-04']);
  });

  it('uses the zone asked for', () => {
    // 2026-06-03T03:30Z is 23:30 on June 2nd in New York (EDT) but 00:30 on June 3rd in São Paulo.
    const start = new Date('2026-06-03T03:30:00Z');

    expect(groupSlotsByLocalDay([slot(start)], NEW_YORK).map((day) => day.date)).toEqual(['2026-06-02']);
    expect(groupSlotsByLocalDay([slot(start)], SAO_PAULO).map((day) => day.date)).toEqual(['2026-06-03']);
  });

  it('returns no days for no slots, but still rejects a bad zone', () => {
    expect(groupSlotsByLocalDay([], SAO_PAULO)).toEqual([]);
    expect(() => groupSlotsByLocalDay([], 'Nowhere/City')).toThrow(RangeError);
  });
});
