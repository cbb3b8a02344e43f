import { formatBytes } from './upload';

export type FileKind = 'image' | 'audio' | 'document';

/** How a file is shown: images and audio play in the page, anything else is a chip to open or download. */
export function fileKindOf(mimeType: string): FileKind {
  const type = mimeType.toLowerCase();
  if (type.startsWith('image/')) return 'image';
  if (type.startsWith('audio/')) return 'audio';
  return 'document';
}

const defaultNames: Record<FileKind, string> = { image: 'Imagem', audio: 'Áudio', document: 'Arquivo' };

export function displayName(file: { filename: string | null; mimeType: string }): string {
  const name = file.filename?.trim() ?? '';
  return name === '' ? defaultNames[fileKindOf(file.mimeType)] : name;
}

/** "PDF · 120 KB", "Áudio · 1,2 MB", "Arquivo" when the size is not known. */
export function describeFile(file: { mimeType: string; size: number | null }): string {
  const kind = fileKindOf(file.mimeType);
  const label = file.mimeType.toLowerCase() === 'application/pdf' ? 'PDF' : defaultNames[kind];
  return file.size === null ? label : `${label} · ${formatBytes(file.size)}`;
}

/**
 * How long a presigned URL is used before asking for a new one: a minute before it expires, so a
 * link clicked (or an image loaded) at the last moment still works; half its life for short ones.
 */
export function refreshAfterMs(expiresInSeconds: number): number {
  return Math.max(expiresInSeconds * 500, (expiresInSeconds - 60) * 1000);
}

/**
 * A URL that failed to load is asked for again only when it was not just issued: a fresh URL that
 * fails means the file itself is missing, and asking again would loop.
 */
export const FRESH_URL_MS = 30_000;
