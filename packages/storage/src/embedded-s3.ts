import { mkdir } from 'node:fs/promises';
import S3rver from 's3rver';
import type { S3Credentials } from './object-store';

export interface EmbeddedS3Options {
  /** Where objects are kept (under DATA_DIR in the embedded default). */
  directory: string;
  bucket: string;
  /** Browser origins other than the API's own that may upload directly (Vite dev server, CORS_ORIGINS). */
  corsOrigins: readonly string[];
  /** 0 picks a free port. */
  port?: number;
}

export interface EmbeddedS3 {
  /** The loopback endpoint the API itself talks to. */
  endpoint: string;
  /** s3rver's own account: it serves loopback only; public access goes through the presigned gateway. */
  credentials: S3Credentials;
  region: string;
  close(): Promise<void>;
}

function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The bucket's CORS rule: presigned PUT and GET from the web app's origins, ETag readable. */
export function corsConfiguration(origins: readonly string[]): string {
  const allowed = origins.map((o) => `<AllowedOrigin>${escapeXml(o)}</AllowedOrigin>`).join('');
  return (
    '<CORSConfiguration><CORSRule>' +
    allowed +
    '<AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedMethod>PUT</AllowedMethod>' +
    '<AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds>' +
    '</CORSRule></CORSConfiguration>'
  );
}

/**
 * A real S3-compatible server (s3rver) on loopback, its bucket and CORS rule created on start. It does
 * not verify SigV4 signatures itself; the presigned gateway in front of it does.
 */
export async function startEmbeddedS3(options: EmbeddedS3Options): Promise<EmbeddedS3> {
  await mkdir(options.directory, { recursive: true });
  const origins = [...new Set(options.corsOrigins)];
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port ?? 0,
    silent: true,
    directory: options.directory,
    configureBuckets: [
      { name: options.bucket, configs: origins.length > 0 ? [corsConfiguration(origins)] : [] },
    ],
  });
  const address = await server.run();
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    region: 'us-east-1',
    close: () => server.close(),
  };
}
