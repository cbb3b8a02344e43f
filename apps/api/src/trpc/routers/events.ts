import { EventEmitter, on } from 'node:events';
import { tracked } from '@trpc/server';
import { AppError, eventStreamInput, type RealtimeEvent } from '@agenda-cheia/contracts';
import type { EventEnvelope } from '@agenda-cheia/core';
import { toTRPCError } from '../errors';
import { protectedProcedure, router } from '../init';

const REPLAY_PAGE = 500;

export const eventsRouter = router({
  /**
   * The tenant's events, live. With `lastEventId`, first everything stored after it, then live, with
   * nothing lost in between: the live listener is attached before the replay starts and events it
   * buffered meanwhile are de-duplicated against the replay. Ends when the access token expires, so a
   * socket never outlives the session that opened it.
   */
  stream: protectedProcedure.input(eventStreamInput).subscription(async function* ({ ctx, input, signal }) {
    const { bus } = ctx.services;
    const tenantId = ctx.actor.tenantId;
    const expiry = new AbortController();
    const msLeft = ctx.actor.expiresAt.getTime() - ctx.services.clock.now().getTime();
    const timer = setTimeout(() => expiry.abort(), Math.max(0, msLeft));
    const stop = AbortSignal.any([expiry.signal, ...(signal ? [signal] : [])]);

    const inbox = new EventEmitter();
    const unsubscribe = bus.subscribe(tenantId, (envelope) => inbox.emit('envelope', envelope));
    const live = on(inbox, 'envelope', { signal: stop });
    try {
      const replayed = new Set<string>();
      let after = input.lastEventId;
      while (after) {
        const page = await bus.replayAfter(tenantId, after, REPLAY_PAGE);
        for (const envelope of page) {
          if (envelope.id === null) continue;
          replayed.add(envelope.id);
          yield tracked(envelope.id, envelope.event);
        }
        after = page.length === REPLAY_PAGE ? page[page.length - 1]?.id : undefined;
      }
      for await (const [envelope] of live as AsyncIterableIterator<[EventEnvelope]>) {
        if (envelope.id === null) {
          yield envelope.event satisfies RealtimeEvent;
        } else if (!replayed.delete(envelope.id)) {
          yield tracked(envelope.id, envelope.event);
        }
      }
    } catch (error) {
      if (!(error instanceof Error && error.name === 'AbortError')) throw error;
    } finally {
      clearTimeout(timer);
      unsubscribe();
    }
    if (expiry.signal.aborted && !signal?.aborted) {
      throw toTRPCError(new AppError('TOKEN_EXPIRED'));
    }
  }),
});
