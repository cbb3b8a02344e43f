import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  NotFound,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import contentDisposition from 'content-disposition';

export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface ObjectStoreSettings {
  bucket: string;
  region: string;
  /** The S3 API the server talks to; AWS's own endpoint when absent. */
  endpoint?: string;
  /**
   * The endpoint browsers and n8n reach, when it differs from `endpoint` (MinIO inside a private
   * network, behind a public host name). Presigned URLs are signed for this host. A function is read at
   * the first signature (the embedded gateway's address is known once the API listens).
   */
  publicEndpoint?: string | (() => string);
  forcePathStyle: boolean;
  /** Absent: the SDK's default chain (environment, instance role). */
  credentials?: S3Credentials;
  /** What presigned URLs are signed with, when the public endpoint checks other keys (the embedded gateway). */
  publicCredentials?: S3Credentials;
  /** The signing time of presigned URLs (the application's clock). */
  now?: () => Date;
}

export interface ObjectInfo {
  size: number;
  contentType: string | null;
  etag: string | null;
  lastModified: Date | null;
}

export interface ObjectStore {
  readonly bucket: string;
  /** A presigned PUT whose signature covers the content type and length: the storage refuses others. */
  presignUpload(input: {
    key: string;
    contentType: string;
    contentLength: number;
    expiresIn: number;
  }): Promise<{ url: string; headers: Record<string, string> }>;
  /** A presigned GET that answers with the original file name (`attachment` or `inline`). */
  presignDownload(input: {
    key: string;
    filename: string;
    expiresIn: number;
    disposition?: 'attachment' | 'inline';
  }): Promise<string>;
  /** The object's metadata, or null when there is no such object. */
  head(key: string): Promise<ObjectInfo | null>;
  put(input: { key: string; body: Uint8Array; contentType: string }): Promise<{ etag: string | null }>;
  remove(key: string): Promise<void>;
  /** Throws when the bucket cannot be reached (readiness). */
  ping(): Promise<void>;
  destroy(): void;
}

function clientFor(
  settings: ObjectStoreSettings,
  endpoint: string | undefined,
  credentials: S3Credentials | undefined,
): S3Client {
  return new S3Client({
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    ...(endpoint ? { endpoint } : {}),
    ...(credentials ? { credentials } : {}),
    // Without these the SDK adds a CRC32 of the *empty* body to presigned PUTs, which S3 then enforces.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/**
 * Header values travel as bytes some servers mangle beyond ASCII: the plain `filename` is an ASCII
 * spelling ("Recibo marco.pdf") and the exact name goes in `filename*` (RFC 6266).
 */
function asciiFallback(filename: string): string {
  return filename
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_');
}

function isMissing(error: unknown): boolean {
  return (
    error instanceof NotFound ||
    (error instanceof S3ServiceException &&
      (error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404))
  );
}

export function createObjectStore(settings: ObjectStoreSettings): ObjectStore {
  const client = clientFor(settings, settings.endpoint, settings.credentials);
  let publicSigner: S3Client | undefined;
  const signerOf = (): S3Client => {
    const { publicEndpoint, publicCredentials } = settings;
    if (publicEndpoint === undefined && publicCredentials === undefined) return client;
    publicSigner ??= clientFor(
      settings,
      typeof publicEndpoint === 'function' ? publicEndpoint() : (publicEndpoint ?? settings.endpoint),
      publicCredentials ?? settings.credentials,
    );
    return publicSigner;
  };
  const { bucket } = settings;
  const now = settings.now ?? (() => new Date());

  return {
    bucket,
    async presignUpload({ key, contentType, contentLength, expiresIn }) {
      const command = new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        ContentType: contentType,
        ContentLength: contentLength,
      });
      const url = await getSignedUrl(signerOf(), command, {
        expiresIn,
        signingDate: now(),
        signableHeaders: new Set(['content-type', 'content-length']),
      });
      return { url, headers: { 'Content-Type': contentType, 'Content-Length': String(contentLength) } };
    },
    presignDownload({ key, filename, expiresIn, disposition = 'attachment' }) {
      const command = new GetObjectCommand({
        Bucket: bucket,
        Key: key,
        ResponseContentDisposition: contentDisposition(filename, {
          type: disposition,
          fallback: asciiFallback(filename),
        }),
      });
      return getSignedUrl(signerOf(), command, { expiresIn, signingDate: now() });
    },
    async head(key) {
      try {
        const out = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return {
          size: out.ContentLength ?? 0,
          contentType: out.ContentType ?? null,
          etag: out.ETag ? out.ETag.replaceAll('"', '') : null,
          lastModified: out.LastModified ?? null,
        };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async put({ key, body, contentType }) {
      const out = await client.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }),
      );
      return { etag: out.ETag ? out.ETag.replaceAll('"', '') : null };
    },
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
    async ping() {
      await client.send(new HeadBucketCommand({ Bucket: bucket }));
    },
    destroy() {
      client.destroy();
      publicSigner?.destroy();
    },
  };
}
