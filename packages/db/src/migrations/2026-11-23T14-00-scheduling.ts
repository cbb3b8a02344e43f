import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('services')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('duration_min', 'integer', (c) => c.notNull().check(sql`duration_min > 0`))
    .addColumn('price_cents', 'integer', (c) => c.notNull().check(sql`price_cents >= 0`))
    .addColumn('return_cycle_days', 'integer')
    .addColumn('buffer_before_min', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`buffer_before_min >= 0`),
    )
    .addColumn('buffer_after_min', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`buffer_after_min >= 0`),
    )
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('archived_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('services_tenant_idx').on('services').column('tenant_id').execute();

  await db.schema
    .createTable('professionals')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('color', 'text', (c) => c.notNull().defaultTo('#7c3aed'))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('professionals_tenant_idx').on('professionals').column('tenant_id').execute();

  await db.schema
    .createTable('professional_services')
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('professional_id', 'uuid', (c) =>
      c.notNull().references('professionals.id').onDelete('cascade'),
    )
    .addColumn('service_id', 'uuid', (c) => c.notNull().references('services.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('professional_services_pk', ['professional_id', 'service_id'])
    .execute();

  await db.schema
    .createTable('working_hours')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('professional_id', 'uuid', (c) =>
      c.notNull().references('professionals.id').onDelete('cascade'),
    )
    .addColumn('weekday', 'smallint', (c) => c.notNull().check(sql`weekday between 0 and 6`))
    .addColumn('start_time', 'text', (c) =>
      c.notNull().check(sql`start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`),
    )
    .addColumn('end_time', 'text', (c) =>
      c.notNull().check(sql`end_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' or end_time = '24:00'`),
    )
    .addCheckConstraint('working_hours_order', sql`start_time < end_time`)
    .execute();
  await db.schema
    .createIndex('working_hours_professional_idx')
    .on('working_hours')
    .column('professional_id')
    .execute();

  await db.schema
    .createTable('time_off')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('professional_id', 'uuid', (c) =>
      c.notNull().references('professionals.id').onDelete('cascade'),
    )
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('time_off_order', sql`starts_at < ends_at`)
    .execute();
  await db.schema
    .createIndex('time_off_professional_idx')
    .on('time_off')
    .columns(['professional_id', 'starts_at'])
    .execute();

  await db.schema
    .createTable('clients')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('notes', 'text')
    .addColumn('birthday', 'date')
    .addColumn('campaign_opt_out', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('clients_tenant_phone_key', ['tenant_id', 'phone'])
    .execute();
  await sql`CREATE INDEX clients_tenant_name_idx ON clients (tenant_id, lower(name), id)`.execute(db);

  await db.schema
    .createTable('appointments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('client_id', 'uuid', (c) => c.notNull().references('clients.id').onDelete('cascade'))
    .addColumn('service_id', 'uuid', (c) => c.notNull().references('services.id'))
    .addColumn('professional_id', 'uuid', (c) => c.notNull().references('professionals.id'))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('buffer_before_min', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('buffer_after_min', 'integer', (c) => c.notNull().defaultTo(0))
    // The span the professional is unavailable: the appointment plus its buffers. Stored because
    // timestamptz ± interval is not immutable, so it cannot be computed inside the constraint.
    .addColumn('blocked_during', sql`tstzrange`, (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('scheduled')
        .check(sql`status in ('scheduled', 'confirmed', 'completed', 'cancelled', 'no_show')`),
    )
    .addColumn('price_cents', 'integer', (c) => c.notNull())
    .addColumn('discount_percent', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`discount_percent between 0 and 100`),
    )
    .addColumn('final_price_cents', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('manual'))
    .addColumn('notes', 'text')
    .addColumn('cancel_reason', 'text')
    .addColumn('cancelled_at', 'timestamptz')
    .addColumn('completed_at', 'timestamptz')
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('appointments_order', sql`starts_at < ends_at`)
    .addCheckConstraint('appointments_blocked_covers', sql`blocked_during @> tstzrange(starts_at, ends_at)`)
    .execute();
  // The guarantee against double booking: one professional's live appointments never overlap.
  await sql`ALTER TABLE appointments ADD CONSTRAINT appointments_no_overlap
    EXCLUDE USING gist (professional_id WITH =, blocked_during WITH &&) WHERE (status <> 'cancelled')`.execute(
    db,
  );
  await db.schema
    .createIndex('appointments_tenant_start_idx')
    .on('appointments')
    .columns(['tenant_id', 'starts_at'])
    .execute();
  await db.schema
    .createIndex('appointments_client_idx')
    .on('appointments')
    .columns(['client_id', 'starts_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'appointments',
    'clients',
    'time_off',
    'working_hours',
    'professional_services',
    'professionals',
    'services',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
