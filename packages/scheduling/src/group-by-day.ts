import { formatLocalDate } from './calendar';
import { type Slot, type SlotsOfDay } from './types';
import { assertInstant } from './validation';
import { assertTimeZone, ZoneCalendar } from './zone-calendar';

/**
 * Groups slots by the tenant-local date of their start, days in chronological order, slots keeping their
 * input order within a day (findFreeSlots' order is already by start, then professional).
 *
 * The local date, not the UTC one: in São Paulo a 23:30 slot is 02:30Z of the next UTC day, but the client
 * and the owner read it under the day they live in. A slot running past midnight (23:30–00:15) belongs to the
 * day it starts.
 */
export function groupSlotsByLocalDay(slots: Slot[], timeZone: string): SlotsOfDay[] {
  if (slots.length === 0) {
    assertTimeZone(timeZone);
    return [];
  }
  const starts = slots.map((slot, index) => assertInstant(slot.start, `slots[${index}].start`));
  let earliest = Number.POSITIVE_INFINITY;
  let latest = Number.NEGATIVE_INFINITY;
  for (const start of starts) {
    earliest = Math.min(earliest, start);
    latest = Math.max(latest, start);
  }
  const calendar = ZoneCalendar.around(timeZone, earliest, latest);

  const byDay = new Map<number, Slot[]>();
  slots.forEach((slot, index) => {
    const day = calendar.localDayOf(starts[index] ?? 0);
    const group = byDay.get(day);
    if (group === undefined) byDay.set(day, [slot]);
    else group.push(slot);
  });
  return [...byDay.entries()]
    .sort(([a], [b]) => a - b)
    .map(([day, daySlots]) => ({ date: formatLocalDate(day), slots: daySlots }));
}
