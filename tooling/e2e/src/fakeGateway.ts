import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The exact bytes received, as text: signatures are computed over them. */
  rawBody: string;
  body: unknown;
}

export interface FakeGateway {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  received: ReceivedRequest[];
  /** The first request (already received or still to come) that `matches`; rejects after `timeoutMs`. */
  waitFor(matches: (request: ReceivedRequest) => boolean, timeoutMs?: number): Promise<ReceivedRequest>;
  close(): Promise<void>;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A local HTTP server standing in for n8n: it records every request and answers 200. */
export async function startFakeGateway(): Promise<FakeGateway> {
  const received: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      received.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        rawBody,
        body: parseJson(rawBody),
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    received,
    async waitFor(matches, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received.find(matches);
        if (found !== undefined) return found;
        if (Date.now() > deadline) {
          throw new Error(
            `the fake gateway got no matching request in ${timeoutMs} ms; it got: ${JSON.stringify(
              received.map((r) => `${r.method} ${r.path} ${r.rawBody.slice(0, 200)}`),
            )}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
