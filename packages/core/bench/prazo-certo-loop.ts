import type { DueClient, DueClientsQuery } from '../src/campaigns/prazo-certo-selection';
import type { Executor } from '../src/shared/executor';

const CAMPAIGN_SOURCES = ['prazo_certo', 'encher_agenda'] as const;

/**
 * The baseline `selectDueClients` replaces, as a plain first version would write it: load the services
 * once, then for each client ask the database about that client (who they are, when a campaign last
 * wrote to them, their completed visits, their bookings ahead, their open requests) and decide in
 * JavaScript. Five indexed queries per client, early exits for opted-out and recently contacted clients.
 */
export async function selectDueClientsOneByOne(
  db: Executor,
  input: DueClientsQuery,
  clientIds: readonly string[],
): Promise<DueClient[]> {
  const { tenantId, now, dueBy, contactedSince } = input;
  const serviceIds = input.serviceIds ?? [];
  const professionalIds = input.professionalIds ?? [];

  let servicesQuery = db
    .selectFrom('services')
    .select(['id', 'name', 'return_cycle_days'])
    .where('tenant_id', '=', tenantId)
    .where('return_cycle_days', 'is not', null)
    .where('active', '=', true)
    .where('archived_at', 'is', null);
  if (serviceIds.length > 0) servicesQuery = servicesQuery.where('id', 'in', serviceIds);
  const services = new Map((await servicesQuery.execute()).map((service) => [service.id, service]));

  const due: DueClient[] = [];
  for (const clientId of clientIds) {
    const client = await db
      .selectFrom('clients')
      .select(['id', 'name', 'phone', 'campaign_opt_out'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', clientId)
      .executeTakeFirst();
    if (!client || client.campaign_opt_out) continue;

    const lastContact = await db
      .selectFrom('auth_requests')
      .select('created_at')
      .where('tenant_id', '=', tenantId)
      .where('client_id', '=', clientId)
      .where('source', 'in', CAMPAIGN_SOURCES)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (lastContact && lastContact.created_at > contactedSince) continue;

    const visits = await db
      .selectFrom('appointments')
      .select(['service_id', 'starts_at', 'professional_id'])
      .where('tenant_id', '=', tenantId)
      .where('client_id', '=', clientId)
      .where('status', '=', 'completed')
      .where('starts_at', '<=', now)
      .orderBy('starts_at', 'desc')
      .orderBy('professional_id')
      .execute();
    const upcoming = await db
      .selectFrom('appointments')
      .select('service_id')
      .where('tenant_id', '=', tenantId)
      .where('client_id', '=', clientId)
      .where('status', 'in', ['scheduled', 'confirmed'])
      .where('starts_at', '>', now)
      .execute();
    const open = await db
      .selectFrom('auth_requests')
      .select('service_id')
      .where('tenant_id', '=', tenantId)
      .where('client_id', '=', clientId)
      .where('status', '=', 'open')
      .execute();
    const taken = new Set([...upcoming, ...open].map((row) => row.service_id));

    let best: DueClient | undefined;
    const seen = new Set<string>();
    for (const visit of visits) {
      // Newest first: the first visit of each service is its last one.
      if (seen.has(visit.service_id)) continue;
      seen.add(visit.service_id);
      const service = services.get(visit.service_id);
      if (!service || service.return_cycle_days === null || taken.has(service.id)) continue;
      if (professionalIds.length > 0 && !professionalIds.includes(visit.professional_id)) continue;
      const dueAt = new Date(visit.starts_at.getTime() + service.return_cycle_days * 86_400_000);
      if (dueAt > dueBy) continue;
      const candidate: DueClient = {
        clientId: client.id,
        clientName: client.name,
        clientPhone: client.phone,
        serviceId: service.id,
        serviceName: service.name,
        lastVisitAt: visit.starts_at,
        dueAt,
        lastProfessionalId: visit.professional_id,
      };
      if (!best || moreOverdue(candidate, best)) best = candidate;
    }
    if (best) due.push(best);
  }
  due.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || compareText(a.clientId, b.clientId));
  return due.slice(0, input.limit);
}

function moreOverdue(a: DueClient, b: DueClient): boolean {
  const byDue = a.dueAt.getTime() - b.dueAt.getTime();
  if (byDue !== 0) return byDue < 0;
  return a.serviceName.localeCompare(b.serviceName) < 0;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
