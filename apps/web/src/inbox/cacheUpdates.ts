import {
  listConversationsInput,
  type Conversation,
  type Message,
  type MessageStatus,
} from '@agenda-cheia/contracts';
import type { InfiniteData } from '@tanstack/react-query';

/**
 * How realtime events change the inbox's loaded pages: pure functions over the cached data, so the
 * ordering rules (the server's) can be checked without a browser.
 */

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
export type ConversationPages = InfiniteData<Page<Conversation>, string | null | undefined>;
export type MessagePages = InfiniteData<Page<Message>, string | undefined>;

function activityOf(conversation: Conversation): number {
  return conversation.lastMessageAt === null ? -Infinity : Date.parse(conversation.lastMessageAt);
}

/** The server's order: newest activity first, then id descending. */
function comesBefore(a: Conversation, b: Conversation): boolean {
  const difference = activityOf(a) - activityOf(b);
  if (difference !== 0) return difference > 0;
  return a.id > b.id;
}

export type Membership = 'member' | 'not-member' | 'unknown';

/** Whether a conversation belongs in a list with these filters; a text search is the server's to decide. */
export function membershipIn(conversation: Conversation, rawInput: unknown): Membership {
  const parsed = listConversationsInput.safeParse(rawInput);
  if (!parsed.success) return 'unknown';
  const filters = parsed.data;
  if (filters.status !== undefined && conversation.status !== filters.status) return 'not-member';
  if (filters.assigneeId !== undefined && conversation.assigneeId !== filters.assigneeId) return 'not-member';
  if (filters.search !== undefined && filters.search !== '') return 'unknown';
  return 'member';
}

/**
 * The loaded pages with `conversation` in its place (or out, when it no longer matches). A
 * conversation whose place is beyond the loaded pages is left for "Carregar mais" to bring.
 */
export function placeConversation(
  data: ConversationPages,
  conversation: Conversation,
  belongs: boolean,
): ConversationPages {
  const pages = data.pages.map((page) => ({
    ...page,
    items: page.items.filter((item) => item.id !== conversation.id),
  }));
  if (belongs) {
    const target = pages.findIndex((page) => page.items.some((item) => comesBefore(conversation, item)));
    if (target >= 0) {
      const page = pages[target];
      if (page !== undefined) {
        const at = page.items.findIndex((item) => comesBefore(conversation, item));
        page.items.splice(at, 0, conversation);
      }
    } else {
      const last = pages[pages.length - 1];
      if (last !== undefined && last.nextCursor === null) last.items.push(conversation);
    }
  }
  return { ...data, pages };
}

/** How far a message got; a status never moves back (a late "sent" after "read" is ignored). */
const STATUS_RANK: Record<MessageStatus, number> = {
  received: 0,
  queued: 1,
  sent: 2,
  failed: 2.5,
  delivered: 3,
  read: 4,
};

export function isFurther(next: MessageStatus, current: MessageStatus): boolean {
  return STATUS_RANK[next] > STATUS_RANK[current];
}

function newerFirst(a: Message, b: Message): number {
  const difference = Date.parse(b.createdAt) - Date.parse(a.createdAt);
  if (difference !== 0) return difference;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** Adds or refreshes a message in its chat, keeping the furthest status either side has seen. */
export function upsertMessage(data: MessagePages, message: Message): MessagePages {
  let found = false;
  const pages = data.pages.map((page) => ({
    ...page,
    items: page.items.map((item) => {
      if (item.id !== message.id) return item;
      found = true;
      return isFurther(item.status, message.status)
        ? { ...message, status: item.status, statusError: item.statusError }
        : message;
    }),
  }));
  const first = pages[0];
  if (!found && first !== undefined) first.items = [message, ...first.items].sort(newerFirst);
  return { ...data, pages };
}

/** A delivery status change applied to the loaded pages (only ever forward). */
export function withMessageStatus(
  data: MessagePages,
  change: { messageId: string; status: MessageStatus; error: string | null },
): MessagePages {
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      items: page.items.map((item) =>
        item.id === change.messageId && isFurther(change.status, item.status)
          ? { ...item, status: change.status, statusError: change.error }
          : item,
      ),
    })),
  };
}
