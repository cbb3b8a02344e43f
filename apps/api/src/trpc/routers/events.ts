import { eventStreamInput } from '@agenda-cheia/contracts';
import { streamTenantEvents } from '../../realtime/event-stream';
import { protectedProcedure, router } from '../init';

export const eventsRouter = router({
  /** Every event of the caller's tenant: live, and resumable with `lastEventId`. */
  stream: protectedProcedure.input(eventStreamInput).subscription(({ ctx, input, signal }) =>
    streamTenantEvents({
      services: ctx.services,
      actor: ctx.actor,
      lastEventId: input.lastEventId,
      signal,
    }),
  ),
});
