/**
 * One turn at a time on a single database session. The embedded PGlite has exactly one session, which
 * pglite-socket shares between connections message by message: two connections sending
 * Parse/Bind/Execute at once interleave and clobber each other's unnamed statement (electric-sql/pglite
 * #1046, open in 0.2.17). Queries therefore take turns here, and a transaction keeps the turn from BEGIN
 * to COMMIT, which is what the socket server enforces for transactions anyway.
 */
export interface SessionGate {
  /** Runs `work` in its own turn. */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Takes a turn and keeps it until the returned release is called (a transaction). */
  hold(): Promise<() => void>;
}

export class SessionGateTimeoutError extends Error {
  constructor(waitedMs: number) {
    super(
      `the embedded database stayed busy for ${waitedMs} ms (a transaction waiting on a query outside it?)`,
    );
    this.name = 'SessionGateTimeoutError';
  }
}

export function createSessionGate(options: { maxWaitMs?: number } = {}): SessionGate {
  const maxWaitMs = options.maxWaitMs ?? 30_000;
  let busy = false;
  const waiting: (() => void)[] = [];

  const acquire = () =>
    new Promise<() => void>((resolve, reject) => {
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const next = waiting.shift();
        if (next) next();
        else busy = false;
      };
      if (!busy) {
        busy = true;
        resolve(release);
        return;
      }
      // A wait this long means a turn is never coming back: fail loudly rather than hang forever.
      const timer = setTimeout(() => {
        const index = waiting.indexOf(grant);
        if (index >= 0) waiting.splice(index, 1);
        reject(new SessionGateTimeoutError(maxWaitMs));
      }, maxWaitMs);
      const grant = () => {
        clearTimeout(timer);
        resolve(release);
      };
      waiting.push(grant);
    });

  return {
    async run(work) {
      const release = await acquire();
      try {
        return await work();
      } finally {
        release();
      }
    },
    hold: acquire,
  };
}
