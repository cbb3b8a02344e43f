import { Agent, request } from 'node:http';
import autocannon from 'autocannon';
import { percentile } from './support';

/** What one load run measured, from every response (nothing sampled). */
export interface LoadFigures {
  /** Requests answered (any status) and by status. */
  answered: number;
  byStatus: Record<number, number>;
  /** Connection errors and timeouts: requests that got no answer. */
  failed: number;
  seconds: number;
  perSecond: number;
  /** The rate over the second half of the answers: past a cold start, what the server sustains. */
  steadyPerSecond: number;
  p50: number;
  p99: number;
  max: number;
}

export interface LoadTarget {
  url: string;
  headers: Record<string, string>;
  /** The body of the n-th request of this run (distinct message ids). */
  body: (n: number) => string;
}

function figures(
  latencies: number[],
  answeredAt: number[],
  byStatus: Record<number, number>,
  failed: number,
  seconds: number,
): LoadFigures {
  latencies.sort((a, b) => a - b);
  const answered = latencies.length;
  const half = Math.floor(answered / 2);
  const secondHalfMs = (answeredAt.at(-1) ?? 0) - (answeredAt[half] ?? 0);
  return {
    answered,
    byStatus,
    failed,
    seconds,
    perSecond: answered / seconds,
    steadyPerSecond: secondHalfMs > 0 ? ((answered - 1 - half) * 1000) / secondHalfMs : answered / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? Number.NaN,
  };
}

/**
 * Closed-loop maximum throughput with autocannon: `connections` keep-alive connections, each sending its
 * next request as soon as the previous one is answered, `amount` requests in all (so every request sent
 * is waited for, and the stored rows can be matched against the answers).
 */
export function maxThroughput(
  target: LoadTarget,
  options: { connections: number; amount: number },
): Promise<LoadFigures> {
  let sent = 0;
  const latencies: number[] = [];
  const answeredAt: number[] = [];
  const byStatus: Record<number, number> = {};
  const started = performance.now();
  return new Promise<LoadFigures>((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        connections: Math.min(options.connections, options.amount),
        amount: options.amount,
        timeout: 30,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...target.headers },
        requests: [{ setupRequest: (req) => ({ ...req, body: target.body(sent++) }) }],
      },
      (error: unknown, result) => {
        if (error) {
          reject(error instanceof Error ? error : new Error('autocannon failed', { cause: error }));
          return;
        }
        const seconds = (performance.now() - started) / 1000;
        resolve(figures(latencies, answeredAt, byStatus, result.errors, seconds));
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      answeredAt.push(performance.now());
      byStatus[statusCode] = (byStatus[statusCode] ?? 0) + 1;
    });
  });
}

/**
 * Open-loop load at a fixed rate: request n is due at start + n / rate, evenly spaced, on a pool of
 * `connections` keep-alive connections; its latency counts from when it was due, so time spent waiting
 * for a free connection (a server falling behind) is part of it, as a client of n8n would see it.
 *
 * autocannon's `overallRate` is not used here: it lets each connection send its whole quota at the start
 * of every second (500 requests in a burst, then silence), and its coordinated-omission correction
 * assumes 1 ms between requests, which adds made-up samples. Neither is "500 messages per second".
 */
export async function fixedRate(
  target: LoadTarget,
  options: { connections: number; ratePerSecond: number; seconds: number },
): Promise<LoadFigures> {
  const total = Math.round(options.ratePerSecond * options.seconds);
  const intervalMs = 1000 / options.ratePerSecond;
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const url = new URL(target.url);
  const latencies: number[] = [];
  const answeredAt: number[] = [];
  const byStatus: Record<number, number> = {};
  let failed = 0;
  let issued = 0;
  let settled = 0;
  const started = performance.now();

  await new Promise<void>((resolve) => {
    const settle = () => {
      settled += 1;
      if (settled === total) resolve();
    };
    const send = (n: number, dueAt: number) => {
      const body = target.body(n);
      const req = request(
        {
          agent,
          hostname: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            ...target.headers,
          },
          timeout: 30_000,
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            const now = performance.now();
            latencies.push(now - dueAt);
            answeredAt.push(now);
            const status = res.statusCode ?? 0;
            byStatus[status] = (byStatus[status] ?? 0) + 1;
            settle();
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', () => {
        failed += 1;
        settle();
      });
      req.end(body);
    };
    // Timers fire about every millisecond: each tick sends every request that has fallen due.
    const tick = () => {
      const now = performance.now();
      while (issued < total && started + issued * intervalMs <= now) {
        send(issued, started + issued * intervalMs);
        issued += 1;
      }
      if (issued < total) setTimeout(tick, 1);
    };
    tick();
  });
  agent.destroy();
  return figures(latencies, answeredAt, byStatus, failed, (performance.now() - started) / 1000);
}
