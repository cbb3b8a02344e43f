import { describe, expect, it } from 'vitest';
import { firstBookableStart } from './availability';

const SP = 'America/Sao_Paulo';
const settings = { minNoticeMin: 60, slotStepMin: 15 };

describe('firstBookableStart', () => {
  it('rounds now + notice up to the slot step on the tenant clock', () => {
    // 14:07 in São Paulo, an hour of notice: 15:07 becomes 15:15.
    const now = new Date('2026-11-20T17:07:00Z');
    expect(firstBookableStart(now, now, settings, SP).toISOString()).toBe('2026-11-20T18:15:00.000Z');
  });

  it('keeps a notice that already falls on the grid, and moves one with seconds to the next step', () => {
    expect(
      firstBookableStart(new Date(0), new Date('2026-11-20T17:00:00Z'), settings, SP).toISOString(),
    ).toBe('2026-11-20T18:00:00.000Z');
    expect(
      firstBookableStart(new Date(0), new Date('2026-11-20T17:00:20Z'), settings, SP).toISOString(),
    ).toBe('2026-11-20T18:15:00.000Z');
  });

  it('leaves a later start alone', () => {
    const from = new Date('2026-11-21T12:07:00Z');
    expect(firstBookableStart(from, new Date('2026-11-20T17:07:00Z'), settings, SP)).toBe(from);
  });

  it('rolls past local midnight and uses the local clock, not UTC', () => {
    // 22:53 in São Paulo + 60 min = 23:53 → the next step is 00:00 of the next local day.
    expect(
      firstBookableStart(new Date(0), new Date('2026-11-21T01:53:00Z'), settings, SP).toISOString(),
    ).toBe('2026-11-21T03:00:00.000Z');
    // Kathmandu is UTC+05:45: grid points there are not UTC quarter hours.
    expect(
      firstBookableStart(
        new Date(0),
        new Date('2026-11-20T03:20:00Z'),
        settings,
        'Asia/Kathmandu',
      ).toISOString(),
    ).toBe('2026-11-20T04:30:00.000Z');
  });
});
