import { MS_PER_DAY, MS_PER_MINUTE } from './calendar';
import { mergeSpans, type Span } from './intervals';
import { validateQuery, type ValidatedProfessional, type ValidatedQuery } from './query';
import { type AvailabilityQuery, type Slot } from './types';
import { workingSpansOfDays } from './working-hours';
import { ZoneCalendar } from './zone-calendar';

/**
 * Free slots `[start, start + duration)` of every professional, ordered by start, then professionalId.
 *
 * A start is feasible when:
 * - the service itself lies inside one continuous working span (touching intervals merged);
 * - the service widened by its own buffers, `[start − bufferBefore, end + bufferAfter)`, overlaps neither an
 *   appointment widened by that appointment's buffers nor time off. Buffers may fall outside working hours:
 *   they keep appointments apart (cleaning, preparation), they are not time the client is served, so a 09:00
 *   slot with a 10-minute buffer before is fine on a day that opens at 09:00;
 * - `start >= max(range.start, now + minNotice)` and `end <= min(range.end, now + horizonDays × 24 h)`. The
 *   horizon counts real hours from now, not local days, so it is the same on a DST day.
 *
 * Which feasible starts are offered: in each maximal window of feasible starts, its first start (rounded up
 * to a whole minute), then every point of a grid of `slotStepMin` aligned to the start of the working span
 * (09:00, 09:15, …). The first start makes every gap long enough for the service yield a slot even when it
 * is off the grid (an appointment ending at 10:20 frees 10:20, not 10:30); the grid keeps the rest tidy.
 * A working span that was already open the day before the earliest possible start (a 24-hour schedule) has
 * its grid aligned to local midnight of that previous day, as the engine never looks further back.
 *
 * Cost: per professional, O((appointments + time off) log n) to sort what blocks them, then one sweep over
 * working spans and blocked spans together; the time zone is read once per query (see ZoneCalendar).
 */
export function findFreeSlots(query: AvailabilityQuery): Slot[] {
  const validated = validateQuery(query);
  const earliestStart = Math.max(
    validated.range.start,
    validated.now + validated.minNoticeMin * MS_PER_MINUTE,
  );
  const latestEnd = Math.min(validated.range.end, validated.now + validated.horizonDays * MS_PER_DAY);
  const durationMs = validated.durationMin * MS_PER_MINUTE;
  if (latestEnd - durationMs < earliestStart || validated.professionals.length === 0) return [];

  const calendar = ZoneCalendar.around(validated.timeZone, earliestStart, latestEnd);
  const days = { first: calendar.localDayOf(earliestStart) - 1, last: calendar.localDayOf(latestEnd) };
  const startsByProfessional = validated.professionals.map((professional) =>
    feasibleStartsOf(professional, validated, calendar, days, { earliestStart, latestEnd }),
  );
  return orderSlots(validated.professionals, startsByProfessional, durationMs);
}

interface StartBounds {
  earliestStart: number;
  latestEnd: number;
}

/** The offered starts (epoch ms, ascending) of one professional. */
function feasibleStartsOf(
  professional: ValidatedProfessional,
  query: ValidatedQuery,
  calendar: ZoneCalendar,
  days: { first: number; last: number },
  bounds: StartBounds,
): number[] {
  const durationMs = query.durationMin * MS_PER_MINUTE;
  const beforeMs = query.bufferBeforeMin * MS_PER_MINUTE;
  const afterMs = query.bufferAfterMin * MS_PER_MINUTE;
  const stepMs = query.slotStepMin * MS_PER_MINUTE;
  const blocked = blockedSpansOf(professional);
  const starts: number[] = [];

  // A blocked span [b.start, b.end) forbids the open range of starts (b.start − duration − bufferAfter,
  // b.end + bufferBefore): exactly the starts whose buffered service would overlap it. Blocked spans are
  // merged and sorted, so these forbidden ranges are sorted too and one pointer walks them across all
  // working spans.
  let next = 0;
  for (const span of workingSpansOfDays(professional.hours, days.first, days.last, calendar)) {
    const low = Math.max(span.start, bounds.earliestStart);
    const high = Math.min(span.end, bounds.latestEnd) - durationMs;
    if (high < low) continue;
    // Blocks whose forbidden range ends by `low` cannot affect this span or any later one.
    while (next < blocked.length && (blocked[next]?.end ?? Number.POSITIVE_INFINITY) + beforeMs <= low)
      next++;

    // Zones with sub-minute historical offsets aside, spans start on whole minutes already.
    const gridAnchor = Math.ceil(span.start / MS_PER_MINUTE) * MS_PER_MINUTE;
    let cursor = low; // starts before `cursor` are settled: offered already, or forbidden
    for (let k = next; k < blocked.length && cursor <= high; k++) {
      const block = blocked[k];
      if (block === undefined) break;
      const forbiddenFrom = block.start - durationMs - afterMs;
      const forbiddenTo = block.end + beforeMs;
      if (forbiddenFrom >= high) break;
      if (forbiddenTo <= cursor) continue;
      if (forbiddenFrom >= cursor) offerStarts(starts, cursor, forbiddenFrom, gridAnchor, stepMs);
      cursor = forbiddenTo;
    }
    if (cursor <= high) offerStarts(starts, cursor, high, gridAnchor, stepMs);
  }
  return starts;
}

/** Appointments widened by their own buffers, plus time off, as one sorted disjoint list. */
function blockedSpansOf(professional: ValidatedProfessional): Span[] {
  const spans: Span[] = professional.timeOff.slice();
  for (const appointment of professional.busy) {
    spans.push({
      start: appointment.start - appointment.bufferBeforeMin * MS_PER_MINUTE,
      end: appointment.end + appointment.bufferAfterMin * MS_PER_MINUTE,
    });
  }
  return mergeSpans(spans);
}

/** Pushes the starts offered in the window of feasible starts `[from, to]`; see findFreeSlots. */
function offerStarts(starts: number[], from: number, to: number, gridAnchor: number, stepMs: number): void {
  const first = Math.ceil(from / MS_PER_MINUTE) * MS_PER_MINUTE;
  if (first > to) return;
  starts.push(first);
  for (
    let start = gridAnchor + (Math.floor((first - gridAnchor) / stepMs) + 1) * stepMs;
    start <= to;
    start += stepMs
  ) {
    starts.push(start);
  }
}

/**
 * Merges the professionals' start lists (each already ascending) into slots ordered by start, then
 * professionalId. Each step takes the smallest head among the professionals, visited in id order so that a
 * tie goes to the smaller id: O(slots × professionals), which for a salon's handful of professionals is
 * several times faster than sorting thousands of slots with a comparator.
 */
function orderSlots(
  professionals: readonly ValidatedProfessional[],
  starts: readonly number[][],
  durationMs: number,
): Slot[] {
  const lists = professionals
    .map((professional, index) => ({ id: professional.professionalId, starts: starts[index] ?? [], next: 0 }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const slots: Slot[] = [];
  for (;;) {
    let chosen: (typeof lists)[number] | undefined;
    let earliest = Number.POSITIVE_INFINITY;
    for (const list of lists) {
      // Bounds are checked before reading: out-of-bounds reads make V8 fall off its fast path.
      if (list.next < list.starts.length) {
        const head = list.starts[list.next] ?? Number.POSITIVE_INFINITY;
        if (head < earliest) {
          earliest = head;
          chosen = list;
        }
      }
    }
    if (chosen === undefined) return slots;
    chosen.next++;
    slots.push({
      start: new Date(earliest),
      end: new Date(earliest + durationMs),
      professionalId: chosen.id,
    });
  }
}
