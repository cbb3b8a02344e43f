import { z } from 'zod';
import { idSchema } from './common';

/** What an agent may do on its own. Each tool maps to one core function. */
export const agentTools = [
  'list_services',
  'find_free_slots',
  'create_auth_request',
  'list_client_appointments',
  'cancel_appointment',
  'confirm_appointment',
  'answer_offer',
  'handover_to_human',
] as const;
export const agentToolSchema = z.enum(agentTools);
export type AgentTool = z.infer<typeof agentToolSchema>;

export const agentConfigSchema = z.object({
  id: idSchema,
  name: z.string(),
  persona: z.string(),
  greeting: z.string(),
  /** Empty: the tenant's LLM integration model, else LLM_MODEL. */
  model: z.string().nullable(),
  temperature: z.number(),
  enabledTools: z.array(agentToolSchema),
  active: z.boolean(),
  isDefault: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AgentConfig = z.infer<typeof agentConfigSchema>;

const agentFields = {
  name: z.string().trim().min(1, { error: 'Informe o nome do agente.' }).max(80),
  persona: z.string().trim().max(4000),
  greeting: z.string().trim().max(500),
  model: z.string().trim().max(120).nullable(),
  temperature: z.number().min(0).max(2),
  enabledTools: z.array(agentToolSchema).max(agentTools.length),
  active: z.boolean(),
  isDefault: z.boolean(),
};

export const createAgentConfigInput = z.object({
  name: agentFields.name,
  persona: agentFields.persona.default(''),
  greeting: agentFields.greeting.default(''),
  model: agentFields.model.default(null),
  temperature: agentFields.temperature.default(0.3),
  enabledTools: agentFields.enabledTools.default([...agentTools]),
  active: agentFields.active.default(true),
  isDefault: agentFields.isDefault.default(false),
});
export type CreateAgentConfigInput = z.input<typeof createAgentConfigInput>;

export const updateAgentConfigInput = z.object(agentFields).partial().extend({ id: idSchema });

export const agentConfigIdInput = z.object({ id: idSchema });

export const playgroundInput = z.object({
  agentId: idSchema.optional(),
  /** The owner plays a client: the whole chat so far, newest last. */
  messages: z
    .array(z.object({ role: z.enum(['client', 'agent']), text: z.string().trim().min(1).max(2000) }))
    .min(1)
    .max(40),
  /** The client the owner pretends to be (for history and the client's appointments); none: a new client. */
  clientId: idSchema.optional(),
  /** The agent's working memory returned by the previous turn's `done` chunk (opaque to the web app). */
  agentState: z.record(z.string(), z.unknown()).nullable().optional(),
});
export type PlaygroundInput = z.infer<typeof playgroundInput>;

export const chatIntents = [
  'booking',
  'inquiry',
  'complaint',
  'hello',
  'confirmation',
  'cancellation',
  'unknown',
] as const;
export const chatIntentSchema = z.enum(chatIntents);
export type ChatIntent = z.infer<typeof chatIntentSchema>;

/** What the playground streams: text as it is generated, tool calls as they happen, then the outcome. */
export const playgroundChunkSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('delta'), text: z.string() }),
  z.object({ type: z.literal('tool'), name: z.string(), summary: z.string() }),
  z.object({
    type: z.literal('done'),
    text: z.string(),
    intent: chatIntentSchema,
    authRequestId: idSchema.nullable(),
    engine: z.enum(['llm', 'offline']),
    agentState: z.record(z.string(), z.unknown()).nullable(),
  }),
]);
export type PlaygroundChunk = z.infer<typeof playgroundChunkSchema>;
