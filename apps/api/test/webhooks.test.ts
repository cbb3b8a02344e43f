import type { RealtimeEvent } from '@agenda-cheia/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appCodeOf, registration, startTestApi, type TestApi } from './harness';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

async function businessWithGateway() {
  const session = await api.client().auth.register.mutate(registration());
  const client = api.client(session.accessToken);
  // A listed service keeps the agent answering (a business with none is handed to a person).
  await client.services.create.mutate({ name: 'Manicure', durationMin: 45, priceCents: 4000 });
  const integration = await client.integrations.create.mutate({
    kind: 'n8n',
    outboundUrl: 'http://127.0.0.1:9/n8n',
  });
  return { session, client, token: integration.inboundToken, integration };
}

function post(path: 'message-received' | 'message-status', token: string | undefined, body: unknown) {
  return fetch(`${api.url}/api/v1/webhooks/n8n/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

let seq = 0;
function inbound(overrides: Record<string, unknown> = {}) {
  seq += 1;
  return {
    client_name: 'Maria Souza',
    phone: '5511988887777',
    message: 'Oi, queria marcar um corte amanhã às 15h',
    channel: 'whatsapp',
    timestamp: '2026-11-23T13:00:00-03:00',
    message_id: `wamid.${Date.now()}.${seq}`,
    ...overrides,
  };
}

/** Rows the webhook stored: client messages (the agent's replies are not the webhook's), clients, conversations. */
async function countRows(tenantId: string) {
  const count = (table: 'messages' | 'clients' | 'conversations') => {
    let query = api.database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('tenant_id', '=', tenantId);
    if (table === 'messages') query = query.where('author', '=', 'client');
    return query.executeTakeFirstOrThrow();
  };
  const [messages, clients, conversations] = await Promise.all([
    count('messages'),
    count('clients'),
    count('conversations'),
  ]);
  return {
    messages: Number(messages?.n),
    clients: Number(clients?.n),
    conversations: Number(conversations?.n),
  };
}

describe('n8n integrations', () => {
  it('shows the inbound token and signing secret once, stores neither in clear', async () => {
    const { session, client, integration } = await businessWithGateway();
    expect(integration.inboundToken).toMatch(/^agc_in_/);
    expect(integration.signingSecret).toMatch(/^agc_sig_/);
    const listed = await client.integrations.list.query();
    expect(JSON.stringify(listed)).not.toContain(integration.inboundToken);
    expect(JSON.stringify(listed)).not.toContain(integration.signingSecret);
    const row = await api.database.db
      .selectFrom('integrations')
      .selectAll()
      .where('tenant_id', '=', session.tenant.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(integration.signingSecret);
    expect(JSON.stringify(row)).not.toContain(integration.inboundToken);
  });

  it('tests the outbound URL with a signed ping and reports status and latency', async () => {
    const { createServer } = await import('node:http');
    const received: { signature: string | undefined }[] = [];
    const receiver = createServer((req, res) => {
      received.push({ signature: req.headers['x-agenda-signature'] as string | undefined });
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const port = (receiver.address() as { port: number }).port;
    try {
      const session = await api.client().auth.register.mutate(registration());
      const client = api.client(session.accessToken);
      const created = await client.integrations.create.mutate({
        kind: 'n8n',
        outboundUrl: `http://127.0.0.1:${port}/hook`,
      });
      const result = await client.integrations.test.mutate({ id: created.id });
      expect(result).toMatchObject({ ok: true, status: 204, error: null });
      expect(received[0]?.signature).toMatch(/^sha256=[0-9a-f]{64}$/);
      const broken = await client.integrations.update.mutate({
        id: created.id,
        outboundUrl: 'http://127.0.0.1:9/closed',
      });
      expect(broken.outboundUrl).toBe('http://127.0.0.1:9/closed');
      expect((await client.integrations.test.mutate({ id: created.id })).ok).toBe(false);
    } finally {
      receiver.close();
    }
  });
});

describe('POST /api/v1/webhooks/n8n/message-received', () => {
  it('refuses a missing or wrong token with 401', async () => {
    expect((await post('message-received', undefined, inbound())).status).toBe(401);
    const wrong = await post('message-received', 'agc_in_nope', inbound());
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({
      error: { code: 'UNAUTHENTICATED', message: 'Token de integração ausente ou inválido.' },
    });
  });

  it('stores the message, creates the unknown client, opens a conversation, answers 202 and announces it', async () => {
    const { session, client, token } = await businessWithGateway();
    const events: RealtimeEvent[] = [];
    const stop = api.server.services.bus.subscribe(session.tenant.id, (e) => events.push(e.event));
    const response = await post('message-received', token, inbound());
    stop();
    expect(response.status).toBe(202);
    const body = (await response.json()) as {
      message: { id: string; text: string; author: string };
      duplicate: boolean;
    };
    expect(body).toMatchObject({
      duplicate: false,
      message: { author: 'client', text: 'Oi, queria marcar um corte amanhã às 15h' },
    });

    const clients = await client.clients.list.query({ search: '988887777' });
    expect(clients.items[0]).toMatchObject({ name: 'Maria Souza', phone: '+5511988887777' });
    const conversations = await client.conversations.list.query();
    expect(conversations.items).toHaveLength(1);
    expect(conversations.items[0]).toMatchObject({
      unreadCount: 1,
      status: 'open',
      mode: 'ai',
      clientName: 'Maria Souza',
    });
    // Announced first; the agent's reply (a job) may already follow.
    expect(events.slice(0, 2).map((e) => e.event_type)).toEqual(['message_created', 'conversation_updated']);

    // The next message joins the same conversation.
    await post('message-received', token, inbound({ message: 'Pode ser às 16h também' }));
    const again = await client.conversations.list.query();
    expect(again.items).toHaveLength(1);
    // The preview may already be the agent's answer; the unread count counts the client's messages.
    expect(again.items[0]).toMatchObject({ unreadCount: 2 });
    const messages = await client.messages.list.query({ conversationId: again.items[0]?.id ?? '' });
    expect(messages.items.filter((m) => m.author === 'client').map((m) => m.text)).toEqual([
      'Pode ser às 16h também',
      'Oi, queria marcar um corte amanhã às 15h',
    ]);

    // A closed conversation stays closed: the client's next message opens a new one.
    await client.conversations.setStatus.mutate({
      conversationId: again.items[0]?.id ?? '',
      status: 'closed',
    });
    await post('message-received', token, inbound({ message: 'Oi de novo' }));
    expect((await client.conversations.list.query({ status: 'open' })).items).toHaveLength(1);
    expect((await client.conversations.list.query()).items).toHaveLength(2);
  });

  it('is idempotent: the same message_id ten times at once stores one message', async () => {
    const { session, token } = await businessWithGateway();
    const payload = inbound({ phone: '+55 21 97777-0000', client_name: 'João' });
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => post('message-received', token, payload)),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 202]);
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as { message: { id: string } }[];
    expect(new Set(bodies.map((b) => b.message.id)).size).toBe(1);
    expect(await countRows(session.tenant.id)).toEqual({ messages: 1, clients: 1, conversations: 1 });
    // Every delivery queues the agent again (a lost job must not lose the reply), yet it answers once.
    const aiReplies = async () =>
      Number(
        (
          await api.database.db
            .selectFrom('messages')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('tenant_id', '=', session.tenant.id)
            .where('author', '=', 'ai')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const deadline = Date.now() + 10_000;
    while ((await aiReplies()) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await post('message-received', token, payload);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await aiReplies()).toBe(1);
  });

  it('keeps a known client and uses the provider number formats', async () => {
    const { client, token } = await businessWithGateway();
    const known = await client.clients.create.mutate({ name: 'Dona Rita', phone: '(11) 96666-5555' });
    await post('message-received', token, inbound({ phone: '5511966665555', client_name: 'Rita 💅' }));
    const [conversation] = (await client.conversations.list.query()).items;
    expect(conversation).toMatchObject({ clientId: known.id, clientName: 'Dona Rita' });
  });

  it('answers bad input with a clear 400/403/413 and stores nothing', async () => {
    const { session, token } = await businessWithGateway();
    const other = await businessWithGateway();
    const cases: [unknown, number, string][] = [
      ['{"phone": ', 400, 'MALFORMED_JSON'],
      [{ ...inbound(), message_id: undefined }, 400, 'VALIDATION_FAILED'],
      [{ ...inbound(), channel: 'telegram' }, 400, 'VALIDATION_FAILED'],
      [{ ...inbound(), phone: 'abc' }, 400, 'VALIDATION_FAILED'],
      [{ ...inbound(), tenant_id: other.session.tenant.id }, 403, 'FORBIDDEN'],
      [{ ...inbound(), message: 'x'.repeat(300 * 1024) }, 413, 'PAYLOAD_TOO_LARGE'],
      [[inbound()], 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of cases) {
      const response = await post('message-received', token, body);
      expect(response.status, code).toBe(status);
      const answer = (await response.json()) as { error: { code: string; message: string } };
      expect(answer.error.code).toBe(code);
      expect(answer.error.message.length).toBeGreaterThan(5);
    }
    expect(await countRows(session.tenant.id)).toEqual({ messages: 0, clients: 0, conversations: 0 });
  });
});

describe('POST /api/v1/webhooks/n8n/message-status', () => {
  it('moves statuses forward only and answers 404 for an unknown message', async () => {
    const { session, token } = await businessWithGateway();
    await post('message-received', token, inbound());
    const conversation = await api.database.db
      .selectFrom('conversations')
      .select('id')
      .where('tenant_id', '=', session.tenant.id)
      .executeTakeFirstOrThrow();
    const outbound = await api.database.db
      .insertInto('messages')
      .values({
        tenant_id: session.tenant.id,
        conversation_id: conversation.id,
        channel: 'whatsapp',
        direction: 'outbound',
        author: 'staff',
        text: 'Olá!',
        status: 'sent',
        media: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const status = (s: string, extra: Record<string, unknown> = {}) =>
      post('message-status', token, { message_id: outbound.id, status: s, timestamp: Date.now(), ...extra });

    expect(await (await status('read')).json()).toEqual({ ok: true, changed: true });
    expect(await (await status('delivered')).json()).toEqual({ ok: true, changed: false });
    expect(await (await status('failed', { error: 'x' })).json()).toEqual({ ok: true, changed: false });
    const row = await api.database.db
      .selectFrom('messages')
      .select('status')
      .where('id', '=', outbound.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('read');

    const unknown = await post('message-status', token, {
      message_id: 'wamid.unknown',
      status: 'read',
      timestamp: Date.now(),
    });
    expect(unknown.status).toBe(404);
    const other = await businessWithGateway();
    expect(
      (
        await post('message-status', other.token, {
          message_id: outbound.id,
          status: 'read',
          timestamp: Date.now(),
        })
      ).status,
    ).toBe(404);
  });
});

describe('OpenAPI', () => {
  it('documents the webhook routes from the validating schemas, as JSON and as a page', async () => {
    const document = (await (await fetch(`${api.url}/api/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<
        string,
        {
          post: {
            security?: unknown;
            requestBody: { content: { 'application/json': { schema: { required?: string[] } } } };
            responses: Record<string, unknown>;
          };
        }
      >;
    };
    expect(document.openapi).toBe('3.1.0');
    const schema =
      document.paths['/api/v1/webhooks/n8n/message-received']?.post.requestBody.content['application/json']
        .schema;
    expect(schema?.required).toEqual(expect.arrayContaining(['phone', 'message', 'timestamp', 'message_id']));
    const bucketEvents = document.paths['/api/v1/webhooks/s3']?.post;
    expect(bucketEvents?.security).toEqual([{ bucketEventToken: [] }]);
    expect(bucketEvents?.requestBody.content['application/json'].schema.required).toEqual(['Records']);
    expect(Object.keys(bucketEvents?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '400', '401', '404']),
    );
    const page = await fetch(`${api.url}/api/docs`);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('/api/v1/webhooks/n8n/message-status');
    expect(html).toContain('/api/v1/webhooks/s3');
  });
});

describe('messages.send', () => {
  it('answers at once with the stored message, once per clientMessageId, and hands over to a human', async () => {
    const { client, token } = await businessWithGateway();
    await post('message-received', token, inbound());
    const [conversation] = (await client.conversations.list.query()).items;
    const conversationId = conversation?.id ?? '';
    const reply = { conversationId, text: 'Temos horário às 15h 😊', clientMessageId: 'cmid-0001-abcdef' };
    const sent = await client.messages.send.mutate(reply);
    expect(sent).toMatchObject({
      direction: 'outbound',
      author: 'staff',
      status: 'queued',
      text: reply.text,
      clientMessageId: reply.clientMessageId,
    });
    const again = await client.messages.send.mutate(reply);
    expect(again.id).toBe(sent.id);
    const messages = await client.messages.list.query({ conversationId });
    expect(messages.items.filter((m) => m.author === 'staff')).toHaveLength(1);
    expect((await client.conversations.get.query({ conversationId })).mode).toBe('human');
    expect(
      await appCodeOf(
        client.messages.send.mutate({ ...reply, text: '   ', clientMessageId: 'cmid-0002-abcdef' }),
      ),
    ).toBe('VALIDATION_FAILED');
  });

  it('stores a reply as failed "no gateway" when the business has no n8n integration', async () => {
    const { client, token, integration } = await businessWithGateway();
    await post('message-received', token, inbound());
    await client.integrations.update.mutate({ id: integration.id, active: false });
    const [conversation] = (await client.conversations.list.query()).items;
    const sent = await client.messages.send.mutate({
      conversationId: conversation?.id ?? '',
      text: 'Olá',
      clientMessageId: 'cmid-nogw-0001',
    });
    expect(sent).toMatchObject({ status: 'failed', statusError: 'no gateway' });
  });
});

describe('conversations', () => {
  it('assigning a person switches the conversation to human mode; tenants stay apart', async () => {
    const { session, client, token } = await businessWithGateway();
    await post('message-received', token, inbound());
    const [conversation] = (await client.conversations.list.query()).items;
    const id = conversation?.id ?? '';
    const assigned = await client.conversations.assign.mutate({
      conversationId: id,
      userId: session.user.id,
    });
    expect(assigned).toMatchObject({ assigneeId: session.user.id, mode: 'human' });
    expect((await client.conversations.markRead.mutate({ conversationId: id })).unreadCount).toBe(0);
    expect((await client.conversations.setMode.mutate({ conversationId: id, mode: 'ai' })).mode).toBe('ai');

    const other = await businessWithGateway();
    expect(await appCodeOf(other.client.conversations.get.query({ conversationId: id }))).toBe('NOT_FOUND');
    expect(await appCodeOf(other.client.messages.list.query({ conversationId: id }))).toBe('NOT_FOUND');
    expect(
      await appCodeOf(other.client.conversations.assign.mutate({ conversationId: id, userId: null })),
    ).toBe('NOT_FOUND');
  });
});
