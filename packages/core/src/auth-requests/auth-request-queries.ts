import type { AuthRequest } from '@agenda-cheia/contracts';
import type { Executor } from '../shared/executor';

/** Auth requests joined with the names the owner reads on the approvals list. */
export function selectAuthRequests(db: Executor, tenantId: string) {
  return db
    .selectFrom('auth_requests as r')
    .innerJoin('clients as c', 'c.id', 'r.client_id')
    .innerJoin('services as s', 's.id', 'r.service_id')
    .innerJoin('professionals as p', 'p.id', 'r.professional_id')
    .where('r.tenant_id', '=', tenantId)
    .selectAll('r')
    .select([
      'c.name as client_name',
      'c.phone as client_phone',
      's.name as service_name',
      's.price_cents as service_price_cents',
      'p.name as professional_name',
    ]);
}

type AuthRequestWithNamesRow = Awaited<
  ReturnType<ReturnType<typeof selectAuthRequests>['executeTakeFirstOrThrow']>
>;

export function toAuthRequest(row: AuthRequestWithNamesRow): AuthRequest {
  return {
    id: row.id,
    start: row.starts_at.toISOString(),
    end: row.ends_at.toISOString(),
    serviceId: row.service_id,
    professionalId: row.professional_id,
    clientId: row.client_id,
    source: row.source,
    offer: row.offer,
    clientConsent: row.client_consent,
    ownerDecision: row.owner_decision,
    status: row.status,
    ownerNotes: row.owner_notes,
    expiresAt: row.expires_at.toISOString(),
    createdByAgent: row.created_by_agent,
    conversationId: row.conversation_id,
    appointmentId: row.appointment_id,
    decidedAt: row.decided_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    clientName: row.client_name,
    clientPhone: row.client_phone,
    serviceName: row.service_name,
    professionalName: row.professional_name,
    priceCents: row.offer?.finalPriceCents ?? row.service_price_cents,
  };
}

export async function findAuthRequest(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<AuthRequest | undefined> {
  const row = await selectAuthRequests(db, tenantId).where('r.id', '=', id).executeTakeFirst();
  return row && toAuthRequest(row);
}
