/* eslint-disable no-restricted-properties -- the one module that reads the environment */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

function findWorkspaceRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return start;
    dir = parent;
  }
}

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'use true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const positiveInt = z.coerce.number({ error: 'must be a number' }).int().positive();

const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number({ error: 'must be a number' }).int().min(0).max(65535).default(3000),
  /** Where embedded data lives (PGlite, generated secret, S3 files). */
  DATA_DIR: z.string().min(1).optional(),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }).optional(),
  DATABASE_POOL_SIZE: positiveInt.default(10),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// URL' }).optional(),
  JWT_SECRET: z.string().optional(),
  /** 32 bytes as 64 hex characters: encrypts integration secrets at rest. */
  ENCRYPTION_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, { error: 'must be 64 hex characters (generate with: openssl rand -hex 32)' })
    .optional(),
  /** Comma-separated origins allowed to call the API from a browser; the built web app is same-origin. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ error: 'each origin must be a URL' }))),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST_DIR: z.string().optional(),
  BCRYPT_COST: z.coerce.number({ error: 'must be a number' }).int().min(10).max(15).default(12),
  TRUST_PROXY: booleanFromEnv.default(false),
  SEED_DEMO: booleanFromEnv.default(true),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: positiveInt.default(10),
  LOGIN_MAX_FAILURES_PER_IP: positiveInt.default(100),
  LOGIN_WINDOW_MINUTES: positiveInt.default(15),
  REGISTER_MAX_PER_IP_PER_HOUR: positiveInt.default(30),
  /** Any OpenAI-compatible endpoint; without LLM_MODEL the offline pt-BR agent answers. */
  LLM_BASE_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .default('https://api.openai.com/v1'),
  LLM_API_KEY: z.string().optional(),
  LLM_MODEL: z.string().trim().min(1).optional(),
  LLM_TIMEOUT_MS: positiveInt.default(30_000),
  LLM_MAX_RETRIES: z.coerce.number({ error: 'must be a number' }).int().min(0).max(5).default(2),
  LLM_MAX_TOOL_STEPS: positiveInt.max(20).default(6),
  /**
   * How browsers and n8n reach this API (`https://agenda.example.com`). Links to files served by the
   * embedded storage are built on it; http://localhost:PORT when absent.
   */
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  /** Any S3 API (AWS S3, MinIO, R2). Without S3_BUCKET the embedded S3-compatible server is used. */
  S3_BUCKET: z.string().trim().min(3).max(63).optional(),
  S3_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  S3_REGION: z.string().trim().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().trim().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().trim().min(1).optional(),
  S3_FORCE_PATH_STYLE: booleanFromEnv.default(false),
  /** The endpoint browsers and n8n reach when it differs from S3_ENDPOINT (MinIO behind a public host). */
  S3_PUBLIC_BASE_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  /** Bearer token bucket notifications must carry on POST /api/v1/webhooks/s3; the route is off without it. */
  S3_WEBHOOK_TOKEN: z.string().min(16, { error: 'use at least 16 characters' }).optional(),
  /** The largest file a user may upload (bytes). */
  FILES_MAX_BYTES: positiveInt.max(1024 * 1024 * 1024).default(10 * 1024 * 1024),
  /** Inbound media from n8n: how long a download may take, and hosts allowed even on private addresses. */
  INBOUND_MEDIA_TIMEOUT_MS: positiveInt.default(15_000),
  INBOUND_MEDIA_ALLOWED_HOSTS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    ),
});

export type RawConfig = z.input<typeof configSchema>;

export interface Config extends Omit<z.output<typeof configSchema>, 'DATA_DIR' | 'WEB_DIST_DIR'> {
  DATA_DIR: string;
  WEB_DIST_DIR: string;
  workspaceRoot: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates configuration once. A bad value stops the process with the variable's name. */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  cwd = process.cwd(),
): Config {
  // Empty strings (`FOO=` in a .env file) mean "not set".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  const workspaceRoot = findWorkspaceRoot(cwd);
  const value = parsed.data;
  const s3Problems = [
    ...(value.S3_BUCKET === undefined && value.S3_ENDPOINT !== undefined
      ? ['S3_BUCKET: required when S3_ENDPOINT is set']
      : []),
    ...((value.S3_ACCESS_KEY_ID === undefined) !== (value.S3_SECRET_ACCESS_KEY === undefined)
      ? ['S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY: set both or neither']
      : []),
  ];
  if (s3Problems.length > 0) throw new ConfigError(s3Problems);
  return {
    ...value,
    workspaceRoot,
    DATA_DIR: path.resolve(workspaceRoot, value.DATA_DIR ?? '.data'),
    WEB_DIST_DIR: path.resolve(workspaceRoot, value.WEB_DIST_DIR ?? 'apps/web/dist'),
  };
}
