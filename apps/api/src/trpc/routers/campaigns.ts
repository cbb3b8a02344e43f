import { z } from 'zod';
import {
  campaignIdInput,
  campaignRunSchema,
  campaignRunsInput,
  campaignSchema,
  campaignStatsSchema,
  createCampaignInput,
  idSchema,
  updateCampaignInput,
} from '@agenda-cheia/contracts';
import { protectedProcedure, roleProcedure, router } from '../init';

/** Prazo Certo and Encher Agenda campaigns: the team reads them, owners and admins change them. */
export const campaignsRouter = router({
  list: protectedProcedure
    .output(z.object({ items: z.array(campaignSchema) }))
    .query(({ ctx }) => ctx.services.campaigns.list(ctx.actor)),

  get: protectedProcedure
    .input(campaignIdInput)
    .output(campaignSchema)
    .query(({ ctx, input }) => ctx.services.campaigns.get(ctx.actor, input.id)),

  create: roleProcedure('owner', 'admin')
    .input(createCampaignInput)
    .output(campaignSchema)
    .mutation(({ ctx, input }) => ctx.services.campaigns.create(ctx.actor, input)),

  update: roleProcedure('owner', 'admin')
    .input(updateCampaignInput)
    .output(campaignSchema)
    .mutation(({ ctx, input }) => ctx.services.campaigns.update(ctx.actor, input)),

  delete: roleProcedure('owner', 'admin')
    .input(campaignIdInput)
    .output(z.object({ id: idSchema }))
    .mutation(({ ctx, input }) => ctx.services.campaigns.delete(ctx.actor, input.id)),

  runs: protectedProcedure
    .input(campaignRunsInput)
    .output(z.object({ items: z.array(campaignRunSchema) }))
    .query(({ ctx, input }) => ctx.services.campaigns.runs(ctx.actor, input)),

  stats: protectedProcedure
    .input(campaignIdInput)
    .output(campaignStatsSchema)
    .query(({ ctx, input }) => ctx.services.campaigns.stats(ctx.actor, input.id)),
});
