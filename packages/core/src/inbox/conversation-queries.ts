import type { Conversation } from '@agenda-cheia/contracts';
import type { Executor } from '../shared/executor';
import { toConversation } from './mappers';

/** Conversations with the client's name and phone, as the inbox shows them. */
export function selectConversations(db: Executor, tenantId: string) {
  return db
    .selectFrom('conversations')
    .innerJoin('clients', 'clients.id', 'conversations.client_id')
    .selectAll('conversations')
    .select(['clients.name as client_name', 'clients.phone as client_phone'])
    .where('conversations.tenant_id', '=', tenantId);
}

export async function findConversation(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<Conversation | undefined> {
  const row = await selectConversations(db, tenantId).where('conversations.id', '=', id).executeTakeFirst();
  return row ? toConversation(row) : undefined;
}
