import { AppError, type CreateUserInput, createUserInput, type User } from '@agenda-cheia/contracts';
import { type Database, isUniqueViolation, type Kysely } from '@agenda-cheia/db';
import type { PasswordHasher } from '../auth/passwords';
import type { ActorContext } from '../shared/context';
import { toUser } from './mappers';
import { requireRole } from './permissions';
import { insertUser, listUsersOfTenant, updateUserRow } from './repository';

export function createUserService(deps: { db: Kysely<Database>; passwords: PasswordHasher }) {
  const { db, passwords } = deps;
  return {
    async list(actor: ActorContext): Promise<User[]> {
      requireRole(actor, 'owner', 'admin');
      return (await listUsersOfTenant(db, actor.tenantId)).map(toUser);
    },

    /** Owners add admins or staff; admins add staff. */
    async create(actor: ActorContext, rawInput: CreateUserInput): Promise<User> {
      requireRole(actor, 'owner', 'admin');
      const input = createUserInput.parse(rawInput);
      if (input.role === 'admin' && actor.role !== 'owner') {
        throw new AppError('FORBIDDEN', 'Apenas o proprietário pode adicionar administradores.');
      }
      try {
        const row = await insertUser(db, {
          tenant_id: actor.tenantId,
          name: input.name,
          email: input.email,
          role: input.role,
          password_hash: await passwords.hash(input.password),
        });
        return toUser(row);
      } catch (error) {
        if (isUniqueViolation(error, 'users_email_key')) throw new AppError('EMAIL_TAKEN');
        throw error;
      }
    },

    async updateProfile(
      actor: ActorContext,
      input: { name?: string | undefined; email?: string | undefined },
    ): Promise<User> {
      try {
        const row = await updateUserRow(db, actor.tenantId, actor.userId, {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.email !== undefined ? { email: input.email } : {}),
        });
        if (!row) throw new AppError('UNAUTHENTICATED');
        return toUser(row);
      } catch (error) {
        if (isUniqueViolation(error, 'users_email_key')) throw new AppError('EMAIL_TAKEN');
        throw error;
      }
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
