import { DateTime } from 'luxon';
import { luxonLocalizer, type DateLocalizer, type Formats, type Messages } from 'react-big-calendar';

/**
 * luxon's DateTime with every date read in `zone` instead of the browser's.
 * The calendar's luxon localizer reads dates only through `DateTime.fromJSDate` and `DateTime.local`,
 * so binding those two places the whole grid, its clicks and its drops on the tenant's clock, without
 * touching luxon's global default zone (shared by the whole page).
 */
function dateTimeIn(zone: string): typeof DateTime {
  const zoned = Object.create(DateTime) as typeof DateTime;
  return Object.assign(zoned, {
    fromJSDate: (date: Date, options?: { zone?: string }) => DateTime.fromJSDate(date, { zone, ...options }),
    local: () => DateTime.local({ zone }),
  });
}

const localizers = new Map<string, DateLocalizer>();

/** One localizer per zone, kept: the calendar re-lays itself out whenever the localizer changes. */
export function tenantLocalizer(zone: string): DateLocalizer {
  let localizer = localizers.get(zone);
  if (localizer === undefined) {
    // Brazilian calendars start the week on Sunday (luxon's weekday 7).
    localizer = luxonLocalizer(dateTimeIn(zone), { firstDayOfWeek: 7 });
    localizers.set(zone, localizer);
  }
  return localizer;
}

export const CALENDAR_CULTURE = 'pt-BR';

export const calendarFormats: Formats = {
  timeGutterFormat: 'HH:mm',
  dayFormat: 'ccc dd',
  dayHeaderFormat: "cccc, d 'de' MMMM",
  dayRangeHeaderFormat: ({ start, end }, culture, localizer) =>
    `${localizer?.format(start, "d 'de' MMM", culture) ?? ''} – ${localizer?.format(end, "d 'de' MMM 'de' yyyy", culture) ?? ''}`,
  eventTimeRangeFormat: ({ start, end }, culture, localizer) =>
    `${localizer?.format(start, 'HH:mm', culture) ?? ''}–${localizer?.format(end, 'HH:mm', culture) ?? ''}`,
  selectRangeFormat: ({ start, end }, culture, localizer) =>
    `${localizer?.format(start, 'HH:mm', culture) ?? ''}–${localizer?.format(end, 'HH:mm', culture) ?? ''}`,
};

export const calendarMessages: Messages = {
  today: 'Hoje',
  previous: 'Anterior',
  next: 'Próximo',
  month: 'Mês',
  week: 'Semana',
  work_week: 'Semana útil',
  day: 'Dia',
  agenda: 'Lista',
  date: 'Data',
  time: 'Horário',
  event: 'Agendamento',
  allDay: 'Dia todo',
  noEventsInRange: 'Nenhum agendamento neste período.',
  showMore: (count) => `+${count} mais`,
};
