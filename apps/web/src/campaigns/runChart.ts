import type { CampaignRun } from '@agenda-cheia/contracts';

/**
 * Geometry of the runs chart (plain SVG): one bar per run, oldest on the left, as tall as the offers the
 * run made, filled up to the ones that became appointments.
 */

export interface RunBar {
  runId: string;
  startedAt: string;
  offers: number;
  booked: number;
  x: number;
  width: number;
  /** Top of the whole bar (offers) and of its filled part (booked), in chart units; the base is at `baseY`. */
  offersY: number;
  bookedY: number;
}

export interface RunChart {
  bars: RunBar[];
  width: number;
  height: number;
  baseY: number;
  /** The value the top of the plotting area stands for (a round number ≥ the largest bar). */
  top: number;
}

export const MAX_CHART_RUNS = 12;
const TOP_SPACE = 14;

/** 1, 2, 5, 10, 20, 50…: the smallest of those at or above `value` (at least 1). */
export function roundedTop(value: number): number {
  if (value <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) {
    if (step * magnitude >= value) return step * magnitude;
  }
  return 10 * magnitude;
}

/** `runs` newest first, as `campaigns.runs` answers; the chart shows the latest MAX_CHART_RUNS. */
export function runChart(
  runs: readonly CampaignRun[],
  size: { width: number; height: number; labelSpace: number },
): RunChart {
  const shown = runs.slice(0, MAX_CHART_RUNS).reverse();
  const baseY = size.height - size.labelSpace;
  const top = roundedTop(Math.max(0, ...shown.map((run) => run.results.offersCreated)));
  const slot = size.width / Math.max(shown.length, 1);
  const width = Math.min(slot * 0.6, 36);
  // The top leaves room for the value written above the tallest bar.
  const yOf = (value: number) => baseY - (Math.min(value, top) / top) * (baseY - TOP_SPACE);
  return {
    bars: shown.map((run, index) => ({
      runId: run.id,
      startedAt: run.startedAt,
      offers: run.results.offersCreated,
      booked: run.results.booked,
      x: index * slot + (slot - width) / 2,
      width,
      offersY: yOf(run.results.offersCreated),
      bookedY: yOf(run.results.booked),
    })),
    width: size.width,
    height: size.height,
    baseY,
    top,
  };
}
