import { AppError } from '@agenda-cheia/contracts';

/** Keyset pagination over (lower(name), id): stable under inserts, no OFFSET scans. */
export interface ClientCursor {
  name: string;
  id: string;
}

export function encodeClientCursor(cursor: ClientCursor): string {
  return Buffer.from(JSON.stringify([cursor.name, cursor.id])).toString('base64url');
}

export function decodeClientCursor(raw: string): ClientCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'string') {
      return { name: value[0], id: value[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError('VALIDATION_FAILED', 'Cursor de paginação inválido.');
}
