/** Day of the week in the tenant's calendar; 0 = Sunday, as `Date#getDay` and most pt-BR UIs count. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/**
 * A recurring stretch of working time in the tenant's wall clock, e.g. `{ weekday: 2, start: '09:00', end: '12:00' }`.
 * `start` is "HH:MM" (00:00–23:59); `end` is "HH:MM" or "24:00" (the end of that day), and `start < end`, so
 * an interval never crosses midnight: a bar open 20:00–02:00 is written as 20:00–24:00 plus 00:00–02:00 of
 * the next weekday, and the engine joins the two because they touch.
 */
export interface WeeklyInterval {
  weekday: Weekday;
  start: string;
  end: string;
}

/** A half-open stretch of real time `[start, end)`, both UTC instants. */
export interface Interval {
  start: Date;
  end: Date;
}

/** An existing booking; its buffers (clean-up, preparation) block the professional too. */
export interface BusyAppointment extends Interval {
  bufferBeforeMin: number;
  bufferAfterMin: number;
}

export interface ProfessionalSchedule {
  professionalId: string;
  weeklyHours: WeeklyInterval[];
  timeOff: Interval[];
  busy: BusyAppointment[];
}

export interface ServiceSpec {
  durationMin: number;
  bufferBeforeMin: number;
  bufferAfterMin: number;
}

export interface AvailabilityQuery {
  /** The tenant's IANA time zone, e.g. "America/Sao_Paulo"; working hours are read in it. */
  timeZone: string;
  /** Only slots with `start >= range.start` and `end <= range.end`. */
  range: Interval;
  professionals: ProfessionalSchedule[];
  service: ServiceSpec;
  /** Distance between consecutive offered starts, on a grid aligned to each working span's start. */
  slotStepMin: number;
  /** Slots start no earlier than `now + minNoticeMin`. */
  minNoticeMin: number;
  /** Slots end no later than `now + horizonDays × 24 h`. */
  horizonDays: number;
  /** Injected clock: the engine never reads the system time. */
  now: Date;
}

export interface Slot {
  start: Date;
  end: Date;
  professionalId: string;
}

export interface LocalDateTime {
  /** "YYYY-MM-DD" in the time zone's calendar. */
  date: string;
  /** "HH:MM", seconds dropped. */
  time: string;
  weekday: Weekday;
}

export interface SlotsOfDay {
  /** "YYYY-MM-DD" in the tenant's calendar. */
  date: string;
  slots: Slot[];
}
