import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { AppError } from '@agenda-cheia/contracts';
import { createAccessTokenIssuer, generateRefreshToken, hashRefreshToken } from './tokens';

const secret = 's'.repeat(40);
const claims = {
  sub: '6f1c7a55-3b8e-4a7b-9d7f-0a2c8d9e1f00',
  tid: '0b8e2c4d-1f3a-4c5b-8d6e-7f8091a2b3c4',
  role: 'owner' as const,
  sid: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
};

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? error.code : 'OTHER';
  }
  return undefined;
}

describe('access tokens', () => {
  it('round-trips the claims and lasts 15 minutes', () => {
    let now = Date.UTC(2026, 10, 23, 12);
    const issuer = createAccessTokenIssuer({ secret, clock: { now: () => new Date(now) } });
    const token = issuer.sign(claims);
    expect(issuer.verify(token)).toMatchObject(claims);
    now += 15 * 60 * 1000 + 1000;
    expect(codeOf(() => issuer.verify(token))).toBe('TOKEN_EXPIRED');
  });

  it('refuses a secret shorter than 32 bytes', () => {
    expect(() => createAccessTokenIssuer({ secret: 'short', clock: { now: () => new Date() } })).toThrow(
      /32 bytes/,
    );
  });

  it('refuses HS512, alg none and a foreign secret', () => {
    const issuer = createAccessTokenIssuer({ secret, clock: { now: () => new Date() } });
    expect(codeOf(() => issuer.verify(jwt.sign(claims, secret, { algorithm: 'HS512', expiresIn: 60 })))).toBe(
      'TOKEN_INVALID',
    );
    expect(codeOf(() => issuer.verify(jwt.sign(claims, '', { algorithm: 'none' })))).toBe('TOKEN_INVALID');
    expect(codeOf(() => issuer.verify(jwt.sign(claims, 'x'.repeat(40), { expiresIn: 60 })))).toBe(
      'TOKEN_INVALID',
    );
  });
});

describe('refresh tokens', () => {
  it('are random, 256-bit, and stored as a stable hash', () => {
    const a = generateRefreshToken();
    expect(a).toMatch(/^[\w-]{43}$/);
    expect(generateRefreshToken()).not.toBe(a);
    expect(hashRefreshToken(a)).toBe(hashRefreshToken(a));
    expect(hashRefreshToken(a)).not.toContain(a);
  });
});
