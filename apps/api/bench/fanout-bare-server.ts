import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { benchEvent, type ServerReply, type ServerRequest } from './fanout-protocol';
import { monotonicMs } from './support';

/**
 * The fan-out benchmark's baseline: a bare `ws` server on the same path, broadcasting the very bytes the
 * API sends each subscriber for the same event (a tRPC data message of a tracked event), serialised once.
 */
const http = createServer();
const wss = new WebSocketServer({ server: http, path: '/trpc', maxPayload: 1024 * 1024 });
let sequence = 0;
const reply = (message: ServerReply) => process.send?.(message);

process.on('message', (request: ServerRequest) => {
  if (request.type === 'publish') {
    const t0 = monotonicMs();
    sequence += 1;
    const id = String(sequence);
    const data = JSON.stringify({
      id: 1,
      result: { type: 'data', id, data: { id, data: benchEvent(request.marker) } },
    });
    for (const client of wss.clients) client.send(data);
    reply({ type: 'published', marker: request.marker, t0 });
  } else {
    const gc = globalThis.gc;
    gc?.();
    gc?.();
    const usage = process.memoryUsage();
    reply({ type: 'memory', rss: usage.rss, heapUsed: usage.heapUsed, external: usage.external, gc: !!gc });
  }
});
process.on('SIGTERM', () => {
  for (const client of wss.clients) client.terminate();
  wss.close();
  http.close(() => process.exit(0));
});
http.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  reply({ type: 'ready', port: (http.address() as AddressInfo).port });
});
