/**
 * The availability engine: working hours, time off, appointments, durations, buffers and time zones in,
 * free slots out. Pure: no I/O, the caller passes "now".
 */
export type {
  AvailabilityQuery,
  BusyAppointment,
  Interval,
  LocalDateTime,
  ProfessionalSchedule,
  ServiceSpec,
  Slot,
  SlotsOfDay,
  WeeklyInterval,
  Weekday,
} from './types';
export { findFreeSlots } from './find-free-slots';
export { groupSlotsByLocalDay } from './group-by-day';
export { overlaps } from './intervals';
export { instantToLocal, localDateTimeToInstant } from './wall-clock';
export { isWithinWorkingHours, workingIntervalsBetween } from './working-hours';
export {
  addDays,
  calendarDay,
  daysInMonth,
  firstDayOfNextMonth,
  mondayOfNextWeek,
  partsOf as calendarDayParts,
  weekdayOf,
} from './calendar-day';
