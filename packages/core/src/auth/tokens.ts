import { createHash, createSecretKey, randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { type AccessTokenClaims, AppError, accessTokenClaimsSchema } from '@agenda-cheia/contracts';
import type { Clock } from '../shared/clock';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const REFRESH_TOKEN_TTL_SECONDS = 7 * 24 * 60 * 60;
export const MIN_JWT_SECRET_BYTES = 32;

export interface AccessTokenIssuer {
  sign(claims: AccessTokenClaims): string;
  /** Throws AppError TOKEN_EXPIRED or TOKEN_INVALID. */
  verify(token: string): AccessTokenClaims & { exp: number };
}

export function createAccessTokenIssuer(options: {
  secret: string;
  clock: Clock;
  ttlSeconds?: number;
}): AccessTokenIssuer {
  if (Buffer.byteLength(options.secret) < MIN_JWT_SECRET_BYTES) {
    throw new Error(`JWT secret must be at least ${MIN_JWT_SECRET_BYTES} bytes`);
  }
  const ttl = options.ttlSeconds ?? ACCESS_TOKEN_TTL_SECONDS;
  // A KeyObject made once: with a string secret jsonwebtoken builds one on every call (~40x slower).
  const key = createSecretKey(Buffer.from(options.secret, 'utf8'));
  const nowSeconds = () => Math.floor(options.clock.now().getTime() / 1000);
  return {
    sign(claims) {
      const iat = nowSeconds();
      return jwt.sign({ ...claims, iat, exp: iat + ttl }, key, { algorithm: 'HS256' });
    },
    verify(token) {
      let payload: string | jwt.JwtPayload;
      try {
        // Pinning the algorithm refuses `alg: none` and any asymmetric-key confusion.
        payload = jwt.verify(token, key, { algorithms: ['HS256'], clockTimestamp: nowSeconds() });
      } catch (error) {
        if (error instanceof jwt.TokenExpiredError) throw new AppError('TOKEN_EXPIRED');
        throw new AppError('TOKEN_INVALID');
      }
      const claims = accessTokenClaimsSchema.safeParse(payload);
      if (!claims.success || typeof payload !== 'object' || typeof payload.exp !== 'number') {
        throw new AppError('TOKEN_INVALID');
      }
      return { ...claims.data, exp: payload.exp };
    },
  };
}

/** Refresh tokens are opaque random strings; only their SHA-256 is stored (they carry 256 bits of entropy). */
export function generateRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
