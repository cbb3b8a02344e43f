import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appCodeOf, createTestClock, startTestApi, type TestApi } from './harness';
import { createSalon } from './salon-fixture';

// Monday 2026-11-23 09:00 in São Paulo (UTC−3); Ana works Tuesday to Saturday.
const clock = createTestClock(new Date('2026-11-23T12:00:00Z'));
const TUESDAY_1000 = new Date('2026-11-24T13:00:00Z');
const TUESDAY_1030 = new Date('2026-11-24T13:30:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ clock });
});
afterAll(async () => {
  await api.close();
});

type Salon = Awaited<ReturnType<typeof createSalon>>;

function propose(
  salon: Salon,
  overrides: Partial<Parameters<TestApi['server']['services']['authRequests']['propose']>[0]> = {},
) {
  return api.server.services.authRequests.propose({
    tenantId: salon.owner.user.tenantId,
    clientId: salon.maria.id,
    serviceId: salon.corte.id,
    professionalId: salon.ana.id,
    start: TUESDAY_1000,
    source: 'chat',
    clientConsent: 'accepted',
    expiresAt: new Date(clock.now().getTime() + 24 * HOUR),
    createdByAgent: 'chat_agent',
    ...overrides,
  });
}

async function clientMessages(salon: Salon) {
  const conversations = await salon.client.conversations.list.query({});
  const conversation = conversations.items.find((c) => c.clientId === salon.maria.id);
  if (!conversation) return [];
  const page = await salon.client.messages.list.query({ conversationId: conversation.id });
  return page.items.map((m) => m.text).reverse();
}

describe('auth requests', () => {
  it('lists a chat request as pending and books it on approval, telling the client', async () => {
    const salon = await createSalon(api);
    const outcome = await propose(salon);
    expect(outcome.kind).toBe('awaiting_owner');

    const pending = await salon.client.authRequests.listPending.query();
    expect(pending.items).toHaveLength(1);
    expect(pending.items[0]).toMatchObject({
      id: outcome.request.id,
      start: TUESDAY_1000.toISOString(),
      end: new Date(TUESDAY_1000.getTime() + HOUR).toISOString(),
      serviceId: salon.corte.id,
      professionalId: salon.ana.id,
      clientId: salon.maria.id,
      source: 'chat',
      clientConsent: 'accepted',
      ownerDecision: 'pending',
      createdByAgent: 'chat_agent',
    });

    const decided = await salon.client.authRequests.decide.mutate({
      id: outcome.request.id,
      decision: 'approve',
    });
    expect(decided.status).toBe('booked');
    // No gateway configured: the confirmation is stored (visible in the inbox) but not handed to n8n.
    expect(decided.clientNotificationSent).toBe(false);
    const appointment = await salon.client.appointments.get.query({ id: decided.appointmentId ?? '' });
    expect(appointment).toMatchObject({
      start: TUESDAY_1000.toISOString(),
      clientId: salon.maria.id,
      source: 'chat',
      status: 'scheduled',
    });
    expect(await salon.client.authRequests.listPending.query()).toEqual({ items: [] });
    const texts = await clientMessages(salon);
    expect(texts.at(-1)).toContain('Confirmado');
    expect(texts.at(-1)).toContain('terça-feira, 24/11 às 10:00');
  });

  it('gives one appointment for 20 concurrent approvals; the others hear ALREADY_DECIDED', async () => {
    const salon = await createSalon(api);
    const { request } = await propose(salon);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        salon.client.authRequests.decide.mutate({ id: request.id, decision: 'approve' }),
      ),
    );
    const booked = results.filter((r) => r.status === 'fulfilled');
    expect(booked).toHaveLength(1);
    const codes = await Promise.all(
      results
        .filter((r) => r.status === 'rejected')
        .map((r) =>
          appCodeOf(Promise.reject(r.reason instanceof Error ? r.reason : new Error(String(r.reason)))),
        ),
    );
    expect(codes).toEqual(Array.from({ length: 19 }, () => 'ALREADY_DECIDED'));
    const count = await api.database.db
      .selectFrom('appointments')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('auth_request_id', '=', request.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('gives a slot to one of ten clients proposing it at once; the others hear SLOT_TAKEN', async () => {
    const salon = await createSalon(api);
    const clients = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        salon.client.clients.create.mutate({
          name: `Cliente ${i}`,
          phone: `11 9${String(1000000 + i).padStart(8, '0')}`,
        }),
      ),
    );
    const results = await Promise.allSettled(clients.map((c) => propose(salon, { clientId: c.id })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const codes = await Promise.all(
      results
        .filter((r) => r.status === 'rejected')
        .map((r) =>
          appCodeOf(Promise.reject(r.reason instanceof Error ? r.reason : new Error(String(r.reason)))),
        ),
    );
    expect(codes).toEqual(Array.from({ length: 9 }, () => 'SLOT_TAKEN'));
  });

  it('answers slot_taken when the time was booked meanwhile, and offers the client the nearest free times', async () => {
    const salon = await createSalon(api);
    const { request } = await propose(salon);
    // The team books the time directly (a walk-in) while the request waits for approval.
    const joana = await salon.client.clients.create.mutate({ name: 'Joana Prado', phone: '11 91234-0000' });
    await salon.client.appointments.create.mutate({
      clientId: joana.id,
      serviceId: salon.corte.id,
      professionalId: salon.ana.id,
      start: TUESDAY_1030.toISOString(),
    });
    const decided = await salon.client.authRequests.decide.mutate({ id: request.id, decision: 'approve' });
    expect(decided).toEqual({ status: 'slot_taken', clientNotificationSent: false });
    const lost = await salon.client.authRequests.list.query({ status: 'slot_taken' });
    expect(lost.items.map((r) => [r.id, r.ownerDecision])).toEqual([[request.id, 'approved']]);
    const told = (await clientMessages(salon)).at(-1) ?? '';
    expect(told).toContain('acabou de ser ocupado');
    // Alternatives come from the engine, nearest first: 09:00 fits before the walk-in at 10:30, 10:00 does not.
    expect(told).toContain('• terça-feira, 24/11 às 09:00 com Ana');
    expect(told).not.toContain('• terça-feira, 24/11 às 10:00');
  });

  it('rejects with the owner’s notes, tells the client, and refuses a second decision', async () => {
    const salon = await createSalon(api);
    const { request } = await propose(salon);
    const decided = await salon.client.authRequests.decide.mutate({
      id: request.id,
      decision: 'reject',
      notes: 'A Ana está de férias nesse dia',
    });
    expect(decided).toEqual({ status: 'rejected', clientNotificationSent: false });
    expect((await clientMessages(salon)).at(-1)).toContain('A Ana está de férias nesse dia.');
    expect(
      await appCodeOf(salon.client.authRequests.decide.mutate({ id: request.id, decision: 'approve' })),
    ).toBe('ALREADY_DECIDED');
  });

  it('holds the slot of an open request until it expires', async () => {
    const salon = await createSalon(api);
    const held = await propose(salon, { expiresAt: new Date(clock.now().getTime() + 5 * MINUTE) });
    const joana = await salon.client.clients.create.mutate({ name: 'Joana Hold', phone: '11 91234-0001' });
    expect(await appCodeOf(propose(salon, { clientId: joana.id, start: TUESDAY_1030 }))).toBe('SLOT_TAKEN');

    clock.advance(6 * MINUTE);
    try {
      expect(
        await appCodeOf(
          salon.client.authRequests.decide.mutate({ id: held.request.id, decision: 'approve' }),
        ),
      ).toBe('INVALID_STATE');
      expect(await api.server.services.authRequests.expireDue()).toBeGreaterThanOrEqual(1);
      const expired = await salon.client.authRequests.list.query({ status: 'expired' });
      expect(expired.items.map((r) => r.id)).toContain(held.request.id);
      const retry = await propose(salon, {
        clientId: joana.id,
        start: TUESDAY_1030,
        expiresAt: new Date(clock.now().getTime() + HOUR),
      });
      expect(retry.kind).toBe('awaiting_owner');
    } finally {
      clock.advance(-6 * MINUTE);
    }
  });

  it('books an offer once the owner approved and the client said yes, in either order', async () => {
    const salon = await createSalon(api);
    const offer = await propose(salon, { source: 'prazo_certo', clientConsent: 'pending' });
    expect(offer.kind).toBe('awaiting_client');
    expect(
      await salon.client.authRequests.decide.mutate({ id: offer.request.id, decision: 'approve' }),
    ).toEqual({ status: 'open', clientNotificationSent: false });
    const open = await api.server.services.authRequests.openOfferOf(
      salon.owner.user.tenantId,
      salon.maria.id,
    );
    expect(open?.id).toBe(offer.request.id);
    const answer = await api.server.services.authRequests.recordClientAnswer(
      salon.owner.user.tenantId,
      offer.request.id,
      'accepted',
    );
    expect(answer.kind).toBe('booked');

    const declinedOffer = await propose(salon, {
      source: 'encher_agenda',
      clientConsent: 'pending',
      start: new Date('2026-11-25T13:00:00Z'),
    });
    const declined = await api.server.services.authRequests.recordClientAnswer(
      salon.owner.user.tenantId,
      declinedOffer.request.id,
      'declined',
    );
    expect(declined.kind).toBe('declined');
    expect(declined.request.status).toBe('declined');
  });

  it('books at once when the tenant auto-approves', async () => {
    const salon = await createSalon(api);
    await salon.client.tenant.update.mutate({ settings: { autoApprove: true } });
    const outcome = await propose(salon);
    expect(outcome.kind).toBe('booked');
    expect(outcome.request).toMatchObject({ status: 'booked', ownerDecision: 'approved' });
  });

  it('never lets another tenant see or decide a request', async () => {
    const salon = await createSalon(api);
    const other = await createSalon(api);
    const { request } = await propose(salon);
    expect(await other.client.authRequests.listPending.query()).toEqual({ items: [] });
    expect(
      await appCodeOf(other.client.authRequests.decide.mutate({ id: request.id, decision: 'approve' })),
    ).toBe('NOT_FOUND');
    expect(
      await appCodeOf(salon.client.authRequests.decide.mutate({ id: 'nope', decision: 'approve' })),
    ).toBe('VALIDATION_FAILED');
  });
});
