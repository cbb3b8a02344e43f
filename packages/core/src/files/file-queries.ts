import { AppError, type FilePurpose } from '@agenda-cheia/contracts';
import type { FileRow } from '@agenda-cheia/db';
import type { Executor } from '../shared/executor';

/**
 * A confirmed file of this tenant, uploaded for this purpose: what a logo, a photo or an attachment
 * may point at. Another tenant's id reads as not found.
 */
export async function requireStoredFile(
  db: Executor,
  tenantId: string,
  fileId: string,
  purpose: FilePurpose,
): Promise<FileRow> {
  const row = await db
    .selectFrom('files')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', fileId)
    .where('status', '=', 'confirmed')
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'Arquivo não encontrado.');
  if (row.purpose !== purpose) {
    throw new AppError('FILE_TYPE_NOT_ALLOWED', 'Este arquivo foi enviado para outra finalidade.');
  }
  return row;
}
