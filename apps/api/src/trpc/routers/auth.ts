import { z } from 'zod';
import {
  AppError,
  authSessionSchema,
  loginInput,
  logoutInput,
  meOutput,
  refreshInput,
  registerInput,
  tokenPairSchema,
} from '@agenda-cheia/contracts';
import type { Context } from '../context';
import { protectedProcedure, publicProcedure, router } from '../init';

/** A RATE_LIMITED refusal tells HTTP clients when to come back. */
export function setRetryAfter(ctx: Pick<Context, 'setHeader'>, error: unknown): void {
  if (error instanceof AppError && error.code === 'RATE_LIMITED') {
    const seconds = error.details?.retryAfterSeconds;
    if (typeof seconds === 'number') ctx.setHeader?.('Retry-After', String(seconds));
  }
}

export const authRouter = router({
  register: publicProcedure
    .input(registerInput)
    .output(authSessionSchema)
    .mutation(async ({ ctx, input }) => {
      try {
        await ctx.services.rateLimits.consumeRegistration(ctx.ip);
      } catch (error) {
        setRetryAfter(ctx, error);
        throw error;
      }
      const session = await ctx.services.auth.register(input);
      ctx.log.info({ tenantId: session.tenant.id, userId: session.user.id }, 'business registered');
      return session;
    }),

  login: publicProcedure
    .input(loginInput)
    .output(authSessionSchema)
    .mutation(async ({ ctx, input }) => {
      const { rateLimits, auth } = ctx.services;
      try {
        await rateLimits.takeLoginTry(ctx.ip, input.email);
      } catch (error) {
        setRetryAfter(ctx, error);
        throw error;
      }
      try {
        const session = await auth.login(input);
        await rateLimits.loginSucceeded(ctx.ip, input.email);
        return session;
      } catch (error) {
        // A wrong password keeps its try spent; a failure that is not a verdict gives it back.
        if (!(error instanceof AppError && error.code === 'INVALID_CREDENTIALS')) {
          await rateLimits.loginAbandoned(ctx.ip, input.email);
        }
        throw error;
      }
    }),

  refresh: publicProcedure
    .input(refreshInput)
    .output(tokenPairSchema)
    .mutation(({ ctx, input }) => ctx.services.auth.refresh(input.refreshToken)),

  logout: publicProcedure
    .input(logoutInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.auth.logout(input.refreshToken);
      return { ok: true as const };
    }),

  me: protectedProcedure.output(meOutput).query(({ ctx }) => ctx.services.auth.me(ctx.actor)),
});
