import { sql } from '@agenda-cheia/db';
import type { Executor } from '../shared/executor';

/** A professional and a service they perform: the unit whose free gaps Encher Agenda offers. */
export interface CampaignPair {
  professionalId: string;
  professionalName: string;
  serviceId: string;
  serviceName: string;
  priceCents: number;
}

/**
 * The (professional, service) pairs a campaign covers: active professionals, the active services they
 * perform, narrowed by the campaign's filters (empty filter: all). Ordered by professional then service name.
 */
export async function listCampaignPairs(
  db: Executor,
  tenantId: string,
  filter: { serviceIds?: readonly string[]; professionalIds?: readonly string[] },
): Promise<CampaignPair[]> {
  const serviceIds = filter.serviceIds ?? [];
  const professionalIds = filter.professionalIds ?? [];
  const rows = await db
    .selectFrom('professional_services as ps')
    .innerJoin('professionals as p', 'p.id', 'ps.professional_id')
    .innerJoin('services as s', 's.id', 'ps.service_id')
    .select([
      'p.id as professional_id',
      'p.name as professional_name',
      's.id as service_id',
      's.name as service_name',
      's.price_cents',
    ])
    .where('ps.tenant_id', '=', tenantId)
    .where('p.tenant_id', '=', tenantId)
    .where('s.tenant_id', '=', tenantId)
    .where('p.active', '=', true)
    .where('s.active', '=', true)
    .where('s.archived_at', 'is', null)
    .$if(serviceIds.length > 0, (q) => q.where('s.id', 'in', serviceIds))
    .$if(professionalIds.length > 0, (q) => q.where('p.id', 'in', professionalIds))
    .orderBy('p.name')
    .orderBy('p.id')
    .orderBy('s.name')
    .orderBy('s.id')
    .execute();
  return rows.map((r) => ({
    professionalId: r.professional_id,
    professionalName: r.professional_name,
    serviceId: r.service_id,
    serviceName: r.service_name,
    priceCents: r.price_cents,
  }));
}

/** A client worth offering a gap of one (professional, service) pair, with their place in its ranking. */
export interface GapCandidate {
  professionalId: string;
  serviceId: string;
  clientId: string;
  clientName: string;
  /** 1 = the best candidate for this pair. */
  rank: number;
  /** Last completed visit of this service + its return cycle; null without such a visit or cycle. */
  dueAt: Date | null;
  /** Has a completed visit with this professional (any service). */
  withProfessional: boolean;
  /** Last completed visit with this professional or of this service. */
  lastVisitAt: Date;
}

export interface GapCandidatesQuery {
  tenantId: string;
  now: Date;
  pairs: readonly Pick<CampaignPair, 'professionalId' | 'serviceId'>[];
  /** Clients offered anything by a campaign after this instant are left alone (the cooldown). */
  contactedSince: Date;
  /** Clients already offered something by this run (a resumed run) are skipped. */
  runId?: string | null;
  /** Candidates kept per pair. */
  perPairLimit: number;
}

/**
 * Ranks, in one statement, the candidates of every pair at once:
 *
 * - eligible clients: not opted out, no future appointment, no open request or offer, not contacted by a
 *   campaign since `contactedSince`, not already offered by this run;
 * - with history: a completed visit with the pair's professional or of the pair's service;
 * - ranked per pair: due soonest first (last visit of the service + its return cycle; clients without such
 *   a due date after those with one), then those who already know the professional, then the most recent
 *   visit, then the client id so the order is total.
 */
export async function rankGapCandidates(db: Executor, input: GapCandidatesQuery): Promise<GapCandidate[]> {
  const { tenantId, now, contactedSince, pairs } = input;
  if (pairs.length === 0) return [];
  const runId = input.runId ?? null;

  const rows = await db
    .with('pair', (qb) =>
      qb
        .selectFrom('professional_services as ps')
        .innerJoin('services as s', 's.id', 'ps.service_id')
        .select(['ps.professional_id', 'ps.service_id', 's.return_cycle_days'])
        .where('ps.tenant_id', '=', tenantId)
        .where((eb) =>
          eb.or(
            pairs.map((p) =>
              eb.and([
                eb('ps.professional_id', '=', p.professionalId),
                eb('ps.service_id', '=', p.serviceId),
              ]),
            ),
          ),
        ),
    )
    .with('eligible', (qb) =>
      qb
        .selectFrom('clients as c')
        .select(['c.id', 'c.name'])
        .where('c.tenant_id', '=', tenantId)
        .where('c.campaign_opt_out', '=', false)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('appointments as f')
                .select(sql.lit(1).as('one'))
                .where('f.tenant_id', '=', tenantId)
                .whereRef('f.client_id', '=', 'c.id')
                .where('f.status', 'in', ['scheduled', 'confirmed'])
                .where('f.starts_at', '>', now),
            ),
          ),
        )
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('auth_requests as o')
                .select(sql.lit(1).as('one'))
                .where('o.tenant_id', '=', tenantId)
                .whereRef('o.client_id', '=', 'c.id')
                .where((o) =>
                  o.or([
                    o('o.status', '=', 'open'),
                    o.and([
                      o('o.source', 'in', ['prazo_certo', 'encher_agenda']),
                      o('o.created_at', '>', contactedSince),
                    ]),
                    ...(runId ? [o('o.campaign_run_id', '=', runId)] : []),
                  ]),
                ),
            ),
          ),
        ),
    )
    .with('history', (qb) =>
      qb
        .selectFrom('pair as p')
        .innerJoin('appointments as v', (join) =>
          join.on((eb) =>
            eb.or([
              eb('v.professional_id', '=', eb.ref('p.professional_id')),
              eb('v.service_id', '=', eb.ref('p.service_id')),
            ]),
          ),
        )
        .innerJoin('eligible as e', 'e.id', 'v.client_id')
        .where('v.tenant_id', '=', tenantId)
        .where('v.status', '=', 'completed')
        .where('v.starts_at', '<=', now)
        .groupBy(['p.professional_id', 'p.service_id', 'p.return_cycle_days', 'v.client_id', 'e.name'])
        .select([
          'p.professional_id',
          'p.service_id',
          'p.return_cycle_days',
          'v.client_id',
          'e.name as client_name',
          sql<Date | null>`max(v.starts_at) filter (where v.service_id = p.service_id)`.as(
            'last_service_visit',
          ),
          sql<boolean>`bool_or(v.professional_id = p.professional_id)`.as('with_professional'),
          sql<Date>`max(v.starts_at)`.as('last_visit_at'),
        ]),
    )
    .with('ranked', (qb) =>
      qb.selectFrom('history as h').select([
        'h.professional_id',
        'h.service_id',
        'h.client_id',
        'h.client_name',
        'h.with_professional',
        'h.last_visit_at',
        sql<Date | null>`h.last_service_visit + h.return_cycle_days * interval '24 hours'`.as('due_at'),
        sql<number>`(row_number() over (
            partition by h.professional_id, h.service_id
            order by h.last_service_visit + h.return_cycle_days * interval '24 hours' asc nulls last,
              h.with_professional desc, h.last_visit_at desc, h.client_id
          ))::int`.as('rank'),
      ]),
    )
    .selectFrom('ranked')
    .selectAll()
    .where('rank', '<=', input.perPairLimit)
    .orderBy('professional_id')
    .orderBy('service_id')
    .orderBy('rank')
    .execute();

  return rows.map((row) => ({
    professionalId: row.professional_id,
    serviceId: row.service_id,
    clientId: row.client_id,
    clientName: row.client_name,
    rank: row.rank,
    dueAt: row.due_at,
    withProfessional: row.with_professional,
    lastVisitAt: row.last_visit_at,
  }));
}
