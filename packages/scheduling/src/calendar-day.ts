/**
 * Arithmetic on calendar days written "YYYY-MM-DD". A calendar day has no time zone: these functions only
 * count days, so UTC is used internally as a plain proleptic calendar, never as anyone's clock.
 */

const MS_PER_DAY = 86_400_000;

export function calendarDay(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

export function partsOf(date: string): { year: number; month: number; day: number } {
  const [year = NaN, month = NaN, day = NaN] = date.split('-').map(Number);
  return { year, month, day };
}

export function addDays(date: string, days: number): string {
  const { year, month, day } = partsOf(date);
  const shifted = new Date(Date.UTC(year, month - 1, day) + days * MS_PER_DAY);
  return calendarDay(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  const { year, month, day } = partsOf(date);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The first day of the month after `date`'s. */
export function firstDayOfNextMonth(date: string): string {
  const { year, month } = partsOf(date);
  return month === 12 ? calendarDay(year + 1, 1, 1) : calendarDay(year, month + 1, 1);
}

/** The Monday of the Monday-to-Sunday week after `date`'s. */
export function mondayOfNextWeek(date: string): string {
  const daysSinceMonday = (weekdayOf(date) + 6) % 7;
  return addDays(date, 7 - daysSinceMonday);
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
