import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_LOGIN, seedDemoBusiness } from '../src/seed/demo';
import { createTestClock, startTestApi, type TestApi } from './harness';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({
    env: { SEED_DEMO: 'true' },
    clock: createTestClock(new Date('2026-11-24T13:00:00Z')),
  });
});
afterAll(async () => {
  await api.close();
});

it('seeds a demo salon on first start that every page can show, and only once', async () => {
  expect(api.server.demoSeeded).toBe(true);
  const session = await api.client().auth.login.mutate(DEMO_LOGIN);
  const client = api.client(session.accessToken);

  const services = await client.services.list.query();
  expect(services.items.length).toBeGreaterThanOrEqual(5);
  expect(services.items.every((s) => s.returnCycleDays !== null)).toBe(true);
  const professionals = await client.professionals.list.query();
  expect(professionals.items).toHaveLength(2);
  expect(professionals.items.every((p) => p.workingHours.length > 0 && p.serviceIds.length > 0)).toBe(true);

  const clients = await client.clients.list.query({ limit: 100 });
  expect(clients.items.length).toBeGreaterThanOrEqual(10);
  const cycleOf = new Map(services.items.map((s) => [s.id, s.returnCycleDays ?? 0]));
  // Some clients are due: last completed visit + the service's return cycle is already past.
  let due = 0;
  for (const c of clients.items) {
    const { history } = await client.clients.get.query({ id: c.id });
    const last = history.find((a) => a.status === 'completed');
    if (
      last &&
      Date.parse(last.start) + (cycleOf.get(last.serviceId) ?? 0) * 86_400_000 <
        Date.parse('2026-11-24T13:00:00Z')
    )
      due++;
  }
  expect(due).toBeGreaterThan(0);

  const week = await client.schedule.calendar.query({
    from: '2026-11-24T03:00:00Z',
    to: '2026-12-01T03:00:00Z',
  });
  expect(week.appointments.length).toBeGreaterThanOrEqual(4);
  const today = week.appointments.filter((a) => a.start < '2026-11-25T03:00:00Z');
  expect(today.length).toBeGreaterThan(0);

  expect(await seedDemoBusiness({ db: api.database.db, services: api.server.services })).toBe(false);
});
