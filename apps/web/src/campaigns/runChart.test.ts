import type { CampaignRun } from '@agenda-cheia/contracts';
import { describe, expect, it } from 'vitest';
import { roundedTop, runChart } from './runChart';

const A = '00000000-0000-4000-8000-00000000000a';

function run(id: string, offersCreated: number, booked: number): CampaignRun {
  return {
    id,
    campaignId: A,
    trigger: 'manual',
    scheduledFor: null,
    status: 'completed',
    startedAt: `2026-11-${id.padStart(2, '0')}T12:00:00Z`,
    completedAt: null,
    error: null,
    results: {
      clientsFound: offersCreated,
      offersCreated,
      notificationsSent: offersCreated,
      accepted: booked,
      booked,
      revenueBookedCents: 0,
    },
  };
}

describe('runs chart', () => {
  it('rounds the scale up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 1, 2, 3, 7, 11, 30, 51].map(roundedTop)).toEqual([1, 1, 2, 5, 10, 20, 50, 100]);
  });

  it('draws the oldest run on the left, bars as tall as the offers, filled up to the bookings', () => {
    const chart = runChart([run('3', 10, 5), run('2', 4, 0), run('1', 0, 0)], {
      width: 300,
      height: 120,
      labelSpace: 20,
    });
    expect(chart.top).toBe(10);
    expect(chart.baseY).toBe(100);
    expect(chart.bars.map((bar) => bar.runId)).toEqual(['1', '2', '3']);
    const [empty, some, full] = chart.bars;
    expect(empty?.offersY).toBe(100);
    expect(full?.offersY).toBe(14);
    expect(full?.bookedY).toBe(57);
    expect(some?.offersY).toBeCloseTo(65.6);
    expect(full?.x).toBeGreaterThan(some?.x ?? Infinity);
  });

  it('shows only the latest twelve runs', () => {
    const runs = Array.from({ length: 20 }, (_, i) => run(String(20 - i), 1, 0));
    const chart = runChart(runs, { width: 300, height: 120, labelSpace: 20 });
    expect(chart.bars).toHaveLength(12);
    expect(chart.bars.at(-1)?.runId).toBe('20');
  });
});
