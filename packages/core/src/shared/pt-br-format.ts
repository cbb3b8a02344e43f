import { calendarDayParts, instantToLocal, weekdayOf } from '@agenda-cheia/scheduling';

const WEEKDAYS = [
  'domingo',
  'segunda-feira',
  'terça-feira',
  'quarta-feira',
  'quinta-feira',
  'sexta-feira',
  'sábado',
];

/** "sexta-feira, 27/11" for the tenant-local day of an instant. */
export function describeDay(instant: Date, timeZone: string): string {
  const { date } = instantToLocal(instant, timeZone);
  const { month, day } = calendarDayParts(date);
  const weekday = WEEKDAYS[weekdayOf(date)] ?? '';
  return `${weekday}, ${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}`;
}

/** "15:00" tenant-local. */
export function describeTime(instant: Date, timeZone: string): string {
  return instantToLocal(instant, timeZone).time;
}

/** "sexta-feira, 27/11 às 15:00". */
export function describeWhen(instant: Date, timeZone: string): string {
  return `${describeDay(instant, timeZone)} às ${describeTime(instant, timeZone)}`;
}

const currency = new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' });

/** "R$ 80,00" (the non-breaking space Intl puts after R$ is kept plain for WhatsApp). */
export function formatPrice(cents: number): string {
  return currency.format(cents / 100).replace(/\u00a0/g, ' ');
}

/** The name a message greets a client by: their first name, or nothing for a client known only by phone. */
export function clientFirstName(name: string): string {
  const first = name.trim().split(/\s+/)[0] ?? '';
  return /\d/.test(first) ? '' : first;
}
