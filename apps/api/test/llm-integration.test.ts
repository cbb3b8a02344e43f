import type { RealtimeEvent } from '@agenda-cheia/contracts';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '@agenda-cheia/agents/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, createChatSalon } from './chat-fixture';
import { createTestClock, startTestApi, type TestApi, until } from './harness';
import { startReceiver } from './n8n-receiver';
import { salonModel } from './salon-model';

// Friday 2026-11-20, 10:00 in São Paulo.
const clock = createTestClock(new Date('2026-11-20T13:00:00Z'));
let api: TestApi;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let llm: FakeOpenAiServer;

beforeAll(async () => {
  receiver = await startReceiver();
  llm = await startFakeOpenAiServer({
    apiKey: 'sk-tenant',
    models: ['salon-model', 'other'],
    respond: salonModel,
  });
  // No deployment LLM: only tenants with their own integration use one.
  api = await startTestApi({
    clock,
    outboundDelivery: { pollingIntervalSeconds: 0.2 },
    env: { LLM_MAX_RETRIES: '0' },
  });
});
afterAll(async () => {
  await api.close();
  await receiver.close();
  await llm.close();
});

const unwrap = (message: RealtimeEvent | { id: string; data: RealtimeEvent }): RealtimeEvent =>
  'event_type' in message ? message : message.data;

describe('a tenant’s own LLM integration', () => {
  it('keeps the key sealed, never returns it, and tests the endpoint by listing its models', async () => {
    const salon = await createChatSalon(api, receiver);
    const created = await salon.client.integrations.createLlm.mutate({
      baseUrl: llm.url,
      apiKey: 'sk-tenant',
      model: 'salon-model',
    });
    expect(created).toMatchObject({ kind: 'llm', baseUrl: llm.url, model: 'salon-model', hasApiKey: true });
    expect(JSON.stringify(await salon.client.integrations.list.query())).not.toContain('sk-tenant');
    const stored = await api.database.db
      .selectFrom('integrations')
      .select('config')
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(stored.config)).not.toContain('sk-tenant');

    const tested = await salon.client.integrations.test.mutate({ id: created.id });
    expect(tested).toMatchObject({ ok: true, error: null, models: ['salon-model', 'other'] });

    await salon.client.integrations.update.mutate({ id: created.id, apiKey: 'sk-wrong' });
    const refused = await salon.client.integrations.test.mutate({ id: created.id });
    expect(refused.ok).toBe(false);
    expect(refused.error).toMatch(/chave|autentica|recus/i);
  });

  it('answers through the tenant’s model, streaming the reply to the dashboard', async () => {
    const salon = await createChatSalon(api, receiver);
    await salon.client.integrations.createLlm.mutate({
      baseUrl: llm.url,
      apiKey: 'sk-tenant',
      model: 'salon-model',
    });
    const socket = api.wsClient(salon.owner.accessToken);
    const seen: RealtimeEvent[] = [];
    const subscription = socket.api.events.stream.subscribe({}, { onData: (m) => seen.push(unwrap(m)) });
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const requestsBefore = llm.requests.length;
      await salon.say('quero marcar corte amanhã às 15h');
      await until(() => seen.some((e) => e.event_type === 'ai_response'), 'the ai_response event');
      expect(llm.requests.length).toBeGreaterThan(requestsBefore);
      const deltas = seen.filter((e) => e.event_type === 'ai_response_delta');
      expect(deltas.length).toBeGreaterThan(1);
      const done = seen.find((e) => e.event_type === 'ai_response');
      expect(done?.event_type === 'ai_response' && done.data).toMatchObject({
        engine: 'llm',
        intent: 'booking',
        booking_created: true,
      });
      expect(seen.some((e) => e.event_type === 'auth_request_created')).toBe(true);
      // The intent is stored with the reply, so the inbox shows it after a reload too.
      const conversationId = (await salon.conversationId()) ?? '';
      const stored = await salon.client.messages.list.query({ conversationId });
      expect(stored.items.find((m) => m.author === 'ai')?.intent).toBe('booking');
      expect(await salon.requests()).toEqual([
        expect.objectContaining({ service: 'corte', start: at('2026-11-21', '15:00'), status: 'open' }),
      ]);
    } finally {
      subscription.unsubscribe();
      await socket.close();
    }
  });

  it('falls back to the offline agent when the LLM fails, so the client still gets an answer', async () => {
    const broken = await startFakeOpenAiServer({ apiKey: 'sk-x', respond: () => ({ status: 500 }) });
    try {
      const salon = await createChatSalon(api, receiver);
      await salon.client.integrations.createLlm.mutate({ baseUrl: broken.url, apiKey: 'sk-x', model: 'any' });
      const answer = await salon.say('quero marcar corte amanhã às 15h');
      expect(broken.requests.length).toBeGreaterThan(0);
      expect(answer).toContain('aguardar a confirmação');
      expect(await salon.requests()).toEqual([
        expect.objectContaining({ service: 'corte', start: at('2026-11-21', '15:00') }),
      ]);
    } finally {
      await broken.close();
    }
  });

  it('delivers the AI reply and, after approval, the confirmation to n8n', async () => {
    const salon = await createChatSalon(api, receiver);
    await salon.say('quero fazer manicure amanhã às 10h');
    const [request] = (await salon.client.authRequests.listPending.query()).items;
    expect(request).toBeDefined();
    const decided = await salon.client.authRequests.decide.mutate({
      id: request?.id ?? '',
      decision: 'approve',
    });
    expect(decided).toMatchObject({ status: 'booked', clientNotificationSent: true });
    await until(
      () => receiver.deliveries.some((d) => d.body.includes('Confirmado') && d.body.includes('Manicure')),
      'the confirmation at the n8n receiver',
    );
    const confirmation = receiver.deliveries.find((d) => d.body.includes('Confirmado'));
    expect(JSON.parse(confirmation?.body ?? '{}')).toMatchObject({
      event: 'send_message',
      window_open: true,
    });
  });
});
