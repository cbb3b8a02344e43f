import {
  AppError,
  type CreateUploadUrlInput,
  type FilePurpose,
  isAllowedContentType,
  type StoredFile,
  type UploadUrl,
} from '@agenda-cheia/contracts';
import { type Database, type FileRow, type Kysely, sql } from '@agenda-cheia/db';
import type { ObjectStore } from '@agenda-cheia/storage';
import type { Clock } from '../shared/clock';
import type { ActorContext } from '../shared/context';
import { decodeKeysetCursor, encodeKeysetCursor } from '../shared/cursor';
import { newFileKey, parseFileKey } from './file-keys';
import { requireStoredFile } from './file-queries';

export const UPLOAD_URL_TTL_SECONDS = 5 * 60;
export const DOWNLOAD_URL_TTL_SECONDS = 5 * 60;
/** Unconfirmed uploads, and files nothing points at, are removed with their objects after this. */
export const UNUSED_FILE_AGE_MS = 24 * 60 * 60 * 1000;

function toStoredFile(row: FileRow): StoredFile {
  return {
    id: row.id,
    key: row.key,
    purpose: row.purpose,
    filename: row.filename,
    contentType: row.content_type,
    size: row.size,
    checksum: row.checksum,
    uploadedBy: row.uploaded_by,
    createdAt: row.created_at.toISOString(),
  };
}

/** Storage failures reach people as "try again", never as a stack trace or a 500. */
async function storage<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      'SERVICE_UNAVAILABLE',
      'O armazenamento de arquivos não respondeu. Tente novamente em instantes.',
      { cause: error instanceof Error ? error.message : String(error) },
    );
  }
}

function baseType(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export type ConfirmOutcome =
  | { outcome: 'confirmed'; file: StoredFile }
  | { outcome: 'unknown_key' }
  | { outcome: 'not_uploaded' }
  | { outcome: 'mismatch' };

/**
 * Files on S3, the hybrid way: the API signs a PUT for exactly one key, type and length; the browser
 * uploads straight to the storage; the API then checks what arrived and keeps the record.
 */
export function createFileRegistry(deps: {
  db: Kysely<Database>;
  store: ObjectStore;
  clock: Clock;
  maxBytes: number;
}) {
  const { db, store, clock } = deps;

  async function createUploadUrl(actor: ActorContext, input: CreateUploadUrlInput): Promise<UploadUrl> {
    if (!isAllowedContentType(input.purpose, input.contentType)) {
      throw new AppError('FILE_TYPE_NOT_ALLOWED', undefined, { purpose: input.purpose });
    }
    if (input.size > deps.maxBytes) {
      const mib = Math.floor(deps.maxBytes / (1024 * 1024));
      throw new AppError('FILE_TOO_LARGE', `Arquivo grande demais (máximo ${mib} MB).`, {
        maxBytes: deps.maxBytes,
      });
    }
    const key = newFileKey(actor.tenantId, input.purpose, input.filename);
    const signed = await storage(() =>
      store.presignUpload({
        key,
        contentType: input.contentType,
        contentLength: input.size,
        expiresIn: UPLOAD_URL_TTL_SECONDS,
      }),
    );
    await db
      .insertInto('files')
      .values({
        tenant_id: actor.tenantId,
        key,
        purpose: input.purpose,
        filename: input.filename,
        content_type: input.contentType,
        size: input.size,
        uploaded_by: actor.userId,
        created_at: clock.now(),
      })
      .execute();
    return {
      uploadUrl: signed.url,
      fileKey: key,
      expiresIn: UPLOAD_URL_TTL_SECONDS,
      headers: signed.headers,
      method: 'PUT',
    };
  }

  /**
   * Checks the object against what was signed and marks the record confirmed. Idempotent: a confirmed
   * record is answered as it is. A mismatching object is removed (it is not what we allowed).
   */
  async function confirmRow(row: FileRow): Promise<ConfirmOutcome> {
    if (row.status === 'confirmed') return { outcome: 'confirmed', file: toStoredFile(row) };
    const info = await storage(() => store.head(row.key));
    if (!info) return { outcome: 'not_uploaded' };
    if (info.size !== row.size || baseType(info.contentType) !== row.content_type) {
      await storage(() => store.remove(row.key));
      return { outcome: 'mismatch' };
    }
    const updated = await db
      .updateTable('files')
      .set({ status: 'confirmed', confirmed_at: clock.now(), checksum: info.etag })
      .where('id', '=', row.id)
      .where('status', '=', 'pending')
      .returningAll()
      .executeTakeFirst();
    // Another confirmation (the browser and a bucket event) won the race: answer its record.
    const final =
      updated ??
      (await db.selectFrom('files').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow());
    return { outcome: 'confirmed', file: toStoredFile(final) };
  }

  async function confirm(actor: ActorContext, fileKey: string): Promise<StoredFile> {
    const owner = parseFileKey(fileKey);
    if (owner && owner.tenantId !== actor.tenantId) {
      throw new AppError('FORBIDDEN', 'Este arquivo não pertence a esta empresa.');
    }
    const row = owner
      ? await db
          .selectFrom('files')
          .selectAll()
          .where('tenant_id', '=', actor.tenantId)
          .where('key', '=', fileKey)
          .executeTakeFirst()
      : undefined;
    if (!row) throw new AppError('NOT_FOUND', 'Arquivo não encontrado. Envie-o novamente.');
    const result = await confirmRow(row);
    switch (result.outcome) {
      case 'confirmed':
        return result.file;
      case 'not_uploaded':
        throw new AppError('FILE_NOT_UPLOADED');
      case 'mismatch':
        throw new AppError('FILE_MISMATCH');
      case 'unknown_key':
        throw new AppError('NOT_FOUND', 'Arquivo não encontrado. Envie-o novamente.');
    }
  }

  /** A bucket notification or the embedded gateway saw an object arrive: confirm it if we signed it. */
  async function confirmUploadedKey(key: string): Promise<ConfirmOutcome> {
    if (!parseFileKey(key)) return { outcome: 'unknown_key' };
    const row = await db.selectFrom('files').selectAll().where('key', '=', key).executeTakeFirst();
    if (!row) return { outcome: 'unknown_key' };
    return confirmRow(row);
  }

  async function findConfirmed(tenantId: string, id: string): Promise<FileRow> {
    const row = await db
      .selectFrom('files')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('status', '=', 'confirmed')
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', 'Arquivo não encontrado.');
    return row;
  }

  async function get(actor: ActorContext, id: string): Promise<StoredFile> {
    return toStoredFile(await findConfirmed(actor.tenantId, id));
  }

  async function list(
    actor: ActorContext,
    input: { purpose?: FilePurpose | undefined; cursor?: string | null | undefined; limit: number },
  ): Promise<{ items: StoredFile[]; nextCursor: string | null }> {
    let query = db
      .selectFrom('files')
      .selectAll()
      .where('tenant_id', '=', actor.tenantId)
      .where('status', '=', 'confirmed');
    if (input.purpose) query = query.where('purpose', '=', input.purpose);
    if (input.cursor) {
      const [at, id] = decodeKeysetCursor(input.cursor);
      const after = new Date(at ?? '');
      if (Number.isNaN(after.getTime())) {
        throw new AppError('VALIDATION_FAILED', 'Cursor de paginação inválido.');
      }
      query = query.where((eb) =>
        eb.or([eb('created_at', '<', after), eb.and([eb('created_at', '=', after), eb('id', '<', id)])]),
      );
    }
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(input.limit + 1)
      .execute();
    const page = rows.slice(0, input.limit);
    const last = page.at(-1);
    return {
      items: page.map(toStoredFile),
      nextCursor:
        rows.length > input.limit && last ? encodeKeysetCursor(last.created_at.toISOString(), last.id) : null,
    };
  }

  /** A short-lived presigned GET that answers with the original file name. */
  async function downloadUrl(
    tenantId: string,
    id: string,
    options: { disposition?: 'attachment' | 'inline'; expiresIn?: number } = {},
  ): Promise<{ url: string; expiresIn: number }> {
    const row = await findConfirmed(tenantId, id);
    const expiresIn = options.expiresIn ?? DOWNLOAD_URL_TTL_SECONDS;
    const url = await storage(() =>
      store.presignDownload({
        key: row.key,
        filename: row.filename,
        expiresIn,
        ...(options.disposition ? { disposition: options.disposition } : {}),
      }),
    );
    return { url, expiresIn };
  }

  /** The object first: a record without its object would be a broken link; the reverse is cleaned up. */
  async function remove(actor: ActorContext, id: string): Promise<void> {
    const row = await findConfirmed(actor.tenantId, id);
    // Staff remove what they uploaded; owners and admins remove anything of the business.
    if (actor.role === 'staff' && row.uploaded_by !== actor.userId) throw new AppError('FORBIDDEN');
    await storage(() => store.remove(row.key));
    await db.deleteFrom('files').where('tenant_id', '=', actor.tenantId).where('id', '=', id).execute();
  }

  /** A confirmed file of this tenant and purpose (logo, photo, attachment), or a clear refusal. */
  async function requireUsable(tenantId: string, id: string, purpose: FilePurpose): Promise<StoredFile> {
    return toStoredFile(await requireStoredFile(db, tenantId, id, purpose));
  }

  /** Bytes the server itself received (inbound media): stored and recorded as confirmed at once. */
  async function storeBytes(input: {
    tenantId: string;
    purpose: FilePurpose;
    filename: string;
    contentType: string;
    bytes: Uint8Array;
  }): Promise<StoredFile> {
    const key = newFileKey(input.tenantId, input.purpose, input.filename);
    const { etag } = await storage(() =>
      store.put({ key, body: input.bytes, contentType: input.contentType }),
    );
    const now = clock.now();
    const row = await db
      .insertInto('files')
      .values({
        tenant_id: input.tenantId,
        key,
        purpose: input.purpose,
        filename: input.filename,
        content_type: input.contentType,
        size: input.bytes.byteLength,
        checksum: etag,
        status: 'confirmed',
        created_at: now,
        confirmed_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toStoredFile(row);
  }

  /**
   * Files nobody needs any more, a day on: uploads signed but never confirmed, and confirmed files
   * nothing points at (a replaced logo or photo, an attachment never sent). Objects go first, then
   * records, each removal conditional so two instances never race. Bounded per call.
   */
  async function removeUnusedFiles(limit = 500): Promise<number> {
    const cutoff = new Date(clock.now().getTime() - UNUSED_FILE_AGE_MS);
    const unused = await db
      .selectFrom('files')
      .select(['id', 'key', 'status'])
      .where('created_at', '<', cutoff)
      .where((eb) =>
        eb.or([
          eb('status', '=', 'pending'),
          eb.and([
            eb('status', '=', 'confirmed'),
            eb.not(
              eb.exists(
                eb.selectFrom('tenants').select('id').whereRef('tenants.logo_file_id', '=', 'files.id'),
              ),
            ),
            eb.not(
              eb.exists(
                eb
                  .selectFrom('professionals')
                  .select('id')
                  .whereRef('professionals.photo_file_id', '=', 'files.id'),
              ),
            ),
            eb.not(
              eb.exists(
                eb
                  .selectFrom('messages')
                  .select('messages.id')
                  .where(sql<string>`messages.media->>'fileId'`, '=', sql<string>`files.id::text`)
                  .where('messages.media', 'is not', null),
              ),
            ),
          ]),
        ]),
      )
      .orderBy('created_at')
      .limit(limit)
      .execute();
    let removed = 0;
    for (const row of unused) {
      await store.remove(row.key);
      const deleted = await db
        .deleteFrom('files')
        .where('id', '=', row.id)
        .where('status', '=', row.status)
        .executeTakeFirst();
      removed += Number(deleted.numDeletedRows);
    }
    return removed;
  }

  return {
    createUploadUrl,
    confirm,
    confirmUploadedKey,
    get,
    list,
    downloadUrl,
    remove,
    requireUsable,
    storeBytes,
    removeUnusedFiles,
  };
}

export type FileRegistry = ReturnType<typeof createFileRegistry>;
