import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createSessionGate, SessionGateTimeoutError } from './session-gate';
import { createTestDatabase } from './testing';

describe('the session gate', () => {
  it('gives one turn at a time, in order, and a held turn blocks the others until released', async () => {
    const gate = createSessionGate();
    const order: string[] = [];
    const release = await gate.hold();
    const waiting = [
      gate.run(() => Promise.resolve(order.push('a'))),
      gate.run(() => Promise.resolve(order.push('b'))),
    ];
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual([]);
    release();
    await Promise.all(waiting);
    expect(order).toEqual(['a', 'b']);
  });

  it('fails a turn that never comes instead of hanging', async () => {
    const gate = createSessionGate({ maxWaitMs: 50 });
    const release = await gate.hold();
    await expect(gate.run(() => Promise.resolve(1))).rejects.toBeInstanceOf(SessionGateTimeoutError);
    release();
    await expect(gate.run(() => Promise.resolve(2))).resolves.toBe(2);
  });
});

describe('the embedded database under concurrent queries', () => {
  it('answers transactions and single queries running at once, each with its own rows', async () => {
    const handle = await createTestDatabase({ mode: 'embedded' });
    try {
      // Without turns this mix deadlocks or fails: pglite-socket interleaves the extended-protocol
      // messages of different connections on its one session (electric-sql/pglite #1046).
      const work = Array.from({ length: 40 }, (_, n) =>
        n % 2 === 0
          ? handle.db.transaction().execute(async (trx) => {
              const first = await sql<{ n: number }>`select ${n}::int as n`.execute(trx);
              const second = await sql<{
                n: number;
                t: string;
              }>`select ${n}::int + ${1}::int as n, ${'x'}::text as t`.execute(trx);
              return [first.rows[0]?.n, second.rows[0]?.n];
            })
          : sql<{ n: number; label: string }>`select ${n}::int as n, ${`v${n}`}::text as label`
              .execute(handle.db)
              .then((result) => [result.rows[0]?.n, result.rows[0]?.label]),
      );
      expect(await Promise.all(work)).toEqual(
        Array.from({ length: 40 }, (_, n) => (n % 2 === 0 ? [n, n + 1] : [n, `v${n}`])),
      );
    } finally {
      await handle.close();
    }
  });
});
