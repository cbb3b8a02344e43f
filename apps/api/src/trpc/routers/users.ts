import { z } from 'zod';
import {
  AppError,
  changePasswordInput,
  createUserInput,
  updateProfileInput,
  userSchema,
} from '@agenda-cheia/contracts';
import { passwordCheckAccount } from '../../http/rate-limits';
import { protectedProcedure, roleProcedure, router } from '../init';
import { setRetryAfter } from './auth';

export const usersRouter = router({
  list: roleProcedure('owner', 'admin')
    .output(z.object({ items: z.array(userSchema) }))
    .query(async ({ ctx }) => ({ items: await ctx.services.users.list(ctx.actor) })),

  create: roleProcedure('owner', 'admin')
    .input(createUserInput)
    .output(userSchema)
    .mutation(({ ctx, input }) => ctx.services.users.create(ctx.actor, input)),

  updateProfile: protectedProcedure
    .input(updateProfileInput)
    .output(userSchema)
    .mutation(({ ctx, input }) => ctx.services.users.updateProfile(ctx.actor, input)),

  changePassword: protectedProcedure
    .input(changePasswordInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      // Counted like logins: a stolen access token must not be a way to guess the current password.
      const { rateLimits, auth } = ctx.services;
      const account = passwordCheckAccount(ctx.actor.userId);
      try {
        await rateLimits.takeLoginTry(ctx.ip, account);
      } catch (error) {
        setRetryAfter(ctx, error);
        throw error;
      }
      try {
        await auth.changePassword(ctx.actor, input.currentPassword, input.newPassword);
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'WRONG_PASSWORD')) {
          await rateLimits.loginAbandoned(ctx.ip, account);
        }
        throw error;
      }
      await rateLimits.loginSucceeded(ctx.ip, account);
      return { ok: true as const };
    }),
});
