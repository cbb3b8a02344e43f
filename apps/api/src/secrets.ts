import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MIN_JWT_SECRET_BYTES } from '@agenda-cheia/core';
import { type Config, ConfigError } from './config';

/**
 * The JWT secret: JWT_SECRET when given; in embedded mode without it, a random secret generated once and
 * kept in DATA_DIR. Never a hard-coded default.
 */
export async function resolveJwtSecret(
  config: Pick<Config, 'JWT_SECRET' | 'DATABASE_URL' | 'DATA_DIR'>,
): Promise<string> {
  if (config.JWT_SECRET !== undefined) {
    if (Buffer.byteLength(config.JWT_SECRET) < MIN_JWT_SECRET_BYTES) {
      throw new ConfigError([
        `JWT_SECRET: must be at least ${MIN_JWT_SECRET_BYTES} bytes (generate one with: openssl rand -hex 32)`,
      ]);
    }
    return config.JWT_SECRET;
  }
  if (config.DATABASE_URL !== undefined) {
    throw new ConfigError([
      'JWT_SECRET: required when DATABASE_URL is set (generate one with: openssl rand -hex 32)',
    ]);
  }
  return generatedOnce(
    config.DATA_DIR,
    'jwt-secret',
    () => randomBytes(48).toString('base64url'),
    (v) => Buffer.byteLength(v) >= MIN_JWT_SECRET_BYTES,
  );
}

/** A secret generated on the first embedded start and kept (mode 0600) in DATA_DIR. */
export async function generatedOnce(
  dataDir: string,
  name: string,
  generate: () => string,
  isValid: (value: string) => boolean,
): Promise<string> {
  const file = path.join(dataDir, name);
  try {
    const existing = (await readFile(file, 'utf8')).trim();
    if (isValid(existing)) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = generate();
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** The key that encrypts integration secrets at rest: ENCRYPTION_KEY, or generated once when embedded. */
export async function resolveEncryptionKey(
  config: Pick<Config, 'ENCRYPTION_KEY' | 'DATABASE_URL' | 'DATA_DIR'>,
): Promise<Buffer> {
  if (config.ENCRYPTION_KEY !== undefined) return Buffer.from(config.ENCRYPTION_KEY, 'hex');
  if (config.DATABASE_URL !== undefined) {
    throw new ConfigError([
      'ENCRYPTION_KEY: required when DATABASE_URL is set (generate one with: openssl rand -hex 32)',
    ]);
  }
  const hex = await generatedOnce(
    config.DATA_DIR,
    'encryption-key',
    () => randomBytes(32).toString('hex'),
    (v) => /^[0-9a-f]{64}$/.test(v),
  );
  return Buffer.from(hex, 'hex');
}
