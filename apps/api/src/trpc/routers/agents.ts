import {
  agentConfigIdInput,
  agentConfigSchema,
  createAgentConfigInput,
  playgroundInput,
  updateAgentConfigInput,
} from '@agenda-cheia/contracts';
import { runPlayground } from '@agenda-cheia/agents';
import { z } from 'zod';
import { protectedProcedure, roleProcedure, router } from '../init';

// The agent speaks for the business to its clients: like campaigns, the team reads it, owners and admins change it.
const manage = roleProcedure('owner', 'admin');

/** The design documents' "agents": configurations of the ChatAgent, and the owner's playground. */
export const agentsRouter = router({
  list: protectedProcedure
    .output(z.object({ items: z.array(agentConfigSchema) }))
    .query(({ ctx }) => ctx.services.agentConfigs.list(ctx.actor)),

  get: protectedProcedure
    .input(agentConfigIdInput)
    .output(agentConfigSchema)
    .query(({ ctx, input }) => ctx.services.agentConfigs.get(ctx.actor, input.id)),

  create: manage
    .input(createAgentConfigInput)
    .output(agentConfigSchema)
    .mutation(({ ctx, input }) => ctx.services.agentConfigs.create(ctx.actor, input)),

  update: manage
    .input(updateAgentConfigInput)
    .output(agentConfigSchema)
    .mutation(({ ctx, input }) => ctx.services.agentConfigs.update(ctx.actor, input)),

  delete: manage
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
