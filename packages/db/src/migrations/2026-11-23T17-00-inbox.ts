import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('integrations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('n8n', 'llm')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('outbound_url', 'text')
    // Only a hash of the inbound token is kept: it is shown once, at creation.
    .addColumn('inbound_token_hash', 'text', (c) => c.unique())
    .addColumn('signing_secret_encrypted', 'text')
    .addColumn('config', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('integrations_tenant_idx')
    .on('integrations')
    .columns(['tenant_id', 'kind'])
    .execute();

  await db.schema
    .createTable('conversations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('client_id', 'uuid', (c) => c.notNull().references('clients.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) =>
      c.notNull().check(sql`channel in ('whatsapp', 'instagram', 'sms', 'email')`),
    )
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`status in ('open', 'pending', 'closed')`),
    )
    .addColumn('mode', 'text', (c) =>
      c
        .notNull()
        .defaultTo('ai')
        .check(sql`mode in ('ai', 'human')`),
    )
    .addColumn('assignee_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('unread_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_message_at', 'timestamptz')
    .addColumn('last_message_preview', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // One conversation still going per client and channel: a new message joins it.
  await sql`CREATE UNIQUE INDEX conversations_one_live ON conversations (tenant_id, client_id, channel) WHERE status <> 'closed'`.execute(
    db,
  );
  await sql`CREATE INDEX conversations_inbox_idx ON conversations (tenant_id, last_message_at DESC NULLS LAST, id)`.execute(
    db,
  );

  await db.schema
    .createTable('messages')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('conversation_id', 'uuid', (c) =>
      c.notNull().references('conversations.id').onDelete('cascade'),
    )
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('inbound', 'outbound')`))
    .addColumn('author', 'text', (c) => c.notNull().check(sql`author in ('client', 'staff', 'ai', 'system')`))
    .addColumn('author_user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('media', 'jsonb')
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('received', 'queued', 'sent', 'delivered', 'read', 'failed')`),
    )
    .addColumn('status_error', 'text')
    .addColumn('provider_message_id', 'text')
    .addColumn('client_message_id', 'text')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // A provider retrying a delivery must not store the message twice; nor a double-clicked send.
  await sql`CREATE UNIQUE INDEX messages_provider_id_key ON messages (tenant_id, channel, provider_message_id) WHERE provider_message_id IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE UNIQUE INDEX messages_client_message_id_key ON messages (tenant_id, client_message_id) WHERE client_message_id IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX messages_conversation_idx ON messages (conversation_id, created_at DESC, id DESC)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('messages').execute();
  await db.schema.dropTable('conversations').execute();
  await db.schema.dropTable('integrations').execute();
}
