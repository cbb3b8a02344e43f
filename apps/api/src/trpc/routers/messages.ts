import { listMessagesInput, messagePageSchema } from '@agenda-cheia/contracts';
import { protectedProcedure, router } from '../init';

export const messagesRouter = router({
  list: protectedProcedure
    .input(listMessagesInput)
    .output(messagePageSchema)
    .query(({ ctx, input }) => ctx.services.inbox.messages(ctx.actor, input)),
});
