import { formatPrazoCertoBench, runPrazoCertoBench } from './prazo-certo-bench';

/**
 * `pnpm --filter @agenda-cheia/core bench`: Prazo Certo's set-based selection against the per-client loop
 * it replaces, on a big salon in a throw-away database of the machine's PostgreSQL (127.0.0.1:5432).
 * Exits non-zero if the two give different answers on the loop's sample. `--explain` also prints the
 * set-based query's EXPLAIN (ANALYZE, BUFFERS).
 */
const result = await runPrazoCertoBench(undefined, undefined, {
  explain: process.argv.includes('--explain'),
});
process.stdout.write(`${formatPrazoCertoBench(result)}\n`);
if (!result.identical) process.exitCode = 1;
