import { z } from 'zod';
import {
  changePasswordInput,
  createUserInput,
  updateProfileInput,
  userSchema,
} from '@agenda-cheia/contracts';
import { protectedProcedure, roleProcedure, router } from '../init';

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
      await ctx.services.auth.changePassword(ctx.actor, input.currentPassword, input.newPassword);
      return { ok: true as const };
    }),
});
