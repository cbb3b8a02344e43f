import {
  appErrorCatalog,
  DEFAULT_MAX_UPLOAD_BYTES,
  fileContentTypes,
  type CreateUploadUrlInput,
  type FilePurpose,
  type StoredFile,
  type UploadUrl,
} from '@agenda-cheia/contracts';
import { describeFailure } from '../forms/errors';

/**
 * Uploading a file: the API hands out a presigned URL, the browser sends the bytes straight to the
 * storage (never through the API), then the API confirms the object is there and records it.
 */

/** Names some browsers and phones give to types the server knows under another name. */
const typeAliases: Record<string, string> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'audio/mp3': 'audio/mpeg',
  'audio/x-mp3': 'audio/mpeg',
  'audio/x-m4a': 'audio/mp4',
  'audio/m4a': 'audio/mp4',
  'audio/x-aac': 'audio/aac',
  'audio/x-wav': 'audio/wav',
  'audio/wave': 'audio/wav',
  'audio/vnd.wave': 'audio/wav',
};

/** Browsers report no type for extensions the system does not know, like WhatsApp's .opus voice notes. */
const typesByExtension: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  pdf: 'application/pdf',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/opus',
  amr: 'audio/amr',
  wav: 'audio/wav',
  weba: 'audio/webm',
};

const acceptedHints: Record<FilePurpose, string> = {
  attachment: 'Envie uma imagem (JPG, PNG, WebP ou GIF), um PDF ou um áudio.',
  avatar: 'Envie uma imagem JPG, PNG, WebP ou GIF.',
  logo: 'Envie uma imagem JPG, PNG, WebP ou GIF.',
};

export interface FileFacts {
  name: string;
  type: string;
  size: number;
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** The content type to declare for a file: what the browser says, normalized, or guessed from its name. */
export function contentTypeOf(file: Pick<FileFacts, 'name' | 'type'>): string {
  const reported = file.type.split(';')[0]?.trim().toLowerCase() ?? '';
  if (reported !== '' && reported !== 'application/octet-stream') return typeAliases[reported] ?? reported;
  return typesByExtension[extensionOf(file.name)] ?? (reported || 'application/octet-stream');
}

/** The `accept` of a file input: the types, and the extensions of files phones may report without one. */
export function acceptFor(purpose: FilePurpose): string {
  const types = fileContentTypes[purpose];
  const extensions = Object.entries(typesByExtension)
    .filter(([, type]) => types.includes(type))
    .map(([extension]) => `.${extension}`);
  return [...types, ...extensions].join(',');
}

const sizeFormat = new Intl.NumberFormat('pt-BR', { maximumFractionDigits: 1 });

/** "512 bytes", "340 KB", "1,2 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${sizeFormat.format(bytes / (1024 * 1024))} MB`;
}

/**
 * Why this file cannot be sent for `purpose`, in pt-BR, or null when it can. The server checks the
 * same again; checking here first spares a round trip and says what would be accepted.
 */
export function checkFile(
  file: FileFacts,
  purpose: FilePurpose,
  maxBytes: number = DEFAULT_MAX_UPLOAD_BYTES,
): string | null {
  if (!fileContentTypes[purpose].includes(contentTypeOf(file))) {
    return `${appErrorCatalog.FILE_TYPE_NOT_ALLOWED.message} ${acceptedHints[purpose]}`;
  }
  if (file.size === 0) return 'O arquivo está vazio.';
  if (file.size > maxBytes) {
    return `${appErrorCatalog.FILE_TOO_LARGE.message} O limite é ${formatBytes(maxBytes)}.`;
  }
  return null;
}

/** How far an upload got, from 0 to 1; a length the browser could not compute falls back to the file's. */
export function uploadFraction(
  event: { loaded: number; total: number; lengthComputable: boolean },
  size: number,
) {
  const total = event.lengthComputable && event.total > 0 ? event.total : size;
  if (total <= 0) return 0;
  return Math.min(1, Math.max(0, event.loaded / total));
}

/**
 * Headers a page may not set (the browser writes them itself, and refuses with a console error). The
 * signature may cover Content-Length: the browser sends the exact size of the body, which is the file.
 */
const forbiddenHeaders = new Set([
  'accept-charset',
  'accept-encoding',
  'access-control-request-headers',
  'access-control-request-method',
  'connection',
  'content-length',
  'cookie',
  'cookie2',
  'date',
  'dnt',
  'expect',
  'host',
  'keep-alive',
  'origin',
  'referer',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'via',
]);

export function settableHeaders(headers: Record<string, string>): [string, string][] {
  return Object.entries(headers).filter(([name]) => {
    const lower = name.toLowerCase();
    return !forbiddenHeaders.has(lower) && !lower.startsWith('proxy-') && !lower.startsWith('sec-');
  });
}

/** A failed upload, with what to tell the person. */
export class UploadError extends Error {
  override readonly name = 'UploadError';
}

/** The person (or a newer upload) stopped this one: nothing to report. */
export class UploadCancelled extends Error {
  override readonly name = 'UploadCancelled';
  constructor() {
    super('Envio cancelado.');
  }
}

const CONNECTION_LOST = 'Não foi possível enviar o arquivo. Verifique sua conexão e tente novamente.';

/** What a storage answer means to the person sending. */
export function storageRefusal(status: number): string {
  if (status === 403) {
    return 'O envio não foi autorizado: o link expirou ou o arquivo mudou. Escolha o arquivo e envie de novo.';
  }
  if (status === 413) return appErrorCatalog.FILE_TOO_LARGE.message;
  if (status === 0) return CONNECTION_LOST;
  return `O armazenamento recusou o arquivo (HTTP ${status}). Tente novamente.`;
}

/** The parts of XMLHttpRequest a PUT with progress uses; tests pass a stand-in. */
export interface UploadRequest {
  open(method: string, url: string): void;
  setRequestHeader(name: string, value: string): void;
  send(body: Blob): void;
  abort(): void;
  readonly status: number;
  readonly upload: { onprogress: ((event: ProgressEvent) => void) | null };
  onload: ((event: ProgressEvent) => void) | null;
  onerror: ((event: ProgressEvent) => void) | null;
  onabort: ((event: ProgressEvent) => void) | null;
  ontimeout: ((event: ProgressEvent) => void) | null;
}

export interface PutOptions {
  url: string;
  headers: Record<string, string>;
  body: Blob;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  createRequest?: () => UploadRequest;
}

/**
 * PUTs the bytes to a presigned URL. XMLHttpRequest rather than fetch: only it reports upload progress.
 * The body is the file itself, so the length the browser sends is the one that was signed.
 */
export function putToStorage(options: PutOptions): Promise<void> {
  const { url, headers, body, onProgress, signal } = options;
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(new UploadCancelled());
      return;
    }
    const request = options.createRequest?.() ?? new XMLHttpRequest();
    const onAbortSignal = () => request.abort();
    const settle = (outcome: () => void) => {
      signal?.removeEventListener('abort', onAbortSignal);
      outcome();
    };
    request.open('PUT', url);
    for (const [name, value] of settableHeaders(headers)) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => onProgress?.(uploadFraction(event, body.size));
    request.onload = () =>
      settle(() => {
        if (request.status >= 200 && request.status < 300) {
          onProgress?.(1);
          resolve();
        } else {
          reject(new UploadError(storageRefusal(request.status)));
        }
      });
    request.onerror = () => settle(() => reject(new UploadError(CONNECTION_LOST)));
    request.ontimeout = () => settle(() => reject(new UploadError(CONNECTION_LOST)));
    request.onabort = () => settle(() => reject(new UploadCancelled()));
    signal?.addEventListener('abort', onAbortSignal);
    request.send(body);
  });
}

/** The two API calls around the PUT (the tRPC client in the app, stand-ins in tests). */
export interface UploadApi {
  createUploadUrl(input: CreateUploadUrlInput, signal: AbortSignal): Promise<UploadUrl>;
  confirm(input: { fileKey: string }, signal: AbortSignal): Promise<StoredFile>;
}

export interface UploadOptions {
  file: Blob & { name: string };
  purpose: FilePurpose;
  api: UploadApi;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  createRequest?: () => UploadRequest;
}

function stopIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new UploadCancelled();
}

/** createUploadUrl → PUT with progress → confirm. Resolves with the stored file's record. */
export async function uploadFile(options: UploadOptions): Promise<StoredFile> {
  const signal = options.signal ?? new AbortController().signal;
  try {
    return await uploadSteps(options, signal);
  } catch (error) {
    // However a step reports being stopped (tRPC and XHR each have their own way), it is a cancellation.
    if (signal.aborted) throw new UploadCancelled();
    throw error;
  }
}

async function uploadSteps(options: UploadOptions, signal: AbortSignal): Promise<StoredFile> {
  const { file, purpose, api, onProgress } = options;
  const contentType = contentTypeOf(file);
  const problem = checkFile({ name: file.name, type: contentType, size: file.size }, purpose);
  if (problem !== null) throw new UploadError(problem);

  stopIfCancelled(signal);
  const target = await api.createUploadUrl(
    { filename: file.name, contentType, size: file.size, purpose },
    signal,
  );
  stopIfCancelled(signal);
  // The signed Content-Type is sent from `headers`; a body typed the same covers URLs that do not sign it.
  const body = file.type === contentType ? file : file.slice(0, file.size, contentType);
  await putToStorage({
    url: target.uploadUrl,
    headers: target.headers,
    body,
    signal,
    ...(onProgress === undefined ? {} : { onProgress }),
    ...(options.createRequest === undefined ? {} : { createRequest: options.createRequest }),
  });
  stopIfCancelled(signal);
  return api.confirm({ fileKey: target.fileKey }, signal);
}

/** What to show for a failed upload, or null when it was cancelled (nothing went wrong). */
export function describeUploadFailure(error: unknown): string | null {
  if (error instanceof UploadCancelled) return null;
  if (error instanceof UploadError) return error.message;
  return describeFailure(error).message;
}
