import { sql } from '@agenda-cheia/db';
import type { Executor } from '../shared/executor';

/** A client whose return cycle for one service falls due: the candidate for one Prazo Certo offer. */
export interface DueClient {
  clientId: string;
  clientName: string;
  clientPhone: string;
  serviceId: string;
  serviceName: string;
  /** Start of the last completed visit of that service. */
  lastVisitAt: Date;
  /** lastVisitAt + the service's return_cycle_days. */
  dueAt: Date;
  /** Who did that last visit. */
  lastProfessionalId: string;
}

export interface DueClientsQuery {
  tenantId: string;
  now: Date;
  /** Due on or before this instant (now + the campaign's daysAhead); overdue clients are included. */
  dueBy: Date;
  /** Clients offered anything by a campaign (auth_requests with source prazo_certo or encher_agenda) created after this instant are skipped. */
  contactedSince: Date;
  /** Empty or absent: every service with a return cycle. */
  serviceIds?: readonly string[];
  /** Filters on the professional of the last visit. */
  professionalIds?: readonly string[];
  limit: number;
}

const CAMPAIGN_SOURCES = ['prazo_certo', 'encher_agenda'] as const;

/**
 * The clients Prazo Certo should offer a return visit to, in one set-based statement:
 *
 * 1. `last_visit`: the last completed visit per (client, service) of a service with a cycle (active, not
 *    archived), read in the order of `appointments_recall_idx` (tenant_id, client_id, service_id,
 *    starts_at DESC) WHERE status = 'completed'. It needs only the index's columns, so on a vacuumed table
 *    it is an index-only scan; the professional is looked up at the end, for the offered rows only.
 * 2. `most_overdue`: due (last visit + cycle ≤ dueBy), not opted out, nothing booked ahead and no open
 *    request for that service, no campaign contact since `contactedSince` (anti-joins, each against a
 *    small set), then one row per client: the earliest due, ties by service name.
 * 3. `offered`: by due date then client id, up to `limit`; then the client's name and phone, and who did
 *    the last visit (the lowest professional id should two completed visits share that instant).
 *
 * A cycle is counted in 24-hour days, so the due instant does not depend on the session's time zone.
 */
export async function selectDueClients(db: Executor, input: DueClientsQuery): Promise<DueClient[]> {
  const { tenantId, now, dueBy, contactedSince, limit } = input;
  const serviceIds = input.serviceIds ?? [];
  const professionalIds = input.professionalIds ?? [];
  const byProfessional = professionalIds.length > 0;

  const rows = await db
    .with('last_visit', (qb) =>
      qb
        .selectFrom('appointments as a')
        .innerJoin('services as s', 's.id', 'a.service_id')
        .where('a.tenant_id', '=', tenantId)
        .where('a.status', '=', 'completed')
        .where('a.starts_at', '<=', now)
        .where('s.tenant_id', '=', tenantId)
        .where('s.return_cycle_days', 'is not', null)
        .where('s.active', '=', true)
        .where('s.archived_at', 'is', null)
        .$if(serviceIds.length > 0, (q) => q.where('a.service_id', 'in', serviceIds))
        .distinctOn(['a.client_id', 'a.service_id'])
        .select([
          'a.client_id',
          'a.service_id',
          's.name as service_name',
          'a.starts_at as last_visit_at',
          sql<Date>`a.starts_at + s.return_cycle_days * interval '24 hours'`.as('due_at'),
        ])
        .orderBy('a.client_id')
        .orderBy('a.service_id')
        .orderBy('a.starts_at', 'desc'),
    )
    .with('most_overdue', (qb) =>
      qb
        .selectFrom('last_visit as lv')
        .where('lv.due_at', '<=', dueBy)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('clients as c')
                .select(sql.lit(1).as('one'))
                .where('c.tenant_id', '=', tenantId)
                .whereRef('c.id', '=', 'lv.client_id')
                .where('c.campaign_opt_out', '=', true),
            ),
          ),
        )
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('appointments as f')
                .select(sql.lit(1).as('one'))
                .where('f.tenant_id', '=', tenantId)
                .whereRef('f.client_id', '=', 'lv.client_id')
                .whereRef('f.service_id', '=', 'lv.service_id')
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
                .whereRef('o.client_id', '=', 'lv.client_id')
                .whereRef('o.service_id', '=', 'lv.service_id')
                .where('o.status', '=', 'open'),
            ),
          ),
        )
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('auth_requests as r')
                .select(sql.lit(1).as('one'))
                .where('r.tenant_id', '=', tenantId)
                .whereRef('r.client_id', '=', 'lv.client_id')
                .where('r.source', 'in', CAMPAIGN_SOURCES)
                .where('r.created_at', '>', contactedSince),
            ),
          ),
        )
        .$if(byProfessional, (q) =>
          q.where((eb) =>
            eb.exists(
              eb
                .selectFrom('appointments as p')
                .select(sql.lit(1).as('one'))
                .where('p.tenant_id', '=', tenantId)
                .whereRef('p.client_id', '=', 'lv.client_id')
                .whereRef('p.service_id', '=', 'lv.service_id')
                .where('p.status', '=', 'completed')
                .whereRef('p.starts_at', '=', 'lv.last_visit_at')
                .where('p.professional_id', 'in', professionalIds),
            ),
          ),
        )
        .distinctOn('lv.client_id')
        .selectAll('lv')
        .orderBy('lv.client_id')
        .orderBy('lv.due_at')
        .orderBy('lv.service_name')
        .orderBy('lv.service_id'),
    )
    .with('offered', (qb) =>
      qb.selectFrom('most_overdue').selectAll().orderBy('due_at').orderBy('client_id').limit(limit),
    )
    .selectFrom('offered as o')
    .innerJoin('clients as c', 'c.id', 'o.client_id')
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('appointments as p')
          .select('p.professional_id')
          .where('p.tenant_id', '=', tenantId)
          .whereRef('p.client_id', '=', 'o.client_id')
          .whereRef('p.service_id', '=', 'o.service_id')
          .where('p.status', '=', 'completed')
          .whereRef('p.starts_at', '=', 'o.last_visit_at')
          .$if(byProfessional, (q) => q.where('p.professional_id', 'in', professionalIds))
          .orderBy('p.professional_id')
          .limit(1)
          .as('last'),
      (join) => join.onTrue(),
    )
    .where('c.tenant_id', '=', tenantId)
    .select([
      'o.client_id',
      'c.name as client_name',
      'c.phone as client_phone',
      'o.service_id',
      'o.service_name',
      'o.last_visit_at',
      'o.due_at',
      'last.professional_id',
    ])
    .orderBy('o.due_at')
    .orderBy('o.client_id')
    .execute();

  return rows.map((row) => ({
    clientId: row.client_id,
    clientName: row.client_name,
    clientPhone: row.client_phone,
    serviceId: row.service_id,
    serviceName: row.service_name,
    lastVisitAt: row.last_visit_at,
    dueAt: row.due_at,
    lastProfessionalId: row.professional_id,
  }));
}
