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
}

function toView(row: IntegrationRow): IntegrationView {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    outboundUrl: row.outbound_url,
    active: row.active,
    createdAt: row.created_at.toISOString(),
    hasSigningSecret: row.signing_secret_encrypted !== null,
  };
}

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

export function createIntegrationRegistry(deps: { db: Kysely<Database>; secrets: SecretBox }) {
  const { db, secrets } = deps;

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

    async update(
      actor: ActorContext,
      input: {
        id: string;
        name?: string | undefined;
        outboundUrl?: string | undefined;
        active?: boolean | undefined;
      },
    ): Promise<IntegrationView> {
      requireRole(actor, 'owner', 'admin');
      await findOwned(actor, input.id);
      const row = await db
        .updateTable('integrations')
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
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
