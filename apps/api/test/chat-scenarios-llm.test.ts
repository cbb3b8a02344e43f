import { type FakeOpenAiServer, startFakeOpenAiServer } from '@agenda-cheia/agents/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { defineChatScenarios } from './chat-scenarios';
import { createTestClock, startTestApi, type TestApi } from './harness';
import { startReceiver } from './n8n-receiver';
import { salonModel } from './salon-model';

// Friday 2026-11-20, 10:00 in São Paulo: the evaluation set's reference "now".
const clock = createTestClock(new Date('2026-11-20T13:00:00Z'));
let api: TestApi;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let llm: FakeOpenAiServer;

beforeAll(async () => {
  receiver = await startReceiver();
  llm = await startFakeOpenAiServer({ apiKey: 'sk-test', models: ['salon-model'], respond: salonModel });
  api = await startTestApi({
    clock,
    outboundDelivery: { pollingIntervalSeconds: 0.2 },
    env: { LLM_BASE_URL: llm.url, LLM_API_KEY: 'sk-test', LLM_MODEL: 'salon-model', LLM_MAX_RETRIES: '0' },
  });
});
afterAll(async () => {
  await api.close();
  await receiver.close();
  await llm.close();
});

defineChatScenarios({ engine: 'llm', api: () => api, receiver: () => receiver });

it('gives the model the tenant’s now and time zone, and strict tools only', () => {
  const first = llm.requests[0];
  expect(first).toBeDefined();
  const system = first?.messages.find((m) => m.role === 'system');
  expect(typeof system?.content === 'string' ? system.content : '').toContain(
    '(2026-11-20, fuso America/Sao_Paulo)',
  );
  expect(first?.tools?.map((t) => (t.type === 'function' ? t.function.strict : false))).not.toContain(false);
  expect(first?.stream).toBe(true);
});
