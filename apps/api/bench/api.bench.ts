import { FANOUT_SIZE, formatFanout, runFanoutBench } from './fanout';
import { formatWebhookIngest, runWebhookIngestBench, WEBHOOK_INGEST_SIZE } from './webhook-ingest';

/**
 * `pnpm --filter @agenda-cheia/api bench` (and `pnpm bench` at the root, after the scheduling and core
 * benches): webhook ingest, then realtime fan-out, each printing its figures beside a baseline measured
 * in the same run and its verdict against the targets. Exits non-zero when a result is wrong
 * (a post lost or stored twice, a failed reply, an event missed or duplicated), never for a slow figure.
 * `-- webhook` or `-- fanout` runs one of them.
 */
const only = process.argv.slice(2).find((arg) => arg === 'webhook' || arg === 'fanout');
const progress = (line: string) => process.stderr.write(`  … ${line}\n`);

if (only !== 'fanout') {
  const result = await runWebhookIngestBench(WEBHOOK_INGEST_SIZE, progress);
  process.stdout.write(`${formatWebhookIngest(result)}\n`);
  if (result.problems.length > 0) process.exitCode = 1;
}
if (only !== 'webhook') {
  const result = await runFanoutBench(FANOUT_SIZE, progress);
  process.stdout.write(`${formatFanout(result)}\n`);
  if (result.problems.length > 0) process.exitCode = 1;
}
