import { describe, expect, it } from 'vitest';
import { formatFanout, runFanoutBench } from '../bench/fanout';
import { formatWebhookIngest, runWebhookIngestBench } from '../bench/webhook-ingest';

/**
 * The API benchmarks at a small size, through the same code as `pnpm bench` (real processes, real
 * PostgreSQL): they complete and their results are correct. No duration is asserted.
 */
describe('API benchmarks (smoke)', () => {
  it('webhook ingest: every post answered 202 and stored once, every conversation answered by the agent', async () => {
    const size = {
      connections: 10,
      phones: 6,
      warmUpPosts: 20,
      maxSeconds: 1,
      ratePerSecond: 20,
      rateSeconds: 1,
      drainTimeoutMs: 90_000,
    };
    const result = await runWebhookIngestBench(size);
    expect(result.problems).toEqual([]);
    for (const server of [result.api, result.baseline]) {
      expect(server.max.answered).toBeGreaterThanOrEqual(size.connections);
      expect(server.max.byStatus).toEqual({ 202: server.max.answered });
      expect(server.atRate.byStatus).toEqual({ 202: 20 });
    }
    const below = result.api.belowSaturation;
    expect(below.answered).toBeGreaterThan(0);
    expect(below.byStatus).toEqual({ 202: below.answered });
    const { api, baseline } = result;
    expect(baseline).toMatchObject({
      stored: 40 + baseline.max.answered,
      distinctIds: 40 + baseline.max.answered,
    });
    const apiPosts = 40 + api.max.answered + below.answered;
    expect(api).toMatchObject({ stored: apiPosts, distinctIds: apiPosts });
    expect(result.api.aiReplies).toBeGreaterThanOrEqual(size.phones);
    expect(result.api.aiRepliesSent).toBe(result.api.aiReplies);
    expect(result.api.deliveriesReceived).toBeGreaterThanOrEqual(result.api.aiReplies);
    expect(result.api.failedJobs).toBe(0);
    expect(formatWebhookIngest(result)).toContain('results correct');
  }, 240_000);

  it('realtime fan-out: every authenticated subscriber receives every event exactly once', async () => {
    const result = await runFanoutBench({ subscribers: 20, rounds: 2 });
    expect(result.problems).toEqual([]);
    for (const side of [result.api, result.bare]) {
      expect(side.allDelivered).toHaveLength(2);
      expect(side.gc).toBe(true);
    }
    expect(formatFanout(result)).toContain('every subscriber received every event exactly once');
  }, 180_000);
});
