import { z } from 'zod';
import {
  assignConversationInput,
  conversationIdInput,
  conversationPageSchema,
  conversationSchema,
  listConversationsInput,
  setConversationModeInput,
  setConversationStatusInput,
  typingInput,
} from '@agenda-cheia/contracts';
import { protectedProcedure, router } from '../init';

export const conversationsRouter = router({
  list: protectedProcedure
    .input(listConversationsInput)
    .output(conversationPageSchema)
    .query(({ ctx, input }) => ctx.services.inbox.list(ctx.actor, input)),

  get: protectedProcedure
    .input(conversationIdInput)
    .output(conversationSchema)
    .query(({ ctx, input }) => ctx.services.inbox.get(ctx.actor, input.conversationId)),

  assign: protectedProcedure
    .input(assignConversationInput)
    .output(conversationSchema)
    .mutation(({ ctx, input }) => ctx.services.inbox.assign(ctx.actor, input.conversationId, input.userId)),

  setStatus: protectedProcedure
    .input(setConversationStatusInput)
    .output(conversationSchema)
    .mutation(({ ctx, input }) =>
      ctx.services.inbox.setStatus(ctx.actor, input.conversationId, input.status),
    ),

  setMode: protectedProcedure
    .input(setConversationModeInput)
    .output(conversationSchema)
    .mutation(({ ctx, input }) => ctx.services.inbox.setMode(ctx.actor, input.conversationId, input.mode)),

  markRead: protectedProcedure
    .input(conversationIdInput)
    .output(conversationSchema)
    .mutation(({ ctx, input }) => ctx.services.inbox.markRead(ctx.actor, input.conversationId)),

  typing: protectedProcedure
    .input(typingInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.inbox.typing(ctx.actor, input.conversationId, input.typing);
      return { ok: true as const };
    }),
});
