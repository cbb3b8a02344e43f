import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { S3Client } from '@aws-sdk/client-s3';
import { S3RequestPresigner } from '@aws-sdk/s3-request-presigner';
import type { S3Credentials } from './object-store';

type SignableRequest = Parameters<S3RequestPresigner['presign']>[0];

export interface PresignedGatewayOptions {
  /** The path the gateway is mounted at on the public server (`/s3`): part of what was signed. */
  mountPath: string;
  bucket: string;
  region: string;
  /** The credentials presigned URLs are signed with; only requests signed with them pass. */
  credentials: S3Credentials;
  /** The S3 server behind the gateway, and its own credentials. */
  upstream: { endpoint: string; credentials: S3Credentials; region: string };
  /** Told after every successful upload through the gateway (the embedded bucket's "ObjectCreated"). */
  onObjectCreated?: (object: { key: string; size: number; etag: string | null }) => void;
  now?: () => Date;
}

const MAX_EXPIRES_SECONDS = 7 * 24 * 3600;
const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
const AUTH_PARAMS = new Set([
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-Date',
  'X-Amz-Expires',
  'X-Amz-SignedHeaders',
  'X-Amz-Signature',
  'X-Amz-Content-Sha256',
]);

class GatewayRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function s3Error(res: ServerResponse, refusal: GatewayRefusal): void {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${refusal.code}</Code><Message>${refusal.message}</Message></Error>`;
  res.writeHead(refusal.status, {
    'content-type': 'application/xml',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

function parseAmzDate(value: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}

function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * The public face of the embedded S3 server: it serves only requests presigned with our credentials
 * (SigV4 query signatures, verified by recomputing them with the SDK's own presigner), refuses expired
 * or altered ones, and forwards the rest, re-signed, to the server on loopback. A PUT with another
 * content type or length than signed therefore fails here exactly as it would on S3.
 */
export function createPresignedGateway(options: PresignedGatewayOptions) {
  const now = options.now ?? (() => new Date());
  // Only used for their resolved configuration (hash, credentials, region) by the presigners.
  const publicClient = new S3Client({
    region: options.region,
    credentials: options.credentials,
    forcePathStyle: true,
  });
  const upstreamClient = new S3Client({
    region: options.upstream.region,
    credentials: options.upstream.credentials,
    forcePathStyle: true,
  });
  const verifier = new S3RequestPresigner({ ...publicClient.config });
  const upstreamSigner = new S3RequestPresigner({ ...upstreamClient.config });
  const upstream = new URL(options.upstream.endpoint);

  async function verify(req: IncomingMessage, url: URL): Promise<{ signedHeaders: string[] }> {
    const params = url.searchParams;
    if (params.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') {
      throw new GatewayRefusal(403, 'AccessDenied', 'Only presigned requests are accepted.');
    }
    const [accessKeyId, day, region, service, terminator] = (params.get('X-Amz-Credential') ?? '').split('/');
    if (
      accessKeyId === undefined ||
      !constantTimeEqual(accessKeyId, options.credentials.accessKeyId) ||
      service !== 's3' ||
      terminator !== 'aws4_request' ||
      region !== options.region
    ) {
      throw new GatewayRefusal(403, 'InvalidAccessKeyId', 'The access key in the URL is not known.');
    }
    const signingDate = parseAmzDate(params.get('X-Amz-Date') ?? '');
    const expiresIn = Number(params.get('X-Amz-Expires'));
    if (!signingDate || day !== params.get('X-Amz-Date')?.slice(0, 8)) {
      throw new GatewayRefusal(403, 'AccessDenied', 'X-Amz-Date is invalid.');
    }
    if (!Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > MAX_EXPIRES_SECONDS) {
      throw new GatewayRefusal(403, 'AuthorizationQueryParametersError', 'X-Amz-Expires is invalid.');
    }
    const at = now().getTime();
    if (at > signingDate.getTime() + expiresIn * 1000) {
      throw new GatewayRefusal(403, 'AccessDenied', 'Request has expired');
    }
    if (signingDate.getTime() - at > MAX_CLOCK_SKEW_MS) {
      throw new GatewayRefusal(403, 'RequestTimeTooSkewed', 'The request was signed in the future.');
    }
    const signedHeaders = (params.get('X-Amz-SignedHeaders') ?? '').split(';').filter(Boolean);
    if (!signedHeaders.includes('host')) {
      throw new GatewayRefusal(403, 'AccessDenied', 'The host header must be signed.');
    }
    const headers: Record<string, string> = {};
    for (const name of signedHeaders) {
      const value = headerValue(req, name);
      if (value === undefined) {
        throw new GatewayRefusal(403, 'SignatureDoesNotMatch', `Signed header ${name} is missing.`);
      }
      headers[name] = value;
    }
    const query: Record<string, string | string[]> = {};
    for (const [name, value] of params) {
      if (AUTH_PARAMS.has(name)) continue;
      const existing = query[name];
      query[name] = existing === undefined ? value : [...[existing].flat(), value];
    }
    const toSign: SignableRequest = {
      method: req.method ?? 'GET',
      protocol: url.protocol,
      hostname: url.hostname,
      path: url.pathname,
      query,
      headers,
    };
    const expected = await verifier.presign(toSign, {
      signingDate,
      expiresIn,
      signingRegion: options.region,
      signableHeaders: new Set(signedHeaders),
    });
    const provided = params.get('X-Amz-Signature') ?? '';
    const computed = String(expected.query?.['X-Amz-Signature'] ?? '');
    if (
      expected.query?.['X-Amz-SignedHeaders'] !== signedHeaders.join(';') ||
      !constantTimeEqual(provided, computed)
    ) {
      throw new GatewayRefusal(
        403,
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided.',
      );
    }
    return { signedHeaders };
  }

  function objectKeyOf(pathname: string): string | null {
    const prefix = `/${options.bucket}/`;
    if (!pathname.startsWith(prefix)) return null;
    try {
      const key = decodeURIComponent(pathname.slice(prefix.length));
      return key === '' ? null : key;
    } catch {
      return null;
    }
  }

  async function forward(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    upstreamPath: string,
    signedHeaders: string[] | null,
  ): Promise<void> {
    const headers: Record<string, string> = {};
    for (const name of [
      'content-type',
      'content-length',
      'origin',
      'access-control-request-method',
      'access-control-request-headers',
      'range',
      'if-none-match',
      'if-modified-since',
    ]) {
      const value = headerValue(req, name);
      if (value !== undefined) headers[name] = value;
    }
    let target = `${upstream.origin}${upstreamPath}${url.search}`;
    if (signedHeaders) {
      const query: Record<string, string | string[]> = {};
      for (const [name, value] of url.searchParams) if (!AUTH_PARAMS.has(name)) query[name] = value;
      const resigned = await upstreamSigner.presign(
        {
          method: req.method ?? 'GET',
          protocol: upstream.protocol,
          hostname: upstream.hostname,
          port: Number(upstream.port),
          path: upstreamPath,
          query,
          headers: Object.fromEntries(
            signedHeaders
              .filter((h) => h !== 'host' && headers[h] !== undefined)
              .map((h) => [h, headers[h] ?? '']),
          ),
        },
        { expiresIn: 60 },
      );
      const search = new URLSearchParams();
      for (const [name, value] of Object.entries(resigned.query ?? {})) {
        for (const v of [value].flat()) if (v !== null && v !== undefined) search.append(name, v);
      }
      target = `${upstream.origin}${upstreamPath}?${search.toString()}`;
    }
    await new Promise<void>((resolve, reject) => {
      const outgoing = httpRequest(target, { method: req.method, headers }, (upstreamRes) => {
        const status = upstreamRes.statusCode ?? 502;
        try {
          res.writeHead(status, upstreamRes.headers);
        } catch (error) {
          upstreamRes.resume();
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        upstreamRes.pipe(res);
        upstreamRes.once('end', () => {
          if (req.method === 'PUT' && status >= 200 && status < 300) {
            const key = objectKeyOf(upstreamPath);
            const etag = upstreamRes.headers.etag?.replaceAll('"', '') ?? null;
            if (key) options.onObjectCreated?.({ key, size: Number(headers['content-length'] ?? 0), etag });
          }
          resolve();
        });
        upstreamRes.once('error', reject);
      });
      outgoing.once('error', reject);
      req.pipe(outgoing);
    });
  }

  /** A Node request handler for requests under `mountPath`. */
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = headerValue(req, 'host') ?? 'localhost';
    try {
      if (!URL.canParse(req.url ?? '/', `http://${host}`)) {
        throw new GatewayRefusal(400, 'InvalidArgument', 'The Host header or path is invalid.');
      }
      const url = new URL(req.url ?? '/', `http://${host}`);
      if (!url.pathname.startsWith(`${options.mountPath}/`)) {
        throw new GatewayRefusal(404, 'NoSuchBucket', 'Not found.');
      }
      const upstreamPath = url.pathname.slice(options.mountPath.length);
      if (req.method === 'OPTIONS') {
        await forward(req, res, url, upstreamPath, null);
        return;
      }
      if (!['GET', 'HEAD', 'PUT'].includes(req.method ?? '') || objectKeyOf(upstreamPath) === null) {
        throw new GatewayRefusal(403, 'AccessDenied', 'Only presigned object requests are accepted.');
      }
      const { signedHeaders } = await verify(req, url);
      await forward(req, res, url, upstreamPath, signedHeaders);
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      req.resume();
      s3Error(
        res,
        error instanceof GatewayRefusal
          ? error
          : new GatewayRefusal(502, 'ServiceUnavailable', 'The storage is unavailable.'),
      );
    }
  };
}
