import { type LookupAllOptions } from 'node:dns';
import type * as DnsPromises from 'node:dns/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isIP, Socket, type AddressInfo, type LookupFunction } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  describeRemoteMediaRefusal,
  fetchRemoteMedia,
  isPublicAddress,
  RemoteMediaError,
  type RemoteMediaLimits,
  type RemoteMediaRefusal,
} from './remote-media';

// Names under .rebind.test never resolve for real: a download that succeeds through one of them proves the
// socket used the address we vetted, not a second lookup of its own.
vi.mock('node:dns/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof DnsPromises>();
  const fake: Record<string, string[]> = {
    'media.rebind.test': ['127.0.0.1'],
    'mixed.rebind.test': ['8.8.8.8', '127.0.0.1'],
    'metadata.rebind.test': ['169.254.169.254'],
  };
  return {
    ...actual,
    lookup: (hostname: string, options: LookupAllOptions) => {
      if (hostname === 'missing.rebind.test') {
        return Promise.reject(
          Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }),
        );
      }
      const addresses = fake[hostname];
      if (addresses) return Promise.resolve(addresses.map((address) => ({ address, family: 4 })));
      return actual.lookup(hostname, options);
    },
  };
});

const PHOTO = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 31) % 256));
const PDF = Buffer.from('%PDF-1.7\n% recibo\n');

let server: Server;
let port: number;
let base: string;
const hits: string[] = [];
/** Resolved when the server sees the client's socket go away, by request path. */
const closed = new Map<string, Promise<void>>();

function route(req: IncomingMessage, res: ServerResponse): void {
  const path = req.url ?? '/';
  hits.push(path);
  closed.set(path, new Promise((resolve) => req.socket.once('close', () => resolve())));
  if (path === '/media/photo.jpg' || path === '/media/photo.jpg?token=abc') {
    res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': PHOTO.length });
    res.end(PHOTO);
  } else if (path === '/message/download') {
    res.writeHead(200, {
      'content-type': 'Application/PDF; charset=binary',
      'content-disposition': 'attachment; filename="../../etc/recibo \\"final\\".pdf"',
    });
    res.end(PDF);
  } else if (path === '/message/utf8') {
    res.writeHead(200, {
      'content-type': 'image/jpeg',
      'content-disposition': `attachment; filename="fallback.jpg"; filename*=UTF-8''corte%20de%20cabelo%20%C3%A9.jpg`,
    });
    res.end(PHOTO);
  } else if (path === '/message/opaque') {
    res.writeHead(200, { 'content-type': 'image/jpeg' });
    res.end(PHOTO);
  } else if (path === '/big') {
    res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': 2000 });
    res.end(Buffer.alloc(2000));
  } else if (path === '/big-chunked') {
    // No Content-Length: only counting while streaming can catch it. Bounded, and stops once the client leaves.
    res.writeHead(200, { 'content-type': 'image/jpeg' });
    let sent = 0;
    const pump = (): void => {
      if (res.destroyed || sent >= 64) {
        res.end();
        return;
      }
      sent += 1;
      res.write(Buffer.alloc(16 * 1024));
      setTimeout(pump, 5);
    };
    pump();
  } else if (path === '/html') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<h1>login</h1>');
  } else if (path === '/no-type') {
    res.writeHead(200);
    res.end(PHOTO);
  } else if (path === '/redirect-relative') {
    res.writeHead(302, { location: '/media/photo.jpg' });
    res.end();
  } else if (path === '/redirect-private') {
    res.writeHead(302, { location: `http://localhost:${port}/media/photo.jpg` });
    res.end();
  } else if (path === '/redirect-metadata') {
    res.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' });
    res.end();
  } else if (path === '/redirect-ftp') {
    res.writeHead(307, { location: 'ftp://example.com/photo.jpg' });
    res.end();
  } else if (path.startsWith('/loop/')) {
    const n = Number(path.slice('/loop/'.length));
    if (n >= 10) {
      res.writeHead(200, { 'content-type': 'image/jpeg' });
      res.end(PHOTO);
    } else {
      res.writeHead(302, { location: `/loop/${n + 1}` });
      res.end();
    }
  } else if (path === '/hang') {
    // Never answers: the client's deadline must end it.
  } else if (path === '/drop') {
    res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': PHOTO.length });
    res.write(PHOTO.subarray(0, 100), () => req.socket.destroy());
  } else {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  }
}

// Tripwire: if a regression ever let a refused address through, the test must fail without a single packet
// leaving this machine (10.0.0.1, 169.254.169.254 and 8.8.8.8 appear in the cases above).
type Connect = (this: Socket, ...args: unknown[]) => Socket;
const realConnect = Object.getOwnPropertyDescriptor(Socket.prototype, 'connect')?.value as Connect;

function isLoopback(address: string): boolean {
  return address === '::1' || /^(::ffff:)?127\./.test(address);
}

function guardLookup(inner: LookupFunction): LookupFunction {
  return (hostname, options, callback) =>
    inner(hostname, options, (error, address, family) => {
      const addresses = typeof address === 'string' ? [address] : address.map((entry) => entry.address);
      const outside = addresses.find((candidate) => candidate !== '' && !isLoopback(candidate));
      if (!error && outside !== undefined) callback(new Error(`tripwire: connect to ${outside}`), '');
      else callback(error, address, family);
    });
}

const loopbackOnlyConnect: Connect = function (this: Socket, ...args: unknown[]) {
  // net.connect hands Socket#connect its normalized [options, listener] array.
  const first = args[0];
  const options: unknown = Array.isArray(first) ? first[0] : first;
  if (typeof options === 'object' && options !== null) {
    const target = options as { host?: unknown; lookup?: LookupFunction };
    if (typeof target.host === 'string' && isIP(target.host) !== 0 && !isLoopback(target.host)) {
      throw new Error(`tripwire: connect to ${target.host}`);
    }
    if (target.lookup) target.lookup = guardLookup(target.lookup);
  }
  return realConnect.apply(this, args);
};

function limits(overrides: Partial<RemoteMediaLimits> = {}): RemoteMediaLimits {
  return {
    maxBytes: 1_000_000,
    timeoutMs: 5_000,
    allowedContentTypes: ['image/jpeg', 'application/pdf', 'audio/ogg'],
    allowedHosts: [`127.0.0.1:${port}`],
    ...overrides,
  };
}

async function serverSawClose(path: string): Promise<void> {
  const socketClosed = closed.get(path);
  expect(socketClosed, `the server never saw ${path}`).toBeDefined();
  await socketClosed;
}

async function refusal(promise: Promise<unknown>): Promise<RemoteMediaRefusal> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(RemoteMediaError);
  return (error as RemoteMediaError).reason;
}

beforeAll(async () => {
  Socket.prototype.connect = loopbackOnlyConnect;
  server = createServer(route);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  Socket.prototype.connect = realConnect;
  server.closeAllConnections();
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
});

beforeEach(() => {
  hits.length = 0;
  closed.clear();
});

describe('isPublicAddress', () => {
  it.each([
    ['8.8.8.8', true],
    ['1.1.1.1', true],
    ['2001:4860:4860::8888', true],
    ['::ffff:8.8.8.8', true],
    ['127.0.0.1', false],
    ['127.10.20.30', false],
    ['::1', false],
    ['[::1]', false],
    ['10.0.0.1', false],
    ['172.16.0.1', false],
    ['172.31.255.254', false],
    ['192.168.1.10', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['0.0.0.0', false],
    ['255.255.255.255', false],
    ['224.0.0.1', false],
    ['240.0.0.1', false],
    ['192.0.2.1', false],
    ['198.18.0.1', false],
    ['::', false],
    ['fe80::1', false],
    ['fc00::1', false],
    ['fd12:3456::1', false],
    ['ff02::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:169.254.169.254', false],
    ['::ffff:7f00:1', false],
    ['64:ff9b::7f00:1', false],
    ['2002:7f00:1::', false],
    ['2001:db8::1', false],
    ['4000::1', false],
    ['not-an-ip', false],
  ])('%s -> %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe('fetchRemoteMedia refusals before any connection', () => {
  it.each([
    'http://127.0.0.1:{port}/media/photo.jpg',
    'http://localhost:{port}/media/photo.jpg',
    'http://10.0.0.1/media/photo.jpg',
    'http://169.254.169.254/latest/meta-data/',
    'http://[::1]:{port}/media/photo.jpg',
    'http://[::ffff:127.0.0.1]:{port}/media/photo.jpg',
    'http://0.0.0.0:{port}/media/photo.jpg',
    'http://2130706433:{port}/media/photo.jpg',
    'http://0x7f.1:{port}/media/photo.jpg',
    'http://metadata.rebind.test/latest/meta-data/',
    'http://mixed.rebind.test:{port}/media/photo.jpg',
  ])('%s is private_address when not allow-listed', async (template) => {
    const url = template.replace('{port}', String(port));
    expect(await refusal(fetchRemoteMedia(url, limits({ allowedHosts: [] })))).toBe('private_address');
    expect(hits).toEqual([]);
  });

  it('does not let an allow-list entry for another port open the host', async () => {
    const reason = await refusal(
      fetchRemoteMedia(`${base}/media/photo.jpg`, limits({ allowedHosts: ['127.0.0.1:1'] })),
    );
    expect(reason).toBe('private_address');
  });

  it.each([
    'ftp://example.com/photo.jpg',
    'file:///etc/passwd',
    'data:image/jpeg;base64,AAAA',
    'gopher://x/',
  ])('%s is protocol_not_allowed', async (url) => {
    expect(await refusal(fetchRemoteMedia(url, limits()))).toBe('protocol_not_allowed');
  });

  it.each([
    'not a url',
    '',
    'http://',
    '/media/photo.jpg',
    'http://user:secret@127.0.0.1:{port}/media/photo.jpg',
  ])('%j is invalid_url', async (template) => {
    const url = template.replace('{port}', String(port));
    expect(await refusal(fetchRemoteMedia(url, limits()))).toBe('invalid_url');
    expect(hits).toEqual([]);
  });

  it('reports a name that does not resolve as dns_failed', async () => {
    expect(await refusal(fetchRemoteMedia('http://missing.rebind.test/a.jpg', limits()))).toBe('dns_failed');
  });
});

describe('fetchRemoteMedia downloads from an allow-listed host', () => {
  it('returns the exact bytes, the content type and the file name from the path', async () => {
    const media = await fetchRemoteMedia(`${base}/media/photo.jpg?token=abc`, limits());
    expect(media.bytes.equals(PHOTO)).toBe(true);
    expect(media.contentType).toBe('image/jpeg');
    expect(media.filename).toBe('photo.jpg');
  });

  it('takes the file name from Content-Disposition, stripped of any path, and compares the type without parameters', async () => {
    const media = await fetchRemoteMedia(`${base}/message/download`, limits());
    expect(media.bytes.equals(PDF)).toBe(true);
    expect(media.contentType).toBe('application/pdf');
    expect(media.filename).toBe('recibo "final".pdf');
  });

  it('prefers the RFC 8187 filename* form', async () => {
    const media = await fetchRemoteMedia(`${base}/message/utf8`, limits());
    expect(media.filename).toBe('corte de cabelo é.jpg');
  });

  it('gives no file name when neither the header nor the path has one', async () => {
    const media = await fetchRemoteMedia(`${base}/message/opaque`, limits());
    expect(media.filename).toBeNull();
  });

  it('accepts a host-only allow-list entry, and a name through DNS', async () => {
    const byHost = await fetchRemoteMedia(`${base}/media/photo.jpg`, limits({ allowedHosts: ['127.0.0.1'] }));
    expect(byHost.bytes.equals(PHOTO)).toBe(true);
    const byName = await fetchRemoteMedia(
      `http://localhost:${port}/media/photo.jpg`,
      limits({ allowedHosts: [`localhost:${port}`] }),
    );
    expect(byName.bytes.equals(PHOTO)).toBe(true);
  });

  it('connects to the vetted address instead of resolving the name again', async () => {
    const media = await fetchRemoteMedia(
      `http://media.rebind.test:${port}/media/photo.jpg`,
      limits({ allowedHosts: [`media.rebind.test:${port}`] }),
    );
    expect(media.bytes.equals(PHOTO)).toBe(true);
  });

  it('follows a relative redirect on the same host', async () => {
    const media = await fetchRemoteMedia(`${base}/redirect-relative`, limits());
    expect(media.bytes.equals(PHOTO)).toBe(true);
    expect(media.filename).toBe('photo.jpg');
    expect(hits).toEqual(['/redirect-relative', '/media/photo.jpg']);
  });
});

describe('fetchRemoteMedia refusals from the server', () => {
  it('refuses an honest Content-Length over maxBytes', async () => {
    expect(await refusal(fetchRemoteMedia(`${base}/big`, limits({ maxBytes: 1000 })))).toBe('too_large');
    await serverSawClose('/big');
  });

  it('refuses a chunked body once it passes maxBytes, and hangs up', async () => {
    const reason = await refusal(fetchRemoteMedia(`${base}/big-chunked`, limits({ maxBytes: 100 * 1024 })));
    expect(reason).toBe('too_large');
    await serverSawClose('/big-chunked');
  });

  it('refuses a content type that is not allowed, or none at all', async () => {
    expect(await refusal(fetchRemoteMedia(`${base}/html`, limits()))).toBe('type_not_allowed');
    expect(await refusal(fetchRemoteMedia(`${base}/no-type`, limits()))).toBe('type_not_allowed');
  });

  it('refuses a redirect from the allowed host to a private host', async () => {
    expect(await refusal(fetchRemoteMedia(`${base}/redirect-private`, limits()))).toBe('private_address');
    expect(await refusal(fetchRemoteMedia(`${base}/redirect-metadata`, limits()))).toBe('private_address');
    expect(hits).toEqual(['/redirect-private', '/redirect-metadata']);
  });

  it('refuses a redirect to another protocol', async () => {
    expect(await refusal(fetchRemoteMedia(`${base}/redirect-ftp`, limits()))).toBe('protocol_not_allowed');
  });

  it('stops after maxRedirects', async () => {
    expect(await refusal(fetchRemoteMedia(`${base}/loop/0`, limits()))).toBe('too_many_redirects');
    expect(hits).toEqual(['/loop/0', '/loop/1', '/loop/2', '/loop/3']);
    expect(await refusal(fetchRemoteMedia(`${base}/loop/8`, limits({ maxRedirects: 1 })))).toBe(
      'too_many_redirects',
    );
    const media = await fetchRemoteMedia(`${base}/loop/7`, limits());
    expect(media.bytes.equals(PHOTO)).toBe(true);
  });

  it('times out on a server that never answers, and closes the socket', async () => {
    const reason = await refusal(fetchRemoteMedia(`${base}/hang`, limits({ timeoutMs: 300 })));
    expect(reason).toBe('timeout');
    await serverSawClose('/hang');
  });

  it('reports a non-2xx answer as http_error', async () => {
    expect(await refusal(fetchRemoteMedia(`${base}/missing.jpg`, limits()))).toBe('http_error');
  });

  it('reports a connection dropped mid-body as network_error', async () => {
    expect(await refusal(fetchRemoteMedia(`${base}/drop`, limits()))).toBe('network_error');
  });

  it('reports a refused connection as network_error', async () => {
    const spare = createServer();
    await new Promise<void>((resolve) => spare.listen(0, '127.0.0.1', resolve));
    const closedPort = (spare.address() as AddressInfo).port;
    await new Promise<void>((resolve) => spare.close(() => resolve()));
    const reason = await refusal(
      fetchRemoteMedia(
        `http://127.0.0.1:${closedPort}/a.jpg`,
        limits({ allowedHosts: [`127.0.0.1:${closedPort}`] }),
      ),
    );
    expect(reason).toBe('network_error');
  });
});

describe('describeRemoteMediaRefusal', () => {
  it('has a distinct pt-BR sentence for every reason', () => {
    const reasons: RemoteMediaRefusal[] = [
      'invalid_url',
      'protocol_not_allowed',
      'private_address',
      'dns_failed',
      'too_large',
      'type_not_allowed',
      'timeout',
      'http_error',
      'too_many_redirects',
      'network_error',
    ];
    const sentences = reasons.map(describeRemoteMediaRefusal);
    expect(new Set(sentences).size).toBe(reasons.length);
    for (const sentence of sentences) expect(sentence).toMatch(/^[A-ZÀ-Ú].*\.$/);
    expect(describeRemoteMediaRefusal('too_large')).toBe('O arquivo é grande demais.');
  });
});
