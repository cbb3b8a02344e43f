import { EventEmitter } from 'node:events';
import type { RealtimeEvent } from '@agenda-cheia/contracts';

export interface TenantEvent {
  tenantId: string;
  event: RealtimeEvent;
}

/**
 * How core announces what happened. The in-process bus serves one API instance; a Redis-backed one
 * (same interface) lets several instances share events.
 */
export interface EventBus {
  publish(tenantId: string, event: RealtimeEvent): Promise<void>;
  subscribe(tenantId: string, listener: (event: RealtimeEvent) => void): () => void;
}

export function createInProcessEventBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    publish(tenantId, event) {
      emitter.emit(tenantId, event);
      return Promise.resolve();
    },
    subscribe(tenantId, listener) {
      emitter.on(tenantId, listener);
      return () => emitter.off(tenantId, listener);
    },
  };
}
