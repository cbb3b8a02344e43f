import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appCodeOf, createTestClock, startTestApi, type TestApi } from './harness';
import { createSalon } from './salon-fixture';

describe.each(['postgres', 'embedded'] as const)('no double booking on %s', (mode) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ mode, clock: createTestClock(new Date('2026-11-23T12:00:00Z')) });
  });
  afterAll(async () => {
    await api.close();
  });

  it('lets exactly one of 50 concurrent overlapping bookings succeed; 49 get SLOT_TAKEN', async () => {
    const { owner, corte, ana, maria } = await createSalon(api);
    // Separate clients: separate HTTP requests, really concurrent on the server.
    const attempts = Array.from({ length: 50 }, (_, i) =>
      api.client(owner.accessToken).appointments.create.mutate({
        clientId: maria.id,
        serviceId: corte.id,
        professionalId: ana.id,
        // 09:00, 09:05, … 10:05 local: each overlaps every other (60 min + 15 min buffer).
        start: new Date(Date.parse('2026-11-24T12:00:00Z') + (i % 14) * 5 * 60_000).toISOString(),
      }),
    );
    const outcomes = await Promise.all(attempts.map((attempt) => appCodeOf(attempt).catch(() => 'BOOKED')));
    expect(outcomes.filter((o) => o === 'BOOKED')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'SLOT_TAKEN')).toHaveLength(49);
    const rows = await api.database.db
      .selectFrom('appointments')
      .selectAll()
      .where('professional_id', '=', ana.id)
      .execute();
    expect(rows).toHaveLength(1);

    // The constraint itself, with no code check in front of it: an overlapping row cannot be written.
    const [existing] = rows;
    if (!existing) throw new Error('no appointment');
    const { id: _id, created_at: _c, updated_at: _u, ...copy } = existing;
    await expect(api.database.db.insertInto('appointments').values(copy).execute()).rejects.toMatchObject({
      code: '23P01',
    });
    // A cancelled appointment no longer blocks the time.
    await expect(
      api.database.db
        .insertInto('appointments')
        .values({ ...copy, status: 'cancelled' })
        .execute(),
    ).resolves.toBeDefined();
  });
});
