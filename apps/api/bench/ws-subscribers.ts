import { readFileSync } from 'node:fs';
import { WebSocket } from 'ws';
import { markerOf } from './fanout-protocol';
import { monotonicMs } from './support';

/**
 * Many light subscribers: raw `ws` sockets speaking tRPC v11's ws protocol (a tRPC client each would cost
 * the benchmark process more than the server it measures). With a token, each socket sends its
 * connectionParams (`?connectionParams=1`, then `{ method: 'connectionParams', data }`), subscribes to
 * `events.stream` and counts as ready on `started`; without one (the bare baseline) it is ready when open.
 * Every event's arrival is stamped on the machine's monotonic clock, by its marker.
 */
export interface Subscribers {
  readonly count: number;
  /**
   * Sets the event the sockets wait for, before it is published; resolves with its arrival times once
   * every socket has it (after checking each arrival is a tRPC data message carrying that event).
   */
  receive(marker: string, timeoutMs: number): { arrived: Promise<number[]> };
  /** Everything a socket received besides what it waited for (an error, a stop, a duplicate). */
  readonly problems: string[];
  close(): Promise<void>;
}

interface Expected {
  marker: string;
  times: number[];
  texts: string[];
}

function resultOf(text: string): Record<string, unknown> | undefined {
  try {
    const message: unknown = JSON.parse(text);
    const result =
      typeof message === 'object' && message !== null && 'result' in message ? message.result : undefined;
    return typeof result === 'object' && result !== null ? (result as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function resultType(text: string): unknown {
  return resultOf(text)?.type;
}

const SUBSCRIPTION_ID = 1;

export async function openSubscribers(options: {
  url: string;
  count: number;
  token?: string;
  /** Sockets opened at once: a bounded ramp keeps within the server's accept backlog. */
  concurrency?: number;
  timeoutMs?: number;
}): Promise<Subscribers> {
  let expected: Expected | undefined;
  const problems: string[] = [];
  const sockets: WebSocket[] = [];
  const waiters = new Set<() => void>();
  let closing = false;

  const open = (index: number) =>
    new Promise<void>((resolve, reject) => {
      const url = options.token ? `${options.url}?connectionParams=1` : options.url;
      const socket = new WebSocket(url, { perMessageDeflate: false });
      sockets.push(socket);
      const timer = setTimeout(
        () => reject(new Error(`subscriber ${index} not ready in time`)),
        options.timeoutMs ?? 60_000,
      );
      let isReady = false;
      const ready = () => {
        clearTimeout(timer);
        resolve();
      };
      socket.on('error', (error) => {
        clearTimeout(timer);
        problems.push(`subscriber ${index}: ${error.message}`);
        reject(error);
      });
      socket.on('open', () => {
        if (!options.token) {
          isReady = true;
          ready();
          return;
        }
        socket.send(JSON.stringify({ method: 'connectionParams', data: { token: options.token } }));
        socket.send(
          JSON.stringify({
            id: SUBSCRIPTION_ID,
            method: 'subscription',
            params: { path: 'events.stream', input: {} },
          }),
        );
      });
      socket.on('message', (raw: Buffer, isBinary) => {
        const at = monotonicMs();
        const text = raw.toString('utf8');
        // The server's keep-alive: answered as tRPC's client does.
        if (!isBinary && text === 'PING') {
          socket.send('PONG');
          return;
        }
        if (!isBinary && text === 'PONG') return;
        // While events are measured, a socket only stamps and keeps what arrives: its JSON is checked
        // after the round, so the client's own work delays the next socket's stamp as little as possible.
        if (isReady && expected !== undefined && text.includes(expected.marker)) {
          expected.times.push(at);
          expected.texts.push(text);
          if (expected.times.length >= options.count) for (const wake of waiters) wake();
          return;
        }
        const type = resultType(text);
        if (!isReady && type === 'started') {
          isReady = true;
          ready();
          return;
        }
        problems.push(`subscriber ${index}: unexpected ${text.slice(0, 200)}`);
      });
      socket.on('close', () => {
        if (!closing) problems.push(`subscriber ${index}: closed by the server`);
      });
    });

  const concurrency = options.concurrency ?? 200;
  for (let first = 0; first < options.count; first += concurrency) {
    const batch = Array.from({ length: Math.min(concurrency, options.count - first) }, (_, i) =>
      open(first + i),
    );
    await Promise.all(batch);
  }

  return {
    count: options.count,
    problems,
    receive(marker, timeoutMs) {
      const current: Expected = { marker, times: [], texts: [] };
      expected = current;
      const arrived = new Promise<number[]>((resolve, reject) => {
        const check = () => {
          if (current.times.length < options.count) return;
          clearTimeout(timer);
          waiters.delete(check);
          const wrong = current.texts.filter((text) => {
            const result = resultOf(text);
            return result?.type !== 'data' || markerOf(result.data) !== marker;
          });
          if (wrong.length > 0)
            problems.push(`${wrong.length} deliveries of ${marker} were not its data message`);
          current.texts = [];
          resolve(current.times);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `${current.times.length} of ${options.count} subscribers received the event in ${timeoutMs} ms`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
      });
      // Awaited by the caller; marked handled so a failed publish does not also crash the process.
      arrived.catch(() => undefined);
      return { arrived };
    },
    async close() {
      closing = true;
      await Promise.all(
        sockets.map(
          (socket) =>
            new Promise<void>((resolve) => {
              if (socket.readyState === WebSocket.CLOSED) {
                resolve();
                return;
              }
              socket.once('close', () => resolve());
              socket.terminate();
            }),
        ),
      );
    },
  };
}

/** The soft limit on open files of this process (Linux), or undefined where /proc is not there. */
export function openFilesLimit(): number | undefined {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((entry) => entry.startsWith('Max open files'));
    const soft = line?.split(/\s{2,}/)[1];
    return soft === undefined || soft === 'unlimited' ? undefined : Number(soft);
  } catch {
    return undefined;
  }
}
