import { AppError } from '@agenda-cheia/contracts';
import { decodeKeysetCursor, encodeKeysetCursor } from '../shared/cursor';

/** Keyset pagination over (lower(name), id). */
export interface ClientCursor {
  name: string;
  id: string;
}

export function encodeClientCursor(cursor: ClientCursor): string {
  return encodeKeysetCursor(cursor.name, cursor.id);
}

export function decodeClientCursor(raw: string): ClientCursor {
  const [name, id] = decodeKeysetCursor(raw);
  if (name === null) throw new AppError('VALIDATION_FAILED', 'Cursor de paginação inválido.');
  return { name, id };
}
