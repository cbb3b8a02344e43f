import { type Kysely, sql } from 'kysely';

/** Agents, auth requests (bookings awaiting approval), campaigns and their runs, reminders. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('agent_configs')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('persona', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('greeting', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('model', 'text')
    .addColumn('temperature', 'real', (c) => c.notNull().defaultTo(0.3))
    .addColumn('enabled_tools', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('is_default', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`CREATE UNIQUE INDEX agent_configs_one_default ON agent_configs (tenant_id) WHERE is_default`.execute(
    db,
  );

  await db.schema
    .createTable('campaigns')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('prazo_certo', 'encher_agenda')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('config', 'jsonb', (c) => c.notNull())
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('campaigns_tenant_idx').on('campaigns').columns(['tenant_id']).execute();

  await db.schema
    .createTable('campaign_runs')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('trigger', 'text', (c) => c.notNull().check(sql`trigger in ('schedule', 'manual')`))
    .addColumn('scheduled_for', 'timestamptz')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('running')
        .check(sql`status in ('running', 'completed', 'failed')`),
    )
    .addColumn('stats', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('error', 'text')
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('completed_at', 'timestamptz')
    .execute();
  // Exactly once per scheduled instant, however many processes tick.
  await sql`CREATE UNIQUE INDEX campaign_runs_once ON campaign_runs (campaign_id, scheduled_for) WHERE scheduled_for IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX campaign_runs_campaign_idx ON campaign_runs (campaign_id, started_at DESC)`.execute(
    db,
  );

  await db.schema
    .createTable('auth_requests')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('client_id', 'uuid', (c) => c.notNull().references('clients.id').onDelete('cascade'))
    .addColumn('service_id', 'uuid', (c) => c.notNull().references('services.id'))
    .addColumn('professional_id', 'uuid', (c) => c.notNull().references('professionals.id'))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    // The span the request holds for its professional: the service with its buffers, as appointments.
    .addColumn('held_during', sql`tstzrange`, (c) => c.notNull())
    .addColumn('source', 'text', (c) =>
      c.notNull().check(sql`source in ('chat', 'prazo_certo', 'encher_agenda', 'manual')`),
    )
    .addColumn('offer', 'jsonb')
    .addColumn('campaign_id', 'uuid', (c) => c.references('campaigns.id').onDelete('set null'))
    .addColumn('campaign_run_id', 'uuid', (c) => c.references('campaign_runs.id').onDelete('set null'))
    .addColumn('client_consent', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`client_consent in ('pending', 'accepted', 'declined')`),
    )
    .addColumn('owner_decision', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`owner_decision in ('pending', 'approved', 'rejected')`),
    )
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(
          sql`status in ('open', 'booked', 'rejected', 'declined', 'expired', 'slot_taken', 'cancelled')`,
        ),
    )
    .addColumn('owner_notes', 'text')
    .addColumn('decided_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_by_agent', 'text')
    .addColumn('conversation_id', 'uuid', (c) => c.references('conversations.id').onDelete('set null'))
    .addColumn('appointment_id', 'uuid', (c) => c.references('appointments.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('auth_requests_order', sql`starts_at < ends_at`)
    .execute();
  // Two open requests never hold overlapping time of one professional: of two agents proposing the same
  // slot at once, one gets it and the other hears SLOT_TAKEN, as with appointments.
  await sql`ALTER TABLE auth_requests ADD CONSTRAINT auth_requests_no_overlapping_holds
    EXCLUDE USING gist (professional_id WITH =, held_during WITH &&) WHERE (status = 'open')`.execute(db);
  await sql`CREATE INDEX auth_requests_open_idx ON auth_requests (tenant_id, starts_at) WHERE status = 'open'`.execute(
    db,
  );
  await sql`CREATE INDEX auth_requests_list_idx ON auth_requests (tenant_id, created_at DESC, id DESC)`.execute(
    db,
  );
  await sql`CREATE INDEX auth_requests_client_idx ON auth_requests (tenant_id, client_id, created_at DESC)`.execute(
    db,
  );
  // A campaign run offers each client at most once, even when the run is resumed after a crash.
  await sql`CREATE UNIQUE INDEX auth_requests_one_per_run ON auth_requests (campaign_run_id, client_id) WHERE campaign_run_id IS NOT NULL`.execute(
    db,
  );

  await db.schema.alterTable('clients').addColumn('opted_out_at', 'timestamptz').execute();
  // What the agent is in the middle of with this client (service chosen, times offered), across messages.
  await db.schema.alterTable('conversations').addColumn('agent_state', 'jsonb').execute();
  // Campaign messages carry the WhatsApp-approved template a gateway must use outside the 24-hour window.
  await db.schema.alterTable('messages').addColumn('template', 'jsonb').execute();
  // Campaign messages are paced per tenant: each waits for its turn (see the campaign send throttle).
  await db.schema.alterTable('messages').addColumn('send_after', 'timestamptz').execute();
  // What the agent understood of the client's message its reply answers (shown beside the reply).
  await db.schema.alterTable('messages').addColumn('intent', 'text').execute();
  await db.schema.alterTable('appointments').addColumn('reminder_sent_at', 'timestamptz').execute();
  await db.schema.alterTable('appointments').addColumn('confirmed_at', 'timestamptz').execute();
  await db.schema
    .alterTable('appointments')
    .addColumn('auth_request_id', 'uuid', (c) => c.unique())
    .execute();
  // Prazo Certo reads "last completed visit per client and service" for every client at once.
  await sql`CREATE INDEX appointments_recall_idx ON appointments (tenant_id, client_id, service_id, starts_at DESC) WHERE status = 'completed'`.execute(
    db,
  );
  await sql`CREATE INDEX appointments_reminder_idx ON appointments (starts_at) WHERE reminder_sent_at IS NULL AND status IN ('scheduled', 'confirmed')`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS appointments_reminder_idx`.execute(db);
  await sql`DROP INDEX IF EXISTS appointments_recall_idx`.execute(db);
  await db.schema.alterTable('appointments').dropColumn('auth_request_id').execute();
  await db.schema.alterTable('appointments').dropColumn('confirmed_at').execute();
  await db.schema.alterTable('appointments').dropColumn('reminder_sent_at').execute();
  await db.schema.alterTable('messages').dropColumn('intent').execute();
  await db.schema.alterTable('messages').dropColumn('send_after').execute();
  await db.schema.alterTable('messages').dropColumn('template').execute();
  await db.schema.alterTable('conversations').dropColumn('agent_state').execute();
  await db.schema.alterTable('clients').dropColumn('opted_out_at').execute();
  for (const table of ['auth_requests', 'campaign_runs', 'campaigns', 'agent_configs']) {
    await db.schema.dropTable(table).execute();
  }
}
