import { AppError, type Conversation, type Message } from '@agenda-cheia/contracts';
import { type Database, type Kysely, sql } from '@agenda-cheia/db';
import type { EventBus } from '../events/event-bus';
import type { ActorContext } from '../shared/context';
import { decodeKeysetCursor, encodeKeysetCursor } from '../shared/cursor';
import { findConversation, selectConversations } from './conversation-queries';
import { toConversation, toMessage } from './mappers';

interface ListInput {
  status?: 'open' | 'pending' | 'closed' | undefined;
  assigneeId?: string | null | undefined;
  search?: string | undefined;
  cursor?: string | null | undefined;
  limit?: number | undefined;
}

/** The inbox as staff use it: conversations, their messages, who handles them, and how. */
export function createConversationDesk(deps: { db: Kysely<Database>; bus: EventBus }) {
  const { db, bus } = deps;

  async function get(actor: ActorContext, id: string): Promise<Conversation> {
    const conversation = await findConversation(db, actor.tenantId, id);
    if (!conversation) throw new AppError('NOT_FOUND', 'Conversa não encontrada.');
    return conversation;
  }

  async function change(
    actor: ActorContext,
    id: string,
    set: Partial<{
      status: 'open' | 'pending' | 'closed';
      mode: 'ai' | 'human';
      assignee_id: string | null;
      unread_count: number;
    }>,
  ): Promise<Conversation> {
    const result = await db
      .updateTable('conversations')
      .set({ ...set, updated_at: new Date() })
      .where('tenant_id', '=', actor.tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw new AppError('NOT_FOUND', 'Conversa não encontrada.');
    const conversation = await get(actor, id);
    await bus.publish(actor.tenantId, { event_type: 'conversation_updated', data: { conversation } });
    return conversation;
  }

  return {
    get,

    /** Most recent activity first, by a stable keyset cursor. */
    async list(
      actor: ActorContext,
      input: ListInput,
    ): Promise<{ items: Conversation[]; nextCursor: string | null }> {
      const limit = input.limit ?? 30;
      let query = selectConversations(db, actor.tenantId);
      if (input.status) query = query.where('conversations.status', '=', input.status);
      if (input.assigneeId !== undefined) {
        query =
          input.assigneeId === null
            ? query.where('conversations.assignee_id', 'is', null)
            : query.where('conversations.assignee_id', '=', input.assigneeId);
      }
      const search = input.search?.trim();
      if (search) {
        const pattern = `%${search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        const digits = search.replace(/\D/g, '');
        query = query.where((eb) =>
          eb.or([
            eb(sql<string>`lower(clients.name)`, 'like', pattern),
            ...(digits.length >= 3 ? [eb('clients.phone', 'like', `%${digits}%`)] : []),
          ]),
        );
      }
      if (input.cursor) {
        const [at, id] = decodeKeysetCursor(input.cursor);
        query = query.where(
          sql<boolean>`(coalesce(conversations.last_message_at, '-infinity'::timestamptz), conversations.id) < (coalesce(${at}::timestamptz, '-infinity'::timestamptz), ${id}::uuid)`,
        );
      }
      const rows = await query
        .orderBy(sql`coalesce(conversations.last_message_at, '-infinity'::timestamptz)`, 'desc')
        .orderBy('conversations.id', 'desc')
        .limit(limit + 1)
        .execute();
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: page.map(toConversation),
        nextCursor:
          rows.length > limit && last
            ? encodeKeysetCursor(last.last_message_at?.toISOString() ?? null, last.id)
            : null,
      };
    },

    /** Assigning someone means a human takes over from the AI. */
    async assign(actor: ActorContext, id: string, userId: string | null): Promise<Conversation> {
      if (userId) {
        const user = await db
          .selectFrom('users')
          .select('id')
          .where('tenant_id', '=', actor.tenantId)
          .where('id', '=', userId)
          .executeTakeFirst();
        if (!user) throw new AppError('NOT_FOUND', 'Usuário não encontrado.');
      }
      return change(actor, id, { assignee_id: userId, ...(userId ? { mode: 'human' as const } : {}) });
    },
    setStatus: (actor: ActorContext, id: string, status: 'open' | 'pending' | 'closed') =>
      change(actor, id, { status }),
    setMode: (actor: ActorContext, id: string, mode: 'ai' | 'human') => change(actor, id, { mode }),
    markRead: (actor: ActorContext, id: string) => change(actor, id, { unread_count: 0 }),

    /** Newest first; `before` is a message id, so pages stay stable as new messages arrive. */
    async messages(
      actor: ActorContext,
      input: { conversationId: string; before?: string | undefined; limit: number },
    ): Promise<{ items: Message[]; nextCursor: string | null }> {
      await get(actor, input.conversationId);
      let query = db
        .selectFrom('messages')
        .selectAll()
        .where('tenant_id', '=', actor.tenantId)
        .where('conversation_id', '=', input.conversationId);
      if (input.before) {
        const anchor = await db
          .selectFrom('messages')
          .select(['created_at', 'id'])
          .where('tenant_id', '=', actor.tenantId)
          .where('conversation_id', '=', input.conversationId)
          .where('id', '=', input.before)
          .executeTakeFirst();
        if (!anchor) throw new AppError('VALIDATION_FAILED', 'Cursor de mensagens inválido.');
        query = query.where(sql<boolean>`(created_at, id) < (${anchor.created_at}, ${anchor.id}::uuid)`);
      }
      const rows = await query
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(input.limit + 1)
        .execute();
      const page = rows.slice(0, input.limit);
      return {
        items: page.map(toMessage),
        nextCursor: rows.length > input.limit ? (page[page.length - 1]?.id ?? null) : null,
      };
    },

    /** Transient: shown to the other staff watching the conversation, never stored. */
    async typing(actor: ActorContext, conversationId: string, typing: boolean): Promise<void> {
      await get(actor, conversationId);
      const user = await db
        .selectFrom('users')
        .select('name')
        .where('tenant_id', '=', actor.tenantId)
        .where('id', '=', actor.userId)
        .executeTakeFirst();
      await bus.publish(actor.tenantId, {
        event_type: 'typing',
        data: { conversationId, userId: actor.userId, userName: user?.name ?? '', typing },
      });
    },
  };
}

export type ConversationDesk = ReturnType<typeof createConversationDesk>;
