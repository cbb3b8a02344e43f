import type { RealtimeEvent } from '@agenda-cheia/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registration, startTestApi, type TestApi, until } from './harness';

function postInbound(target: TestApi, token: string, phone: string, message: string, id: string) {
  return fetch(`${target.url}/api/v1/webhooks/n8n/message-received`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      client_name: 'Cliente',
      phone,
      message,
      channel: 'whatsapp',
      timestamp: Date.now(),
      message_id: id,
    }),
  });
}

async function businessOn(target: TestApi) {
  const session = await target.client().auth.register.mutate(registration());
  const integration = await target
    .client(session.accessToken)
    .integrations.create.mutate({ kind: 'n8n', outboundUrl: 'http://127.0.0.1:9/n8n' });
  return { accessToken: session.accessToken, inboundToken: integration.inboundToken };
}

const unwrap = (message: RealtimeEvent | { id: string; data: RealtimeEvent }): RealtimeEvent =>
  'event_type' in message ? message : message.data;

describe('conversations.stream', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it("carries only that conversation's events, typing included", async () => {
    const { accessToken, inboundToken } = await businessOn(api);
    await postInbound(api, inboundToken, '5511911110001', 'Primeira conversa', 'w1');
    await postInbound(api, inboundToken, '5511911110002', 'Segunda conversa', 'w2');
    const client = api.client(accessToken);
    const conversations = (await client.conversations.list.query()).items;
    const first = conversations.find((c) => c.clientPhone === '+5511911110001');
    if (!first) throw new Error('no conversation');

    const socket = api.wsClient(accessToken);
    const seen: RealtimeEvent[] = [];
    const subscription = socket.api.conversations.stream.subscribe(
      { conversationId: first.id },
      { onData: (message) => seen.push(unwrap(message)) },
    );
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await postInbound(api, inboundToken, '5511911110002', 'Outra coisa', 'w3');
      await postInbound(api, inboundToken, '5511911110001', 'Quero marcar', 'w4');
      await client.conversations.typing.mutate({ conversationId: first.id, typing: true });
      await until(() => seen.some((e) => e.event_type === 'typing'), 'typing');
      // The agent answers too; the client's own messages are what this checks.
      const texts = seen.flatMap((e) =>
        e.event_type === 'message_created' && e.data.message.author === 'client' ? [e.data.message.text] : [],
      );
      expect(texts).toEqual(['Quero marcar']);
      expect(seen.every((e) => !('conversationId' in e.data) || e.data.conversationId === first.id)).toBe(
        true,
      );
      expect(seen.every((e) => e.event_type !== 'appointment_created')).toBe(true);
    } finally {
      subscription.unsubscribe();
      await socket.close();
    }
  });
});

describe('two API instances sharing PostgreSQL and Redis', () => {
  it('a webhook into one reaches a subscriber of the other', async () => {
    const env = { REDIS_URL: 'redis://127.0.0.1:6379' };
    const one = await startTestApi({ env });
    const two = await startTestApi({ env, database: one.database });
    const { accessToken, inboundToken } = await businessOn(one);
    const socket = two.wsClient(accessToken);
    const seen: RealtimeEvent[] = [];
    const subscription = socket.api.events.stream.subscribe(
      {},
      { onData: (message) => seen.push(unwrap(message)) },
    );
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect((await postInbound(one, inboundToken, '5511922220000', 'Oi, tudo bem?', 'x1')).status).toBe(202);
      await until(
        () => seen.some((e) => e.event_type === 'message_created'),
        'the message on the other instance',
      );
      const created = seen.find((e) => e.event_type === 'message_created');
      expect(created?.event_type === 'message_created' && created.data.message.text).toBe('Oi, tudo bem?');
    } finally {
      subscription.unsubscribe();
      await socket.close();
      await two.close();
      await one.close();
    }
  });
});
