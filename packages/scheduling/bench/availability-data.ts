import { addDays } from '../src/calendar-day';
import { localDateTimeToInstant } from '../src/wall-clock';
import {
  type AvailabilityQuery,
  type BusyAppointment,
  type Interval,
  type WeeklyInterval,
} from '../src/types';

/**
 * A salon-shaped availability query for the benchmark and its smoke test, fully determined by the size and
 * the seed: professionals working Tue–Sat 09:00–12:00 and 13:00–19:00 in São Paulo, appointments (30–60 min,
 * 0–10 min buffers, on a 15-minute grid, never overlapping) dealt round-robin to them, a few days off, and a
 * 45-minute service with 5 + 10 minutes of buffers offered every 15 minutes.
 */
export interface BenchmarkSize {
  professionals: number;
  days: number;
  appointments: number;
  seed?: number;
}

const TIME_ZONE = 'America/Sao_Paulo';
const FIRST_DATE = '2026-06-01'; // a Monday
const MINUTE = 60_000;
const WORKING_WEEKDAYS = [2, 3, 4, 5, 6] as const;

export function buildAvailabilityQuery({
  professionals,
  days,
  appointments,
  seed = 20260601,
}: BenchmarkSize): AvailabilityQuery {
  const random = mulberry32(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  const dates = Array.from({ length: days }, (_, i) => addDays(FIRST_DATE, i));
  const workingDates = dates.filter((date) => new Date(`${date}T12:00:00Z`).getUTCDay() >= 2);
  const weeklyHours: WeeklyInterval[] = WORKING_WEEKDAYS.flatMap((weekday) => [
    { weekday, start: '09:00', end: '12:00' },
    { weekday, start: '13:00', end: '19:00' },
  ]);

  const busy: BusyAppointment[][] = Array.from({ length: professionals }, () => []);
  for (let n = 0; n < appointments; n++) {
    const own = busy[n % professionals];
    if (own === undefined || workingDates.length === 0) break;
    own.push(
      placeAppointment(own, () => {
        const date = pick(workingDates);
        const startMinute = 9 * 60 + 15 * Math.floor(random() * 36); // 09:00 … 17:45
        const start = localDateTimeToInstant(date, formatMinute(startMinute), TIME_ZONE);
        const durationMin = pick([30, 45, 60]);
        return {
          start,
          end: new Date(start.getTime() + durationMin * MINUTE),
          bufferBeforeMin: pick([0, 5, 10]),
          bufferAfterMin: pick([0, 5, 10]),
        };
      }),
    );
  }

  const range: Interval = {
    start: localDateTimeToInstant(FIRST_DATE, '00:00', TIME_ZONE),
    end: localDateTimeToInstant(addDays(FIRST_DATE, days), '00:00', TIME_ZONE),
  };
  return {
    timeZone: TIME_ZONE,
    range,
    professionals: busy.map((appointmentsOfProfessional, index) => ({
      professionalId: `pro-${String(index + 1).padStart(2, '0')}`,
      weeklyHours,
      timeOff: timeOffFor(index, dates),
      busy: appointmentsOfProfessional.sort((a, b) => a.start.getTime() - b.start.getTime()),
    })),
    service: { durationMin: 45, bufferBeforeMin: 5, bufferAfterMin: 10 },
    slotStepMin: 15,
    minNoticeMin: 120,
    horizonDays: days + 30,
    now: localDateTimeToInstant(FIRST_DATE, '08:00', TIME_ZONE),
  };
}

/** Draws candidates until one does not collide with the professional's other appointments (buffers included). */
function placeAppointment(
  existing: readonly BusyAppointment[],
  draw: () => BusyAppointment,
): BusyAppointment {
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const candidate = draw();
    if (!existing.some((other) => blockedOverlap(candidate, other))) return candidate;
  }
  throw new Error('Too many appointments for the working time available; lower the count or add days');
}

function blockedOverlap(a: BusyAppointment, b: BusyAppointment): boolean {
  const aStart = a.start.getTime() - a.bufferBeforeMin * MINUTE;
  const aEnd = a.end.getTime() + a.bufferAfterMin * MINUTE;
  const bStart = b.start.getTime() - b.bufferBeforeMin * MINUTE;
  const bEnd = b.end.getTime() + b.bufferAfterMin * MINUTE;
  return aStart < bEnd && bStart < aEnd;
}

/** Every fifth professional takes three days off mid-period; every seventh leaves early on the third day. */
function timeOffFor(index: number, dates: readonly string[]): Interval[] {
  const timeOff: Interval[] = [];
  const middle = dates[Math.floor(dates.length / 2)];
  if (index % 5 === 0 && middle !== undefined) {
    timeOff.push({
      start: localDateTimeToInstant(middle, '00:00', TIME_ZONE),
      end: localDateTimeToInstant(addDays(middle, 3), '00:00', TIME_ZONE),
    });
  }
  const third = dates[2];
  if (index % 7 === 0 && third !== undefined) {
    timeOff.push({
      start: localDateTimeToInstant(third, '15:30', TIME_ZONE),
      end: localDateTimeToInstant(third, '24:00', TIME_ZONE),
    });
  }
  return timeOff;
}

function formatMinute(minuteOfDay: number): string {
  return `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;
}

/** Small, fast, seedable PRNG, so every run of the benchmark sees the same data. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
