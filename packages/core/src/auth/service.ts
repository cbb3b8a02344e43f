import { randomUUID } from 'node:crypto';
import {
  AppError,
  type AuthSession,
  type LoginInput,
  type Me,
  type TokenPair,
  registerInput,
  type RegisterInput,
} from '@agenda-cheia/contracts';
import { type Database, isUniqueViolation, type Kysely, type UserRow } from '@agenda-cheia/db';
import type { Clock } from '../shared/clock';
import type { ActorContext } from '../shared/context';
import type { Executor } from '../shared/executor';
import { toTenant } from '../tenants/mappers';
import { findTenantById, insertTenant, isSlugTaken } from '../tenants/repository';
import { slugify, slugWithSuffix } from '../tenants/slug';
import { toUser } from '../users/mappers';
import { findUserByEmail, findUserInTenant, insertUser, updateUserRow } from '../users/repository';
import type { PasswordHasher } from './passwords';
import {
  findRefreshTokenByHash,
  insertRefreshToken,
  retireRefreshToken,
  revokeFamily,
  revokeUserSessionsExcept,
} from './refresh-token-repository';
import {
  type AccessTokenIssuer,
  generateRefreshToken,
  hashRefreshToken,
  REFRESH_TOKEN_TTL_SECONDS,
} from './tokens';

export interface AuthServiceDeps {
  db: Kysely<Database>;
  passwords: PasswordHasher;
  accessTokens: AccessTokenIssuer;
  clock: Clock;
}

export function createAuthService(deps: AuthServiceDeps) {
  const { db, passwords, accessTokens, clock } = deps;

  async function issueTokens(
    executor: Executor,
    user: UserRow,
    familyId: string = randomUUID(),
  ): Promise<TokenPair & { refreshTokenId: string }> {
    const refreshToken = generateRefreshToken();
    const { id } = await insertRefreshToken(executor, {
      tenantId: user.tenant_id,
      userId: user.id,
      familyId,
      tokenHash: hashRefreshToken(refreshToken),
      expiresAt: new Date(clock.now().getTime() + REFRESH_TOKEN_TTL_SECONDS * 1000),
    });
    const accessToken = accessTokens.sign({
      sub: user.id,
      tid: user.tenant_id,
      role: user.role,
      sid: familyId,
    });
    return { accessToken, refreshToken, refreshTokenId: id };
  }

  async function sessionFor(executor: Executor, user: UserRow): Promise<AuthSession> {
    const tenant = await findTenantById(executor, user.tenant_id);
    if (!tenant) throw new AppError('INVALID_CREDENTIALS');
    const { accessToken, refreshToken } = await issueTokens(executor, user);
    return { accessToken, refreshToken, user: toUser(user), tenant: toTenant(tenant) };
  }

  async function freeSlug(executor: Executor, businessName: string): Promise<string> {
    const base = slugify(businessName);
    return (await isSlugTaken(executor, base)) ? slugWithSuffix(base) : base;
  }

  return {
    async register(rawInput: RegisterInput): Promise<AuthSession> {
      const input = registerInput.parse(rawInput);
      const passwordHash = await passwords.hash(input.password);
      try {
        return await db.transaction().execute(async (trx) => {
          const tenant = await insertTenant(trx, {
            name: input.businessName,
            slug: await freeSlug(trx, input.businessName),
            timezone: input.timezone,
          });
          const user = await insertUser(trx, {
            tenant_id: tenant.id,
            name: input.name,
            email: input.email,
            role: 'owner',
            password_hash: passwordHash,
          });
          return sessionFor(trx, user);
        });
      } catch (error) {
        if (isUniqueViolation(error, 'users_email_key')) throw new AppError('EMAIL_TAKEN');
        throw error;
      }
    },

    /** Unknown e-mail and wrong password are indistinguishable, in answer and in time. */
    async login(input: LoginInput): Promise<AuthSession> {
      const user = await findUserByEmail(db, input.email);
      const valid = user
        ? await passwords.verify(input.password, user.password_hash)
        : await passwords.verifyAgainstDummy(input.password);
      if (!user || !valid) throw new AppError('INVALID_CREDENTIALS');
      return sessionFor(db, user);
    },

    /**
     * Rotates the refresh token. Presenting a token that was already rotated means it was copied:
     * the whole family (every token descended from that login) is revoked.
     */
    async refresh(refreshToken: string): Promise<TokenPair> {
      const now = clock.now();
      const stored = await findRefreshTokenByHash(db, hashRefreshToken(refreshToken));
      if (!stored) throw new AppError('TOKEN_INVALID');
      if (stored.revoked_at) {
        if (stored.revoked_reason === 'rotated') {
          await revokeFamily(db, stored.family_id, 'reuse_detected', now);
          throw new AppError('TOKEN_REUSED');
        }
        throw new AppError(stored.revoked_reason === 'reuse_detected' ? 'TOKEN_REUSED' : 'TOKEN_INVALID');
      }
      if (stored.expires_at.getTime() <= now.getTime()) throw new AppError('TOKEN_EXPIRED');

      const rotated = await db.transaction().execute(async (trx) => {
        const user = await findUserInTenant(trx, stored.tenant_id, stored.user_id);
        if (!user) throw new AppError('TOKEN_INVALID');
        const next = await issueTokens(trx, user, stored.family_id);
        const won = await retireRefreshToken(trx, stored.id, 'rotated', now, next.refreshTokenId);
        return won ? { accessToken: next.accessToken, refreshToken: next.refreshToken } : undefined;
      });
      if (!rotated) {
        // Someone rotated this token between our read and our write: same as a reuse.
        await revokeFamily(db, stored.family_id, 'reuse_detected', now);
        throw new AppError('TOKEN_REUSED');
      }
      return rotated;
    },

    async logout(refreshToken: string): Promise<void> {
      const stored = await findRefreshTokenByHash(db, hashRefreshToken(refreshToken));
      // Logging out an unknown or already-revoked token is not an error: the session is gone either way.
      if (stored) await revokeFamily(db, stored.family_id, 'logout', clock.now());
    },

    async me(actor: ActorContext): Promise<Me> {
      const user = await findUserInTenant(db, actor.tenantId, actor.userId);
      const tenant = await findTenantById(db, actor.tenantId);
      if (!user || !tenant) throw new AppError('UNAUTHENTICATED');
      return { user: toUser(user), tenant: toTenant(tenant) };
    },

    /** Keeps the caller's session and revokes every other one of this user. */
    async changePassword(actor: ActorContext, currentPassword: string, newPassword: string): Promise<void> {
      const user = await findUserInTenant(db, actor.tenantId, actor.userId);
      if (!user) throw new AppError('UNAUTHENTICATED');
      if (!(await passwords.verify(currentPassword, user.password_hash)))
        throw new AppError('WRONG_PASSWORD');
      const passwordHash = await passwords.hash(newPassword);
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await updateUserRow(trx, actor.tenantId, actor.userId, {
          password_hash: passwordHash,
          password_changed_at: now,
        });
        await revokeUserSessionsExcept(trx, actor.userId, actor.sessionId, 'password_changed', now);
      });
    },

    verifyAccessToken(token: string): ActorContext {
      const claims = accessTokens.verify(token);
      return {
        userId: claims.sub,
        tenantId: claims.tid,
        role: claims.role,
        sessionId: claims.sid,
        expiresAt: new Date(claims.exp * 1000),
      };
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
