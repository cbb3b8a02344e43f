import type { Appointment, RealtimeEvent } from '@agenda-cheia/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestClock, registration, startTestApi, type TestApi, until } from './harness';

const clock = createTestClock();
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ clock });
});
afterAll(async () => {
  await api.close();
});

function fakeAppointment(n: number): Appointment {
  return {
    id: '00000000-0000-4000-8000-000000000000',
    clientId: '00000000-0000-4000-8000-000000000001',
    serviceId: '00000000-0000-4000-8000-000000000002',
    professionalId: '00000000-0000-4000-8000-000000000003',
    start: new Date(Date.UTC(2026, 11, 1, 12, n)).toISOString(),
    end: new Date(Date.UTC(2026, 11, 1, 13, n)).toISOString(),
    status: 'scheduled',
    priceCents: n,
    discountPercent: 0,
    finalPriceCents: n,
    source: 'manual',
    notes: null,
    cancelReason: null,
    createdAt: new Date(0).toISOString(),
  };
}

const event = (n: number): RealtimeEvent => ({
  event_type: 'appointment_created',
  data: { appointment: fakeAppointment(n) },
});

interface Received {
  id: string | undefined;
  n: number;
}

/** Subscribes to events.stream over ws and records what arrives. */
function listen(target: TestApi, token: string, lastEventId?: string) {
  const socket = target.wsClient(token);
  const received: Received[] = [];
  const errors: unknown[] = [];
  const subscription = socket.api.events.stream.subscribe(lastEventId ? { lastEventId } : {}, {
    onData: (message) => {
      // Durable events arrive tracked ({ id, data }); transient ones as the bare event.
      const { id, data } = 'event_type' in message ? { id: undefined, data: message } : message;
      received.push({
        id,
        n: data.event_type === 'appointment_created' ? data.data.appointment.priceCents : -1,
      });
    },
    onError: (error) => errors.push(error),
  });
  return {
    received,
    errors,
    async close() {
      subscription.unsubscribe();
      await socket.close();
    },
  };
}

async function business(target: TestApi) {
  const session = await target.client().auth.register.mutate(registration());
  return { token: session.accessToken, tenantId: session.tenant.id };
}

describe('events.stream', () => {
  it('delivers a real appointment event with a tracked id', async () => {
    const { token, tenantId } = await business(api);
    const listener = listen(api, token);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await api.server.services.bus.publish(tenantId, event(7));
    await until(() => listener.received.length === 1, 'the event');
    expect(listener.received[0]).toMatchObject({ n: 7 });
    expect(listener.received[0]?.id).toMatch(/^\d+$/);
    await listener.close();
  });

  it('resumes after a reconnect from lastEventId: nothing lost, nothing twice, in order', async () => {
    const { token, tenantId } = await business(api);
    const first = listen(api, token);
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (let n = 1; n <= 3; n++) await api.server.services.bus.publish(tenantId, event(n));
    await until(() => first.received.length === 3, 'the first three');
    await first.close();
    const lastSeen = first.received[2]?.id;

    for (let n = 4; n <= 8; n++) await api.server.services.bus.publish(tenantId, event(n));
    const second = listen(api, token, lastSeen);
    await until(() => second.received.length === 5, 'the five missed events');
    for (let n = 9; n <= 10; n++) await api.server.services.bus.publish(tenantId, event(n));
    await until(() => second.received.length === 7, 'the live events');
    expect(second.received.map((r) => r.n)).toEqual([4, 5, 6, 7, 8, 9, 10]);
    await second.close();
  });

  it('leaves no gap between the replay and going live, even while events keep coming', async () => {
    const { token, tenantId } = await business(api);
    await api.server.services.bus.publish(tenantId, event(0));
    const [start] = await api.server.services.bus.replayAfter(tenantId, '0', 1);
    const publishing = (async () => {
      for (let n = 1; n <= 60; n++) await api.server.services.bus.publish(tenantId, event(n));
    })();
    await new Promise((resolve) => setTimeout(resolve, 15));
    const listener = listen(api, token, start?.id ?? undefined);
    await publishing;
    await until(() => listener.received.length >= 60, 'all 60 events');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(listener.received.map((r) => r.n)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    await listener.close();
  });

  it("never shows tenant B tenant A's events", async () => {
    const a = await business(api);
    const b = await business(api);
    const ofB = listen(api, b.token);
    const ofA = listen(api, a.token);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await api.server.services.bus.publish(a.tenantId, event(1));
    await until(() => ofA.received.length === 1, "A's event");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(ofB.received).toEqual([]);
    // Not even by asking to replay from the beginning.
    const replayB = listen(api, b.token, '0');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(replayB.received).toEqual([]);
    await Promise.all([ofA.close(), ofB.close(), replayB.close()]);
  });

  it('stops a subscription when its access token expires', async () => {
    const { token, tenantId } = await business(api);
    clock.advance(15 * 60 * 1000 - 1500);
    try {
      const listener = listen(api, token);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await api.server.services.bus.publish(tenantId, event(1));
      await until(() => listener.received.length === 1, 'the event before expiry');
      await until(() => listener.errors.length === 1, 'the expiry', 5_000);
      expect(listener.errors[0]).toMatchObject({ data: { appCode: 'TOKEN_EXPIRED' } });
      await api.server.services.bus.publish(tenantId, event(2));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(listener.received).toHaveLength(1);
      await listener.close();
    } finally {
      clock.advance(-(15 * 60 * 1000 - 1500));
    }
  });
});

describe('two API instances sharing PostgreSQL and Redis', () => {
  it('delivers an event published on one to a subscriber of the other', async () => {
    const env = { REDIS_URL: 'redis://127.0.0.1:6379' };
    const one = await startTestApi({ env });
    const two = await startTestApi({ env, database: one.database });
    try {
      const { token, tenantId } = await business(one);
      const onTwo = listen(two, token);
      const onOne = listen(one, token);
      await new Promise((resolve) => setTimeout(resolve, 500));
      await one.server.services.bus.publish(tenantId, event(42));
      await until(() => onTwo.received.length === 1 && onOne.received.length === 1, 'both instances');
      expect(onTwo.received[0]).toEqual(onOne.received[0]);
      await Promise.all([onOne.close(), onTwo.close()]);
    } finally {
      await two.close();
      await one.close();
    }
  });
});
