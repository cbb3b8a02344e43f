import { z } from 'zod';
import {
  appointmentSchema,
  clientIdInput,
  clientPageSchema,
  clientSchema,
  createClientInput,
  importClientsCsvInput,
  importClientsCsvOutput,
  listClientsInput,
  updateClientInput,
} from '@agenda-cheia/contracts';
import { protectedProcedure, router } from '../init';

export const clientsRouter = router({
  list: protectedProcedure
    .input(listClientsInput)
    .output(clientPageSchema)
    .query(({ ctx, input }) => ctx.services.clients.list(ctx.actor, input)),

  get: protectedProcedure
    .input(clientIdInput)
    .output(z.object({ client: clientSchema, history: z.array(appointmentSchema) }))
    .query(({ ctx, input }) => ctx.services.clients.get(ctx.actor, input.id)),

  create: protectedProcedure
    .input(createClientInput)
    .output(clientSchema)
    .mutation(({ ctx, input }) => ctx.services.clients.create(ctx.actor, input)),

  update: protectedProcedure
    .input(updateClientInput)
    .output(clientSchema)
    .mutation(({ ctx, input }) => ctx.services.clients.update(ctx.actor, input)),

  delete: protectedProcedure
    .input(clientIdInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.clients.delete(ctx.actor, input.id);
      return { ok: true as const };
    }),

  importCsv: protectedProcedure
    .input(importClientsCsvInput)
    .output(importClientsCsvOutput)
    .mutation(({ ctx, input }) => ctx.services.clients.importCsv(ctx.actor, input)),
});
