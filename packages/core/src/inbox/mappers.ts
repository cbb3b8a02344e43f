import type { Conversation, Media, Message } from '@agenda-cheia/contracts';
import type { ConversationRow, MessageRow } from '@agenda-cheia/db';

/** Rows written before files were stored on S3 carry only a link: they read as stored links. */
export function toMedia(stored: MessageRow['media']): Media | null {
  if (!stored) return null;
  return {
    fileId: stored.fileId ?? null,
    url: stored.url ?? null,
    mimeType: stored.mimeType,
    filename: stored.filename ?? null,
    size: stored.size ?? null,
    state: stored.state ?? 'stored',
    error: stored.error ?? null,
  };
}

export function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    direction: row.direction,
    author: row.author,
    authorUserId: row.author_user_id,
    text: row.text,
    media: toMedia(row.media),
    status: row.status,
    statusError: row.status_error,
    channel: row.channel,
    createdAt: row.created_at.toISOString(),
    clientMessageId: row.client_message_id,
    intent: row.intent,
  };
}

export function toConversation(
  row: ConversationRow & { client_name: string; client_phone: string },
): Conversation {
  return {
    id: row.id,
    clientId: row.client_id,
    clientName: row.client_name,
    clientPhone: row.client_phone,
    channel: row.channel,
    status: row.status,
    mode: row.mode,
    assigneeId: row.assignee_id,
    unreadCount: row.unread_count,
    lastMessageAt: row.last_message_at?.toISOString() ?? null,
    lastMessagePreview: row.last_message_preview,
    createdAt: row.created_at.toISOString(),
  };
}
