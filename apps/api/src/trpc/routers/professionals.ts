import { z } from 'zod';
import {
  addTimeOffInput,
  createProfessionalInput,
  listTimeOffInput,
  professionalIdInput,
  professionalSchema,
  removeTimeOffInput,
  setWorkingHoursInput,
  timeOffSchema,
  updateProfessionalInput,
} from '@agenda-cheia/contracts';
import { protectedProcedure, roleProcedure, router } from '../init';

export const professionalsRouter = router({
  list: protectedProcedure
    .output(z.object({ items: z.array(professionalSchema) }))
    .query(async ({ ctx }) => ({ items: await ctx.services.professionals.list(ctx.actor) })),

  get: protectedProcedure
    .input(professionalIdInput)
    .output(professionalSchema)
    .query(({ ctx, input }) => ctx.services.professionals.get(ctx.actor, input.id)),

  create: roleProcedure('owner', 'admin')
    .input(createProfessionalInput)
    .output(professionalSchema)
    .mutation(({ ctx, input }) => ctx.services.professionals.create(ctx.actor, input)),

  update: roleProcedure('owner', 'admin')
    .input(updateProfessionalInput)
    .output(professionalSchema)
    .mutation(({ ctx, input }) => ctx.services.professionals.update(ctx.actor, input)),

  setWorkingHours: roleProcedure('owner', 'admin')
    .input(setWorkingHoursInput)
    .output(professionalSchema)
    .mutation(({ ctx, input }) => ctx.services.professionals.setWorkingHours(ctx.actor, input)),

  listTimeOff: protectedProcedure
    .input(listTimeOffInput)
    .output(z.object({ items: z.array(timeOffSchema) }))
    .query(async ({ ctx, input }) => ({
      items: await ctx.services.professionals.listTimeOff(ctx.actor, input.professionalId),
    })),

  addTimeOff: roleProcedure('owner', 'admin')
    .input(addTimeOffInput)
    .output(timeOffSchema)
    .mutation(({ ctx, input }) => ctx.services.professionals.addTimeOff(ctx.actor, input)),

  removeTimeOff: roleProcedure('owner', 'admin')
    .input(removeTimeOffInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.professionals.removeTimeOff(ctx.actor, input.id);
      return { ok: true as const };
    }),
});
