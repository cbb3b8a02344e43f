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
  const file = path.join(config.DATA_DIR, 'jwt-secret');
  try {
    const existing = (await readFile(file, 'utf8')).trim();
    if (Buffer.byteLength(existing) >= MIN_JWT_SECRET_BYTES) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = randomBytes(48).toString('base64url');
  await mkdir(config.DATA_DIR, { recursive: true });
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
