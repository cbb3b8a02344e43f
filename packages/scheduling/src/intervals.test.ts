import { describe, expect, it } from 'vitest';
import { mergeSpans, overlaps } from './intervals';

const interval = (start: number, end: number) => ({ start: new Date(start), end: new Date(end) });

describe('overlaps', () => {
  it('is true when the intervals share time', () => {
    expect(overlaps(interval(0, 10), interval(5, 15))).toBe(true);
    expect(overlaps(interval(0, 10), interval(2, 3))).toBe(true);
  });

  it('is false for intervals that only touch: back-to-back bookings are allowed', () => {
    expect(overlaps(interval(0, 10), interval(10, 20))).toBe(false);
    expect(overlaps(interval(10, 20), interval(0, 10))).toBe(false);
  });

  it('is false for an empty interval, even inside another', () => {
    expect(overlaps(interval(0, 10), interval(5, 5))).toBe(false);
  });
});

describe('mergeSpans', () => {
  it('sorts, joins touching or overlapping spans and drops empty ones', () => {
    expect(
      mergeSpans([
        { start: 20, end: 30 },
        { start: 0, end: 10 },
        { start: 10, end: 15 },
        { start: 12, end: 14 },
        { start: 40, end: 40 },
      ]),
    ).toEqual([
      { start: 0, end: 15 },
      { start: 20, end: 30 },
    ]);
  });
});
