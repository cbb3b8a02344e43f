import { formatAvailabilityBench, runAvailabilityBench } from './availability-bench';

/**
 * `pnpm --filter @agenda-cheia/scheduling bench`: the engine against the minute-by-minute reference on a
 * month of a busy salon, in the same process. Prints medians and the speed-up; exits non-zero if the two
 * disagree, so a fast but wrong engine never looks good here.
 */
const result = runAvailabilityBench();
process.stdout.write(`${formatAvailabilityBench(result)}\n`);
if (!result.identical) process.exitCode = 1;
