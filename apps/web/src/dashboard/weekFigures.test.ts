import type { Appointment } from '@agenda-cheia/contracts';
import { describe, expect, it } from 'vitest';
import {
  bookedMinutes,
  campaignRevenueInWeek,
  campaignTotals,
  countBookings,
  fillRate,
  weekStartOf,
  workingMinutes,
} from './weekFigures';

const zone = 'America/Sao_Paulo';
const ana = '00000000-0000-4000-8000-0000000000a1';
const bia = '00000000-0000-4000-8000-0000000000b1';

function booking(start: string, minutes: number, extra: Partial<Appointment> = {}) {
  return {
    start,
    end: new Date(Date.parse(start) + minutes * 60_000).toISOString(),
    status: 'scheduled' as Appointment['status'],
    professionalId: ana,
    source: 'manual' as Appointment['source'],
    finalPriceCents: 8000,
    ...extra,
  };
}

describe('the week on the Painel', () => {
  it('starts on Sunday, as the Agenda shows it', () => {
    expect(weekStartOf('2026-11-25')).toBe('2026-11-22');
    expect(weekStartOf('2026-11-22')).toBe('2026-11-22');
    expect(weekStartOf('2026-11-28')).toBe('2026-11-22');
  });

  it('counts every booking but cancellations', () => {
    const week = [
      booking('2026-11-24T12:00:00Z', 60),
      booking('2026-11-24T14:00:00Z', 60, { status: 'cancelled' }),
      booking('2026-11-25T12:00:00Z', 30, { status: 'no_show' }),
    ];
    expect(countBookings(week)).toBe(2);
  });

  it('adds up the working hours of active professionals on the salon clock, less time off', () => {
    const professionals = [
      // Tuesday 09–12 and 13–19, Saturday 09–12: 12 hours.
      {
        id: ana,
        active: true,
        workingHours: [
          { weekday: 2 as const, start: '09:00', end: '12:00' },
          { weekday: 2 as const, start: '13:00', end: '19:00' },
          { weekday: 6 as const, start: '09:00', end: '12:00' },
        ],
      },
      { id: bia, active: false, workingHours: [{ weekday: 2 as const, start: '09:00', end: '19:00' }] },
    ];
    expect(workingMinutes(professionals, [], '2026-11-22', zone)).toBe(12 * 60);
    // Tuesday 10:00–11:00 off in São Paulo (13:00–14:00Z), twice over: one hour less, not two.
    const off = [
      { professionalId: ana, start: '2026-11-24T13:00:00Z', end: '2026-11-24T14:00:00Z' },
      { professionalId: ana, start: '2026-11-24T13:30:00Z', end: '2026-11-24T14:00:00Z' },
    ];
    expect(workingMinutes(professionals, off, '2026-11-22', zone)).toBe(11 * 60);
  });

  it('reads "24:00" as the end of the day', () => {
    const allDay = [
      { id: ana, active: true, workingHours: [{ weekday: 0 as const, start: '00:00', end: '24:00' }] },
    ];
    expect(workingMinutes(allDay, [], '2026-11-22', zone)).toBe(24 * 60);
  });

  it('fills the week with booked time of the professionals counted', () => {
    const week = [
      booking('2026-11-24T12:00:00Z', 60),
      booking('2026-11-24T14:00:00Z', 90),
      booking('2026-11-24T16:00:00Z', 60, { status: 'cancelled' }),
      booking('2026-11-24T16:00:00Z', 60, { professionalId: bia }),
    ];
    const booked = bookedMinutes(week, new Set([ana]));
    expect(booked).toBe(150);
    expect(fillRate(booked, 600)).toBe(0.25);
    expect(fillRate(900, 600)).toBe(1);
    expect(fillRate(0, 0)).toBeNull();
  });

  it("adds this week's campaign revenue and every campaign's totals", () => {
    const week = [
      booking('2026-11-24T12:00:00Z', 60, { source: 'prazo_certo', finalPriceCents: 7200 }),
      booking('2026-11-24T13:00:00Z', 60, { source: 'encher_agenda', finalPriceCents: 5400 }),
      booking('2026-11-24T14:00:00Z', 60, { source: 'encher_agenda', status: 'cancelled' }),
      booking('2026-11-24T15:00:00Z', 60, { source: 'chat' }),
    ];
    expect(campaignRevenueInWeek(week)).toBe(12_600);
    expect(
      campaignTotals([
        { revenueBookedCents: 7200, booked: 1 },
        { revenueBookedCents: 10_800, booked: 2 },
      ]),
    ).toEqual({ revenueBookedCents: 18_000, booked: 3 });
  });
});
