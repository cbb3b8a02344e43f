import type { Appointment } from '@agenda-cheia/contracts';
import type { Executor } from '../shared/executor';

/** Appointments joined with the names a person reads on a calendar. */
export function selectAppointmentsWithNames(db: Executor, tenantId: string) {
  return db
    .selectFrom('appointments as a')
    .innerJoin('clients as c', 'c.id', 'a.client_id')
    .innerJoin('services as s', 's.id', 'a.service_id')
    .innerJoin('professionals as p', 'p.id', 'a.professional_id')
    .where('a.tenant_id', '=', tenantId)
    .select([
      'a.id',
      'a.client_id',
      'a.service_id',
      'a.professional_id',
      'a.starts_at',
      'a.ends_at',
      'a.status',
      'a.price_cents',
      'a.discount_percent',
      'a.final_price_cents',
      'a.source',
      'a.notes',
      'a.cancel_reason',
      'a.created_at',
      'c.name as client_name',
      's.name as service_name',
      'p.name as professional_name',
    ]);
}

type AppointmentWithNamesRow = Awaited<
  ReturnType<ReturnType<typeof selectAppointmentsWithNames>['executeTakeFirstOrThrow']>
>;

export function toAppointment(row: AppointmentWithNamesRow): Appointment {
  return {
    id: row.id,
    clientId: row.client_id,
    serviceId: row.service_id,
    professionalId: row.professional_id,
    start: row.starts_at.toISOString(),
    end: row.ends_at.toISOString(),
    status: row.status,
    priceCents: row.price_cents,
    discountPercent: row.discount_percent,
    finalPriceCents: row.final_price_cents,
    source: row.source,
    notes: row.notes,
    cancelReason: row.cancel_reason,
    createdAt: row.created_at.toISOString(),
    clientName: row.client_name,
    serviceName: row.service_name,
    professionalName: row.professional_name,
  };
}

export async function findAppointment(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<Appointment | undefined> {
  const row = await selectAppointmentsWithNames(db, tenantId).where('a.id', '=', id).executeTakeFirst();
  return row ? toAppointment(row) : undefined;
}

export async function listAppointmentsOfClient(
  db: Executor,
  tenantId: string,
  clientId: string,
): Promise<Appointment[]> {
  const rows = await selectAppointmentsWithNames(db, tenantId)
    .where('a.client_id', '=', clientId)
    .orderBy('a.starts_at', 'desc')
    .limit(200)
    .execute();
  return rows.map(toAppointment);
}
