import type { Executor } from '../shared/executor';

/**
 * The client's live conversation on a channel, opened if there is none, so the business can write first
 * (a confirmation, a campaign offer). Safe under concurrency: the partial unique index decides.
 */
export async function openClientConversation(
  db: Executor,
  tenantId: string,
  clientId: string,
  channel: 'whatsapp' | 'instagram' | 'sms' | 'email' = 'whatsapp',
): Promise<string> {
  await db
    .insertInto('conversations')
    .values({ tenant_id: tenantId, client_id: clientId, channel })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'client_id', 'channel']).where('status', '<>', 'closed').doNothing(),
    )
    .execute();
  const row = await db
    .selectFrom('conversations')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('client_id', '=', clientId)
    .where('channel', '=', channel)
    .where('status', '<>', 'closed')
    .executeTakeFirstOrThrow();
  return row.id;
}
