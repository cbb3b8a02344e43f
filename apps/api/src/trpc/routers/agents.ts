import {
  agentConfigIdInput,
  agentConfigSchema,
  createAgentConfigInput,
  playgroundInput,
  updateAgentConfigInput,
} from '@agenda-cheia/contracts';
import { runPlayground } from '@agenda-cheia/agents';
import { z } from 'zod';
import { protectedProcedure, router } from '../init';

/** The design documents' "agents": configurations of the ChatAgent, and the owner's playground. */
export const agentsRouter = router({
  list: protectedProcedure
    .output(z.object({ items: z.array(agentConfigSchema) }))
    .query(({ ctx }) => ctx.services.agentConfigs.list(ctx.actor)),

  get: protectedProcedure
    .input(agentConfigIdInput)
    .output(agentConfigSchema)
    .query(({ ctx, input }) => ctx.services.agentConfigs.get(ctx.actor, input.id)),

  create: protectedProcedure
    .input(createAgentConfigInput)
    .output(agentConfigSchema)
    .mutation(({ ctx, input }) => ctx.services.agentConfigs.create(ctx.actor, input)),

  update: protectedProcedure
    .input(updateAgentConfigInput)
    .output(agentConfigSchema)
    .mutation(({ ctx, input }) => ctx.services.agentConfigs.update(ctx.actor, input)),

  delete: protectedProcedure
    .input(agentConfigIdInput)
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => ctx.services.agentConfigs.delete(ctx.actor, input.id)),

  /** Streamed: deltas as the reply is written, tool calls, then the outcome. Nothing reaches a client. */
  playground: protectedProcedure.input(playgroundInput).subscription(async function* ({
    ctx,
    input,
    signal,
  }) {
    yield* runPlayground(ctx.services.chatAgentDeps, ctx.actor.tenantId, input, signal);
  }),
});
