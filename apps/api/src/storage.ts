import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import {
  createObjectStore,
  createPresignedGateway,
  type ObjectStore,
  startEmbeddedS3,
} from '@agenda-cheia/storage';
import type { Clock } from '@agenda-cheia/core';
import type { Config } from './config';
import { generatedOnce } from './secrets';

export const EMBEDDED_BUCKET = 'agenda-cheia';
export const GATEWAY_MOUNT_PATH = '/s3';
const GATEWAY_ACCESS_KEY_ID = 'agenda-cheia';

export interface FileStorage {
  mode: 'embedded' | 's3';
  store: ObjectStore;
  /** The origin browsers upload to and download from, when it is not the API's own (CSP). */
  externalOrigin: string | null;
  /** Embedded: the public face of the loopback S3 server, mounted on the API at /s3. */
  gateway: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | null;
  /** Embedded: told of every upload that reached the bucket (what bucket notifications do elsewhere). */
  onObjectCreated(listener: (key: string) => void): void;
  close(): Promise<void>;
}

/**
 * Files live on any S3 API when S3_BUCKET is set. Otherwise a real S3-compatible server runs on loopback
 * with its data under DATA_DIR, and the API serves its presigned URLs at /s3 (so they work wherever the
 * API is reachable), checking each signature with a key generated once for this data directory.
 */
export async function openFileStorage(options: {
  config: Config;
  /** The API's public URL; known once it listens when PUBLIC_URL is not set. */
  publicUrl: () => string;
  /** Signing and expiry follow the application's clock (tests move it). */
  clock: Clock;
}): Promise<FileStorage> {
  const now = () => options.clock.now();
  const { config } = options;
  let listener: ((key: string) => void) | undefined;
  if (config.S3_BUCKET !== undefined) {
    const store = createObjectStore({
      now,
      bucket: config.S3_BUCKET,
      region: config.S3_REGION,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
      ...(config.S3_ENDPOINT ? { endpoint: config.S3_ENDPOINT } : {}),
      ...(config.S3_PUBLIC_BASE_URL ? { publicEndpoint: config.S3_PUBLIC_BASE_URL } : {}),
      ...(config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
        ? {
            credentials: {
              accessKeyId: config.S3_ACCESS_KEY_ID,
              secretAccessKey: config.S3_SECRET_ACCESS_KEY,
            },
          }
        : {}),
    });
    // Where presigned URLs really point (path or virtual-hosted style, any provider): signing needs no network.
    const probe = await store.presignDownload({ key: 'probe', filename: 'probe', expiresIn: 60 });
    return {
      mode: 's3',
      store,
      externalOrigin: new URL(probe).origin,
      gateway: null,
      onObjectCreated: () => undefined,
      close: () => Promise.resolve(store.destroy()),
    };
  }

  const secretAccessKey = await generatedOnce(
    config.DATA_DIR,
    's3-gateway-secret',
    () => randomBytes(32).toString('base64url'),
    (v) => v.length >= 32,
  );
  const publicCredentials = { accessKeyId: GATEWAY_ACCESS_KEY_ID, secretAccessKey };
  const embedded = await startEmbeddedS3({
    directory: path.join(config.DATA_DIR, 's3'),
    bucket: EMBEDDED_BUCKET,
    // The built web app is same-origin; the Vite dev server and CORS_ORIGINS upload cross-origin.
    corsOrigins: [...config.CORS_ORIGINS, 'http://localhost:5173', 'http://127.0.0.1:5173'],
  });
  const store = createObjectStore({
    now,
    bucket: EMBEDDED_BUCKET,
    region: embedded.region,
    endpoint: embedded.endpoint,
    forcePathStyle: true,
    credentials: embedded.credentials,
    publicEndpoint: () => `${options.publicUrl().replace(/\/$/, '')}${GATEWAY_MOUNT_PATH}`,
    publicCredentials,
  });
  const gateway = createPresignedGateway({
    mountPath: GATEWAY_MOUNT_PATH,
    bucket: EMBEDDED_BUCKET,
    region: embedded.region,
    credentials: publicCredentials,
    upstream: { endpoint: embedded.endpoint, credentials: embedded.credentials, region: embedded.region },
    onObjectCreated: (object) => listener?.(object.key),
    now,
  });
  return {
    mode: 'embedded',
    store,
    externalOrigin: null,
    gateway,
    onObjectCreated(next) {
      listener = next;
    },
    async close() {
      store.destroy();
      await embedded.close();
    },
  };
}
