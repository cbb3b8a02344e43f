import { type Kysely, sql } from 'kysely';

/** Files on S3: one row per signed upload (pending until confirmed), logos and professional photos. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('files')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'uuid', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('attachment', 'avatar', 'logo')`))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull().check(sql`size >= 0`))
    .addColumn('checksum', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'confirmed')`),
    )
    .addColumn('uploaded_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('confirmed_at', 'timestamptz')
    .execute();
  await sql`CREATE INDEX files_tenant_listing_idx ON files (tenant_id, created_at DESC, id DESC) WHERE status = 'confirmed'`.execute(
    db,
  );
  await sql`CREATE INDEX files_pending_idx ON files (created_at) WHERE status = 'pending'`.execute(db);

  // The cleanup asks, for each old file, whether a message still shows it.
  await sql`CREATE INDEX messages_media_file_idx ON messages ((media->>'fileId')) WHERE media IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX files_confirmed_age_idx ON files (created_at) WHERE status = 'confirmed'`.execute(
    db,
  );

  await db.schema
    .alterTable('tenants')
    .addColumn('logo_file_id', 'uuid', (c) => c.references('files.id').onDelete('set null'))
    .execute();
  await db.schema
    .alterTable('professionals')
    .addColumn('photo_file_id', 'uuid', (c) => c.references('files.id').onDelete('set null'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('professionals').dropColumn('photo_file_id').execute();
  await db.schema.alterTable('tenants').dropColumn('logo_file_id').execute();
  await sql`DROP INDEX messages_media_file_idx`.execute(db);
  await db.schema.dropTable('files').execute();
}
