import { z } from 'zod';
import {
  assignConversationInput,
  conversationIdInput,
  conversationPageSchema,
  conversationSchema,
  conversationStreamInput,
  listConversationsInput,
  setConversationModeInput,
  setConversationStatusInput,
  typingInput,
} from '@agenda-cheia/contracts';
import { conversationOf, streamTenantEvents } from '../../realtime/event-stream';
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

  /** One conversation's messages, statuses and typing, live and resumable. */
  stream: protectedProcedure.input(conversationStreamInput).subscription(async function* ({
    ctx,
    input,
    signal,
  }) {
    await ctx.services.inbox.get(ctx.actor, input.conversationId);
    yield* streamTenantEvents({
      services: ctx.services,
      actor: ctx.actor,
      lastEventId: input.lastEventId,
      signal,
      include: (event) => conversationOf(event) === input.conversationId,
    });
  }),

  typing: protectedProcedure
    .input(typingInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.inbox.typing(ctx.actor, input.conversationId, input.typing);
      return { ok: true as const };
    }),
});
