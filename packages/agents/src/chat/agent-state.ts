import { z } from 'zod';

/**
 * The chat agent's working memory for one conversation: the service being discussed, the day asked for,
 * the times just offered (so "pode ser às 15h" picks one of them) and the appointments a "cancelar" may
 * mean. Forgotten after a few quiet hours.
 */
export const agentStateSchema = z.object({
  v: z.literal(1),
  serviceId: z.string().nullable(),
  date: z.string().nullable(),
  offered: z.array(z.object({ start: z.string(), professionalId: z.string(), serviceId: z.string() })),
  cancelOptions: z.array(z.string()),
  updatedAt: z.string(),
});
export type AgentState = z.infer<typeof agentStateSchema>;

const FORGET_AFTER_MS = 3 * 3_600_000;

export function emptyAgentState(now: Date): AgentState {
  return { v: 1, serviceId: null, date: null, offered: [], cancelOptions: [], updatedAt: now.toISOString() };
}

export function readAgentState(raw: unknown, now: Date): AgentState {
  const parsed = agentStateSchema.safeParse(raw);
  if (!parsed.success) return emptyAgentState(now);
  if (now.getTime() - Date.parse(parsed.data.updatedAt) > FORGET_AFTER_MS) return emptyAgentState(now);
  return parsed.data;
}
