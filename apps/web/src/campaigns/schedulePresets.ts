import { defaultCampaignSchedules } from '@agenda-cheia/contracts';

/**
 * A campaign's schedule is a five-field cron expression read on the salon's clock. People pick a preset;
 * anything else is "personalizado", typed as cron, and described back in words when it can be.
 */

export type SchedulePresetId = 'daily' | 'monWedFri' | 'custom';

export const schedulePresets: readonly {
  id: Exclude<SchedulePresetId, 'custom'>;
  cron: string;
  label: string;
}[] = [
  { id: 'daily', cron: defaultCampaignSchedules.prazo_certo, label: 'Todo dia às 09:00' },
  { id: 'monWedFri', cron: defaultCampaignSchedules.encher_agenda, label: 'Seg, qua e sex às 14:00' },
];

/** Single spaces between the fields: "0  9 * * *" and "0 9 * * *" are the same schedule. */
export function normalizeCron(cron: string): string {
  return cron.trim().split(/\s+/).join(' ');
}

export function presetOfCron(cron: string): SchedulePresetId {
  const normalized = normalizeCron(cron);
  return schedulePresets.find((preset) => preset.cron === normalized)?.id ?? 'custom';
}

/** The expression to save: the preset's, or the one typed for "personalizado". */
export function cronForPreset(preset: SchedulePresetId, customCron: string): string {
  if (preset === 'custom') return normalizeCron(customCron);
  return schedulePresets.find((item) => item.id === preset)?.cron ?? normalizeCron(customCron);
}

/** Monday first, as a salon's week is read; cron counts from Sunday (0, and 7 again). */
const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;
const dayNames: Record<number, string> = {
  0: 'domingo',
  1: 'segunda',
  2: 'terça',
  3: 'quarta',
  4: 'quinta',
  5: 'sexta',
  6: 'sábado',
};
const everyDayNames: Record<number, string> = {
  0: 'Todo domingo',
  1: 'Toda segunda-feira',
  2: 'Toda terça-feira',
  3: 'Toda quarta-feira',
  4: 'Toda quinta-feira',
  5: 'Toda sexta-feira',
  6: 'Todo sábado',
};

function integerIn(field: string, min: number, max: number): number | null {
  if (!/^\d{1,2}$/.test(field)) return null;
  const value = Number(field);
  return value >= min && value <= max ? value : null;
}

/** "1,3,5" or "1-5" → the weekdays (0–6), or null when the field says more than a list of days. */
function weekdaysOf(field: string): Set<number> | null {
  if (field === '*') return new Set([0, 1, 2, 3, 4, 5, 6]);
  const days = new Set<number>();
  for (const part of field.split(',')) {
    const range = /^(\d)-(\d)$/.exec(part);
    if (range !== null) {
      const from = Number(range[1]);
      const to = Number(range[2]);
      if (from > to || to > 7) return null;
      for (let day = from; day <= to; day += 1) days.add(day % 7);
      continue;
    }
    const day = integerIn(part, 0, 7);
    if (day === null) return null;
    days.add(day % 7);
  }
  return days;
}

function joinWithE(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} e ${items[items.length - 1] ?? ''}`;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function describeDays(days: Set<number>): string {
  if (days.size === 7) return 'Todo dia';
  const ordered = WEEK_ORDER.filter((day) => days.has(day));
  if (ordered.length === 1) return everyDayNames[ordered[0] ?? 0] ?? '';
  const weekdays = [1, 2, 3, 4, 5];
  if (ordered.length === 5 && weekdays.every((day) => days.has(day))) return 'De segunda a sexta';
  if (ordered.length === 6 && [...weekdays, 6].every((day) => days.has(day))) return 'De segunda a sábado';
  return capitalized(joinWithE(ordered.map((day) => dayNames[day] ?? '')));
}

/**
 * The schedule in words ("Todo dia às 09:00", "Segunda, quarta e sexta às 14:00"), or null for an
 * expression beyond minutes, hours and weekdays (the form then shows the cron as typed).
 */
export function describeSchedule(cron: string): string | null {
  const fields = normalizeCron(cron).split(' ');
  if (fields.length !== 5) return null;
  const [minuteField = '', hourField = '', dayOfMonth, month, weekdayField = ''] = fields;
  if (dayOfMonth !== '*' || month !== '*') return null;
  const minute = integerIn(minuteField, 0, 59);
  const hours = hourField.split(',').map((hour) => integerIn(hour, 0, 23));
  const days = weekdaysOf(weekdayField);
  if (minute === null || days === null || days.size === 0 || hours.some((hour) => hour === null)) return null;
  const times = [...new Set(hours as number[])]
    .sort((a, b) => a - b)
    .map((hour) => `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`);
  return `${describeDays(days)} às ${joinWithE(times)}`;
}
