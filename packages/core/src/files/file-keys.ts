import { randomUUID } from 'node:crypto';
import { type FilePurpose, filePurposes } from '@agenda-cheia/contracts';

const MAX_NAME_LENGTH = 120;

/**
 * A file name safe in an S3 key and a URL path on every provider: accents spelled plainly, anything
 * outside [A-Za-z0-9._-] turned into '-', no leading dots, the extension kept when it has to be cut.
 */
export function sanitiseFilename(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  const plain = base
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[.-]+/, '')
    .replace(/-+$/, '');
  if (plain.length <= MAX_NAME_LENGTH) return plain || 'arquivo';
  const dot = plain.lastIndexOf('.');
  const extension = dot > 0 && plain.length - dot <= 10 ? plain.slice(dot) : '';
  return plain.slice(0, MAX_NAME_LENGTH - extension.length) + extension;
}

/** `tenants/<tenantId>/<purpose>/<uuid>/<sanitised filename>` */
export function newFileKey(tenantId: string, purpose: FilePurpose, filename: string): string {
  return `tenants/${tenantId}/${purpose}/${randomUUID()}/${sanitiseFilename(filename)}`;
}

const keyPattern = /^tenants\/([0-9a-f-]{36})\/([a-z]+)\/[0-9a-f-]{36}\/[^/]+$/;

/** The tenant and purpose a key names, or null for a key we never issue. */
export function parseFileKey(key: string): { tenantId: string; purpose: FilePurpose } | null {
  const match = keyPattern.exec(key);
  if (!match) return null;
  const [, tenantId, purpose] = match;
  const known = filePurposes.find((p) => p === purpose);
  return tenantId && known ? { tenantId, purpose: known } : null;
}
