import type { Appointment, CampaignStats, Professional } from '@agenda-cheia/contracts';
import { DateTime } from 'luxon';
import { addLocalDays, wallClockToInstant } from '../time/wallClock';

/**
 * The Painel's figures for the week, computed from what the API gives: the week's calendar (appointments
 * and time off), the professionals' working hours, and each campaign's totals. Weeks run from Sunday, as
 * the Agenda shows them, on the salon's clock.
 */

type Booking = Pick<
  Appointment,
  'start' | 'end' | 'status' | 'professionalId' | 'source' | 'finalPriceCents'
>;
type Absence = { professionalId: string; start: string; end: string };
type Staff = Pick<Professional, 'id' | 'active' | 'workingHours'>;

const MINUTE_MS = 60_000;

/** The Sunday starting the week of `date` ("YYYY-MM-DD"). */
export function weekStartOf(date: string): string {
  const day = DateTime.fromISO(date, { zone: 'UTC' });
  return addLocalDays(date, -(day.weekday % 7));
}

/** Appointments that hold their time: everything but cancellations. */
function holdsTime(booking: Booking): boolean {
  return booking.status !== 'cancelled';
}

export function countBookings(appointments: readonly Booking[]): number {
  return appointments.filter(holdsTime).length;
}

function overlapMs(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/** Merges overlapping spans, so two overlapping absences are not subtracted twice. */
function merged(spans: { start: number; end: number }[]): { start: number; end: number }[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const result: { start: number; end: number }[] = [];
  for (const span of sorted) {
    const last = result[result.length - 1];
    if (last !== undefined && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else result.push({ ...span });
  }
  return result;
}

/**
 * Minutes the active professionals work in the 7 days from `weekStart`, less their time off: what the
 * week could hold. Working hours are wall-clock times on the salon's clock (a DST day keeps its hours).
 */
export function workingMinutes(
  professionals: readonly Staff[],
  timeOff: readonly Absence[],
  weekStart: string,
  timeZone: string,
): number {
  let total = 0;
  for (const professional of professionals.filter((p) => p.active)) {
    const absences = merged(
      timeOff
        .filter((absence) => absence.professionalId === professional.id)
        .map((absence) => ({ start: Date.parse(absence.start), end: Date.parse(absence.end) })),
    );
    for (let offset = 0; offset < 7; offset += 1) {
      const date = addLocalDays(weekStart, offset);
      const weekday = DateTime.fromISO(date, { zone: 'UTC' }).weekday % 7;
      for (const interval of professional.workingHours.filter((h) => h.weekday === weekday)) {
        const start = wallClockToInstant({ date, time: interval.start }, timeZone);
        const end = wallClockToInstant({ date, time: interval.end }, timeZone);
        if (start === null || end === null) continue;
        const span = { start: Date.parse(start), end: Date.parse(end) };
        const away = absences.reduce((sum, absence) => sum + overlapMs(span, absence), 0);
        total += Math.max(0, span.end - span.start - away);
      }
    }
  }
  return Math.round(total / MINUTE_MS);
}

/** Minutes taken by the week's appointments of these professionals. */
export function bookedMinutes(
  appointments: readonly Booking[],
  professionalIds: ReadonlySet<string>,
): number {
  const ms = appointments
    .filter((a) => holdsTime(a) && professionalIds.has(a.professionalId))
    .reduce((sum, a) => sum + Math.max(0, Date.parse(a.end) - Date.parse(a.start)), 0);
  return Math.round(ms / MINUTE_MS);
}

/** Share of the working time that is booked, 0–1 (capped: a forced booking outside hours can push it over); null without working hours. */
export function fillRate(booked: number, capacity: number): number | null {
  if (capacity <= 0) return null;
  return Math.min(1, booked / capacity);
}

const CAMPAIGN_SOURCES: readonly Appointment['source'][] = ['prazo_certo', 'encher_agenda'];

/** Revenue of this week's appointments that campaigns brought (final prices, cancellations left out). */
export function campaignRevenueInWeek(appointments: readonly Booking[]): number {
  return appointments
    .filter((a) => holdsTime(a) && CAMPAIGN_SOURCES.includes(a.source))
    .reduce((sum, a) => sum + a.finalPriceCents, 0);
}

/** Every campaign's totals added up: revenue and appointments booked through offers, ever. */
export function campaignTotals(stats: readonly Pick<CampaignStats, 'revenueBookedCents' | 'booked'>[]): {
  revenueBookedCents: number;
  booked: number;
} {
  return stats.reduce(
    (sum, s) => ({
      revenueBookedCents: sum.revenueBookedCents + s.revenueBookedCents,
      booked: sum.booked + s.booked,
    }),
    { revenueBookedCents: 0, booked: 0 },
  );
}
