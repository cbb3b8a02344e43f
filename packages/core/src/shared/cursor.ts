import { AppError } from '@agenda-cheia/contracts';

/**
 * Keyset pagination cursors: the sort value of the last row and its id, opaque to clients. Stable under
 * inserts and free of OFFSET scans.
 */
export function encodeKeysetCursor(sortValue: string | null, id: string): string {
  return Buffer.from(JSON.stringify([sortValue, id])).toString('base64url');
}

export function decodeKeysetCursor(raw: string): [string | null, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      (value[0] === null || typeof value[0] === 'string') &&
      typeof value[1] === 'string'
    ) {
      return [value[0] as string | null, value[1]];
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError('VALIDATION_FAILED', 'Cursor de paginação inválido.');
}
