import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config';
import { resolveJwtSecret } from '../src/secrets';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('has working defaults for the embedded mode', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, HOST: '0.0.0.0', SEED_DEMO: true, CORS_ORIGINS: [] });
    expect(config.DATA_DIR).toBe(path.join(config.workspaceRoot, '.data'));
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('names the variable of every bad value', () => {
    const problems = problemsOf({
      PORT: 'abc',
      DATABASE_URL: 'mysql://x',
      BCRYPT_COST: '4',
      SEED_DEMO: 'maybe',
      CORS_ORIGINS: 'not a url',
    });
    const named = problems.map((p) => p.split(':')[0]);
    expect(named).toEqual(expect.arrayContaining(['PORT', 'DATABASE_URL', 'BCRYPT_COST', 'SEED_DEMO']));
    expect(problems.some((p) => p.startsWith('CORS_ORIGINS'))).toBe(true);
  });

  it('treats empty variables as unset', () => {
    const config = loadConfig({ DATABASE_URL: '', PORT: '' });
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('refuses a JWT secret shorter than 32 bytes', async () => {
    await expect(
      resolveJwtSecret({ JWT_SECRET: 'short', DATABASE_URL: undefined, DATA_DIR: '/tmp' }),
    ).rejects.toThrow(/JWT_SECRET: must be at least 32 bytes/);
  });

  it('requires JWT_SECRET with an external database', async () => {
    await expect(
      resolveJwtSecret({
        JWT_SECRET: undefined,
        DATABASE_URL: 'postgres://x@localhost/db',
        DATA_DIR: '/tmp',
      }),
    ).rejects.toThrow(/JWT_SECRET: required/);
  });

  it('generates a secret once in embedded mode and keeps it private in DATA_DIR', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'agenda-secret-'));
    const first = await resolveJwtSecret({ JWT_SECRET: undefined, DATABASE_URL: undefined, DATA_DIR: dir });
    const second = await resolveJwtSecret({ JWT_SECRET: undefined, DATABASE_URL: undefined, DATA_DIR: dir });
    expect(first).toBe(second);
    expect(Buffer.byteLength(first)).toBeGreaterThanOrEqual(32);
    expect((await readFile(path.join(dir, 'jwt-secret'), 'utf8')).trim()).toBe(first);
    expect((await stat(path.join(dir, 'jwt-secret'))).mode & 0o777).toBe(0o600);
  });

  it('stops the real process with a message naming the variable', () => {
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.resolve(import.meta.dirname, '../src/main.ts')],
      {
        env: { PATH: process.env.PATH, PORT: 'not-a-port', JWT_SECRET: 'short' },
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('PORT: ');
    expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});
