import {
  AppError,
  type Campaign,
  type CampaignKind,
  type CampaignRun,
  campaignRunsInput,
  type CampaignStats,
  createCampaignInput,
  type CreateCampaignInput,
  updateCampaignInput,
  type UpdateCampaignInput,
} from '@agenda-cheia/contracts';
import type { CampaignRow, CampaignRunRow, Database, Kysely } from '@agenda-cheia/db';
import type { Clock } from '../shared/clock';
import type { ActorContext } from '../shared/context';
import type { Executor } from '../shared/executor';
import { requireRole } from '../users/permissions';
import {
  assertKnownPlaceholders,
  INVALID_SCHEDULE_MESSAGE,
  resolveCampaignConfig,
  type ResolvedCampaignConfig,
} from './campaign-config';
import { toCampaign, toCampaignRun } from './campaign-mappers';
import { campaignTotals, outcomesOf, runOutcomes } from './campaign-runs';

export function findCampaignRow(
  db: Executor,
  tenantId: string,
  campaignId: string,
): Promise<CampaignRow | undefined> {
  return db
    .selectFrom('campaigns')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', campaignId)
    .executeTakeFirst();
}

/** A campaign of the tenant, or NOT_FOUND (another tenant's campaign is not found either). */
export async function loadCampaign(db: Executor, tenantId: string, campaignId: string): Promise<CampaignRow> {
  const row = await findCampaignRow(db, tenantId, campaignId);
  if (!row) throw new AppError('NOT_FOUND', 'Campanha não encontrada.');
  return row;
}

type LastRun = Pick<CampaignRunRow, 'id' | 'started_at' | 'status'>;

async function lastRunsOf(
  db: Executor,
  tenantId: string,
  campaignIds: string[],
): Promise<Map<string, LastRun>> {
  if (campaignIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('campaign_runs')
    .distinctOn('campaign_id')
    .select(['campaign_id', 'id', 'started_at', 'status'])
    .where('tenant_id', '=', tenantId)
    .where('campaign_id', 'in', campaignIds)
    .orderBy('campaign_id')
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return new Map(rows.map((row) => [row.campaign_id, row]));
}

async function assertOwnedIds(
  db: Executor,
  tenantId: string,
  table: 'services' | 'professionals',
  ids: readonly string[],
): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const found = await db
    .selectFrom(table)
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', unique)
    .execute();
  if (found.length !== unique.length) {
    throw new AppError(
      'NOT_FOUND',
      table === 'services' ? 'Serviço não encontrado.' : 'Profissional não encontrado.',
    );
  }
}

/**
 * Campaigns of a tenant: Prazo Certo (recall of clients whose return cycle is due) and Encher Agenda
 * (free gaps offered to likely clients). Anyone of the team reads them; owners and admins change them,
 * as with the service catalogue. The stored config is complete (defaults, message and schedule filled in),
 * so what the owner reads is what runs.
 */
export function createCampaignRegistry(deps: {
  db: Kysely<Database>;
  clock: Clock;
  /** Whether the scheduler can read a cron expression (the agents' schedule rules). */
  isValidSchedule(cron: string): boolean;
}) {
  const { db, clock } = deps;

  async function checkConfig(tenantId: string, config: ResolvedCampaignConfig): Promise<void> {
    if (!deps.isValidSchedule(config.schedule)) {
      throw new AppError('VALIDATION_FAILED', INVALID_SCHEDULE_MESSAGE, { field: 'config.schedule' });
    }
    assertKnownPlaceholders(config.template);
    await assertOwnedIds(db, tenantId, 'services', config.serviceIds);
    await assertOwnedIds(db, tenantId, 'professionals', config.professionalIds);
  }

  async function get(actor: ActorContext, id: string): Promise<Campaign> {
    const row = await loadCampaign(db, actor.tenantId, id);
    const lastRuns = await lastRunsOf(db, actor.tenantId, [row.id]);
    return toCampaign(row, lastRuns.get(row.id) ?? null);
  }

  return {
    async list(actor: ActorContext): Promise<{ items: Campaign[] }> {
      const rows = await db
        .selectFrom('campaigns')
        .selectAll()
        .where('tenant_id', '=', actor.tenantId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      const lastRuns = await lastRunsOf(
        db,
        actor.tenantId,
        rows.map((r) => r.id),
      );
      return { items: rows.map((row) => toCampaign(row, lastRuns.get(row.id) ?? null)) };
    },

    get,

    async create(actor: ActorContext, raw: CreateCampaignInput): Promise<Campaign> {
      requireRole(actor, 'owner', 'admin');
      const input = createCampaignInput.parse(raw);
      const config = resolveCampaignConfig(input.kind, input.config);
      await checkConfig(actor.tenantId, config);
      const now = clock.now();
      const row = await db
        .insertInto('campaigns')
        .values({
          tenant_id: actor.tenantId,
          kind: input.kind,
          name: input.name,
          config: JSON.stringify(config),
          enabled: input.enabled,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toCampaign(row, null);
    },

    /** Changes only what is given; config fields merge into the stored ones. */
    async update(actor: ActorContext, raw: UpdateCampaignInput): Promise<Campaign> {
      requireRole(actor, 'owner', 'admin');
      const input = updateCampaignInput.parse(raw);
      const current = await loadCampaign(db, actor.tenantId, input.id);
      let config: ResolvedCampaignConfig | undefined;
      if (input.config) {
        const { whatsappTemplate, ...patch } = input.config;
        const merged: Record<string, unknown> = {
          ...resolveCampaignConfig(current.kind, current.config),
          ...Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)),
        };
        if (whatsappTemplate === null) delete merged.whatsappTemplate;
        else if (whatsappTemplate !== undefined) merged.whatsappTemplate = whatsappTemplate;
        config = resolveCampaignConfig(current.kind, merged);
        await checkConfig(actor.tenantId, config);
      }
      const row = await db
        .updateTable('campaigns')
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
          ...(config ? { config: JSON.stringify(config) } : {}),
          updated_at: clock.now(),
        })
        .where('tenant_id', '=', actor.tenantId)
        .where('id', '=', input.id)
        .returningAll()
        .executeTakeFirst();
      if (!row) throw new AppError('NOT_FOUND', 'Campanha não encontrada.');
      return get(actor, row.id);
    },

    /**
     * Deletes a campaign and its run history. Offers it made stay (as auth requests without a campaign):
     * they may already be bookings.
     */
    async delete(actor: ActorContext, id: string): Promise<{ id: string }> {
      requireRole(actor, 'owner', 'admin');
      const deleted = await db
        .deleteFrom('campaigns')
        .where('tenant_id', '=', actor.tenantId)
        .where('id', '=', id)
        .returning('id')
        .executeTakeFirst();
      if (!deleted) throw new AppError('NOT_FOUND', 'Campanha não encontrada.');
      return deleted;
    },

    /** The campaign's runs, newest first, each with what its offers became. */
    async runs(actor: ActorContext, raw: unknown): Promise<{ items: CampaignRun[] }> {
      const input = campaignRunsInput.parse(raw);
      await loadCampaign(db, actor.tenantId, input.campaignId);
      const rows = await db
        .selectFrom('campaign_runs')
        .selectAll()
        .where('tenant_id', '=', actor.tenantId)
        .where('campaign_id', '=', input.campaignId)
        .orderBy('started_at', 'desc')
        .orderBy('id', 'desc')
        .limit(input.limit)
        .execute();
      const outcomes = await runOutcomes(
        db,
        actor.tenantId,
        rows.map((r) => r.id),
      );
      return { items: rows.map((row) => toCampaignRun(row, outcomesOf(outcomes, row.id))) };
    },

    /** Totals over every run: clients found, offers, messages sent, accepted, booked, revenue booked. */
    async stats(actor: ActorContext, id: string): Promise<CampaignStats> {
      await loadCampaign(db, actor.tenantId, id);
      return campaignTotals(db, actor.tenantId, id);
    },
  };
}

export type CampaignRegistry = ReturnType<typeof createCampaignRegistry>;

/** An enabled campaign with what the scheduler needs to find its instants: its schedule and tenant zone. */
export interface ScheduledCampaign {
  tenantId: string;
  timezone: string;
  campaignId: string;
  kind: CampaignKind;
  name: string;
  schedule: string;
  createdAt: Date;
}

/** Every enabled campaign of every tenant, in one query (the scheduler's tick). */
export async function listEnabledCampaigns(db: Executor): Promise<ScheduledCampaign[]> {
  const rows = await db
    .selectFrom('campaigns as c')
    .innerJoin('tenants as t', 't.id', 'c.tenant_id')
    .select(['c.id', 'c.tenant_id', 'c.kind', 'c.name', 'c.config', 'c.created_at', 't.timezone'])
    .where('c.enabled', '=', true)
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
  return rows.map((row) => ({
    tenantId: row.tenant_id,
    timezone: row.timezone,
    campaignId: row.id,
    kind: row.kind,
    name: row.name,
    schedule: resolveCampaignConfig(row.kind, row.config).schedule,
    createdAt: row.created_at,
  }));
}
