/**
 * Display of instants on the tenant's clock (never the browser's) with Intl's pt-BR formats.
 * Formatters are costly to build and lists show many times: one per zone and style is kept.
 */

type Style = 'time' | 'date' | 'weekdayDate' | 'longDate' | 'dateTime';

const styles: Record<Style, Intl.DateTimeFormatOptions> = {
  time: { hour: '2-digit', minute: '2-digit' },
  date: { day: '2-digit', month: '2-digit', year: 'numeric' },
  weekdayDate: { weekday: 'short', day: '2-digit', month: '2-digit' },
  longDate: { weekday: 'long', day: 'numeric', month: 'long' },
  dateTime: { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' },
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(style: Style, timeZone: string): Intl.DateTimeFormat {
  const key = `${style}|${timeZone}`;
  let cached = formatters.get(key);
  if (cached === undefined) {
    cached = new Intl.DateTimeFormat('pt-BR', { ...styles[style], timeZone });
    formatters.set(key, cached);
  }
  return cached;
}

function toDate(instant: string | Date): Date {
  return typeof instant === 'string' ? new Date(instant) : instant;
}

export function formatTime(instant: string | Date, timeZone: string): string {
  return formatter('time', timeZone).format(toDate(instant));
}

export function formatDate(instant: string | Date, timeZone: string): string {
  return formatter('date', timeZone).format(toDate(instant));
}

export function formatWeekdayDate(instant: string | Date, timeZone: string): string {
  return formatter('weekdayDate', timeZone).format(toDate(instant));
}

export function formatDateTime(instant: string | Date, timeZone: string): string {
  return formatter('dateTime', timeZone).format(toDate(instant));
}

/** "09:00–09:45" */
export function formatTimeRange(start: string | Date, end: string | Date, timeZone: string): string {
  return `${formatTime(start, timeZone)}–${formatTime(end, timeZone)}`;
}

/** A calendar date ("YYYY-MM-DD", no time, no zone) as "segunda-feira, 24 de novembro". */
export function formatLocalDateLong(date: string): string {
  return formatter('longDate', 'UTC').format(new Date(`${date}T12:00:00Z`));
}

/** A calendar date ("YYYY-MM-DD") as "24/11/2026". */
export function formatLocalDate(date: string): string {
  return formatter('date', 'UTC').format(new Date(`${date}T12:00:00Z`));
}

/** 45 → "45 min", 90 → "1 h 30 min" */
export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
