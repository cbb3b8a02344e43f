import {
  authRequestListOutput,
  decideAuthRequestInput,
  decideAuthRequestOutput,
  listAuthRequestsInput,
} from '@agenda-cheia/contracts';
import { protectedProcedure, router } from '../init';

/** Bookings awaiting the owner: the design documents' sync/pending-auth-requests and confirm-auth-request. */
export const authRequestsRouter = router({
  listPending: protectedProcedure
    .output(authRequestListOutput)
    .query(({ ctx }) => ctx.services.authRequests.listPending(ctx.actor)),

  list: protectedProcedure
    .input(listAuthRequestsInput)
    .output(authRequestListOutput)
    .query(({ ctx, input }) => ctx.services.authRequests.list(ctx.actor, input)),

  decide: protectedProcedure
    .input(decideAuthRequestInput)
    .output(decideAuthRequestOutput)
    .mutation(({ ctx, input }) => ctx.services.authRequests.decide(ctx.actor, input)),
});
