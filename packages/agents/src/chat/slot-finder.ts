import { computeAvailability, professionalNames } from '@agenda-cheia/core';
import type { Database, Kysely } from '@agenda-cheia/db';
import { addDays, instantToLocal, localDateTimeToInstant } from '@agenda-cheia/scheduling';
import type { PartOfDay } from '../understanding';

export interface SlotQuery {
  serviceId: string;
  /** Tenant-local day asked for; none: the coming days. */
  date: string | null;
  /** Tenant-local "HH:MM" asked for. */
  time: string | null;
  partOfDay: PartOfDay | null;
  /** A whole week was asked for ("semana que vem"): search from `date` for 7 days. */
  flexible: boolean;
  professionalId?: string | null;
}

export interface FoundSlot {
  start: Date;
  end: Date;
  professionalId: string;
  professionalName: string;
}

export interface SlotSearch {
  /** The slot at exactly the time asked for, when free. */
  exact: FoundSlot | null;
  /** A few free times to offer, spread over different hours, earliest first. */
  options: FoundSlot[];
  /** True when nothing was free on the day asked and the options come from the following days. */
  movedToOtherDays: boolean;
}

const PART_OF_DAY: Record<PartOfDay, [string, string]> = {
  morning: ['00:00', '12:00'],
  afternoon: ['12:00', '18:00'],
  evening: ['18:00', '24:00'],
};

/** One slot per distinct hour (10:00, 14:00, 15:30… rather than 10:00, 10:15, 10:30), earliest first. */
function spread(slots: readonly FoundSlot[], timeZone: string, limit: number): FoundSlot[] {
  const seen = new Set<string>();
  const chosen: FoundSlot[] = [];
  for (const slot of slots) {
    const local = instantToLocal(slot.start, timeZone);
    const key = `${local.date} ${local.time.slice(0, 2)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    chosen.push(slot);
    if (chosen.length === limit) break;
  }
  return chosen;
}

/**
 * Free times for what a client asked, from the availability engine (slots held by open requests count as
 * taken). Never invents a time: every slot returned is one the engine found free.
 */
export async function findSlotsFor(
  db: Kysely<Database>,
  tenantId: string,
  timeZone: string,
  query: SlotQuery,
  now: Date,
  limit = 4,
): Promise<SlotSearch> {
  const today = instantToLocal(now, timeZone).date;
  const firstDay = query.date && query.date >= today ? query.date : today;
  const days = query.date ? (query.flexible ? 7 : 1) : 7;

  const search = async (from: string, spanDays: number): Promise<FoundSlot[]> => {
    const start = localDateTimeToInstant(from, '00:00', timeZone);
    const end = localDateTimeToInstant(addDays(from, spanDays), '00:00', timeZone);
    const found = await computeAvailability(
      db,
      tenantId,
      {
        serviceId: query.serviceId,
        ...(query.professionalId ? { professionalId: query.professionalId } : {}),
        from: new Date(Math.max(start.getTime(), now.getTime())).toISOString(),
        to: end.toISOString(),
      },
      now,
      { includeHolds: true },
    );
    const names = await professionalNames(
      db,
      tenantId,
      found.slots.map((s) => s.professionalId),
    );
    const [from24, to24] = query.partOfDay ? PART_OF_DAY[query.partOfDay] : ['00:00', '24:00'];
    return found.slots
      .map((s) => ({
        start: new Date(s.start),
        end: new Date(s.end),
        professionalId: s.professionalId,
        professionalName: names.get(s.professionalId) ?? '',
      }))
      .filter((s) => {
        const time = instantToLocal(s.start, timeZone).time;
        return time >= from24 && time < to24;
      });
  };

  const slots = await search(firstDay, days);
  if (query.time) {
    const atTime = slots.filter((s) => instantToLocal(s.start, timeZone).time === query.time);
    const exact = atTime[0] ?? null;
    if (exact) return { exact, options: [exact], movedToOtherDays: false };
    // The nearest free times to the one asked, on the same day.
    const [hh = 0, mm = 0] = query.time.split(':').map(Number);
    const target = hh * 60 + mm;
    const minutesOf = (s: FoundSlot) => {
      const [h = 0, m = 0] = instantToLocal(s.start, timeZone).time.split(':').map(Number);
      return h * 60 + m;
    };
    const firstFree = slots[0];
    const day = query.date ? firstDay : firstFree && instantToLocal(firstFree.start, timeZone).date;
    const sameDay = slots.filter((s) => instantToLocal(s.start, timeZone).date === day);
    const nearest = [...sameDay].sort(
      (a, b) => Math.abs(minutesOf(a) - target) - Math.abs(minutesOf(b) - target),
    );
    const options = spread(nearest, timeZone, Math.min(limit, 3)).sort(
      (a, b) => a.start.getTime() - b.start.getTime(),
    );
    if (options.length > 0) return { exact: null, options, movedToOtherDays: false };
  } else if (slots.length > 0) {
    return { exact: null, options: spread(slots, timeZone, limit), movedToOtherDays: false };
  }
  if (!query.date) return { exact: null, options: [], movedToOtherDays: false };
  const later = await search(addDays(firstDay, days), 7);
  return { exact: null, options: spread(later, timeZone, limit), movedToOtherDays: later.length > 0 };
}
