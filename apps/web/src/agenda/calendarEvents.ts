import type { Appointment } from '@agenda-cheia/contracts';
import { DateTime } from 'luxon';
import type { RouterOutputs } from '../api/trpc';
import { instantToWallClock } from '../time/wallClock';

type CalendarView = RouterOutputs['schedule']['calendar'];

export interface AppointmentEvent {
  kind: 'appointment';
  id: string;
  title: string;
  start: Date;
  end: Date;
  resourceId: string;
  color: string;
  appointment: Appointment;
}

export interface TimeOffEvent {
  kind: 'timeOff';
  id: string;
  title: string;
  start: Date;
  end: Date;
  resourceId: string;
  color: string;
}

export type AgendaEvent = AppointmentEvent | TimeOffEvent;

export interface AgendaResource {
  id: string;
  title: string;
  color: string;
}

/** A move made by dragging, shown at once while the server decides. */
export interface PendingMove {
  start: Date;
  end: Date;
  professionalId: string;
}

export function appointmentEvents(
  view: CalendarView | undefined,
  pendingMoves: ReadonlyMap<string, PendingMove>,
): AppointmentEvent[] {
  if (view === undefined) return [];
  const colors = new Map(view.professionals.map((p) => [p.id, p.color]));
  return view.appointments.map((appointment) => {
    const moved = pendingMoves.get(appointment.id);
    const professionalId = moved?.professionalId ?? appointment.professionalId;
    return {
      kind: 'appointment',
      id: appointment.id,
      title: `${appointment.clientName ?? 'Cliente'} · ${appointment.serviceName ?? 'Serviço'}`,
      start: moved?.start ?? new Date(appointment.start),
      end: moved?.end ?? new Date(appointment.end),
      resourceId: professionalId,
      color: colors.get(professionalId) ?? '#5f6b69',
      appointment,
    };
  });
}

export function timeOffEvents(view: CalendarView | undefined): TimeOffEvent[] {
  if (view === undefined) return [];
  const names = new Map(view.professionals.map((p) => [p.id, p]));
  return view.timeOff.map((timeOff) => {
    const professional = names.get(timeOff.professionalId);
    return {
      kind: 'timeOff',
      id: timeOff.id,
      title: `Folga${professional === undefined ? '' : ` · ${professional.name}`}${timeOff.reason === null ? '' : ` (${timeOff.reason})`}`,
      start: new Date(timeOff.start),
      end: new Date(timeOff.end),
      resourceId: timeOff.professionalId,
      color: professional?.color ?? '#5f6b69',
    };
  });
}

interface WorkingInterval {
  start: string;
  end: string;
}

function minutesOf(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/**
 * The hours the grid shows on `date`: from the earliest start to the latest end of the visible
 * professionals' working hours, widened to include any appointment booked outside them, whole hours.
 */
export function visibleHours(
  date: string,
  timeZone: string,
  hours: readonly WorkingInterval[],
  events: readonly AgendaEvent[],
): { min: Date; max: Date } {
  let first = hours.length === 0 ? 8 * 60 : Math.min(...hours.map((h) => minutesOf(h.start)));
  let last = hours.length === 0 ? 20 * 60 : Math.max(...hours.map((h) => minutesOf(h.end)));
  for (const event of events) {
    if (event.kind !== 'appointment') continue;
    const start = instantToWallClock(event.start, timeZone);
    const end = instantToWallClock(event.end, timeZone);
    first = Math.min(first, minutesOf(start.time));
    last = Math.max(last, end.date === start.date ? minutesOf(end.time) : 24 * 60);
  }
  const day = DateTime.fromISO(date, { zone: timeZone }).startOf('day');
  const startHour = Math.floor(first / 60);
  const endHour = Math.min(24, Math.ceil(last / 60));
  return {
    min: day.set({ hour: startHour }).toJSDate(),
    // The grid's last row ends at its `max`: 24:00 is written as the day's final minute.
    max: endHour >= 24 ? day.endOf('day').toJSDate() : day.set({ hour: endHour }).toJSDate(),
  };
}

/**
 * Where the grid opens: an hour before now on today's page, otherwise at the day's first appointment,
 * otherwise at 08:00; never above the first visible hour.
 */
export function openingTime(
  date: string,
  today: string,
  timeZone: string,
  min: Date,
  events: readonly AgendaEvent[],
): Date {
  const day = DateTime.fromISO(date, { zone: timeZone }).startOf('day');
  let target: DateTime;
  if (date === today) {
    target = DateTime.now().setZone(timeZone).minus({ hours: 1 }).startOf('hour');
  } else {
    const first = events
      .filter(
        (event) => event.kind === 'appointment' && instantToWallClock(event.start, timeZone).date === date,
      )
      .map((event) => event.start.getTime())
      .sort((a, b) => a - b)[0];
    target =
      first === undefined
        ? day.set({ hour: 8 })
        : DateTime.fromMillis(first, { zone: timeZone }).startOf('hour');
  }
  return target.toMillis() < min.getTime() ? min : target.toJSDate();
}
