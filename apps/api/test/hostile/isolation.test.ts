import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../src/trpc/router';
import { createTestClock, startTestApi, type TestApi } from '../harness';
import { startReceiver } from '../n8n-receiver';
import { callHttp, callWs, type Outcome } from './callers';
import { procedureTable, type ProcedureCase } from './procedure-table';
import {
  buildTenantA,
  buildTenantB,
  eventually,
  expectRestError,
  freshPhone,
  idsIn,
  markersIn,
  postWebhook,
  snapshotTenant,
  type TenantA,
  type TenantB,
} from './tenants';

const S3_WEBHOOK_TOKEN = `bucket-${randomBytes(12).toString('hex')}`;
let api: TestApi;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let a: TenantA;
let b: TenantB;

beforeAll(async () => {
  receiver = await startReceiver();
  // A test clock: the campaign scheduler does not tick, so nothing but the calls below moves A's rows.
  api = await startTestApi({ clock: createTestClock(), env: { S3_WEBHOOK_TOKEN } });
  a = await buildTenantA(api, receiver.url);
  b = await buildTenantB(api);
}, 120_000);
afterAll(async () => {
  await api.close();
  await receiver.close();
});

function call(path: string, entry: ProcedureCase, input: unknown, token?: string): Promise<Outcome> {
  return entry.type === 'subscription'
    ? callWs(`ws://127.0.0.1:${api.server.port}/trpc`, path, input, token)
    : callHttp(api.url, path, entry.type, input, token);
}

/** What of A a text holds, judged against A's rows as they are now. */
async function leakChecker() {
  const ids = idsIn(await snapshotTenant(api, a.tenantId));
  return (text: string) => markersIn(text, ids, a.secrets);
}

/** Nothing of A may end up in B's rows: no id of A referenced, no secret of A copied. */
async function expectBRowsClean() {
  const leaks = await leakChecker();
  expect(leaks(JSON.stringify(await snapshotTenant(api, b.tenantId)))).toEqual([]);
}

describe('every tRPC procedure', () => {
  it('is in the table with its type, and the table lists nothing the router lacks', () => {
    // At run time `_def.procedures` is flat ('domain.verb' → procedure); its declared type is the nested record.
    const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>;
    const routerTypes = Object.fromEntries(
      Object.entries(procedures).map(([path, p]) => [path, p._def.type]),
    );
    const tableTypes = Object.fromEntries(Object.entries(procedureTable).map(([path, c]) => [path, c.type]));
    // A new procedure fails here until someone decides who may call it and what an intruder gets.
    expect(tableTypes).toEqual(routerTypes);
  });

  it("refuses anonymous callers and another tenant's owner; nothing of A is read or changed", async () => {
    const before = await snapshotTenant(api, a.tenantId);
    const leaks = await leakChecker();
    const mismatches: string[] = [];
    const check = (who: string, path: string, got: Outcome, expected: string) => {
      if (got.code !== expected) mismatches.push(`${who} ${path}: ${got.code}, expected ${expected}`);
      const found = leaks(got.body);
      if (found.length > 0) mismatches.push(`${who} ${path}: answer holds A's ${found.join(', ')}`);
    };

    for (const [path, entry] of Object.entries(procedureTable)) {
      const [first, ...others] = entry.asOtherTenant;
      // Anonymous: the middleware refuses before any input is read; a public procedure answers as it does B.
      const anonymous = await call(path, entry, first.input(a, b));
      check('anonymous', path, anonymous, entry.access === 'public' ? first.expect : 'UNAUTHENTICATED');
      for (const attack of [first, ...others]) {
        check('tenant B', path, await call(path, entry, attack.input(a, b), b.token), attack.expect);
      }
    }

    expect(mismatches).toEqual([]);
    expect(await snapshotTenant(api, a.tenantId)).toEqual(before);
    await expectBRowsClean();
  }, 120_000);

  it("lets A's staff do a member's work and refuses them what is for owners and admins", async () => {
    const mismatches: string[] = [];
    for (const [path, entry] of Object.entries(procedureTable)) {
      const input = (entry.asStaff?.input ?? entry.asOtherTenant[0].input)(a, b);
      const expected =
        entry.access === 'manager' ? 'FORBIDDEN' : (entry.asStaff?.expect ?? 'missing in table');
      const got = await call(path, entry, input, a.staffToken);
      if (got.code !== expected) mismatches.push(`staff ${path}: ${got.code}, expected ${expected}`);
    }
    expect(mismatches).toEqual([]);
  }, 120_000);

  it('refuses subscriptions over HTTP (SSE) without a token, and ends the stream', async () => {
    const response = await fetch(
      `${api.url}/trpc/events.stream?input=${encodeURIComponent('{"lastEventId":"0"}')}`,
    );
    // The stream ends by itself after the refusal: reading it to the end cannot hang.
    const text = await response.text();
    expect(text).toContain('"appCode":"UNAUTHENTICATED"');
    expect(text).not.toMatch(/event: (message|data)\b/);
  });
});

describe("tenant B's live events", () => {
  it("never carry A's events, live or replayed", async () => {
    const listen = (token: string, lastEventId?: string) => {
      const received: string[] = [];
      const errors: unknown[] = [];
      const socket = api.wsClient(token);
      const subscription = socket.api.events.stream.subscribe(lastEventId ? { lastEventId } : {}, {
        onData: (data) => received.push(JSON.stringify(data)),
        onError: (error) => errors.push(error),
      });
      return {
        received,
        errors,
        close: async () => {
          subscription.unsubscribe();
          await socket.close();
        },
      };
    };
    const ofA = listen(a.ownerToken);
    const ofB = listen(b.token);
    const replayOfB = listen(b.token, '0');
    const typing = (token: string, conversationId: string, marker: boolean) =>
      api.client(token).conversations.typing.mutate({ conversationId, typing: marker });
    // Typing events are live only: seen means the subscription is listening.
    await eventually(async () => {
      await typing(a.ownerToken, a.conversationId, true);
      await typing(b.token, b.conversationId, true);
      return [ofA, ofB, replayOfB].every((listener) => listener.received.some((e) => e.includes('"typing"')));
    }, 'every subscription live');
    const seenByA = ofA.received.length;

    // A's business goes on: a client writes, the owner answers, books and types.
    const inbound = await postWebhook(api, 'message-received', a.n8n.inboundToken, {
      client_name: `Maria ${a.tag}`,
      phone: a.mariaPhone,
      message: 'Obrigada!',
      timestamp: Date.now(),
      message_id: `wamid.${a.tag}.live`,
    });
    expect(inbound.status).toBe(202);
    await api.client(a.ownerToken).messages.send.mutate({
      conversationId: a.conversationId,
      text: `Por nada, ${a.tag}`,
      clientMessageId: `alfa-live-${a.tag}`,
    });
    await typing(a.ownerToken, a.conversationId, false);
    await eventually(
      () => ofA.received.slice(seenByA).some((e) => e.includes('"typing":false')),
      "A's events reaching A",
    );
    expect(ofA.received.length - seenByA).toBeGreaterThanOrEqual(3);

    // B's own event, published after all of A's: once B has it, anything of A would have come before.
    await typing(b.token, b.conversationId, false);
    await eventually(
      () =>
        ofB.received.some((e) => e.includes('"typing":false')) &&
        replayOfB.received.some((e) => e.includes('"typing":false')),
      "B's own event",
    );
    const leaks = await leakChecker();
    expect(leaks(ofB.received.join('\n'))).toEqual([]);
    expect(leaks(replayOfB.received.join('\n'))).toEqual([]);
    expect(replayOfB.received.length).toBeGreaterThan(1);
    expect([...ofA.errors, ...ofB.errors, ...replayOfB.errors]).toEqual([]);
    await Promise.all([ofA.close(), ofB.close(), replayOfB.close()]);
  });
});

describe('REST routes', () => {
  /**
   * The REST routes other systems call, as the OpenAPI document lists them (checked below), each covered
   * by a test in this block. Health, readiness and the OpenAPI document itself are public by design; the
   * /s3 gateway is covered by its own test.
   */
  const coveredRoutes = [
    '/api/v1/webhooks/n8n/message-received',
    '/api/v1/webhooks/n8n/message-status',
    '/api/v1/webhooks/s3',
  ];

  it('covers every route of the OpenAPI document, and answers unknown /api routes with a JSON 404', async () => {
    const document = (await (await fetch(`${api.url}/api/openapi.json`)).json()) as { paths: object };
    expect(Object.keys(document.paths).sort()).toEqual([...coveredRoutes].sort());
    const unknown = await fetch(`${api.url}/api/v1/delete-everything`, { method: 'POST' });
    expect(unknown.status).toBe(404);
    expectRestError(await unknown.json(), 'ROUTE_NOT_FOUND');
  });

  it("n8n webhooks: no token or a bad one is refused; B's token never reaches A's rows", async () => {
    const before = await snapshotTenant(api, a.tenantId);
    const message = (overrides: Record<string, unknown> = {}) => ({
      client_name: 'Invasora',
      phone: freshPhone(),
      message: 'Oi',
      timestamp: Date.now(),
      message_id: `wamid.intruso.${randomBytes(4).toString('hex')}`,
      ...overrides,
    });
    const expectRefusal = async (response: Response, status: number, code: string) => {
      expect(response.status).toBe(status);
      expectRestError(await response.json(), code);
    };

    for (const path of ['message-received', 'message-status'] as const) {
      await expectRefusal(await postWebhook(api, path, undefined, message()), 401, 'UNAUTHENTICATED');
      await expectRefusal(await postWebhook(api, path, 'nao-e-um-token', message()), 401, 'UNAUTHENTICATED');
      // A's access token is not an integration token.
      await expectRefusal(await postWebhook(api, path, a.ownerToken, message()), 401, 'UNAUTHENTICATED');
    }
    // B's token naming A's tenant: refused outright.
    await expectRefusal(
      await postWebhook(api, 'message-received', b.n8n.inboundToken, message({ tenant_id: a.tenantId })),
      403,
      'FORBIDDEN',
    );
    // Naming A's client, or repeating A's provider message id: ignored; the message is B's, with B's client.
    const named = await postWebhook(
      api,
      'message-received',
      b.n8n.inboundToken,
      message({ client_id: a.maria.id, message_id: a.providerMessageId }),
    );
    expect(named.status).toBe(202);
    const stored = (await named.json()) as { client_id: string; duplicate: boolean; message: { id: string } };
    expect(stored.duplicate).toBe(false);
    expect(stored.client_id).not.toBe(a.maria.id);
    expect(stored.message.id).not.toBe(a.inboundMessageId);
    const client = await api.database.db
      .selectFrom('clients')
      .select('tenant_id')
      .where('id', '=', stored.client_id)
      .executeTakeFirstOrThrow();
    expect(client.tenant_id).toBe(b.tenantId);
    // B's token with A's message ids: not found, A's statuses untouched.
    for (const id of [a.staffMessageId, a.providerMessageId]) {
      await expectRefusal(
        await postWebhook(api, 'message-status', b.n8n.inboundToken, {
          message_id: id,
          status: 'failed',
          error: 'sabotagem',
          timestamp: Date.now(),
        }),
        404,
        'NOT_FOUND',
      );
    }

    expect(await snapshotTenant(api, a.tenantId)).toEqual(before);
    await expectBRowsClean();
  });

  it('bucket events: refused without the deployment token, whatever tenant token is shown', async () => {
    const before = await snapshotTenant(api, a.tenantId);
    const event = {
      Records: [
        {
          eventName: 'ObjectCreated:Put',
          s3: { bucket: { name: 'agenda-cheia' }, object: { key: a.logo.key } },
        },
      ],
    };
    for (const token of [
      undefined,
      'errado-errado-errado',
      b.n8n.inboundToken,
      a.n8n.inboundToken,
      b.token,
    ]) {
      const response = await fetch(`${api.url}/api/v1/webhooks/s3`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(event),
      });
      expect(response.status).toBe(401);
      expectRestError(await response.json(), 'UNAUTHENTICATED');
    }
    expect(await snapshotTenant(api, a.tenantId)).toEqual(before);
  });

  it('the /s3 gateway serves only untouched presigned URLs', async () => {
    const objectUrl = `${api.url}/s3/agenda-cheia/${a.logo.key}`;
    // Positive control: A's own link works.
    const link = await api.client(a.ownerToken).files.getDownloadUrl.query({ id: a.logo.id });
    expect((await fetch(link.url)).status).toBe(200);

    const refused = async (url: string, init: RequestInit = {}) => {
      const response = await fetch(url, init);
      expect(response.status).toBe(403);
      expect(await response.text()).toMatch(/<Error><Code>\w+<\/Code>/);
    };
    await refused(objectUrl);
    await refused(objectUrl, {
      method: 'PUT',
      body: 'sobrescrito',
      headers: { 'content-type': 'image/png' },
    });
    await refused(objectUrl, { method: 'DELETE' });
    await refused(`${api.url}/s3/agenda-cheia/?list-type=2&prefix=tenants/${a.tenantId}/`);

    // B's own signed link, pointed at A's object, or stretched in time: the signature no longer matches.
    const bUpload = await api.client(b.token).files.createUploadUrl.mutate({
      filename: 'b.png',
      contentType: 'image/png',
      size: 4,
      purpose: 'logo',
    });
    const bPut = await fetch(bUpload.uploadUrl, {
      method: 'PUT',
      body: Buffer.from([0x89, 0x50, 0x4e, 0x47]),
      headers: bUpload.headers,
    });
    expect(bPut.status).toBe(200);
    const bFile = await api.client(b.token).files.confirm.mutate({ fileKey: bUpload.fileKey });
    const bLink = new URL((await api.client(b.token).files.getDownloadUrl.query({ id: bFile.id })).url);
    expect((await fetch(bLink)).status).toBe(200);
    const repointed = new URL(bLink);
    repointed.pathname = `/s3/agenda-cheia/${a.logo.key}`;
    await refused(repointed.toString());
    const stretched = new URL(link.url);
    stretched.searchParams.set('X-Amz-Expires', '604800');
    await refused(stretched.toString());
    // A PUT over A's object with B's upload signature: refused, A's bytes unchanged.
    const overwrite = new URL(bUpload.uploadUrl);
    overwrite.pathname = `/s3/agenda-cheia/${a.logo.key}`;
    await refused(overwrite.toString(), { method: 'PUT', body: 'xxxx', headers: bUpload.headers });
    expect((await fetch(link.url)).status).toBe(200);
  });
});
