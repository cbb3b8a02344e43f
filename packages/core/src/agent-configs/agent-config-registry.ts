import {
  type AgentConfig,
  AppError,
  agentTools,
  createAgentConfigInput,
  type CreateAgentConfigInput,
  updateAgentConfigInput,
} from '@agenda-cheia/contracts';
import type { AgentConfigRow, Database, Kysely } from '@agenda-cheia/db';
import type { ActorContext } from '../shared/context';
import type { Executor } from '../shared/executor';
import { requireRole } from '../users/permissions';

function toAgentConfig(row: AgentConfigRow): AgentConfig {
  return {
    id: row.id,
    name: row.name,
    persona: row.persona,
    greeting: row.greeting,
    model: row.model,
    temperature: row.temperature,
    enabledTools: row.enabled_tools,
    active: row.active,
    isDefault: row.is_default,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** What a tenant that never configured an agent gets: every tool, a neutral persona. */
export function builtInAgentConfig(now: Date): AgentConfig {
  return {
    id: '00000000-0000-0000-0000-000000000000',
    name: 'Assistente',
    persona: '',
    greeting: '',
    model: null,
    temperature: 0.3,
    enabledTools: [...agentTools],
    active: true,
    isDefault: true,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
}

/** The agent that answers the tenant's clients: the default active one, else the built-in one. */
export async function findServingAgentConfig(
  db: Executor,
  tenantId: string,
  now: Date,
  agentId?: string,
): Promise<AgentConfig> {
  let query = db.selectFrom('agent_configs').selectAll().where('tenant_id', '=', tenantId);
  query = agentId
    ? query.where('id', '=', agentId)
    : query.where('active', '=', true).orderBy('is_default', 'desc').orderBy('created_at');
  const row = await query.limit(1).executeTakeFirst();
  if (!row && agentId) throw new AppError('NOT_FOUND', 'Agente não encontrado.');
  return row ? toAgentConfig(row) : builtInAgentConfig(now);
}

/** The design documents' "agents": personas, greetings, models and tools the owner configures. */
export function createAgentConfigRegistry(deps: { db: Kysely<Database> }) {
  const { db } = deps;

  async function get(actor: ActorContext, id: string): Promise<AgentConfig> {
    const row = await db
      .selectFrom('agent_configs')
      .selectAll()
      .where('tenant_id', '=', actor.tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', 'Agente não encontrado.');
    return toAgentConfig(row);
  }

  /** Only one default per tenant: making one the default clears the others in the same transaction. */
  async function clearDefault(trx: Executor, tenantId: string, except?: string) {
    let query = trx.updateTable('agent_configs').set({ is_default: false }).where('tenant_id', '=', tenantId);
    if (except) query = query.where('id', '<>', except);
    await query.execute();
  }

  return {
    get,

    async list(actor: ActorContext): Promise<{ items: AgentConfig[] }> {
      const rows = await db
        .selectFrom('agent_configs')
        .selectAll()
        .where('tenant_id', '=', actor.tenantId)
        .orderBy('is_default', 'desc')
        .orderBy('name')
        .execute();
      return { items: rows.map(toAgentConfig) };
    },

    async create(actor: ActorContext, raw: CreateAgentConfigInput): Promise<AgentConfig> {
      requireRole(actor, 'owner', 'admin');
      const input = createAgentConfigInput.parse(raw);
      const row = await db.transaction().execute(async (trx) => {
        const existing = await trx
          .selectFrom('agent_configs')
          .select('id')
          .where('tenant_id', '=', actor.tenantId)
          .limit(1)
          .executeTakeFirst();
        // The first agent is the default whatever was asked: a tenant always has one.
        const isDefault = input.isDefault || !existing;
        if (isDefault) await clearDefault(trx, actor.tenantId);
        return trx
          .insertInto('agent_configs')
          .values({
            tenant_id: actor.tenantId,
            name: input.name,
            persona: input.persona,
            greeting: input.greeting,
            model: input.model,
            temperature: input.temperature,
            enabled_tools: JSON.stringify(input.enabledTools),
            active: input.active,
            is_default: isDefault,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
      });
      return toAgentConfig(row);
    },

    async update(actor: ActorContext, raw: unknown): Promise<AgentConfig> {
      requireRole(actor, 'owner', 'admin');
      const input = updateAgentConfigInput.parse(raw);
      await get(actor, input.id);
      const row = await db.transaction().execute(async (trx) => {
        if (input.isDefault) await clearDefault(trx, actor.tenantId, input.id);
        return trx
          .updateTable('agent_configs')
          .set({
            ...(input.name !== undefined ? { name: input.name } : {}),
            ...(input.persona !== undefined ? { persona: input.persona } : {}),
            ...(input.greeting !== undefined ? { greeting: input.greeting } : {}),
            ...(input.model !== undefined ? { model: input.model } : {}),
            ...(input.temperature !== undefined ? { temperature: input.temperature } : {}),
            ...(input.enabledTools !== undefined
              ? { enabled_tools: JSON.stringify(input.enabledTools) }
              : {}),
            ...(input.active !== undefined ? { active: input.active } : {}),
            ...(input.isDefault ? { is_default: true } : {}),
            updated_at: new Date(),
          })
          .where('tenant_id', '=', actor.tenantId)
          .where('id', '=', input.id)
          .returningAll()
          .executeTakeFirstOrThrow();
      });
      return toAgentConfig(row);
    },

    async delete(actor: ActorContext, id: string): Promise<{ id: string }> {
      requireRole(actor, 'owner', 'admin');
      const current = await get(actor, id);
      await db.transaction().execute(async (trx) => {
        await trx
          .deleteFrom('agent_configs')
          .where('tenant_id', '=', actor.tenantId)
          .where('id', '=', id)
          .execute();
        if (current.isDefault) {
          // Another agent inherits the default so the tenant keeps one.
          const next = await trx
            .selectFrom('agent_configs')
            .select('id')
            .where('tenant_id', '=', actor.tenantId)
            .orderBy('created_at')
            .limit(1)
            .executeTakeFirst();
          if (next)
            await trx
              .updateTable('agent_configs')
              .set({ is_default: true })
              .where('id', '=', next.id)
              .execute();
        }
      });
      return { id };
    },
  };
}

export type AgentConfigRegistry = ReturnType<typeof createAgentConfigRegistry>;
