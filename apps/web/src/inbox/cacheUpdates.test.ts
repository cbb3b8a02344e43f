import type { Conversation, Message } from '@agenda-cheia/contracts';
import { describe, expect, it } from 'vitest';
import {
  membershipIn,
  placeConversation,
  upsertMessage,
  withMessageStatus,
  type ConversationPages,
  type MessagePages,
} from './cacheUpdates';

const ids = {
  a: '00000000-0000-4000-8000-00000000000a',
  b: '00000000-0000-4000-8000-00000000000b',
  c: '00000000-0000-4000-8000-00000000000c',
  d: '00000000-0000-4000-8000-00000000000d',
};

function conversation(
  id: string,
  lastMessageAt: string | null,
  extra: Partial<Conversation> = {},
): Conversation {
  return {
    id,
    clientId: id,
    clientName: `Cliente ${id.slice(-1)}`,
    clientPhone: '+5511988887777',
    channel: 'whatsapp',
    status: 'open',
    mode: 'ai',
    assigneeId: null,
    unreadCount: 0,
    lastMessageAt,
    lastMessagePreview: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...extra,
  };
}

function pages(...lists: { items: Conversation[]; nextCursor: string | null }[]): ConversationPages {
  return { pages: lists, pageParams: lists.map((_, i) => (i === 0 ? undefined : `cursor-${i}`)) };
}

const namesOf = (data: ConversationPages) =>
  data.pages.map((page) => page.items.map((item) => item.id.slice(-1)));

describe('placeConversation', () => {
  const loaded = pages(
    {
      items: [conversation(ids.a, '2026-03-10T12:00:00Z'), conversation(ids.b, '2026-03-10T11:00:00Z')],
      nextCursor: 'x',
    },
    { items: [conversation(ids.c, '2026-03-10T10:00:00Z')], nextCursor: 'y' },
  );

  it('moves a conversation with a new message to the top', () => {
    const updated = placeConversation(loaded, conversation(ids.c, '2026-03-10T13:00:00Z'), true);
    expect(namesOf(updated)).toEqual([['c', 'a', 'b'], []]);
  });

  it('puts a new conversation in its place among the loaded ones', () => {
    const updated = placeConversation(loaded, conversation(ids.d, '2026-03-10T10:30:00Z'), true);
    expect(namesOf(updated)).toEqual([
      ['a', 'b'],
      ['d', 'c'],
    ]);
  });

  it('leaves a conversation older than everything loaded for "Carregar mais"', () => {
    const updated = placeConversation(loaded, conversation(ids.d, '2026-03-09T10:00:00Z'), true);
    expect(namesOf(updated)).toEqual([['a', 'b'], ['c']]);
  });

  it('appends it when every page is loaded', () => {
    const all = pages({ items: [conversation(ids.a, '2026-03-10T12:00:00Z')], nextCursor: null });
    const updated = placeConversation(all, conversation(ids.d, null), true);
    expect(namesOf(updated)).toEqual([['a', 'd']]);
  });

  it('takes a conversation out of a list it no longer belongs to', () => {
    const updated = placeConversation(loaded, conversation(ids.b, '2026-03-10T11:00:00Z'), false);
    expect(namesOf(updated)).toEqual([['a'], ['c']]);
  });

  it('orders ties by id, descending, as the server does', () => {
    const updated = placeConversation(loaded, conversation(ids.d, '2026-03-10T12:00:00Z'), true);
    expect(namesOf(updated)[0]).toEqual(['d', 'a', 'b']);
  });
});

describe('membershipIn', () => {
  it('follows the status and assignee filters and leaves text searches to the server', () => {
    const pending = conversation(ids.a, null, { status: 'pending', assigneeId: ids.b });
    expect(membershipIn(pending, { limit: 30 })).toBe('member');
    expect(membershipIn(pending, { status: 'open', limit: 30 })).toBe('not-member');
    expect(membershipIn(pending, { status: 'pending', assigneeId: ids.b, limit: 30 })).toBe('member');
    expect(membershipIn(pending, { assigneeId: ids.c, limit: 30 })).toBe('not-member');
    expect(membershipIn(pending, { search: 'maria', limit: 30 })).toBe('unknown');
  });
});

function message(id: string, createdAt: string, extra: Partial<Message> = {}): Message {
  return {
    id,
    conversationId: ids.a,
    direction: 'outbound',
    author: 'staff',
    authorUserId: null,
    text: 'Olá',
    media: null,
    status: 'queued',
    statusError: null,
    channel: 'whatsapp',
    createdAt,
    clientMessageId: null,
    ...extra,
  };
}

describe('messages', () => {
  const chat: MessagePages = {
    pages: [
      {
        items: [message(ids.b, '2026-03-10T11:00:00Z'), message(ids.a, '2026-03-10T10:00:00Z')],
        nextCursor: null,
      },
    ],
    pageParams: [undefined],
  };

  it('adds a new message as the newest', () => {
    const updated = upsertMessage(chat, message(ids.c, '2026-03-10T12:00:00Z'));
    expect(updated.pages[0]?.items.map((m) => m.id)).toEqual([ids.c, ids.b, ids.a]);
  });

  it('never takes a status back when a late copy of the message arrives', () => {
    const read = withMessageStatus(chat, { messageId: ids.b, status: 'read', error: null });
    const lateAck = upsertMessage(read, message(ids.b, '2026-03-10T11:00:00Z', { status: 'queued' }));
    expect(lateAck.pages[0]?.items[0]?.status).toBe('read');
    const lateSent = withMessageStatus(lateAck, { messageId: ids.b, status: 'sent', error: null });
    expect(lateSent.pages[0]?.items[0]?.status).toBe('read');
  });

  it('puts a stored inbound file into its bubble in place (message_updated)', () => {
    const pendingMedia = {
      fileId: null,
      url: 'https://provider.example/media/1',
      mimeType: 'image/jpeg',
      filename: null,
      size: null,
      state: 'pending' as const,
      error: null,
    };
    const received = {
      direction: 'inbound' as const,
      author: 'client' as const,
      status: 'received' as const,
    };
    const arrived = upsertMessage(
      chat,
      message(ids.c, '2026-03-10T12:00:00Z', { ...received, media: pendingMedia }),
    );
    const stored = upsertMessage(
      arrived,
      message(ids.c, '2026-03-10T12:00:00Z', {
        ...received,
        media: { ...pendingMedia, fileId: ids.d, url: null, size: 2048, state: 'stored' },
      }),
    );
    expect(stored.pages[0]?.items.map((m) => m.id)).toEqual([ids.c, ids.b, ids.a]);
    expect(stored.pages[0]?.items[0]?.media).toMatchObject({ fileId: ids.d, state: 'stored', size: 2048 });
  });

  it('records why a message failed', () => {
    const failed = withMessageStatus(chat, { messageId: ids.a, status: 'failed', error: 'HTTP 500' });
    expect(failed.pages[0]?.items[1]).toMatchObject({ status: 'failed', statusError: 'HTTP 500' });
  });
});
