import { isDeepStrictEqual } from 'node:util';
import { findFreeSlots } from '../src/find-free-slots';
import { findFreeSlotsReference } from '../src/reference';
import { buildAvailabilityQuery, type BenchmarkSize } from './availability-data';

/**
 * The engine against the minute-by-minute reference on one salon-shaped query, in the same process:
 * medians of each, the speed-up, and whether the two gave the same slots (a fast but wrong engine must
 * never look good). The CLI (`availability.bench.ts`) runs it on a month of a busy salon; the smoke test
 * on a tiny one.
 */
export const AVAILABILITY_BENCH_SIZE: BenchmarkSize = { professionals: 20, days: 30, appointments: 2000 };
export const TARGET_MS = 5;
export const TARGET_SPEED_UP = 20;

export interface AvailabilityRuns {
  engineWarmUp: number;
  engineRuns: number;
  referenceRuns: number;
}

export const AVAILABILITY_RUNS: AvailabilityRuns = { engineWarmUp: 10, engineRuns: 50, referenceRuns: 5 };

export interface AvailabilityBenchResult {
  size: BenchmarkSize;
  runs: AvailabilityRuns;
  engineMedian: number;
  referenceMedian: number;
  speedUp: number;
  slots: number;
  identical: boolean;
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function time<T>(run: () => T): { ms: number; result: T } {
  const started = performance.now();
  const result = run();
  return { ms: performance.now() - started, result };
}

function measure<T>(runs: number, run: () => T): { median: number; result: T } {
  let last = run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { ms, result } = time(run);
    samples.push(ms);
    last = result;
  }
  return { median: median(samples), result: last };
}

export function runAvailabilityBench(
  size: BenchmarkSize = AVAILABILITY_BENCH_SIZE,
  runs: AvailabilityRuns = AVAILABILITY_RUNS,
): AvailabilityBenchResult {
  const query = buildAvailabilityQuery(size);
  for (let i = 0; i < runs.engineWarmUp; i++) findFreeSlots(query);
  const engine = measure(runs.engineRuns, () => findFreeSlots(query));
  const reference = measure(runs.referenceRuns, () => findFreeSlotsReference(query));
  return {
    size,
    runs,
    engineMedian: engine.median,
    referenceMedian: reference.median,
    speedUp: reference.median / engine.median,
    slots: engine.result.length,
    identical: isDeepStrictEqual(engine.result, reference.result),
  };
}

const format = (ms: number): string => (ms < 10 ? ms.toFixed(2) : ms.toFixed(0));
const verdict = (pass: boolean): string => (pass ? 'PASS' : 'MISS');

export function formatAvailabilityBench(result: AvailabilityBenchResult): string {
  const { size, runs } = result;
  return [
    `availability (${size.professionals} pros × ${size.days} days, ${size.appointments} appts): ` +
      `engine median ${format(result.engineMedian)} ms | reference median ${format(result.referenceMedian)} ms | ` +
      `${Math.round(result.speedUp)}× faster (target < ${TARGET_MS} ms: ${verdict(result.engineMedian < TARGET_MS)}, ` +
      `≥ ${TARGET_SPEED_UP}×: ${verdict(result.speedUp >= TARGET_SPEED_UP)})`,
    `${result.slots} slots; engine runs ${runs.engineRuns} after ${runs.engineWarmUp} warm-up, reference runs ` +
      `${runs.referenceRuns} after 1; results ${result.identical ? 'identical' : 'DIFFER'}`,
  ].join('\n');
}
