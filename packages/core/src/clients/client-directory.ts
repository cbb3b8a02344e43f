import {
  type Appointment,
  AppError,
  type Client,
  type CreateClientInput,
  createClientInput,
  type ImportClientsCsvInput,
  type ImportClientsCsvResult,
  updateClientInput,
} from '@agenda-cheia/contracts';
import { type Database, isUniqueViolation, type Kysely, sql } from '@agenda-cheia/db';
import { listAppointmentsOfClient } from '../schedule/appointment-queries';
import type { ActorContext } from '../shared/context';
import { decodeClientCursor, encodeClientCursor } from './cursor';
import { parseClientsCsv } from './csv-import';
import { toClient } from './mappers';

const IMPORT_BATCH = 500;

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The salon's clients: search, history, and moving in from a spreadsheet. */
export function createClientDirectory(deps: { db: Kysely<Database> }) {
  const { db } = deps;

  async function findOrThrow(tenantId: string, id: string) {
    const row = await db
      .selectFrom('clients')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', 'Cliente não encontrado.');
    return row;
  }

  return {
    async list(
      actor: ActorContext,
      input: { search?: string | undefined; cursor?: string | null | undefined; limit: number },
    ): Promise<{ items: Client[]; nextCursor: string | null }> {
      let query = db
        .selectFrom('clients')
        .selectAll('clients')
        .select((eb) =>
          eb
            .selectFrom('appointments')
            .select((a) => a.fn.max('appointments.starts_at').as('last'))
            .whereRef('appointments.client_id', '=', 'clients.id')
            .where('appointments.status', '=', 'completed')
            .as('last_visit_at'),
        )
        .where('clients.tenant_id', '=', actor.tenantId);
      const search = input.search?.trim();
      if (search) {
        const digits = search.replace(/\D/g, '');
        query = query.where((eb) =>
          eb.or([
            eb(sql<string>`lower(clients.name)`, 'like', likePattern(search.toLowerCase())),
            ...(digits.length >= 3 ? [eb('clients.phone', 'like', likePattern(digits))] : []),
          ]),
        );
      }
      if (input.cursor) {
        const cursor = decodeClientCursor(input.cursor);
        query = query.where(
          sql<boolean>`(lower(clients.name), clients.id) > (${cursor.name}, ${cursor.id}::uuid)`,
        );
      }
      const rows = await query
        .orderBy(sql`lower(clients.name)`)
        .orderBy('clients.id')
        .limit(input.limit + 1)
        .execute();
      const page = rows.slice(0, input.limit);
      const last = page[page.length - 1];
      return {
        items: page.map((row) => toClient(row, row.last_visit_at ?? null)),
        nextCursor:
          rows.length > input.limit && last
            ? encodeClientCursor({ name: last.name.toLowerCase(), id: last.id })
            : null,
      };
    },

    async get(actor: ActorContext, id: string): Promise<{ client: Client; history: Appointment[] }> {
      const row = await findOrThrow(actor.tenantId, id);
      const history = await listAppointmentsOfClient(db, actor.tenantId, id);
      const lastVisit = history.find((a) => a.status === 'completed');
      return { client: toClient(row, lastVisit ? new Date(lastVisit.start) : null), history };
    },

    async create(actor: ActorContext, raw: CreateClientInput): Promise<Client> {
      const input = createClientInput.parse(raw);
      try {
        const row = await db
          .insertInto('clients')
          .values({
            tenant_id: actor.tenantId,
            name: input.name,
            phone: input.phone,
            email: input.email ?? null,
            notes: input.notes ?? null,
            birthday: input.birthday ?? null,
            campaign_opt_out: input.campaignOptOut,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toClient(row);
      } catch (error) {
        if (isUniqueViolation(error, 'clients_tenant_phone_key')) throw new AppError('PHONE_TAKEN');
        throw error;
      }
    },

    async update(actor: ActorContext, raw: unknown): Promise<Client> {
      const input = updateClientInput.parse(raw);
      try {
        const row = await db
          .updateTable('clients')
          .set({
            ...(input.name !== undefined ? { name: input.name } : {}),
            ...(input.phone !== undefined ? { phone: input.phone } : {}),
            ...(input.email !== undefined ? { email: input.email } : {}),
            ...(input.notes !== undefined ? { notes: input.notes } : {}),
            ...(input.birthday !== undefined ? { birthday: input.birthday } : {}),
            ...(input.campaignOptOut !== undefined ? { campaign_opt_out: input.campaignOptOut } : {}),
            updated_at: new Date(),
          })
          .where('tenant_id', '=', actor.tenantId)
          .where('id', '=', input.id)
          .returningAll()
          .executeTakeFirst();
        if (!row) throw new AppError('NOT_FOUND', 'Cliente não encontrado.');
        return toClient(row);
      } catch (error) {
        if (isUniqueViolation(error, 'clients_tenant_phone_key')) throw new AppError('PHONE_TAKEN');
        throw error;
      }
    },

    /** Deleting a client erases their history too (a client's right to be forgotten). */
    async delete(actor: ActorContext, id: string): Promise<void> {
      const result = await db
        .deleteFrom('clients')
        .where('tenant_id', '=', actor.tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (result.numDeletedRows === 0n) throw new AppError('NOT_FOUND', 'Cliente não encontrado.');
    },

    /** Valid rows are imported, bad rows reported; a phone already known is merged, never duplicated. */
    async importCsv(actor: ActorContext, raw: ImportClientsCsvInput): Promise<ImportClientsCsvResult> {
      const parsed = parseClientsCsv(raw);
      let created = 0;
      let merged = parsed.mergedInFile;
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < parsed.clients.length; i += IMPORT_BATCH) {
          const batch = parsed.clients.slice(i, i + IMPORT_BATCH);
          const rows = await trx
            .insertInto('clients')
            .values(batch.map((c) => ({ tenant_id: actor.tenantId, ...c })))
            .onConflict((oc) =>
              oc.constraint('clients_tenant_phone_key').doUpdateSet({
                email: sql`coalesce(clients.email, excluded.email)`,
                notes: sql`coalesce(clients.notes, excluded.notes)`,
                birthday: sql`coalesce(clients.birthday, excluded.birthday)`,
                updated_at: new Date(),
              }),
            )
            // xmax = 0 only for freshly inserted rows: tells a merge from a creation.
            .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
            .execute();
          for (const row of rows) {
            if (row.inserted) created += 1;
            else merged += 1;
          }
        }
      });
      return { created, merged, errors: parsed.errors, mapping: parsed.mapping };
    },
  };
}

export type ClientDirectory = ReturnType<typeof createClientDirectory>;
