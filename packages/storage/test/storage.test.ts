import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createObjectStore,
  createPresignedGateway,
  startEmbeddedS3,
  type EmbeddedS3,
  type ObjectStore,
} from '../src/index';

const publicCredentials = {
  accessKeyId: 'agenda-cheia-test',
  secretAccessKey: 'a-secret-only-the-gateway-knows',
};
let dir: string;
let s3: EmbeddedS3;
let gatewayServer: Server;
let store: ObjectStore;
let publicEndpoint: string;
let clock = () => new Date();
const created: { key: string; size: number }[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'storage-test-'));
  s3 = await startEmbeddedS3({ directory: dir, bucket: 'files', corsOrigins: ['http://localhost:5173'] });
  const gateway = createPresignedGateway({
    mountPath: '/s3',
    bucket: 'files',
    region: 'us-east-1',
    credentials: publicCredentials,
    upstream: { endpoint: s3.endpoint, credentials: s3.credentials, region: s3.region },
    onObjectCreated: (object) => created.push(object),
    now: () => clock(),
  });
  gatewayServer = createServer((req, res) => void gateway(req, res));
  await new Promise<void>((resolve) => gatewayServer.listen(0, '127.0.0.1', resolve));
  publicEndpoint = `http://127.0.0.1:${(gatewayServer.address() as AddressInfo).port}/s3`;
  store = createObjectStore({
    bucket: 'files',
    region: 'us-east-1',
    endpoint: s3.endpoint,
    publicEndpoint,
    forcePathStyle: true,
    credentials: s3.credentials,
    publicCredentials,
  });
});

afterAll(async () => {
  store.destroy();
  await new Promise<void>((resolve) => gatewayServer.close(() => resolve()));
  await s3.close();
  await rm(dir, { recursive: true, force: true });
});

const bytes = Buffer.from('\x89PNG\r\n\x1a\n fake image bytes');

async function put(url: string, body: Uint8Array, contentType: string) {
  const res = await fetch(url, { method: 'PUT', body, headers: { 'content-type': contentType } });
  return { status: res.status, text: await res.text() };
}

describe('presigned uploads through the gateway', () => {
  it('accepts exactly what was signed, stores it, and reports it', async () => {
    const key = 'tenants/t1/attachment/u1/foto da cliente.png';
    const { url, headers } = await store.presignUpload({
      key,
      contentType: 'image/png',
      contentLength: bytes.length,
      expiresIn: 300,
    });
    expect(url.startsWith(`${publicEndpoint}/files/`)).toBe(true);
    expect(headers).toEqual({ 'Content-Type': 'image/png', 'Content-Length': String(bytes.length) });
    expect((await put(url, bytes, 'image/png')).status).toBe(200);
    const info = await store.head(key);
    expect(info).toMatchObject({ size: bytes.length, contentType: 'image/png' });
    expect(created).toContainEqual(expect.objectContaining({ key, size: bytes.length }));
  });

  it('refuses another content type, a larger body, a forged signature and an unsigned request', async () => {
    const key = 'tenants/t1/attachment/u2/x.png';
    const { url } = await store.presignUpload({
      key,
      contentType: 'image/png',
      contentLength: bytes.length,
      expiresIn: 300,
    });
    const otherType = await put(url, bytes, 'image/jpeg');
    expect(otherType.status).toBe(403);
    expect(otherType.text).toContain('SignatureDoesNotMatch');
    expect((await put(url, Buffer.concat([bytes, Buffer.from('more')]), 'image/png')).status).toBe(403);
    const forged = url.replace(/X-Amz-Signature=[0-9a-f]+/, `X-Amz-Signature=${'0'.repeat(64)}`);
    expect((await put(forged, bytes, 'image/png')).status).toBe(403);
    const otherKey = url.replace('/x.png', '/y.png');
    expect((await put(otherKey, bytes, 'image/png')).status).toBe(403);
    expect((await put(`${publicEndpoint}/files/${key}`, bytes, 'image/png')).status).toBe(403);
    expect(await store.head(key)).toBeNull();
  });

  it('refuses an expired URL', async () => {
    const key = 'tenants/t1/attachment/u3/x.png';
    const { url } = await store.presignUpload({
      key,
      contentType: 'image/png',
      contentLength: bytes.length,
      expiresIn: 60,
    });
    clock = () => new Date(Date.now() + 61_000);
    try {
      const res = await put(url, bytes, 'image/png');
      expect(res.status).toBe(403);
      expect(res.text).toContain('Request has expired');
    } finally {
      clock = () => new Date();
    }
    expect(await store.head(key)).toBeNull();
  });

  it('serves a presigned download with the original name, and refuses it once expired', async () => {
    const key = 'tenants/t1/attachment/u4/recibo.pdf';
    await store.put({ key, body: bytes, contentType: 'application/pdf' });
    const url = await store.presignDownload({ key, filename: 'Recibo março.pdf', expiresIn: 60 });
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''Recibo%20mar%C3%A7o.pdf");
    clock = () => new Date(Date.now() + 61_000);
    try {
      expect((await fetch(url)).status).toBe(403);
    } finally {
      clock = () => new Date();
    }
  });

  it('answers the browser preflight from the bucket CORS rule', async () => {
    const res = await fetch(`${publicEndpoint}/files/tenants/t1/x.png`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-methods')).toContain('PUT');
  });

  it('removes objects and reports missing ones as null', async () => {
    const key = 'tenants/t1/logo/u5/logo.png';
    await store.put({ key, body: bytes, contentType: 'image/png' });
    await store.remove(key);
    expect(await store.head(key)).toBeNull();
    await expect(store.ping()).resolves.toBeUndefined();
  });
});
