import { randomUUID } from 'node:crypto';
import {
  AppError,
  type CampaignKind,
  executeEncherAgendaInput,
  type ExecuteCampaignOutput,
  executePrazoCertoInput,
  type RunStats,
} from '@agenda-cheia/contracts';
import {
  type ActorContext,
  completeRun,
  createTenantRunLock,
  failRun,
  findCampaignRow,
  findRunRow,
  insertManualRun,
  loadCampaign,
  loadCampaignTenant,
  loadOfferCatalog,
  offerMessageStatuses,
  requireRole,
  resolveCampaignConfig,
  selectAuthRequests,
  toAuthRequest,
} from '@agenda-cheia/core';
import type { CampaignRow, CampaignRunRow } from '@agenda-cheia/db';
import { sendOfferMessage } from './campaign-offers';
import type { CampaignRunJob, CampaignRunQueue } from './campaign-run-queue';
import { runEncherAgenda } from './encher-agenda';
import { runPrazoCerto } from './prazo-certo';
import type { CampaignAgentDeps, RunContext } from './run-context';

/**
 * A manual run is also handed to the job queue, to start this long after, in case the process dies
 * mid-run: the job then resumes it. A run that finished makes the job a no-op.
 */
const MANUAL_RUN_SAFETY_NET_SECONDS = 10 * 60;
/** How long a manual run waits for another run of the tenant to finish before answering INVALID_STATE. */
const MANUAL_RUN_LOCK_WAIT_MS = 20_000;

function describeError(error: unknown): string {
  if (error instanceof AppError) return `${error.code}: ${error.message}`;
  if (error instanceof Error) return error.message || error.name;
  return 'erro desconhecido';
}

/**
 * Runs the two campaign agents. Every execution of a run takes the tenant's run lock, first re-reads what
 * the run already did (its offers, and whether each one's message is stored), sends the messages a crash
 * left unsent, then looks for new clients: a resumed run creates no duplicate offer or message. Manual runs
 * execute now and answer their figures; scheduled runs execute in the durable job (`resume`).
 */
export function createCampaignRunner(
  deps: CampaignAgentDeps & {
    queue: CampaignRunQueue;
    /** Tests shorten it; a manual run waits this long for another run of the tenant. */
    lockWaitMs?: number;
  },
) {
  const { db, bus, clock, queue } = deps;
  const withTenantRunLock = createTenantRunLock(db);

  async function announceCompleted(
    run: Pick<CampaignRunRow, 'id' | 'tenant_id'>,
    campaign: Pick<CampaignRow, 'id' | 'kind' | 'name'>,
    status: 'completed' | 'failed',
    stats: RunStats,
  ): Promise<void> {
    await bus.publish(run.tenant_id, {
      event_type: 'campaign_completed',
      data: {
        campaignId: campaign.id,
        runId: run.id,
        kind: campaign.kind,
        name: campaign.name,
        status,
        stats,
      },
    });
  }

  /** The offers an earlier attempt of this run made: their clients are done; unsent messages are sent. */
  async function takeUpEarlierOffers(ctx: RunContext): Promise<number> {
    const rows = await selectAuthRequests(db, ctx.tenant.id)
      .where('r.campaign_run_id', '=', ctx.runId)
      .orderBy('r.created_at')
      .orderBy('r.id')
      .execute();
    const offers = rows.map(toAuthRequest);
    const stored = await offerMessageStatuses(
      db,
      ctx.tenant.id,
      offers.map((o) => o.id),
    );
    for (const offer of offers) {
      ctx.offered.add(offer.clientId);
      ctx.tally.offersCreated += 1;
      const status = stored.get(offer.id);
      if (status !== undefined) {
        if (status !== 'failed') ctx.tally.notificationsSent += 1;
      } else if (offer.status === 'open' && (await sendOfferMessage(ctx, offer))) {
        ctx.tally.notificationsSent += 1;
      }
    }
    return offers.length;
  }

  /** One execution of a running run, under the tenant's lock; records and announces its completion. */
  async function executeLocked(
    run: CampaignRunRow,
    campaign: CampaignRow,
    options: { professionalId?: string | undefined; signal?: AbortSignal | undefined },
  ): Promise<RunStats> {
    const [tenant, catalog] = await Promise.all([
      loadCampaignTenant(db, run.tenant_id),
      loadOfferCatalog(db, run.tenant_id),
    ]);
    const ctx: RunContext = {
      deps,
      tenant,
      campaign: {
        id: campaign.id,
        kind: campaign.kind,
        name: campaign.name,
        config: resolveCampaignConfig(campaign.kind, campaign.config),
      },
      runId: run.id,
      now: clock.now(),
      catalog,
      signal: options.signal,
      offered: new Set(),
      tally: { offersCreated: 0, notificationsSent: 0 },
    };
    const earlier = await takeUpEarlierOffers(ctx);
    const found =
      campaign.kind === 'prazo_certo'
        ? await runPrazoCerto(ctx)
        : await runEncherAgenda(ctx, options.professionalId);
    const stats: RunStats = {
      clientsFound: earlier + found.clientsFound,
      offersCreated: ctx.tally.offersCreated,
      notificationsSent: ctx.tally.notificationsSent,
    };
    if (await completeRun(db, { runId: run.id, stats, now: clock.now() })) {
      await announceCompleted(run, campaign, 'completed', stats);
    }
    return stats;
  }

  /** A run that cannot go on: recorded as failed with the reason, and announced. */
  async function fail(tenantId: string, runId: string, reason: string): Promise<boolean> {
    const failed = await failRun(db, { tenantId, runId, error: reason, now: clock.now() });
    if (!failed) return false;
    const campaign = await findCampaignRow(db, tenantId, failed.campaign_id);
    if (campaign) {
      await announceCompleted(failed, campaign, 'failed', {
        clientsFound: 0,
        offersCreated: 0,
        notificationsSent: 0,
        ...failed.stats,
      });
    }
    return true;
  }

  /** Starts a run now and answers its figures (automations.*). */
  async function runNow(
    actor: ActorContext,
    kind: CampaignKind,
    campaignId: string,
    professionalId?: string,
  ): Promise<ExecuteCampaignOutput> {
    requireRole(actor, 'owner', 'admin');
    const campaign = await loadCampaign(db, actor.tenantId, campaignId);
    if (campaign.kind !== kind) {
      throw new AppError(
        'VALIDATION_FAILED',
        kind === 'prazo_certo'
          ? 'Esta campanha não é do tipo Prazo Certo.'
          : 'Esta campanha não é do tipo Encher Agenda.',
      );
    }
    if (professionalId) {
      const catalog = await loadOfferCatalog(db, actor.tenantId);
      if (!catalog.professionalNames.has(professionalId))
        throw new AppError('NOT_FOUND', 'Profissional não encontrado.');
    }
    const runId = randomUUID();
    await queue.enqueue(
      { tenantId: actor.tenantId, runId, professionalId },
      { delaySeconds: MANUAL_RUN_SAFETY_NET_SECONDS },
    );
    return withTenantRunLock(actor.tenantId, deps.lockWaitMs ?? MANUAL_RUN_LOCK_WAIT_MS, async () => {
      const run = await insertManualRun(db, {
        id: runId,
        tenantId: actor.tenantId,
        campaignId: campaign.id,
        now: clock.now(),
      });
      await bus.publish(actor.tenantId, {
        event_type: 'campaign_started',
        data: { campaignId: campaign.id, runId, kind: campaign.kind, name: campaign.name },
      });
      try {
        return { runId, stats: await executeLocked(run, campaign, { professionalId }) };
      } catch (error) {
        await fail(actor.tenantId, runId, describeError(error));
        throw error;
      }
    });
  }

  return {
    executePrazoCerto(actor: ActorContext, raw: unknown): Promise<ExecuteCampaignOutput> {
      const input = executePrazoCertoInput.parse(raw);
      return runNow(actor, 'prazo_certo', input.campaignId);
    },

    executeEncherAgenda(actor: ActorContext, raw: unknown): Promise<ExecuteCampaignOutput> {
      const input = executeEncherAgendaInput.parse(raw);
      return runNow(actor, 'encher_agenda', input.campaignId, input.professionalId);
    },

    /**
     * The durable job's work: executes a run that is still running (first attempt or a resume after a
     * crash), or does nothing (finished, failed, or gone with its campaign). Throws CampaignBusyError while
     * another run of the tenant holds the lock, and any error of the attempt: the job retries later.
     */
    async resume(job: CampaignRunJob, options: { signal?: AbortSignal } = {}): Promise<RunStats | null> {
      const before = await findRunRow(db, job.tenantId, job.runId);
      if (before?.status !== 'running') return null;
      return withTenantRunLock(job.tenantId, 0, async () => {
        const run = await findRunRow(db, job.tenantId, job.runId);
        if (run?.status !== 'running') return null;
        const campaign = await findCampaignRow(db, job.tenantId, run.campaign_id);
        if (!campaign) return null;
        return executeLocked(run, campaign, { professionalId: job.professionalId, signal: options.signal });
      });
    },

    /** The job gave up (every attempt failed): the run is recorded as failed with the last reason. */
    abandon: (job: CampaignRunJob, reason: string) => fail(job.tenantId, job.runId, reason),
  };
}

export type CampaignRunner = ReturnType<typeof createCampaignRunner>;
