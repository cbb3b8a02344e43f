import { randomUUID } from 'node:crypto';
import { createLocalTransport, type EventEnvelope, type EventTransport } from '@agenda-cheia/core';
import { Redis } from 'ioredis';
import type { Logger } from '../logger';

const CHANNEL = 'agenda-cheia:events';

interface WireMessage {
  origin: string;
  envelope: EventEnvelope;
}

/**
 * Redis pub/sub between API instances. Local subscribers are served directly, so an instance keeps
 * serving its own sockets while Redis is down; ioredis reconnects by itself and cross-instance
 * delivery resumes. Publishes during an outage are dropped (and logged), not queued: dashboards
 * catch up from the event store when they reconnect.
 */
export function createRedisTransport(options: { url: string; log: Logger }): EventTransport {
  const origin = randomUUID();
  const local = createLocalTransport();
  const connectionOptions = {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt: number) => Math.min(attempt * 200, 5_000),
  };
  const publisher = new Redis(options.url, connectionOptions);
  const subscriber = new Redis(options.url, { ...connectionOptions, enableOfflineQueue: true });
  let healthy = true;
  const onError = (error: Error) => {
    if (healthy) options.log.warn({ err: error }, 'redis unavailable: events reach this instance only');
    healthy = false;
  };
  publisher.on('error', onError);
  subscriber.on('error', onError);
  subscriber.on('ready', () => {
    if (!healthy) options.log.info('redis back: cross-instance events resumed');
    healthy = true;
  });
  void subscriber.subscribe(CHANNEL).catch(onError);
  subscriber.on('message', (_channel: string, raw: string) => {
    try {
      const message = JSON.parse(raw) as WireMessage;
      if (message.origin !== origin) local.deliverLocally(message.envelope);
    } catch (error) {
      options.log.warn({ err: error }, 'ignored a malformed event from redis');
    }
  });

  return {
    send(envelope) {
      local.deliverLocally(envelope);
      const message: WireMessage = { origin, envelope };
      publisher.publish(CHANNEL, JSON.stringify(message)).catch(onError);
    },
    onEnvelope: (listener) => local.onEnvelope(listener),
    async close() {
      subscriber.disconnect();
      publisher.disconnect();
      await local.close();
    },
  };
}
