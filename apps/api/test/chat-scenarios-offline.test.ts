import { afterAll, beforeAll } from 'vitest';
import { defineChatScenarios } from './chat-scenarios';
import { createTestClock, startTestApi, type TestApi } from './harness';
import { startReceiver } from './n8n-receiver';

// Friday 2026-11-20, 10:00 in São Paulo: the evaluation set's reference "now".
const clock = createTestClock(new Date('2026-11-20T13:00:00Z'));
let api: TestApi;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  receiver = await startReceiver();
  api = await startTestApi({ clock, outboundDelivery: { pollingIntervalSeconds: 0.2 } });
});
afterAll(async () => {
  await api.close();
  await receiver.close();
});

defineChatScenarios({ engine: 'offline', api: () => api, receiver: () => receiver });
