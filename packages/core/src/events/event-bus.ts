import { EventEmitter } from 'node:events';
import { isDurableEvent, type RealtimeEvent, realtimeEventSchema } from '@agenda-cheia/contracts';
import type { Database, Kysely } from '@agenda-cheia/db';

/** An event as it travels: durable events carry their stored id, transient ones none. */
export interface EventEnvelope {
  id: string | null;
  tenantId: string;
  event: RealtimeEvent;
}

/**
 * Carries envelopes to the subscribers of every API instance (this one included). In-process for one
 * instance; Redis pub/sub when several share the load.
 */
export interface EventTransport {
  send(envelope: EventEnvelope): void;
  onEnvelope(listener: (envelope: EventEnvelope) => void): () => void;
  close(): Promise<void>;
}

export function createLocalTransport(): EventTransport & { deliverLocally(envelope: EventEnvelope): void } {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const deliverLocally = (envelope: EventEnvelope) => {
    emitter.emit('envelope', envelope);
  };
  return {
    send: deliverLocally,
    deliverLocally,
    onEnvelope(listener) {
      emitter.on('envelope', listener);
      return () => emitter.off('envelope', listener);
    },
    close: () => Promise.resolve(),
  };
}

/** How core announces what happened, and how subscribers hear it and catch up after a reconnect. */
export interface EventBus {
  publish(tenantId: string, event: RealtimeEvent): Promise<void>;
  subscribe(tenantId: string, listener: (envelope: EventEnvelope) => void): () => void;
  /** Stored events of the tenant after `afterId`, oldest first. */
  replayAfter(tenantId: string, afterId: string, limit: number): Promise<EventEnvelope[]>;
  close(): Promise<void>;
}

export function createEventBus(deps: { db: Kysely<Database>; transport: EventTransport }): EventBus {
  const { db, transport } = deps;
  // One transport listener fans out per tenant, so each event costs one lookup, not one call per socket.
  const byTenant = new EventEmitter();
  byTenant.setMaxListeners(0);
  const stop = transport.onEnvelope((envelope) => byTenant.emit(envelope.tenantId, envelope));

  return {
    async publish(tenantId, event) {
      let id: string | null = null;
      if (isDurableEvent(event)) {
        const row = await db
          .insertInto('events')
          .values({ tenant_id: tenantId, event_type: event.event_type, data: JSON.stringify(event.data) })
          .returning('id')
          .executeTakeFirstOrThrow();
        id = row.id;
      }
      transport.send({ id, tenantId, event });
    },

    subscribe(tenantId, listener) {
      byTenant.on(tenantId, listener);
      return () => byTenant.off(tenantId, listener);
    },

    async replayAfter(tenantId, afterId, limit) {
      const rows = await db
        .selectFrom('events')
        .select(['id', 'event_type', 'data'])
        .where('tenant_id', '=', tenantId)
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.flatMap((row) => {
        // A stored event from an older release that no longer parses is skipped, not fatal.
        const parsed = realtimeEventSchema.safeParse({ event_type: row.event_type, data: row.data });
        return parsed.success ? [{ id: row.id, tenantId, event: parsed.data }] : [];
      });
    },

    async close() {
      stop();
      byTenant.removeAllListeners();
      await transport.close();
    },
  };
}
