import { EventEmitter, on } from 'node:events';
import { tracked } from '@trpc/server';
import { AppError, type RealtimeEvent } from '@agenda-cheia/contracts';
import type { ActorContext, EventEnvelope } from '@agenda-cheia/core';
import type { Services } from '../services';
import { toTRPCError } from '../trpc/errors';

const REPLAY_PAGE = 500;

/**
 * A tenant's events for one subscriber. With `lastEventId`, first everything stored after it, then
 * live, with nothing lost in between: the live listener is attached before the replay starts and the
 * events it buffered meanwhile are de-duplicated against the replay. Ends when the access token
 * expires, so a socket never outlives the session that opened it.
 */
export async function* streamTenantEvents(options: {
  services: Pick<Services, 'bus' | 'clock'>;
  actor: ActorContext;
  lastEventId: string | null | undefined;
  signal: AbortSignal | undefined;
  include?: (event: RealtimeEvent) => boolean;
}) {
  const { bus, clock } = options.services;
  const { tenantId } = options.actor;
  const include = options.include ?? (() => true);
  const expiry = new AbortController();
  const timer = setTimeout(
    () => expiry.abort(),
    Math.max(0, options.actor.expiresAt.getTime() - clock.now().getTime()),
  );
  const stop = AbortSignal.any([expiry.signal, ...(options.signal ? [options.signal] : [])]);

  const inbox = new EventEmitter();
  const unsubscribe = bus.subscribe(tenantId, (envelope) => inbox.emit('envelope', envelope));
  const live = on(inbox, 'envelope', { signal: stop }) as AsyncIterableIterator<[EventEnvelope]>;
  try {
    const replayed = new Set<string>();
    let after = options.lastEventId;
    while (after) {
      const page = await bus.replayAfter(tenantId, after, REPLAY_PAGE);
      for (const envelope of page) {
        if (envelope.id === null) continue;
        replayed.add(envelope.id);
        if (include(envelope.event)) yield tracked(envelope.id, envelope.event);
      }
      after = page.length === REPLAY_PAGE ? page[page.length - 1]?.id : undefined;
    }
    for await (const [envelope] of live) {
      if (!include(envelope.event)) continue;
      if (envelope.id === null) yield envelope.event;
      else if (!replayed.delete(envelope.id)) yield tracked(envelope.id, envelope.event);
    }
  } catch (error) {
    if (!(error instanceof Error && error.name === 'AbortError')) throw error;
  } finally {
    clearTimeout(timer);
    unsubscribe();
  }
  if (expiry.signal.aborted && !options.signal?.aborted) throw toTRPCError(new AppError('TOKEN_EXPIRED'));
}

/** The conversation an event concerns, if any. */
export function conversationOf(event: RealtimeEvent): string | undefined {
  switch (event.event_type) {
    case 'message_created':
      return event.data.message.conversationId;
    case 'message_status':
    case 'typing':
      return event.data.conversationId;
    case 'conversation_updated':
      return event.data.conversation.id;
    case 'appointment_created':
    case 'appointment_updated':
      return undefined;
  }
}
