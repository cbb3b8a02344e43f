import { type ParsedComponents } from 'chrono-node';
import {
  addDays,
  calendarDay,
  calendarDayParts,
  daysInMonth,
  firstDayOfNextMonth,
  instantToLocal,
  mondayOfNextWeek,
  weekdayOf,
} from '@agenda-cheia/scheduling';
import { createPtBrChrono, WHEN_TAGS, type WeekRange } from './when-parsers';
import { type PartOfDay, type RequestedTime } from './types';

/**
 * The day and time a normalised message asks for, on the tenant's wall clock, relative to `now`.
 * Conventions (also those of the evaluation set):
 * - a weekday is its next occurrence strictly after today ("sexta" said on a Friday is next week's);
 * - "dia 12" is this month unless the 12th has passed; "12/12" this year unless past;
 * - "semana que vem" is next week's Monday, flexible; days in the past ("ontem") are not requests;
 * - a time with no day is today if still ahead, else tomorrow; likewise a part of the day alone.
 * When the message names several days, an explicit date wins over a weekday, which wins over a range;
 * among equals the first named wins.
 */
export function extractWhen(normalized: string, now: Date, timeZone: string): RequestedTime | null {
  const local = instantToLocal(now, timeZone);
  const today = local.date;
  const mentions = ptBrChrono()
    .parse(normalized, referenceFor(today))
    .map((result) => readMention(result.start));

  const day = pickDay(mentions, today);
  const clock = mentions.find((mention) => mention.clock !== null)?.clock ?? null;
  const partOfDay = mentions.find((mention) => mention.partOfDay !== null)?.partOfDay ?? null;
  if (day === null && clock === null && partOfDay === null) return null;

  const time = clock === null ? null : adjustToPartOfDay(clock, partOfDay);
  if (day !== null) return { date: day.date, time, partOfDay, flexible: day.flexible, daySaid: true };
  const stillAhead =
    time !== null ? time > local.time : local.time < PART_OF_DAY_ENDS[partOfDay ?? 'evening'];
  return { date: stillAhead ? today : addDays(today, 1), time, partOfDay, flexible: false, daySaid: false };
}

let sharedChrono: ReturnType<typeof createPtBrChrono> | null = null;

function ptBrChrono(): ReturnType<typeof createPtBrChrono> {
  sharedChrono ??= createPtBrChrono();
  return sharedChrono;
}

/**
 * chrono does its calendar arithmetic in the process's own time zone. It gets the tenant's calendar day
 * at the process's local midnight and we read back only calendar fields, never instants, so the process
 * zone never leaks into the answer. (Where a DST change skips midnight the Date lands at 01:00, still on
 * the same day.) Midnight rather than noon: chrono gives relative days ("amanhã") the reference's
 * meridiem, and a PM there would turn "amanhã 9h" into 21:00 when it merges the two.
 */
function referenceFor(today: string): Date {
  const { year, month, day } = calendarDayParts(today);
  return new Date(year, month - 1, day, 0, 0, 0, 0);
}

type DayMention =
  | { kind: 'date'; year: number | null; month: number; day: number }
  | { kind: 'dayOfMonth'; day: number }
  | { kind: 'weekday'; weekday: number; ofNextWeek: boolean }
  | { kind: 'range'; range: WeekRange };

interface ClockTime {
  hour: number;
  minute: number;
  /** The hour was moved to the afternoon by the salon rule, not by the client's words. */
  pmAssumed: boolean;
  /** The client said "da manhã" / "da tarde" / "da noite". */
  meridiemSaid: boolean;
}

interface Mention {
  day: DayMention | null;
  clock: ClockTime | null;
  partOfDay: PartOfDay | null;
}

function readMention(components: ParsedComponents): Mention {
  const tags = [...components.tags()];
  const tagValue = (prefix: string): string | null =>
    tags.find((tag) => tag.startsWith(prefix))?.slice(prefix.length) ?? null;

  const hour = components.isCertain('hour') ? components.get('hour') : null;
  const clock: ClockTime | null =
    hour === null
      ? null
      : {
          hour,
          minute: components.get('minute') ?? 0,
          pmAssumed: tags.includes(WHEN_TAGS.pmAssumed),
          meridiemSaid: components.isCertain('meridiem'),
        };
  const part = tagValue(WHEN_TAGS.partOfDay);
  return { day: readDay(components, tagValue), clock, partOfDay: isPartOfDay(part) ? part : null };
}

function readDay(
  components: ParsedComponents,
  tagValue: (prefix: string) => string | null,
): DayMention | null {
  const dayOfMonth = tagValue(WHEN_TAGS.dayOfMonth);
  if (dayOfMonth !== null) return { kind: 'dayOfMonth', day: Number(dayOfMonth) };
  const day = components.get('day');
  const month = components.get('month');
  if (components.isCertain('day') && components.isCertain('month') && day !== null && month !== null) {
    return { kind: 'date', year: components.isCertain('year') ? components.get('year') : null, month, day };
  }
  const weekday = components.get('weekday');
  if (components.isCertain('weekday') && weekday !== null) {
    return { kind: 'weekday', weekday, ofNextWeek: components.tags().has(WHEN_TAGS.weekdayOfNextWeek) };
  }
  const range = tagValue(WHEN_TAGS.range);
  return isWeekRange(range) ? { kind: 'range', range } : null;
}

const SPECIFICITY: Readonly<Record<DayMention['kind'], number>> = {
  date: 0,
  dayOfMonth: 0,
  weekday: 1,
  range: 2,
};

function pickDay(mentions: readonly Mention[], today: string): { date: string; flexible: boolean } | null {
  const candidates = mentions
    .flatMap((mention) => (mention.day === null ? [] : [mention.day]))
    .map((day, order) => ({ day, order, resolved: resolveDay(day, today) }))
    .filter((candidate) => candidate.resolved !== null)
    .sort((a, b) => SPECIFICITY[a.day.kind] - SPECIFICITY[b.day.kind] || a.order - b.order);
  return candidates[0]?.resolved ?? null;
}

function resolveDay(mention: DayMention, today: string): { date: string; flexible: boolean } | null {
  switch (mention.kind) {
    case 'date':
      return resolveDate(mention, today);
    case 'dayOfMonth':
      return { date: nextDayOfMonth(mention.day, today), flexible: false };
    case 'weekday':
      return { date: nextWeekday(mention.weekday, mention.ofNextWeek, today), flexible: false };
    case 'range':
      return { date: firstDayOfRange(mention.range, today), flexible: true };
  }
}

/** A full date in the past is a reference to the past ("ontem"), unless the year was left out ("12/01"). */
function resolveDate(
  mention: { year: number | null; month: number; day: number },
  today: string,
): { date: string; flexible: boolean } | null {
  const { year: currentYear } = calendarDayParts(today);
  const year = mention.year ?? currentYear;
  if (mention.day > daysInMonth(year, mention.month)) return null;
  const date = calendarDay(year, mention.month, mention.day);
  if (date >= today) return { date, flexible: false };
  if (mention.year !== null) return null;
  return { date: calendarDay(year + 1, mention.month, mention.day), flexible: false };
}

/** This month when the day has not passed (today counts), otherwise the next month that has that day. */
function nextDayOfMonth(day: number, today: string): string {
  let { year, month } = calendarDayParts(today);
  const { day: todayDay } = calendarDayParts(today);
  if (day >= todayDay && day <= daysInMonth(year, month)) return calendarDay(year, month, day);
  do {
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  } while (day > daysInMonth(year, month));
  return calendarDay(year, month, day);
}

function nextWeekday(weekday: number, ofNextWeek: boolean, today: string): string {
  if (ofNextWeek) return addDays(mondayOfNextWeek(today), (weekday + 6) % 7);
  const ahead = (weekday - weekdayOf(today) + 7) % 7;
  return addDays(today, ahead === 0 ? 7 : ahead);
}

function firstDayOfRange(range: WeekRange, today: string): string {
  switch (range) {
    case 'thisWeek':
      return today;
    case 'nextWeek':
      return mondayOfNextWeek(today);
    case 'weekend': {
      const weekday = weekdayOf(today);
      return weekday === 0 || weekday === 6 ? today : addDays(today, 6 - weekday);
    }
    case 'nextMonth':
      return firstDayOfNextMonth(today);
  }
}

/** When a part of the day is over for today ("de manhã" at 14:00 means tomorrow morning). */
const PART_OF_DAY_ENDS: Readonly<Record<PartOfDay, string>> = {
  morning: '12:00',
  afternoon: '18:00',
  evening: '22:00',
};

/** "sábado de manhã às 7" is 07:00, not the salon rule's 19:00; "à noite às 8" is 20:00. */
function adjustToPartOfDay(clock: ClockTime, partOfDay: PartOfDay | null): string {
  let hour = clock.hour;
  if (partOfDay === 'morning' && clock.pmAssumed) hour -= 12;
  if (partOfDay === 'evening' && !clock.meridiemSaid && hour < 12) hour += 12;
  return `${String(hour).padStart(2, '0')}:${String(clock.minute).padStart(2, '0')}`;
}

function isPartOfDay(value: string | null): value is PartOfDay {
  return value === 'morning' || value === 'afternoon' || value === 'evening';
}

function isWeekRange(value: string | null): value is WeekRange {
  return value === 'thisWeek' || value === 'nextWeek' || value === 'weekend' || value === 'nextMonth';
}
