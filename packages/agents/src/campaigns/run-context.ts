import type { CampaignKind, Tenant } from '@agenda-cheia/contracts';
import type {
  AuthRequestDesk,
  ClientMessenger,
  Clock,
  EventBus,
  OfferCatalog,
  ResolvedCampaignConfig,
} from '@agenda-cheia/core';
import type { Database, Kysely } from '@agenda-cheia/db';

/** What the campaign agents act through: core's desk, messenger and bus, never HTTP. */
export interface CampaignAgentDeps {
  db: Kysely<Database>;
  bus: EventBus;
  clock: Clock;
  messenger: ClientMessenger;
  authRequests: Pick<AuthRequestDesk, 'propose'>;
}

/** One execution (first or resumed) of one run. */
export interface RunContext {
  deps: CampaignAgentDeps;
  tenant: Tenant;
  campaign: { id: string; kind: CampaignKind; name: string; config: ResolvedCampaignConfig };
  runId: string;
  /** Read once when the execution starts: every window and expiry of the run is measured from it. */
  now: Date;
  catalog: OfferCatalog;
  signal?: AbortSignal | undefined;
  /** Clients this run has offered something to, the resumed offers included: one offer per client per run. */
  offered: Set<string>;
  tally: { offersCreated: number; notificationsSent: number };
}

export const DAY_MS = 86_400_000;

export function addDays(instant: Date, days: number): Date {
  return new Date(instant.getTime() + days * DAY_MS);
}

export function offersLeft(ctx: RunContext): number {
  return ctx.campaign.config.maxOffersPerRun - ctx.tally.offersCreated;
}

/** Stops between offers when the execution was asked to (shutdown): the run stays running and resumes later. */
export function throwIfAborted(ctx: RunContext): void {
  ctx.signal?.throwIfAborted();
}
