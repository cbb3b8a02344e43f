import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { startApiServer } from '../src/server';
import { benchEvent, type ServerReply, type ServerRequest } from './fanout-protocol';
import { monotonicMs } from './support';

/**
 * The fan-out benchmark's API: the real composition root (`startApiServer`, configured from the
 * environment as `src/main.ts` does), in a process of its own so that the 5,000 subscribers' client
 * work does not share its event loop. Over IPC it publishes the benchmark's event on the tenant's event
 * bus, noting when (the machine's monotonic clock), and reports its memory after a full GC.
 */
const config = loadConfig();
const server = await startApiServer({ config, logger: createLogger(config) });
const reply = (message: ServerReply) => process.send?.(message);

process.on('message', (request: ServerRequest) => {
  if (request.type === 'publish') {
    const event = benchEvent(request.marker);
    const t0 = monotonicMs();
    void server.services.bus
      .publish(request.tenantId ?? '', event)
      .then(() => reply({ type: 'published', marker: request.marker, t0 }));
  } else {
    const gc = globalThis.gc;
    gc?.();
    gc?.();
    const usage = process.memoryUsage();
    reply({ type: 'memory', rss: usage.rss, heapUsed: usage.heapUsed, external: usage.external, gc: !!gc });
  }
});
process.on('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
reply({ type: 'ready', port: server.port });
