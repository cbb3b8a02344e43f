import { type Span } from './intervals';
import { type Interval } from './types';

/**
 * Defensive checks at the engine's edge. Callers validate with zod first; these exist so that a bad value
 * coming from somewhere else fails loudly with the field's path instead of silently producing no slots.
 *
 * A label may be a function: a query holds thousands of appointments, and building a path string for each
 * one up front cost more than the whole slot search, so paths are only spelled out when a check fails.
 */
export type Label = string | (() => string);

function spell(label: Label): string {
  return typeof label === 'string' ? label : label();
}

export function assertInstant(value: Date, label: Label): number {
  const ms = value instanceof Date ? value.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`${spell(label)}: expected a valid Date`);
  return ms;
}

export function assertInterval(interval: Interval, label: Label): Span {
  const start = assertInstant(interval.start, () => `${spell(label)}.start`);
  const end = assertInstant(interval.end, () => `${spell(label)}.end`);
  if (end < start) {
    throw new RangeError(
      `${spell(label)}: end (${interval.end.toISOString()}) is before start (${interval.start.toISOString()})`,
    );
  }
  return { start, end };
}

/** Durations, buffers, steps and notice are whole minutes: slots start on whole minutes. */
export function assertWholeNumber(value: number, label: Label, minimum: number): void {
  if (!Number.isInteger(value) || value < minimum) {
    throw new RangeError(`${spell(label)}: expected a whole number ≥ ${minimum}, got ${String(value)}`);
  }
}
