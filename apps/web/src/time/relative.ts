import { DateTime } from 'luxon';
import { formatTime, formatWeekdayDate } from './format';

const weekdayFormatters = new Map<string, Intl.DateTimeFormat>();
const shortDateFormatters = new Map<string, Intl.DateTimeFormat>();

function cached(
  cache: Map<string, Intl.DateTimeFormat>,
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  let formatter = cache.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('pt-BR', { ...options, timeZone });
    cache.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * When something last happened, the way a chat list says it, on the salon's clock: "agora",
 * "há 5 min", "14:32" (today), "ontem", "qua." (this week), "12/03" or "12/03/2024".
 */
export function formatRelativeInstant(instant: string, now: number, timeZone: string): string {
  const then = DateTime.fromISO(instant, { zone: timeZone });
  const current = DateTime.fromMillis(now, { zone: timeZone });
  const minutes = Math.floor(current.diff(then, 'minutes').minutes);
  if (minutes < 1) return 'agora';
  if (minutes < 60) return `há ${minutes} min`;
  const days = Math.round(current.startOf('day').diff(then.startOf('day'), 'days').days);
  if (days <= 0) return formatTime(instant, timeZone);
  if (days === 1) return 'ontem';
  const date = then.toJSDate();
  if (days < 7) return cached(weekdayFormatters, timeZone, { weekday: 'short' }).format(date);
  if (then.year === current.year) {
    return cached(shortDateFormatters, timeZone, { day: '2-digit', month: '2-digit' }).format(date);
  }
  return then.toFormat('dd/MM/yyyy');
}

/** A day heading in a chat: "Hoje", "Ontem" or "12/03/2025". */
export function formatChatDay(instant: string, now: number, timeZone: string): string {
  const then = DateTime.fromISO(instant, { zone: timeZone }).startOf('day');
  const today = DateTime.fromMillis(now, { zone: timeZone }).startOf('day');
  const days = Math.round(today.diff(then, 'days').days);
  if (days === 0) return 'Hoje';
  if (days === 1) return 'Ontem';
  return then.toFormat('dd/MM/yyyy');
}

/** The local date ("YYYY-MM-DD") of an instant in `timeZone`, to group a chat by day. */
export function localDayOf(instant: string, timeZone: string): string {
  return DateTime.fromISO(instant, { zone: timeZone }).toISODate() ?? '';
}

/**
 * A deadline ahead, on the salon's clock: "em 25 min" within the hour, "hoje às 14:30", "amanhã às
 * 09:00", then "sex., 28/11 às 09:00". "já passou" once it has.
 */
export function formatDeadline(instant: string, now: number, timeZone: string): string {
  const then = DateTime.fromISO(instant, { zone: timeZone });
  const current = DateTime.fromMillis(now, { zone: timeZone });
  const minutes = Math.ceil(then.diff(current, 'minutes').minutes);
  if (minutes <= 0) return 'já passou';
  if (minutes < 60) return `em ${minutes} min`;
  const time = formatTime(instant, timeZone);
  const days = Math.round(then.startOf('day').diff(current.startOf('day'), 'days').days);
  if (days === 0) return `hoje às ${time}`;
  if (days === 1) return `amanhã às ${time}`;
  return `${formatWeekdayDate(instant, timeZone)} às ${time}`;
}
