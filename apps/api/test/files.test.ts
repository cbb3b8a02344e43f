import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RealtimeEvent } from '@agenda-cheia/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appCodeOf,
  createTestClock,
  registration,
  startTestApi,
  type TestApi,
  uniqueEmail,
  until,
} from './harness';

const WEBHOOK_TOKEN = 'bucket-events-token-0123456789';
const clock = createTestClock();
let api: TestApi;
let media: Server;
let mediaHost: string;
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('a tiny image'),
]);

beforeAll(async () => {
  // Stands in for the WhatsApp provider's media server (an Evolution API on the same network).
  media = createServer((req, res) => {
    if (req.url === '/unha.png') {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length });
      res.end(png);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => media.listen(0, '127.0.0.1', resolve));
  mediaHost = `127.0.0.1:${(media.address() as AddressInfo).port}`;
  api = await startTestApi({
    clock,
    env: { S3_WEBHOOK_TOKEN: WEBHOOK_TOKEN, INBOUND_MEDIA_ALLOWED_HOSTS: mediaHost },
  });
});
afterAll(async () => {
  await api.close();
  await new Promise<void>((resolve) => media.close(() => resolve()));
});

async function business() {
  const session = await api.client().auth.register.mutate(registration());
  return { session, client: api.client(session.accessToken), tenantId: session.user.tenantId };
}

type Client = Awaited<ReturnType<typeof business>>['client'];

async function signUpload(
  client: Client,
  body: Uint8Array,
  overrides: Partial<{
    filename: string;
    contentType: string;
    purpose: 'attachment' | 'avatar' | 'logo';
  }> = {},
) {
  return client.files.createUploadUrl.mutate({
    filename: 'Unha decorada.png',
    contentType: 'image/png',
    size: body.byteLength,
    purpose: 'attachment',
    ...overrides,
  });
}

function put(url: string, body: Uint8Array, contentType: string) {
  return fetch(url, { method: 'PUT', body, headers: { 'content-type': contentType } });
}

describe('presigned uploads', () => {
  it('signs a PUT under the tenant, stores the real upload, confirms it once, and serves it back', async () => {
    const { client, tenantId } = await business();
    const signed = await signUpload(client, png);
    expect(signed.method).toBe('PUT');
    expect(signed.expiresIn).toBe(300);
    expect(signed.headers).toEqual({ 'Content-Type': 'image/png', 'Content-Length': String(png.length) });
    expect(signed.fileKey).toMatch(
      new RegExp(`^tenants/${tenantId}/attachment/[0-9a-f-]{36}/Unha-decorada\\.png$`),
    );

    const upload = await fetch(signed.uploadUrl, { method: 'PUT', body: png, headers: signed.headers });
    expect(upload.status).toBe(200);

    const file = await client.files.confirm.mutate({ fileKey: signed.fileKey });
    expect(file).toMatchObject({
      key: signed.fileKey,
      purpose: 'attachment',
      filename: 'Unha decorada.png',
      contentType: 'image/png',
      size: png.length,
    });
    expect(file.checksum).toMatch(/^[0-9a-f]{32}$/);
    // Twice: the same record, not a second one.
    expect(await client.files.confirm.mutate({ fileKey: signed.fileKey })).toEqual(file);
    expect((await client.files.list.query({})).items.map((f) => f.id)).toEqual([file.id]);

    const download = await client.files.getDownloadUrl.query({ id: file.id });
    expect(download.expiresIn).toBe(300);
    const res = await fetch(download.url);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(png);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="Unha decorada.png"');

    // The download link expires with its signature.
    clock.advance(301_000);
    expect((await fetch(download.url)).status).toBe(403);
  });

  it('lets the storage refuse another content type, a larger body and an expired URL', async () => {
    const { client } = await business();
    const signed = await signUpload(client, png);
    const otherType = await put(signed.uploadUrl, png, 'image/jpeg');
    expect(otherType.status).toBe(403);
    expect(await otherType.text()).toContain('SignatureDoesNotMatch');
    expect((await put(signed.uploadUrl, Buffer.concat([png, Buffer.from('!')]), 'image/png')).status).toBe(
      403,
    );
    expect(await appCodeOf(client.files.confirm.mutate({ fileKey: signed.fileKey }))).toBe(
      'FILE_NOT_UPLOADED',
    );

    clock.advance(301_000);
    const expired = await put(signed.uploadUrl, png, 'image/png');
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('Request has expired');
    expect(await appCodeOf(client.files.confirm.mutate({ fileKey: signed.fileKey }))).toBe(
      'FILE_NOT_UPLOADED',
    );
  });

  it('refuses types and sizes a purpose does not allow, before signing', async () => {
    const { client } = await business();
    expect(
      await appCodeOf(
        signUpload(client, png, {
          filename: 'contrato.pdf',
          contentType: 'application/pdf',
          purpose: 'logo',
        }),
      ),
    ).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(
      await appCodeOf(
        signUpload(client, png, { filename: 'x.exe', contentType: 'application/x-msdownload' }),
      ),
    ).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(
      await appCodeOf(
        client.files.createUploadUrl.mutate({
          filename: 'enorme.png',
          contentType: 'image/png',
          size: 10 * 1024 * 1024 + 1,
          purpose: 'attachment',
        }),
      ),
    ).toBe('FILE_TOO_LARGE');
    expect(
      await appCodeOf(
        client.files.createUploadUrl.mutate({
          filename: 'x.png',
          contentType: 'image/png',
          size: 0,
          purpose: 'logo',
        }),
      ),
    ).toBe('VALIDATION_FAILED');
  });

  it("refuses another tenant's key and file ids, and unknown keys", async () => {
    const a = await business();
    const b = await business();
    const signed = await signUpload(a.client, png);
    await put(signed.uploadUrl, png, 'image/png');
    const file = await a.client.files.confirm.mutate({ fileKey: signed.fileKey });

    expect(await appCodeOf(b.client.files.confirm.mutate({ fileKey: signed.fileKey }))).toBe('FORBIDDEN');
    expect(await appCodeOf(b.client.files.getDownloadUrl.query({ id: file.id }))).toBe('NOT_FOUND');
    expect(await appCodeOf(b.client.files.delete.mutate({ id: file.id }))).toBe('NOT_FOUND');
    expect(await appCodeOf(b.client.tenant.update.mutate({ logoFileId: file.id }))).toBe('NOT_FOUND');
    expect((await b.client.files.list.query({})).items).toEqual([]);
    expect(
      await appCodeOf(
        b.client.files.confirm.mutate({ fileKey: `tenants/${b.tenantId}/attachment/nada.png` }),
      ),
    ).toBe('NOT_FOUND');
    expect(await appCodeOf(api.client().files.list.query({}))).toBe('UNAUTHENTICATED');
  });

  it('deletes the object with the record; staff delete only their own uploads', async () => {
    const { client, session } = await business();
    const email = uniqueEmail('staff');
    await client.users.create.mutate({ name: 'Equipe', email, password: 'senha-staff-1', role: 'staff' });
    const staff = api.client(
      (await api.client().auth.login.mutate({ email, password: 'senha-staff-1' })).accessToken,
    );
    const signed = await signUpload(client, png);
    await put(signed.uploadUrl, png, 'image/png');
    const file = await client.files.confirm.mutate({ fileKey: signed.fileKey });
    expect(file.uploadedBy).toBe(session.user.id);

    expect(await appCodeOf(staff.files.delete.mutate({ id: file.id }))).toBe('FORBIDDEN');
    await client.files.delete.mutate({ id: file.id });
    expect(await api.server.services.fileStorage.store.head(file.key)).toBeNull();
    expect(await appCodeOf(client.files.getDownloadUrl.query({ id: file.id }))).toBe('NOT_FOUND');
  });

  it('sets the logo and a professional photo only from files uploaded for that purpose', async () => {
    const { client } = await business();
    const logoUpload = await signUpload(client, png, { purpose: 'logo', filename: 'logo.png' });
    await put(logoUpload.uploadUrl, png, 'image/png');
    const logo = await client.files.confirm.mutate({ fileKey: logoUpload.fileKey });
    const attachmentUpload = await signUpload(client, png);
    await put(attachmentUpload.uploadUrl, png, 'image/png');
    const attachment = await client.files.confirm.mutate({ fileKey: attachmentUpload.fileKey });

    expect(await appCodeOf(client.tenant.update.mutate({ logoFileId: attachment.id }))).toBe(
      'FILE_TYPE_NOT_ALLOWED',
    );
    expect((await client.tenant.update.mutate({ logoFileId: logo.id })).logoFileId).toBe(logo.id);
    expect((await client.tenant.update.mutate({ logoFileId: null })).logoFileId).toBeNull();

    const photoUpload = await signUpload(client, png, { purpose: 'avatar', filename: 'ana.png' });
    await put(photoUpload.uploadUrl, png, 'image/png');
    const photo = await client.files.confirm.mutate({ fileKey: photoUpload.fileKey });
    const pro = await client.professionals.create.mutate({ name: 'Ana', photoFileId: photo.id });
    expect(pro.photoFileId).toBe(photo.id);
    // Removing the file clears the photo rather than leaving a broken link.
    await client.files.delete.mutate({ id: photo.id });
    expect((await client.professionals.get.query({ id: pro.id })).photoFileId).toBeNull();
  });
});

describe('an unreachable S3', () => {
  it('reports storage down without making the API unready, and answers file calls with a clear 503', async () => {
    const offline = await startTestApi({
      env: {
        S3_BUCKET: 'agenda-cheia',
        S3_ENDPOINT: 'http://127.0.0.1:9',
        S3_FORCE_PATH_STYLE: 'true',
        S3_ACCESS_KEY_ID: 'key',
        S3_SECRET_ACCESS_KEY: 'secret',
      },
    });
    try {
      const ready = await fetch(`${offline.url}/api/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready', database: 'up', storage: 'down' });
      // The dashboard may upload to and show files from the storage's own origin.
      expect(ready.headers.get('content-security-policy')).toContain(
        "connect-src 'self' ws: wss: http://127.0.0.1:9",
      );
      const session = await offline.client().auth.register.mutate(registration());
      const client = offline.client(session.accessToken);
      // Signing needs no network: the URL points at the configured S3.
      const signed = await signUpload(client, png);
      expect(signed.uploadUrl.startsWith('http://127.0.0.1:9/agenda-cheia/tenants/')).toBe(true);
      expect(await appCodeOf(client.files.confirm.mutate({ fileKey: signed.fileKey }))).toBe(
        'SERVICE_UNAVAILABLE',
      );
    } finally {
      await offline.close();
    }
  });
});

describe('bucket event notifications', () => {
  function notify(body: unknown, token: string | null = WEBHOOK_TOKEN) {
    return fetch(`${api.url}/api/v1/webhooks/s3`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
  }
  function minioEvent(key: string, bucket = 'agenda-cheia') {
    return {
      EventName: 's3:ObjectCreated:Put',
      Key: `${bucket}/${key}`,
      Records: [
        {
          eventVersion: '2.0',
          eventSource: 'minio:s3',
          eventName: 's3:ObjectCreated:Put',
          s3: {
            bucket: { name: bucket },
            object: { key: encodeURIComponent(key), size: png.length, eTag: 'x' },
          },
        },
      ],
    };
  }

  it('confirms an upload the browser never confirmed, and ignores keys it never signed', async () => {
    const { client } = await business();
    const signed = await signUpload(client, png);
    // The object arrives without passing through this API (as with S3 or MinIO).
    await api.server.services.fileStorage.store.put({
      key: signed.fileKey,
      body: png,
      contentType: 'image/png',
    });
    expect((await client.files.list.query({})).items).toEqual([]);

    expect((await notify(minioEvent(signed.fileKey), 'wrong-token-0123456789')).status).toBe(401);
    expect((await notify(minioEvent(signed.fileKey), null)).status).toBe(401);
    expect((await notify({ Records: 'nope' })).status).toBe(400);

    const res = await notify(minioEvent(signed.fileKey));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ confirmed: 1, ignored: 0 });
    expect((await client.files.list.query({})).items.map((f) => f.key)).toEqual([signed.fileKey]);
    // A repeated notification changes nothing.
    expect(await (await notify(minioEvent(signed.fileKey))).json()).toEqual({ confirmed: 1, ignored: 0 });
    expect((await client.files.list.query({})).items).toHaveLength(1);

    const unknown = await notify(minioEvent('tenants/outra/coisa.png'));
    expect(await unknown.json()).toEqual({ confirmed: 0, ignored: 1 });
    const otherBucket = await notify(minioEvent(signed.fileKey, 'outro-bucket'));
    expect(await otherBucket.json()).toEqual({ confirmed: 0, ignored: 1 });
  });

  it('is off without S3_WEBHOOK_TOKEN', async () => {
    const plain = await startTestApi();
    try {
      const res = await fetch(`${plain.url}/api/v1/webhooks/s3`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer anything-at-all-123' },
        body: JSON.stringify({ Records: [] }),
      });
      expect(res.status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});

describe('unused files', () => {
  it('removes, a day on, uploads never confirmed and files nothing points at; keeps what is in use', async () => {
    const { client, tenantId } = await business();
    const store = api.server.services.fileStorage.store;
    const upload = async (purpose: 'attachment' | 'logo', filename: string) => {
      const signed = await signUpload(client, png, { purpose, filename });
      await put(signed.uploadUrl, png, 'image/png');
      return client.files.confirm.mutate({ fileKey: signed.fileKey });
    };
    const neverConfirmed = await signUpload(client, png);
    await store.put({ key: neverConfirmed.fileKey, body: png, contentType: 'image/png' });
    const oldLogo = await upload('logo', 'logo-antigo.png');
    await client.tenant.update.mutate({ logoFileId: oldLogo.id });
    const logo = await upload('logo', 'logo.png');
    await client.tenant.update.mutate({ logoFileId: logo.id });
    const neverSent = await upload('attachment', 'rascunho.png');
    const sent = await upload('attachment', 'enviado.png');
    const conversation = await api.database.db
      .insertInto('clients')
      .values({ tenant_id: tenantId, name: 'Maria', phone: '+5511955554444' })
      .returning('id')
      .executeTakeFirstOrThrow()
      .then((c) =>
        api.database.db
          .insertInto('conversations')
          .values({ tenant_id: tenantId, client_id: c.id, channel: 'whatsapp', mode: 'human' })
          .returning('id')
          .executeTakeFirstOrThrow(),
      );
    await client.messages.send.mutate({
      conversationId: conversation.id,
      attachmentFileId: sent.id,
      clientMessageId: `cm-${Date.now()}`,
    });

    // Within the day nothing goes: a file may be uploaded before the form that uses it is saved.
    expect(await api.server.services.files.removeUnusedFiles()).toBe(0);
    clock.advance(25 * 60 * 60 * 1000);
    await api.server.services.files.removeUnusedFiles();

    const rows = await api.database.db
      .selectFrom('files')
      .select('key')
      .where('tenant_id', '=', tenantId)
      .orderBy('key')
      .execute();
    expect(rows.map((r) => r.key).sort()).toEqual([logo.key, sent.key].sort());
    for (const gone of [neverConfirmed.fileKey, oldLogo.key, neverSent.key]) {
      expect(await store.head(gone)).toBeNull();
    }
    for (const kept of [logo.key, sent.key]) expect(await store.head(kept)).not.toBeNull();
  });
});

describe('media in messages', () => {
  async function gatewayBusiness() {
    const b = await business();
    const integration = await b.client.integrations.create.mutate({
      kind: 'n8n',
      outboundUrl: 'http://127.0.0.1:9/n8n',
    });
    return { ...b, token: integration.inboundToken };
  }
  function receive(token: string, mediaUrl: string, messageId: string) {
    return fetch(`${api.url}/api/v1/webhooks/n8n/message-received`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        phone: '5511988887777',
        message: '',
        timestamp: new Date().toISOString(),
        message_id: messageId,
        media: { url: mediaUrl, mime_type: 'image/png' },
      }),
    });
  }
  async function mediaOf(messageId: string) {
    const row = await api.database.db
      .selectFrom('messages')
      .select('media')
      .where('id', '=', messageId)
      .executeTakeFirstOrThrow();
    return row.media;
  }

  it('fetches an inbound file server-side, stores it, and tells the dashboard', async () => {
    const { client, token, session } = await gatewayBusiness();
    const events: RealtimeEvent[] = [];
    const ws = api.wsClient(session.accessToken);
    const sub = ws.api.events.stream.subscribe(
      {},
      { onData: (m) => events.push('event_type' in m ? m : m.data) },
    );
    try {
      const res = await receive(token, `http://${mediaHost}/unha.png`, `wamid.media.${Date.now()}`);
      expect(res.status).toBe(202);
      const { message } = (await res.json()) as { message: { id: string; media: { state: string } } };
      expect(message.media.state).toBe('pending');
      await until(
        () => events.some((e) => e.event_type === 'message_updated'),
        'the stored file event',
        15_000,
      );
      const stored = await mediaOf(message.id);
      expect(stored).toMatchObject({
        state: 'stored',
        mimeType: 'image/png',
        filename: 'unha.png',
        size: png.length,
        url: null,
      });
      const download = await client.files.getDownloadUrl.query({ id: stored?.fileId ?? '' });
      expect(Buffer.from(await (await fetch(download.url)).arrayBuffer())).toEqual(png);
    } finally {
      sub.unsubscribe();
      await ws.close();
    }
  });

  it('refuses to fetch an inbound file from a private address, and says so on the message', async () => {
    const { token } = await gatewayBusiness();
    for (const url of [
      'http://127.0.0.1:9/x.png',
      'http://169.254.169.254/latest/meta-data',
      'http://10.0.0.7/x.png',
    ]) {
      const res = await receive(token, url, `wamid.private.${Date.now()}.${url.length}`);
      const { message } = (await res.json()) as { message: { id: string } };
      let media = await mediaOf(message.id);
      const deadline = Date.now() + 15_000;
      while (media?.state === 'pending' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        media = await mediaOf(message.id);
      }
      expect(media).toMatchObject({ state: 'failed', fileId: null });
      expect(media?.error).toEqual(expect.any(String));
    }
    const files = await api.database.db
      .selectFrom('files')
      .select('id')
      .where('filename', '=', 'x.png')
      .execute();
    expect(files).toEqual([]);
  });

  it('sends a staff attachment with a presigned link in the outbound payload', async () => {
    const { client, token } = await gatewayBusiness();
    const res = await fetch(`${api.url}/api/v1/webhooks/n8n/message-received`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        phone: '5511977776666',
        message: 'Oi',
        timestamp: new Date().toISOString(),
        message_id: `wamid.t.${Date.now()}`,
      }),
    });
    const { conversation_id: conversationId } = (await res.json()) as { conversation_id: string };
    const signed = await signUpload(client, png);
    await put(signed.uploadUrl, png, 'image/png');
    const file = await client.files.confirm.mutate({ fileKey: signed.fileKey });

    const message = await client.messages.send.mutate({
      conversationId,
      text: '',
      attachmentFileId: file.id,
      clientMessageId: `cm-${Date.now()}`,
    });
    expect(message.media).toMatchObject({
      fileId: file.id,
      state: 'stored',
      mimeType: 'image/png',
      url: null,
    });
    expect(message.text).toBe('');
    expect(
      await appCodeOf(
        client.messages.send.mutate({ conversationId, text: '', clientMessageId: `cm-empty-${Date.now()}` }),
      ),
    ).toBe('VALIDATION_FAILED');
  });
});
