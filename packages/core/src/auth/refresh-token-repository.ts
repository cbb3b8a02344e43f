import type { RefreshTokenRow } from '@agenda-cheia/db';
import type { Executor } from '../shared/executor';

export type RevokeReason = 'rotated' | 'logout' | 'reuse_detected' | 'password_changed';

export function insertRefreshToken(
  db: Executor,
  row: { tenantId: string; userId: string; familyId: string; tokenHash: string; expiresAt: Date },
): Promise<{ id: string }> {
  return db
    .insertInto('refresh_tokens')
    .values({
      tenant_id: row.tenantId,
      user_id: row.userId,
      family_id: row.familyId,
      token_hash: row.tokenHash,
      expires_at: row.expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export function findRefreshTokenByHash(
  db: Executor,
  tokenHash: string,
): Promise<RefreshTokenRow | undefined> {
  return db.selectFrom('refresh_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Compare-and-swap: only one caller can retire a live token. Answers whether this caller did. */
export async function retireRefreshToken(
  db: Executor,
  id: string,
  reason: RevokeReason,
  now: Date,
  replacedBy?: string,
): Promise<boolean> {
  const result = await db
    .updateTable('refresh_tokens')
    .set({ revoked_at: now, revoked_reason: reason, replaced_by: replacedBy ?? null })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function revokeFamily(
  db: Executor,
  familyId: string,
  reason: RevokeReason,
  now: Date,
): Promise<void> {
  await db
    .updateTable('refresh_tokens')
    .set({ revoked_at: now, revoked_reason: reason })
    .where('family_id', '=', familyId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function revokeUserSessionsExcept(
  db: Executor,
  userId: string,
  keepFamilyId: string,
  reason: RevokeReason,
  now: Date,
): Promise<void> {
  await db
    .updateTable('refresh_tokens')
    .set({ revoked_at: now, revoked_reason: reason })
    .where('user_id', '=', userId)
    .where('family_id', '!=', keepFamilyId)
    .where('revoked_at', 'is', null)
    .execute();
}
