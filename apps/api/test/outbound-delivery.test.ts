import { createHmac } from 'node:crypto';
import type { RealtimeEvent } from '@agenda-cheia/contracts';
import { type DatabaseHandle, sql } from '@agenda-cheia/db';
import { createTestDatabase } from '@agenda-cheia/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundDeliverySettings } from '../src/jobs/outbound-delivery';
import { registration, startTestApi, type TestApi } from './harness';
import { startReceiver } from './n8n-receiver';

/** Seconds instead of the production hour: 3 attempts, 1 s apart, polled every 0.2 s. */
const FAST: Partial<OutboundDeliverySettings> = {
  retryLimit: 2,
  retryDelaySeconds: 1,
  retryBackoff: false,
  pollingIntervalSeconds: 0.2,
  requestTimeoutMs: 1_000,
};

type TestServer = TestApi;

/** An API on a database the test owns (so a restart can reuse it), with a short retry schedule. */
function startApi(
  database: DatabaseHandle,
  outboundDelivery: Partial<OutboundDeliverySettings>,
): Promise<TestServer> {
  return startTestApi({ database, outboundDelivery });
}

/** A tenant with a client, an open WhatsApp conversation and, given a URL, an n8n integration. */
async function salon(api: TestServer, outboundUrl?: string) {
  const session = await api.client().auth.register.mutate(registration());
  const tenantId = session.tenant.id;
  const events: RealtimeEvent[] = [];
  api.server.services.bus.subscribe(tenantId, (envelope) => events.push(envelope.event));
  const integration = outboundUrl
    ? await api.client(session.accessToken).integrations.create.mutate({ kind: 'n8n', outboundUrl })
    : undefined;
  const { db } = api.server.database;
  const client = await db
    .insertInto('clients')
    .values({ tenant_id: tenantId, name: 'Maria Oliveira', phone: '+5511987654321' })
    .returning(['id', 'name', 'phone'])
    .executeTakeFirstOrThrow();
  const conversation = await db
    .insertInto('conversations')
    .values({ tenant_id: tenantId, client_id: client.id, channel: 'whatsapp', mode: 'human' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    tenantId,
    userId: session.user.id,
    signingSecret: integration?.signingSecret,
    client,
    conversationId: conversation.id,
    events,
    send: (
      text: string,
      extra: {
        clientMessageId?: string;
        media?: { fileId: string; mimeType: string; filename: string; size: number };
      } = {},
    ) =>
      api.server.services.outbound.send({
        tenantId,
        conversationId: conversation.id,
        author: 'staff',
        authorUserId: session.user.id,
        text,
        ...extra,
      }),
  };
}

/** Like the harness's `until`, for conditions that read the database. */
async function eventually(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function storedMessage(database: DatabaseHandle, id: string) {
  return database.db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function jobState(database: DatabaseHandle, messageId: string): Promise<string | undefined> {
  const { rows } = await sql<{
    state: string;
  }>`select state::text as state from pgboss.job where id = ${messageId}::uuid`.execute(database.db);
  return rows[0]?.state;
}

function statusEvents(events: RealtimeEvent[], messageId: string) {
  return events.flatMap((e) =>
    e.event_type === 'message_status' && e.data.messageId === messageId ? [e.data] : [],
  );
}

describe('outbound delivery', () => {
  let database: DatabaseHandle;
  let api: TestServer;
  beforeAll(async () => {
    database = await createTestDatabase();
    api = await startApi(database, FAST);
  });
  afterAll(async () => {
    await api.server.close();
    await database.close();
  });

  it('posts the message once, signed, with the message id as Idempotency-Key, and marks it sent', async () => {
    const receiver = await startReceiver();
    try {
      const shop = await salon(api, receiver.url);
      const bytes = Buffer.from('promo image bytes');
      const file = await api.server.services.files.storeBytes({
        tenantId: shop.tenantId,
        purpose: 'attachment',
        filename: 'promo.jpg',
        contentType: 'image/jpeg',
        bytes,
      });
      const media = { fileId: file.id, mimeType: 'image/jpeg', filename: 'promo.jpg', size: bytes.length };
      const message = await shop.send('Olá, Maria! Seu horário está confirmado.', { media });
      expect(message).toMatchObject({
        status: 'queued',
        direction: 'outbound',
        author: 'staff',
        statusError: null,
      });

      await eventually(
        async () => (await storedMessage(database, message.id)).status === 'sent',
        'the message to be sent',
      );
      await pause(500);
      expect(receiver.deliveries).toHaveLength(1);
      const [delivery] = receiver.deliveries;
      expect(delivery?.key).toBe(message.id);
      expect(delivery?.contentType).toBe('application/json');
      const expectedSignature = `sha256=${createHmac('sha256', shop.signingSecret ?? '')
        .update(delivery?.body ?? '')
        .digest('hex')}`;
      expect(delivery?.signature).toBe(expectedSignature);
      const payload = JSON.parse(delivery?.body ?? '') as { media: { url: string } };
      // The gateway gets a presigned link to the stored file, valid for hours, that serves the same bytes.
      expect(payload.media.url.startsWith(`${api.url}/s3/`)).toBe(true);
      expect(new URL(payload.media.url).searchParams.get('X-Amz-Expires')).toBe('21600');
      const download = await fetch(payload.media.url);
      expect(download.status).toBe(200);
      expect(Buffer.from(await download.arrayBuffer())).toEqual(bytes);
      expect(payload).toEqual({
        event: 'send_message',
        message_id: message.id,
        conversation_id: shop.conversationId,
        client: { id: shop.client.id, name: 'Maria Oliveira', phone: '+5511987654321' },
        channel: 'whatsapp',
        text: 'Olá, Maria! Seu horário está confirmado.',
        // The business wrote first: no client message opened WhatsApp's 24-hour window.
        window_open: false,
        media: { url: payload.media.url, mime_type: 'image/jpeg', filename: 'promo.jpg' },
      });

      const stored = await storedMessage(database, message.id);
      expect(stored.sent_at).toBeInstanceOf(Date);
      expect(stored.status_error).toBeNull();
      const created = shop.events.find((e) => e.event_type === 'message_created');
      expect(created?.event_type === 'message_created' && created.data.conversation.lastMessagePreview).toBe(
        'Olá, Maria! Seu horário está confirmado.',
      );
      expect(statusEvents(shop.events, message.id)).toEqual([
        { messageId: message.id, conversationId: shop.conversationId, status: 'sent', error: null },
      ]);
    } finally {
      await receiver.close();
    }
  });

  it('retries a gateway that fails, and delivers exactly once when it recovers', async () => {
    const receiver = await startReceiver((attempt) => (attempt <= 2 ? 500 : 200));
    try {
      const shop = await salon(api, receiver.url);
      const message = await shop.send('Confirmado para amanhã às 10h.');
      await eventually(
        async () => (await storedMessage(database, message.id)).status === 'sent',
        'the third attempt',
      );
      await pause(1_500);
      expect(receiver.attemptsFor(message.id)).toBe(3);
      expect(receiver.successesFor(message.id)).toBe(1);
      expect(statusEvents(shop.events, message.id).map((e) => e.status)).toEqual(['sent']);
    } finally {
      await receiver.close();
    }
  });

  it('treats a gateway that does not answer in time as a failed attempt', async () => {
    const receiver = await startReceiver((attempt) => (attempt === 1 ? 'nothing' : 200));
    try {
      const shop = await salon(api, receiver.url);
      const message = await shop.send('Tudo certo?');
      await eventually(
        async () => (await storedMessage(database, message.id)).status === 'sent',
        'the retry after the timeout',
      );
      expect(receiver.attemptsFor(message.id)).toBe(2);
      expect(receiver.successesFor(message.id)).toBe(1);
    } finally {
      await receiver.close();
    }
  });

  it('stores the message as failed: no gateway when the tenant has no integration, and queues nothing', async () => {
    const shop = await salon(api);
    const message = await shop.send('Oi!');
    expect(message).toMatchObject({ status: 'failed', statusError: 'no gateway' });
    const stored = await storedMessage(database, message.id);
    expect(stored).toMatchObject({ status: 'failed', status_error: 'no gateway', sent_at: null });
    expect(await jobState(database, message.id)).toBeUndefined();
    expect(shop.events.map((e) => e.event_type)).toEqual(['message_created', 'message_status']);
    expect(statusEvents(shop.events, message.id)).toEqual([
      { messageId: message.id, conversationId: shop.conversationId, status: 'failed', error: 'no gateway' },
    ]);
  });

  it('marks the message failed with the reason once every attempt failed', async () => {
    const receiver = await startReceiver(() => 503);
    try {
      const shop = await salon(api, receiver.url);
      const message = await shop.send('Promoção de terça!');
      await eventually(
        async () => (await storedMessage(database, message.id)).status === 'failed',
        'the final failure',
      );
      const stored = await storedMessage(database, message.id);
      expect(stored.status_error).toBe('HTTP 503');
      expect(stored.sent_at).toBeNull();
      expect(receiver.attemptsFor(message.id)).toBe(3);
      expect(statusEvents(shop.events, message.id)).toEqual([
        { messageId: message.id, conversationId: shop.conversationId, status: 'failed', error: 'HTTP 503' },
      ]);
      await pause(1_500);
      expect(receiver.attemptsFor(message.id)).toBe(3);
    } finally {
      await receiver.close();
    }
  });

  it('stores and delivers a message sent twice with the same clientMessageId once', async () => {
    const receiver = await startReceiver();
    try {
      const shop = await salon(api, receiver.url);
      const [first, second] = await Promise.all([
        shop.send('Pode ser às 15h?', { clientMessageId: 'web-7f3a' }),
        shop.send('Pode ser às 15h?', { clientMessageId: 'web-7f3a' }),
      ]);
      expect(second?.id).toBe(first?.id);
      const third = await shop.send('Pode ser às 15h?', { clientMessageId: 'web-7f3a' });
      expect(third.id).toBe(first?.id);

      await eventually(
        async () => (await storedMessage(database, third.id)).status === 'sent',
        'the delivery',
      );
      await pause(1_000);
      const stored = await database.db
        .selectFrom('messages')
        .select('id')
        .where('tenant_id', '=', shop.tenantId)
        .where('client_message_id', '=', 'web-7f3a')
        .execute();
      expect(stored).toHaveLength(1);
      expect(receiver.deliveries).toHaveLength(1);
      expect(shop.events.filter((e) => e.event_type === 'message_created')).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });

  it('answers NOT_FOUND for another tenant’s conversation', async () => {
    const mine = await salon(api);
    const theirs = await salon(api);
    await expect(
      api.server.services.outbound.send({
        tenantId: mine.tenantId,
        conversationId: theirs.conversationId,
        author: 'staff',
        authorUserId: mine.userId,
        text: 'Oi',
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('outbound delivery across a restart', () => {
  it('delivers a message that was waiting for its retry when the API stopped, exactly once', async () => {
    const database = await createTestDatabase();
    const receiver = await startReceiver((attempt) => (attempt === 1 ? 500 : 200));
    const settings = { ...FAST, retryDelaySeconds: 3 };
    try {
      const first = await startApi(database, settings);
      const shop = await salon(first, receiver.url);
      const message = await shop.send('Lembrete: amanhã às 9h.');
      await eventually(
        async () =>
          receiver.attemptsFor(message.id) === 1 && (await jobState(database, message.id)) === 'retry',
        'the first attempt to fail',
      );
      await first.server.close();
      expect((await storedMessage(database, message.id)).status).toBe('queued');

      const second = await startApi(database, settings);
      try {
        await eventually(
          async () => (await storedMessage(database, message.id)).status === 'sent',
          'delivery after the restart',
        );
        await pause(1_500);
        expect(receiver.attemptsFor(message.id)).toBe(2);
        expect(receiver.successesFor(message.id)).toBe(1);
        expect(await jobState(database, message.id)).toBe('completed');
      } finally {
        await second.server.close();
      }
    } finally {
      await receiver.close();
      await database.close();
    }
  });

  it('delivers, after a restart, a message stored as queued whose job was never created', async () => {
    const database = await createTestDatabase();
    const receiver = await startReceiver();
    try {
      const first = await startApi(database, FAST);
      const shop = await salon(first, receiver.url);
      await first.server.close();
      // As if the process died between the commit and the enqueue.
      const orphan = await database.db
        .insertInto('messages')
        .values({
          tenant_id: shop.tenantId,
          conversation_id: shop.conversationId,
          channel: 'whatsapp',
          direction: 'outbound',
          author: 'system',
          text: 'Seu horário foi confirmado.',
          status: 'queued',
        })
        .returning('id')
        .executeTakeFirstOrThrow();

      const second = await startApi(database, FAST);
      try {
        await eventually(
          async () => (await storedMessage(database, orphan.id)).status === 'sent',
          'the orphan to be delivered',
        );
        await pause(1_000);
        expect(receiver.successesFor(orphan.id)).toBe(1);
        expect(receiver.deliveries).toHaveLength(1);
      } finally {
        await second.server.close();
      }
    } finally {
      await receiver.close();
      await database.close();
    }
  });
});
