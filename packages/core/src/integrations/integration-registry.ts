import { createHash, createHmac, randomBytes } from 'node:crypto';
import { AppError } from '@agenda-cheia/contracts';
import type { Database, IntegrationRow, Kysely } from '@agenda-cheia/db';
import type { ActorContext } from '../shared/context';
import type { Executor } from '../shared/executor';
import { requireRole } from '../users/permissions';
import type { SecretBox } from './secret-box';

export function hashInboundToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** `X-Agenda-Signature: sha256=<hex HMAC of the exact body>`, as n8n verifies it. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export interface IntegrationView {
  id: string;
  kind: 'n8n' | 'llm';
  name: string;
  outboundUrl: string | null;
  active: boolean;
  createdAt: string;
  hasSigningSecret: boolean;
  baseUrl?: string | null;
  model?: string | null;
  hasApiKey?: boolean;
}

/** An LLM integration's settings, decrypted for use (never shown to anyone). */
export interface LlmEndpoint {
  integrationId: string;
  baseUrl: string;
  apiKey: string;
  model: string;
  updatedAt: Date;
}

/** What an `llm` integration keeps in `config`: the key only sealed. */
interface LlmConfig {
  baseUrl: string;
  model: string;
  apiKeySealed: string | null;
}

function llmConfigOf(row: IntegrationRow): LlmConfig | undefined {
  const { baseUrl, model, apiKeySealed } = row.config;
  if (typeof baseUrl !== 'string' || typeof model !== 'string') return undefined;
  return { baseUrl, model, apiKeySealed: typeof apiKeySealed === 'string' ? apiKeySealed : null };
}

function toView(row: IntegrationRow): IntegrationView {
  const view: IntegrationView = {
    id: row.id,
    kind: row.kind,
    name: row.name,
    outboundUrl: row.outbound_url,
    active: row.active,
    createdAt: row.created_at.toISOString(),
    hasSigningSecret: row.signing_secret_encrypted !== null,
  };
  const llm = row.kind === 'llm' ? llmConfigOf(row) : undefined;
  return llm
    ? { ...view, baseUrl: llm.baseUrl, model: llm.model, hasApiKey: llm.apiKeySealed !== null }
    : view;
}

/** Asks an LLM endpoint which models it offers (the agents' provider does it; core only composes). */
export type LlmProbe = (endpoint: Omit<LlmEndpoint, 'integrationId' | 'updatedAt'>) => Promise<string[]>;

/** The tenant an inbound token belongs to, or undefined. Tokens are compared by hash only. */
export async function findIntegrationByInboundToken(
  db: Executor,
  token: string,
): Promise<IntegrationRow | undefined> {
  return db
    .selectFrom('integrations')
    .selectAll()
    .where('inbound_token_hash', '=', hashInboundToken(token))
    .where('active', '=', true)
    .executeTakeFirst();
}

/** The tenant's active n8n gateway, if any: where outbound messages go. */
export async function findActiveGateway(db: Executor, tenantId: string): Promise<IntegrationRow | undefined> {
  return db
    .selectFrom('integrations')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('kind', '=', 'n8n')
    .where('active', '=', true)
    .where('outbound_url', 'is not', null)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

export function createIntegrationRegistry(deps: {
  db: Kysely<Database>;
  secrets: SecretBox;
  /** Lists an LLM endpoint's models for `test`; without it LLM integrations cannot be tested. */
  probeLlm?: LlmProbe;
}) {
  const { db, secrets } = deps;

  function endpointOf(row: IntegrationRow): LlmEndpoint | undefined {
    const llm = llmConfigOf(row);
    if (!llm) return undefined;
    return {
      integrationId: row.id,
      baseUrl: llm.baseUrl,
      model: llm.model,
      apiKey: llm.apiKeySealed ? secrets.open(llm.apiKeySealed) : '',
      updatedAt: row.updated_at,
    };
  }

  async function findOwned(actor: ActorContext, id: string): Promise<IntegrationRow> {
    const row = await db
      .selectFrom('integrations')
      .selectAll()
      .where('tenant_id', '=', actor.tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', 'Integração não encontrada.');
    return row;
  }

  /** Lists the endpoint's models: proves the URL, the key and the network path in one call. */
  async function testLlm(row: IntegrationRow): Promise<{
    ok: boolean;
    status: number | null;
    latencyMs: number;
    error: string | null;
    models?: string[];
  }> {
    const endpoint = endpointOf(row);
    if (!endpoint || !deps.probeLlm) {
      return { ok: false, status: null, latencyMs: 0, error: 'Integração de LLM incompleta.' };
    }
    const started = performance.now();
    try {
      const models = await deps.probeLlm(endpoint);
      const latencyMs = Math.round(performance.now() - started);
      const hasModel = models.length === 0 || models.includes(endpoint.model);
      return {
        ok: hasModel,
        status: 200,
        latencyMs,
        error: hasModel ? null : `O modelo ${endpoint.model} não está na lista do provedor.`,
        models,
      };
    } catch (error) {
      return {
        ok: false,
        status: null,
        latencyMs: Math.round(performance.now() - started),
        error: error instanceof Error ? error.message : 'Falha de conexão.',
      };
    }
  }

  return {
    signingSecretOf: (row: IntegrationRow): string | undefined =>
      row.signing_secret_encrypted ? secrets.open(row.signing_secret_encrypted) : undefined,

    async list(actor: ActorContext): Promise<IntegrationView[]> {
      requireRole(actor, 'owner', 'admin');
      const rows = await db
        .selectFrom('integrations')
        .selectAll()
        .where('tenant_id', '=', actor.tenantId)
        .orderBy('created_at')
        .execute();
      return rows.map(toView);
    },

    /** The inbound token and signing secret are returned here once, never again. */
    async createN8n(
      actor: ActorContext,
      input: { name?: string | undefined; outboundUrl: string },
    ): Promise<IntegrationView & { inboundToken: string; signingSecret: string }> {
      requireRole(actor, 'owner', 'admin');
      const inboundToken = `agc_in_${randomBytes(24).toString('base64url')}`;
      const signingSecret = `agc_sig_${randomBytes(24).toString('base64url')}`;
      const row = await db
        .insertInto('integrations')
        .values({
          tenant_id: actor.tenantId,
          kind: 'n8n',
          name: input.name ?? 'n8n',
          outbound_url: input.outboundUrl,
          inbound_token_hash: hashInboundToken(inboundToken),
          signing_secret_encrypted: secrets.seal(signingSecret),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { ...toView(row), inboundToken, signingSecret };
    },

    /** A tenant's own LLM (OpenAI, Gemini, Groq, Ollama…): the key is sealed at rest and never returned. */
    async createLlm(
      actor: ActorContext,
      input: { name?: string | undefined; baseUrl: string; apiKey: string; model: string },
    ): Promise<IntegrationView> {
      requireRole(actor, 'owner', 'admin');
      const config: LlmConfig = {
        baseUrl: input.baseUrl,
        model: input.model,
        apiKeySealed: input.apiKey ? secrets.seal(input.apiKey) : null,
      };
      const row = await db
        .insertInto('integrations')
        .values({
          tenant_id: actor.tenantId,
          kind: 'llm',
          name: input.name ?? 'LLM',
          config: JSON.stringify(config),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toView(row);
    },

    /** The tenant's active LLM integration, decrypted, or undefined (the deployment's LLM applies). */
    async activeLlmOf(tenantId: string): Promise<LlmEndpoint | undefined> {
      const row = await db
        .selectFrom('integrations')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('kind', '=', 'llm')
        .where('active', '=', true)
        .orderBy('created_at', 'desc')
        .executeTakeFirst();
      return row && endpointOf(row);
    },

    async update(
      actor: ActorContext,
      input: {
        id: string;
        name?: string | undefined;
        outboundUrl?: string | undefined;
        active?: boolean | undefined;
        baseUrl?: string | undefined;
        apiKey?: string | undefined;
        model?: string | undefined;
      },
    ): Promise<IntegrationView> {
      requireRole(actor, 'owner', 'admin');
      const current = await findOwned(actor, input.id);
      const llm = current.kind === 'llm' ? llmConfigOf(current) : undefined;
      const llmChanged =
        input.baseUrl !== undefined || input.apiKey !== undefined || input.model !== undefined;
      if (llmChanged && !llm) throw new AppError('VALIDATION_FAILED', 'Esta integração não é de LLM.');
      const nextLlm: LlmConfig | undefined = llm && {
        baseUrl: input.baseUrl ?? llm.baseUrl,
        model: input.model ?? llm.model,
        apiKeySealed:
          input.apiKey === undefined ? llm.apiKeySealed : input.apiKey ? secrets.seal(input.apiKey) : null,
      };
      const row = await db
        .updateTable('integrations')
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(nextLlm && llmChanged ? { config: JSON.stringify(nextLlm) } : {}),
          ...(input.outboundUrl !== undefined ? { outbound_url: input.outboundUrl } : {}),
          ...(input.active !== undefined ? { active: input.active } : {}),
          updated_at: new Date(),
        })
        .where('tenant_id', '=', actor.tenantId)
        .where('id', '=', input.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return toView(row);
    },

    async delete(actor: ActorContext, id: string): Promise<void> {
      requireRole(actor, 'owner', 'admin');
      await findOwned(actor, id);
      await db
        .deleteFrom('integrations')
        .where('tenant_id', '=', actor.tenantId)
        .where('id', '=', id)
        .execute();
    },

    /** Posts a signed ping to the outbound URL and reports what came back. */
    async test(
      actor: ActorContext,
      id: string,
    ): Promise<{ ok: boolean; status: number | null; latencyMs: number; error: string | null }> {
      requireRole(actor, 'owner', 'admin');
      const row = await findOwned(actor, id);
      if (row.kind === 'llm') return testLlm(row);
      if (!row.outbound_url)
        return { ok: false, status: null, latencyMs: 0, error: 'Sem URL de saída configurada.' };
      const body = JSON.stringify({
        event: 'ping',
        integration_id: row.id,
        sent_at: new Date().toISOString(),
      });
      const secret = row.signing_secret_encrypted ? secrets.open(row.signing_secret_encrypted) : '';
      const started = performance.now();
      try {
        const response = await fetch(row.outbound_url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-agenda-signature': signBody(secret, body) },
          body,
          signal: AbortSignal.timeout(10_000),
        });
        const latencyMs = Math.round(performance.now() - started);
        return {
          ok: response.ok,
          status: response.status,
          latencyMs,
          error: response.ok ? null : `HTTP ${response.status}`,
        };
      } catch (error) {
        const latencyMs = Math.round(performance.now() - started);
        return {
          ok: false,
          status: null,
          latencyMs,
          error: error instanceof Error ? error.message : 'Falha de conexão.',
        };
      }
    },
  };
}

export type IntegrationRegistry = ReturnType<typeof createIntegrationRegistry>;
