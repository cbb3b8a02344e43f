import { type Interval } from './types';

/**
 * A half-open stretch `[start, end)` of epoch milliseconds. The engine works on numbers internally: comparing
 * and sorting them is much cheaper than going through `Date` objects, and only the returned slots are Dates.
 */
export interface Span {
  start: number;
  end: number;
}

/**
 * True when the two half-open intervals share at least one instant. Touching intervals (one ends where the
 * other starts) do not overlap, so back-to-back appointments are fine; an empty interval overlaps nothing.
 */
export function overlaps(a: Interval, b: Interval): boolean {
  return spansOverlap(toSpan(a), toSpan(b));
}

export function spansOverlap(a: Span, b: Span): boolean {
  return Math.max(a.start, b.start) < Math.min(a.end, b.end);
}

export function toSpan(interval: Interval): Span {
  return { start: interval.start.getTime(), end: interval.end.getTime() };
}

export function toInterval(span: Span): Interval {
  return { start: new Date(span.start), end: new Date(span.end) };
}

/**
 * Sorted, disjoint union of the spans. Touching spans are joined (09:00–12:00 and 12:00–15:00 are one
 * continuous stretch: a 2-hour service at 11:00 fits), empty ones dropped.
 */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = spans.filter((span) => span.end > span.start).sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  let current: Span | undefined;
  for (const span of sorted) {
    if (current !== undefined && span.start <= current.end) {
      current.end = Math.max(current.end, span.end);
    } else {
      current = { start: span.start, end: span.end };
      merged.push(current);
    }
  }
  return merged;
}

/** The parts of each (sorted, disjoint) span that lie inside `window`. */
export function clipSpans(spans: readonly Span[], window: Span): Span[] {
  const clipped: Span[] = [];
  for (const span of spans) {
    const start = Math.max(span.start, window.start);
    const end = Math.min(span.end, window.end);
    if (start < end) clipped.push({ start, end });
  }
  return clipped;
}
