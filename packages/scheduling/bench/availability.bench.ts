import { isDeepStrictEqual } from 'node:util';
import { findFreeSlots } from '../src/find-free-slots';
import { findFreeSlotsReference } from '../src/reference';
import { buildAvailabilityQuery } from './availability-data';

/**
 * `pnpm --filter @agenda-cheia/scheduling bench`: the engine against the minute-by-minute reference on a
 * month of a busy salon, in the same process. Prints medians and the speed-up; exits non-zero if the two
 * disagree, so a fast but wrong engine never looks good here.
 */
const SIZE = { professionals: 20, days: 30, appointments: 2000 };
const ENGINE_WARM_UP = 10;
const ENGINE_RUNS = 50;
const REFERENCE_RUNS = 5;
const TARGET_MS = 5;
const TARGET_SPEED_UP = 20;

const query = buildAvailabilityQuery(SIZE);

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

for (let i = 0; i < ENGINE_WARM_UP; i++) findFreeSlots(query);
const engine = measure(ENGINE_RUNS, () => findFreeSlots(query));
const reference = measure(REFERENCE_RUNS, () => findFreeSlotsReference(query));
const speedUp = reference.median / engine.median;
const identical = isDeepStrictEqual(engine.result, reference.result);

const format = (ms: number): string => (ms < 10 ? ms.toFixed(2) : ms.toFixed(0));
process.stdout.write(
  `availability (${SIZE.professionals} pros × ${SIZE.days} days, ${SIZE.appointments} appts): ` +
    `engine median ${format(engine.median)} ms | reference median ${format(reference.median)} ms | ` +
    `${Math.round(speedUp)}× faster (target < ${TARGET_MS} ms, ≥ ${TARGET_SPEED_UP}×)\n`,
);
process.stdout.write(
  `${engine.result.length} slots; engine runs ${ENGINE_RUNS} after ${ENGINE_WARM_UP} warm-up, reference runs ${REFERENCE_RUNS} after 1; ` +
    `results ${identical ? 'identical' : 'DIFFER'}\n`,
);
if (!identical) process.exitCode = 1;
