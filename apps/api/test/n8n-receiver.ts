import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Delivery {
  key: string;
  signature: string;
  contentType: string;
  body: string;
  answered: number | 'nothing';
}

/** Stands in for n8n: records every POST and answers with `answer(attempt number for that key)`. */
export async function startReceiver(answer: (attempt: number) => number | 'nothing' = () => 200) {
  const deliveries: Delivery[] = [];
  const header = (headers: IncomingHttpHeaders, name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value.join(',') : (value ?? '');
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const key = header(req.headers, 'idempotency-key');
      const attempt = deliveries.filter((d) => d.key === key).length + 1;
      const answered = answer(attempt);
      deliveries.push({
        key,
        signature: header(req.headers, 'x-agenda-signature'),
        contentType: header(req.headers, 'content-type'),
        body: Buffer.concat(chunks).toString('utf8'),
        answered,
      });
      if (answered !== 'nothing')
        res.writeHead(answered, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhook/agenda-cheia`,
    deliveries,
    attemptsFor: (key: string) => deliveries.filter((d) => d.key === key).length,
    successesFor: (key: string) =>
      deliveries.filter((d) => d.key === key && typeof d.answered === 'number' && d.answered < 300).length,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
