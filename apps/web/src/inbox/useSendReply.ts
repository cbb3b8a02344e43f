import { useQueryClient } from '@tanstack/react-query';
import { trpc } from '../api/trpc';
import { describeFailure } from '../forms/errors';
import { applyMessage } from './inboxCache';
import { putPendingReply, removePendingReply, type PendingAttachment, type PendingReply } from './outbox';

/** crypto.randomUUID exists only in secure contexts; a salon testing over plain http on its network has not. */
function newClientMessageId(): string {
  if (window.isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Sending a reply: it shows at once as pending, and the server's answer (the stored message)
 * replaces it. A failed attempt stays, to be sent again with the same clientMessageId (and the same
 * uploaded file: only its id travels, so a retry never uploads it again).
 */
export function useSendReply(): {
  send: (conversationId: string, text: string, attachment?: PendingAttachment | null) => void;
  retry: (reply: PendingReply) => void;
} {
  const utils = trpc.useUtils();
  const queryClient = useQueryClient();

  const attempt = (reply: PendingReply) => {
    putPendingReply({ ...reply, state: 'sending', error: null });
    utils.client.messages.send
      .mutate({
        conversationId: reply.conversationId,
        text: reply.text,
        clientMessageId: reply.clientMessageId,
        ...(reply.attachment === null ? {} : { attachmentFileId: reply.attachment.fileId }),
      })
      .then(
        (message) => {
          applyMessage(queryClient, message);
          removePendingReply(reply.clientMessageId);
        },
        (error: unknown) => {
          putPendingReply({ ...reply, state: 'failed', error: describeFailure(error).message });
        },
      );
  };

  return {
    send: (conversationId, text, attachment = null) =>
      attempt({
        clientMessageId: newClientMessageId(),
        conversationId,
        text,
        attachment,
        createdAt: new Date().toISOString(),
        state: 'sending',
        error: null,
      }),
    retry: attempt,
  };
}
