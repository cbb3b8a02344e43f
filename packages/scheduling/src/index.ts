/**
 * The availability engine: working hours, time off, appointments, durations, buffers and time zones in,
 * free slots out. Pure: no I/O, the caller passes "now". Arrives with the scheduling-core work.
 */
export {};
