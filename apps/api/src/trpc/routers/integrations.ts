import { z } from 'zod';
import {
  createdIntegrationSchema,
  createIntegrationInput,
  createLlmIntegrationInput,
  integrationIdInput,
  integrationSchema,
  integrationTestResultSchema,
  updateIntegrationInput,
} from '@agenda-cheia/contracts';
import { roleProcedure, router } from '../init';

const manage = roleProcedure('owner', 'admin');

export const integrationsRouter = router({
  list: manage
    .output(z.object({ items: z.array(integrationSchema) }))
    .query(async ({ ctx }) => ({ items: await ctx.services.integrations.list(ctx.actor) })),

  /** The inbound token and the signing secret appear in this answer only. */
  create: manage
    .input(createIntegrationInput)
    .output(createdIntegrationSchema)
    .mutation(({ ctx, input }) => ctx.services.integrations.createN8n(ctx.actor, input)),

  /** A tenant's own LLM endpoint; the key is sealed at rest and never returned. */
  createLlm: manage
    .input(createLlmIntegrationInput)
    .output(integrationSchema)
    .mutation(({ ctx, input }) => ctx.services.integrations.createLlm(ctx.actor, input)),

  update: manage
    .input(updateIntegrationInput)
    .output(integrationSchema)
    .mutation(({ ctx, input }) => ctx.services.integrations.update(ctx.actor, input)),

  delete: manage
    .input(integrationIdInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.integrations.delete(ctx.actor, input.id);
      return { ok: true as const };
    }),

  test: manage
    .input(integrationIdInput)
    .output(integrationTestResultSchema)
    .mutation(({ ctx, input }) => ctx.services.integrations.test(ctx.actor, input.id)),
});
