import { request } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { sql } from '@agenda-cheia/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registration, startTestApi, type TestApi } from '../harness';
import { startReceiver } from '../n8n-receiver';
import { expectRestError, freshPhone, postWebhook } from './tenants';

// A full collection on demand, to compare the heap before and after without the garbage in between.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const S3_WEBHOOK_TOKEN = 'fuzz-bucket-events-0123456789';
const BUCKET = 'agenda-cheia';
let api: TestApi;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let tenantId: string;
let otherTenantId: string;
let accessToken: string;
let inboundToken: string;
/** Clients whose conversations a person handles: messages from them wake no agent and no jobs. */
const knownPhones: string[] = [];
let outboundMessageId: string;

beforeAll(async () => {
  receiver = await startReceiver();
  api = await startTestApi({ env: { S3_WEBHOOK_TOKEN } });
  const session = await api.client().auth.register.mutate(registration());
  tenantId = session.tenant.id;
  accessToken = session.accessToken;
  const owner = api.client(accessToken);
  inboundToken = (await owner.integrations.create.mutate({ kind: 'n8n', outboundUrl: receiver.url }))
    .inboundToken;
  for (let i = 0; i < 3; i++) {
    const phone = freshPhone();
    const response = await postWebhook(api, 'message-received', inboundToken, {
      phone,
      message: 'Oi',
      timestamp: Date.now(),
      message_id: `wamid.fuzz.seed.${i}`,
    });
    const { conversation_id: conversationId } = (await response.json()) as { conversation_id: string };
    await owner.conversations.setMode.mutate({ conversationId, mode: 'human' });
    knownPhones.push(phone);
    if (i === 0) {
      const sent = await owner.messages.send.mutate({
        conversationId,
        text: 'Olá!',
        clientMessageId: 'fuzz-seed-1',
      });
      outboundMessageId = sent.id;
    }
  }
  otherTenantId = (await api.client().auth.register.mutate(registration())).tenant.id;
}, 60_000);
afterAll(async () => {
  await api.close();
  await receiver.close();
});

interface Answer {
  status: number;
  contentType: string;
  text: string;
}

/** A raw HTTP request: any method, path, header and body, as a client that does not play by the rules. */
function send(options: {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}): Promise<Answer | 'not sendable'> {
  return new Promise((resolve, reject) => {
    let outgoing;
    try {
      outgoing = request(
        {
          host: '127.0.0.1',
          port: api.server.port,
          method: options.method,
          path: options.path,
          headers: options.headers,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              contentType: String(response.headers['content-type'] ?? ''),
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          response.on('error', reject);
        },
      );
    } catch {
      // Node itself refuses to send it (an invalid header character): nothing reached the server.
      resolve('not sendable');
      return;
    }
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

/** Percent-encodes the UTF-8 bytes of any string (lone surrogates included, which encodeURIComponent rejects). */
function percentEncode(value: string | Uint8Array, keep = /[A-Za-z0-9\-_.~]/): string {
  let out = '';
  for (const byte of typeof value === 'string' ? Buffer.from(value, 'utf8') : value) {
    const char = String.fromCharCode(byte);
    out += keep.test(char) ? char : `%${byte.toString(16).padStart(2, '0').toUpperCase()}`;
  }
  return out;
}

const stats = new Map<string, Map<number, number>>();
function record(route: string, status: number) {
  const byStatus = stats.get(route) ?? new Map<number, number>();
  byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
  stats.set(route, byStatus);
}
const answered = (route: string, status: number) => stats.get(route)?.get(status) ?? 0;

/** No 5xx, ever; JSON routes answer JSON, and `{ error: { code, message } }` when they refuse. */
function expectJsonAnswer(route: string, answer: Answer | 'not sendable') {
  if (answer === 'not sendable') return;
  record(route, answer.status);
  if (answer.status >= 500)
    throw new Error(`${route} answered ${answer.status}: ${answer.text.slice(0, 500)}`);
  // Node's own HTTP parser refuses some requests before the app sees them (a URL over 16 kB: 431), bare.
  if ((answer.status === 431 || answer.status === 400) && answer.contentType === '' && answer.text === '')
    return;
  if (answer.status >= 400) {
    let body: { error?: { code?: unknown; message?: unknown } } = {};
    try {
      body = JSON.parse(answer.text) as typeof body;
    } catch {
      throw new Error(
        `${route} answered ${answer.status} without JSON: ${answer.contentType} ${answer.text.slice(0, 200)}`,
      );
    }
    if (typeof body.error?.code !== 'string' && typeof body.error?.code !== 'number') {
      throw new Error(`${route} refused without an error code: ${answer.text.slice(0, 300)}`);
    }
  } else if (!answer.contentType.startsWith('application/json')) {
    throw new Error(`${route} answered ${answer.status} with ${answer.contentType}`);
  }
}

// ---- generated values -------------------------------------------------------------------------------

/** Strings as hostile as JSON can carry them: any code point (NUL and lone surrogates too), huge ones. */
const anyText = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\ud800',
    '💇‍♀️',
    '../../etc/passwd',
    '%00',
    '${7*7}',
    "'; drop table messages; --",
  ),
  fc.nat({ max: 300_000 }).map((n) => 'x'.repeat(n)),
);
/** Any JSON value, strings included as above. */
const anyJson = fc.jsonValue({ maxDepth: 4, stringUnit: 'binary' });
/** A field's value: sometimes right, often of the wrong type, empty, huge or strange. */
const mutated = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof(
    { weight: 5, arbitrary: valid },
    { weight: 1, arbitrary: anyText },
    { weight: 1, arbitrary: anyJson },
  );
const hostileKeys = fc.dictionary(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'tenant_id', 'isAdmin', 'toString', 'extra'),
  anyJson,
  { maxKeys: 3 },
);

/** The body as sent: JSON of the value (with a `__proto__` key spliced in sometimes), or raw bytes. */
const serialised = (value: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 6, arbitrary: value.map((v) => JSON.stringify(v) ?? 'null') },
    {
      weight: 1,
      arbitrary: value.map((v) => {
        const json = JSON.stringify(v) ?? 'null';
        return json.startsWith('{') && json.length > 2
          ? `{"__proto__":{"polluted":true,"tenant_id":"${otherTenantId}"},${json.slice(1)}`
          : json;
      }),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }) },
    { weight: 1, arbitrary: anyText },
  );
const contentType = fc.oneof(
  { weight: 12, arbitrary: fc.constant('application/json') },
  fc.constantFrom(
    'application/json; charset=utf-8',
    'application/json; charset=latin1',
    'application/json; charset=utf-16',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=xyz',
    'application/vnd.api+json',
    '',
  ),
);

/** A value no field expects: wrong types, NUL and lone surrogates, huge strings, nested junk. */
const hostileValue = fc.oneof(
  anyText,
  anyJson,
  fc.constantFrom(null, true, 0, -1, 1e308, [], {}, [[[[[]]]]], { $gt: '' }, { __proto__: null }),
);

/**
 * A valid payload with one to three fields replaced by hostile values or left out, plus keys nobody
 * asked for (`__proto__`, `constructor`, a second `tenant_id`...).
 */
const nearValid = (valid: fc.Arbitrary<Record<string, unknown>>, fields: string[]) =>
  fc
    .tuple(
      valid,
      fc.subarray(fields, { minLength: 1, maxLength: Math.min(3, fields.length) }),
      fc.array(fc.option(hostileValue, { nil: undefined }), { minLength: 3, maxLength: 3 }),
      hostileKeys,
    )
    .map(([payload, chosen, values, extra]) => {
      const replaced = new Map(chosen.map((field, i) => [field, values[i]]));
      const entries = Object.entries({ ...extra, ...payload })
        .map(([key, value]): [string, unknown] => [key, replaced.has(key) ? replaced.get(key) : value])
        .filter(([key, value]) => !(replaced.has(key) && value === undefined));
      for (const [field, value] of replaced)
        if (!(field in payload) && value !== undefined) entries.push([field, value]);
      return Object.fromEntries(entries);
    });

/** Mostly valid, often nearly valid, sometimes anything at all: the validators and the stores both get work. */
const payloads = (valid: fc.Arbitrary<Record<string, unknown>>, fields: string[]) =>
  fc.oneof(
    { weight: 3, arbitrary: valid },
    { weight: 5, arbitrary: nearValid(valid, fields) },
    { weight: 1, arbitrary: anyJson },
  );

const validTimestamp = fc.oneof(
  fc.date({ min: new Date(0), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.integer({ min: 1, max: 4_102_444_800_000 }),
);
const timestamp = fc.oneof(
  validTimestamp,
  fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
  fc.double(),
  fc.constantFrom('2026-02-30T10:00:00Z', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59+14:00', 8.64e15, 9e15),
);
const messageReceived = payloads(
  fc.record(
    {
      client_name: fc.string({ unit: 'grapheme', maxLength: 40 }),
      phone: fc.nat({ max: 2 }).map((i) => knownPhones[i] ?? ''),
      message: fc.string({ unit: 'grapheme', maxLength: 200 }),
      channel: fc.constantFrom('whatsapp', 'instagram', 'sms', 'email'),
      timestamp: validTimestamp,
      message_id: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 60 }),
      media: fc.record(
        {
          url: fc.webPath().map((p) => `http://127.0.0.1:9${p}`),
          mime_type: fc.constantFrom('image/png', 'audio/ogg', 'application/x-msdownload'),
          filename: fc.string({ maxLength: 40 }),
        },
        { requiredKeys: ['url', 'mime_type'] },
      ),
      tenant_id: fc.constant(null).map(() => tenantId),
    },
    { requiredKeys: ['phone', 'message', 'timestamp', 'message_id'] },
  ),
  [
    'client_name',
    'phone',
    'message',
    'channel',
    'timestamp',
    'message_id',
    'media',
    'tenant_id',
    'client_id',
  ],
);
const messageStatus = payloads(
  fc.record(
    {
      message_id: fc.oneof(
        fc.constant(null).map(() => outboundMessageId),
        fc.uuid(),
        fc.string({ minLength: 1 }),
      ),
      status: fc.constantFrom('sent', 'delivered', 'read', 'failed'),
      error: fc.string({ maxLength: 100 }),
      timestamp,
    },
    { requiredKeys: ['message_id', 'status', 'timestamp'] },
  ),
  ['message_id', 'status', 'error', 'timestamp'],
);

const fileKey = fc.oneof(
  fc
    .tuple(
      fc
        .constantFrom('own', 'other', 'nobody')
        .map((who) =>
          who === 'own' ? tenantId : who === 'other' ? otherTenantId : '00000000-0000-0000-0000-000000000000',
        ),
      fc.constantFrom('attachment', 'logo', 'avatar', 'secret', '..'),
      fc.uuid(),
      fc.oneof(
        fc.constantFrom('a.png', '..', '%2e%2e', 'a\u0000.png', 'a+b%20c.png'),
        fc.string({ unit: 'binary' }),
      ),
    )
    .map(([t, purpose, id, name]) => `tenants/${t}/${purpose}/${id}/${name}`),
  anyText,
);
const bucketEvent = payloads(
  fc.record({
    Records: fc.array(
      fc.record({
        eventName: mutated(
          fc.constantFrom('ObjectCreated:Put', 's3:ObjectCreated:Post', 'ObjectRemoved:Delete'),
        ),
        s3: fc.record({
          bucket: fc.record({ name: mutated(fc.constantFrom(BUCKET, 'outro-bucket')) }),
          object: fc.record(
            { key: mutated(fileKey), size: mutated(fc.nat()), eTag: mutated(fc.string()) },
            { requiredKeys: ['key'] },
          ),
        }),
      }),
      { maxLength: 5 },
    ),
  }),
  ['Records', 'EventName'],
);

const uploadRequest = payloads(
  fc.record({
    filename: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }),
    contentType: fc.constantFrom('image/png', 'IMAGE/JPEG', 'application/pdf', 'text/html', 'image/svg+xml'),
    size: fc.integer({ min: 1, max: 11 * 1024 * 1024 }),
    purpose: fc.constantFrom('attachment', 'logo', 'avatar'),
  }),
  ['filename', 'contentType', 'size', 'purpose'],
);
const downloadRequest = payloads(
  fc.record(
    { id: fc.uuid(), disposition: fc.constantFrom('attachment', 'inline') },
    { requiredKeys: ['id'] },
  ),
  ['id', 'disposition'],
);

// ---- the routes -------------------------------------------------------------------------------------

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

interface FuzzRoute {
  name: string;
  runs: number;
  check: (numRuns: number) => Promise<void>;
}

const webhook =
  (path: 'message-received' | 'message-status', payload: fc.Arbitrary<unknown>) => (numRuns: number) =>
    fc.assert(
      fc.asyncProperty(fc.tuple(serialised(payload), contentType), async ([body, type]) => {
        expectJsonAnswer(
          path,
          await send({
            method: 'POST',
            path: `/api/v1/webhooks/n8n/${path}`,
            headers: { ...bearer(inboundToken), ...(type ? { 'content-type': type } : {}) },
            body,
          }),
        );
      }),
      { numRuns },
    );

const trpc =
  (procedure: string, kind: 'query' | 'mutation', input: fc.Arbitrary<unknown>) => (numRuns: number) =>
    fc.assert(
      fc.asyncProperty(fc.tuple(serialised(input), contentType), async ([body, type]) => {
        const route = `trpc ${procedure}`;
        const answer =
          kind === 'query'
            ? await send({
                method: 'GET',
                path: `/trpc/${procedure}?input=${percentEncode(body)}`,
                headers: bearer(accessToken),
              })
            : await send({
                method: 'POST',
                path: `/trpc/${procedure}`,
                headers: { ...bearer(accessToken), ...(type ? { 'content-type': type } : {}) },
                body,
              });
        expectJsonAnswer(route, answer);
      }),
      { numRuns },
    );

const routes: FuzzRoute[] = [
  { name: 'message-received', runs: 2500, check: webhook('message-received', messageReceived) },
  { name: 'message-status', runs: 1500, check: webhook('message-status', messageStatus) },
  {
    name: 'bucket events',
    runs: 1500,
    check: (numRuns) =>
      fc.assert(
        fc.asyncProperty(
          fc.tuple(
            serialised(bucketEvent),
            fc.constantFrom(S3_WEBHOOK_TOKEN, S3_WEBHOOK_TOKEN, S3_WEBHOOK_TOKEN, 'errado'),
          ),
          async ([body, token]) => {
            expectJsonAnswer(
              'bucket events',
              await send({
                method: 'POST',
                path: '/api/v1/webhooks/s3',
                headers: { ...bearer(token), 'content-type': 'application/json' },
                body,
              }),
            );
          },
        ),
        { numRuns },
      ),
  },
  {
    name: 'files.createUploadUrl',
    runs: 1500,
    check: trpc('files.createUploadUrl', 'mutation', uploadRequest),
  },
  {
    name: 'files.confirm',
    runs: 1000,
    check: trpc('files.confirm', 'mutation', payloads(fc.record({ fileKey }), ['fileKey'])),
  },
  { name: 'files.getDownloadUrl', runs: 1000, check: trpc('files.getDownloadUrl', 'query', downloadRequest) },
  {
    name: 's3 gateway',
    runs: 1000,
    check: (numRuns) =>
      fc.assert(
        fc.asyncProperty(
          fc.tuple(
            fc.constantFrom('GET', 'HEAD', 'PUT', 'DELETE', 'POST', 'OPTIONS'),
            fc.oneof(
              fc.webPath(),
              fileKey.map((key) => `/${BUCKET}/${percentEncode(key, /[A-Za-z0-9\-_.~/]/)}`),
              anyText.map((text) => percentEncode(text)),
            ),
            fc.oneof(
              fc.webQueryParameters(),
              fc
                .record({
                  'X-Amz-Algorithm': mutated(fc.constant('AWS4-HMAC-SHA256')),
                  'X-Amz-Credential': mutated(fc.constant('agenda-cheia/20260101/us-east-1/s3/aws4_request')),
                  'X-Amz-Date': mutated(fc.constantFrom('20260101T000000Z', '99999999T999999Z')),
                  'X-Amz-Expires': mutated(fc.constantFrom('300', '0', '-1', '1e9', 'NaN')),
                  'X-Amz-SignedHeaders': mutated(fc.constantFrom('host', 'host;content-type', '')),
                  'X-Amz-Signature': mutated(fc.stringMatching(/^[0-9a-f]{64}$/)),
                })
                .map((params) =>
                  Object.entries(params)
                    .map(
                      ([k, v]) =>
                        `${k}=${percentEncode(typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))}`,
                    )
                    .join('&'),
                ),
            ),
            fc.option(
              fc.oneof(fc.constantFrom('a b', '[', '[::1', 'exa mple:99', 'x:-1', '%'), fc.string()),
              {
                nil: undefined,
              },
            ),
          ),
          async ([method, path, query, host]) => {
            const answer = await send({
              method,
              path: `/s3${path.startsWith('/') ? '' : '/'}${path}${query ? `?${query}` : ''}`,
              headers: host === undefined ? {} : { host },
            });
            if (answer === 'not sendable') return;
            record('s3 gateway', answer.status);
            if (answer.status >= 500)
              throw new Error(`s3 gateway answered ${answer.status}: ${answer.text.slice(0, 300)}`);
          },
        ),
        { numRuns },
      ),
  },
];

async function countRows() {
  const counts = await sql<{
    client_messages: string;
    clients: string;
    conversations: string;
    files: string;
    confirmed_files: string;
    other_files: string;
    lonely_conversations: string;
    lonely_clients: string;
  }>`
    select
      (select count(*) from messages where tenant_id = ${tenantId} and author = 'client') as client_messages,
      (select count(*) from clients where tenant_id = ${tenantId}) as clients,
      (select count(*) from conversations where tenant_id = ${tenantId}) as conversations,
      (select count(*) from files where tenant_id = ${tenantId}) as files,
      (select count(*) from files where tenant_id = ${tenantId} and status = 'confirmed') as confirmed_files,
      (select count(*) from files where tenant_id <> ${tenantId}) as other_files,
      (select count(*) from conversations c where c.tenant_id = ${tenantId}
        and not exists (select 1 from messages m where m.conversation_id = c.id)) as lonely_conversations,
      (select count(*) from clients c where c.tenant_id = ${tenantId}
        and not exists (select 1 from conversations v where v.client_id = c.id)) as lonely_clients`.execute(
    api.database.db,
  );
  const row = counts.rows[0];
  if (!row) throw new Error('no counts');
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])) as Record<
    keyof typeof row,
    number
  >;
}

function heapAfterCollection(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

describe('fuzzing the webhook and file routes (10,000 generated requests)', () => {
  it('never answers 5xx, never stores half a message, pollutes no prototype, and keeps memory flat', async () => {
    expect(routes.reduce((sum, route) => sum + route.runs, 0)).toBe(10_000);
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype);
    const before = await countRows();
    let heapAfterFirstHalf = 0;
    // Two halves: the first warms everything up (JIT, pools, caches); the second must not keep growing.
    for (const half of [1, 2]) {
      for (const route of routes) {
        try {
          await route.check(route.runs / 2);
        } catch (error) {
          // fast-check prints the whole counterexample: a generated body can be 300 kB.
          const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
          const message = error instanceof Error ? error.message : String(error);
          throw new Error(`${route.name}: ${cause}\n${message.slice(0, 1500)}`, { cause: error });
        }
      }
      if (half === 1) heapAfterFirstHalf = heapAfterCollection();
    }
    const heapAtEnd = heapAfterCollection();
    const after = await countRows();

    // The generators reached the stores, not only the validators.
    expect(answered('message-received', 202)).toBeGreaterThan(50);
    expect(answered('message-received', 400)).toBeGreaterThan(50);
    expect(answered('trpc files.createUploadUrl', 200)).toBeGreaterThan(20);
    // Every stored client message was answered 202, and nothing refused left a row behind.
    expect(after.client_messages - before.client_messages).toBe(answered('message-received', 202));
    expect(after.lonely_conversations).toBe(0);
    expect(after.lonely_clients).toBe(0);
    expect(after.clients - before.clients).toBeLessThanOrEqual(answered('message-received', 202));
    expect(after.files - before.files).toBe(answered('trpc files.createUploadUrl', 200));
    expect(after.confirmed_files).toBe(before.confirmed_files);
    expect(after.other_files).toBe(before.other_files);
    expect(Object.getOwnPropertyNames(Object.prototype)).toEqual(prototypeKeys);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // 5,000 more requests after warming up may not keep what they allocated.
    expect(heapAtEnd).toBeLessThan(heapAfterFirstHalf * 1.5);
    // The server is still there.
    expect((await fetch(`${api.url}/api/health`)).status).toBe(200);
  }, 300_000);
});

describe('a NUL character (which PostgreSQL cannot store in text)', () => {
  it('is refused whole with a 400 that names the field: no import stops half-way, no message half-stored', async () => {
    const before = await countRows();
    const csv = `nome,telefone\nPrimeira,${freshPhone()}\nSegunda\u0000,${freshPhone()}\n`;
    const importing = await send({
      method: 'POST',
      path: '/trpc/clients.importCsv',
      headers: { ...bearer(accessToken), 'content-type': 'application/json' },
      body: JSON.stringify({ csv }),
    });
    expect(importing).toMatchObject({ status: 400 });
    const refusal = JSON.parse(importing === 'not sendable' ? '{}' : importing.text) as {
      error: { message: string; data: { appCode: string } };
    };
    expect(refusal.error.data.appCode).toBe('VALIDATION_FAILED');
    expect(refusal.error.message).toContain('csv');

    const inbound = await postWebhook(api, 'message-received', inboundToken, {
      client_name: 'Nova\u0000Cliente',
      phone: freshPhone(),
      message: 'oi',
      timestamp: Date.now(),
      message_id: 'nul-1',
    });
    expect(inbound.status).toBe(400);
    expect(expectRestError(await inbound.json(), 'VALIDATION_FAILED')).toContain('client_name');
    // An upload key with a NUL in a bucket event is no key of ours: ignored, not a 500.
    const event = await send({
      method: 'POST',
      path: '/api/v1/webhooks/s3',
      headers: { ...bearer(S3_WEBHOOK_TOKEN), 'content-type': 'application/json' },
      body: JSON.stringify({
        Records: [
          {
            eventName: 'ObjectCreated:Put',
            s3: {
              bucket: { name: BUCKET },
              object: { key: `tenants/${tenantId}/logo/${tenantId}/a%00.png` },
            },
          },
        ],
      }),
    });
    expect(event).toMatchObject({ status: 200, text: '{"confirmed":0,"ignored":1}' });
    expect(await countRows()).toEqual(before);
  });
});
