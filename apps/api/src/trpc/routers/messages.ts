import {
  listMessagesInput,
  messagePageSchema,
  messageSchema,
  sendMessageInput,
} from '@agenda-cheia/contracts';
import { protectedProcedure, router } from '../init';

export const messagesRouter = router({
  list: protectedProcedure
    .input(listMessagesInput)
    .output(messagePageSchema)
    .query(({ ctx, input }) => ctx.services.inbox.messages(ctx.actor, input)),

  /**
   * Answers at once with the stored message (the ack for an optimistic UI); delivery happens in the
   * background. A human replying takes the conversation over from the AI.
   */
  send: protectedProcedure
    .input(sendMessageInput)
    .output(messageSchema)
    .mutation(async ({ ctx, input }) => {
      const attachment = input.attachmentFileId
        ? await ctx.services.files.requireUsable(ctx.actor.tenantId, input.attachmentFileId, 'attachment')
        : null;
      const message = await ctx.services.outbound.send({
        tenantId: ctx.actor.tenantId,
        conversationId: input.conversationId,
        author: 'staff',
        authorUserId: ctx.actor.userId,
        text: input.text,
        media: attachment
          ? {
              fileId: attachment.id,
              mimeType: attachment.contentType,
              filename: attachment.filename,
              size: attachment.size,
            }
          : null,
        clientMessageId: input.clientMessageId,
      });
      const conversation = await ctx.services.inbox.get(ctx.actor, input.conversationId);
      if (conversation.mode !== 'human')
        await ctx.services.inbox.setMode(ctx.actor, input.conversationId, 'human');
      return message;
    }),
});
