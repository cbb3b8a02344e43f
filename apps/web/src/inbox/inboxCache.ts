import type { Conversation, Message, MessageStatus } from '@agenda-cheia/contracts';
import type { QueryClient } from '@tanstack/react-query';
import { getQueryKey } from '@trpc/react-query';
import { trpc, type RouterOutputs } from '../api/trpc';
import {
  membershipIn,
  placeConversation,
  upsertMessage,
  withMessageStatus,
  type ConversationPages,
  type MessagePages,
} from './cacheUpdates';

/**
 * The inbox's cached lists, kept current from realtime events instead of refetching: a new message
 * moves its conversation to the top of every loaded list it belongs to, and lands in its chat.
 */

export type ConversationPage = RouterOutputs['conversations']['list'];
export type MessagePage = RouterOutputs['messages']['list'];

/** A conversation's messages, newest first, paged by `before` (a message id): not tRPC's `cursor`. */
export function messagesQueryKey(conversationId: string) {
  return ['inbox', 'messages', conversationId] as const;
}

/** Puts a conversation's new state into every cached list and into its own query. */
export function applyConversation(queryClient: QueryClient, conversation: Conversation): void {
  const listKey = getQueryKey(trpc.conversations.list, undefined, 'infinite');
  for (const query of queryClient.getQueryCache().findAll({ queryKey: listKey })) {
    const [, params] = query.queryKey as readonly [unknown, { input?: unknown } | undefined];
    const membership = membershipIn(conversation, params?.input);
    if (membership === 'unknown') {
      void queryClient.invalidateQueries({ queryKey: query.queryKey, exact: true });
      continue;
    }
    queryClient.setQueryData<ConversationPages>(query.queryKey, (data) =>
      data === undefined ? data : placeConversation(data, conversation, membership === 'member'),
    );
  }
  queryClient.setQueryData(
    getQueryKey(trpc.conversations.get, { conversationId: conversation.id }, 'query'),
    conversation,
  );
}

export function applyMessage(queryClient: QueryClient, message: Message): void {
  queryClient.setQueryData<MessagePages>(messagesQueryKey(message.conversationId), (data) =>
    data === undefined ? data : upsertMessage(data, message),
  );
}

export function applyMessageStatus(
  queryClient: QueryClient,
  change: { conversationId: string; messageId: string; status: MessageStatus; error: string | null },
): void {
  queryClient.setQueryData<MessagePages>(messagesQueryKey(change.conversationId), (data) =>
    data === undefined ? data : withMessageStatus(data, change),
  );
}
