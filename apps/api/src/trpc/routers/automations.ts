import {
  executeCampaignOutput,
  executeEncherAgendaInput,
  executePrazoCertoInput,
} from '@agenda-cheia/contracts';
import { roleProcedure, router } from '../init';

/** Runs a campaign now and answers its figures (the scheduler runs them on their own schedule). */
export const automationsRouter = router({
  executePrazoCerto: roleProcedure('owner', 'admin')
    .input(executePrazoCertoInput)
    .output(executeCampaignOutput)
    .mutation(({ ctx, input }) => ctx.services.campaignRuns.executePrazoCerto(ctx.actor, input)),

  executeEncherAgenda: roleProcedure('owner', 'admin')
    .input(executeEncherAgendaInput)
    .output(executeCampaignOutput)
    .mutation(({ ctx, input }) => ctx.services.campaignRuns.executeEncherAgenda(ctx.actor, input)),
});
