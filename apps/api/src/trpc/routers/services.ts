import { z } from 'zod';
import {
  createServiceInput,
  listServicesInput,
  serviceIdInput,
  serviceSchema,
  updateServiceInput,
} from '@agenda-cheia/contracts';
import { protectedProcedure, roleProcedure, router } from '../init';

export const servicesRouter = router({
  list: protectedProcedure
    .input(listServicesInput)
    .output(z.object({ items: z.array(serviceSchema) }))
    .query(async ({ ctx, input }) => ({ items: await ctx.services.catalog.list(ctx.actor, input) })),

  get: protectedProcedure
    .input(serviceIdInput)
    .output(serviceSchema)
    .query(({ ctx, input }) => ctx.services.catalog.get(ctx.actor, input.id)),

  create: roleProcedure('owner', 'admin')
    .input(createServiceInput)
    .output(serviceSchema)
    .mutation(({ ctx, input }) => ctx.services.catalog.create(ctx.actor, input)),

  update: roleProcedure('owner', 'admin')
    .input(updateServiceInput)
    .output(serviceSchema)
    .mutation(({ ctx, input }) => ctx.services.catalog.update(ctx.actor, input)),

  archive: roleProcedure('owner', 'admin')
    .input(serviceIdInput)
    .output(serviceSchema)
    .mutation(({ ctx, input }) => ctx.services.catalog.archive(ctx.actor, input.id)),
});
