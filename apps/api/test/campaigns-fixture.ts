import type { CreateCampaignInput } from '@agenda-cheia/contracts';
import { sql } from '@agenda-cheia/db';
import { localDateTimeToInstant } from '@agenda-cheia/scheduling';
import type { TestApi } from './harness';
import { createSalon } from './salon-fixture';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** An instant of the São Paulo wall clock ("2026-11-24", "10:00"), converted with the zone's rules. */
export function saoPaulo(date: string, time: string): Date {
  return localDateTimeToInstant(date, time, 'America/Sao_Paulo');
}

/**
 * The fixture salon (São Paulo; Tue–Sat 09–12 and 13–19; 15-minute grid; no minimum notice) with a third
 * service and a professional who has no hours:
 * - Corte feminino 60 min R$ 80 + 15 min buffer after, returns every 30 days: Ana;
 * - Escova 45 min R$ 60, returns every 14 days: Ana, Bia and Duda;
 * - Manicure 45 min R$ 40, no return cycle: Ana and Bia;
 * - Duda has no working hours (never free).
 */
export async function campaignSalon(api: TestApi, overrides: { timezone?: string } = {}) {
  const salon = await createSalon(api, overrides);
  const { client } = salon;
  const escova = await client.services.create.mutate({
    name: 'Escova',
    durationMin: 45,
    priceCents: 6000,
    returnCycleDays: 14,
  });
  await client.professionals.update.mutate({
    id: salon.ana.id,
    serviceIds: [salon.corte.id, salon.manicure.id, escova.id],
  });
  await client.professionals.update.mutate({ id: salon.bia.id, serviceIds: [salon.manicure.id, escova.id] });
  const duda = await client.professionals.create.mutate({ name: 'Duda', serviceIds: [escova.id] });
  const tenantId = salon.owner.user.tenantId;
  const db = api.database.db;

  type Named = { id: string };
  return {
    ...salon,
    escova,
    duda,
    tenantId,
    async addClient(name: string, phone: string, options: { optOut?: boolean } = {}) {
      const created = await client.clients.create.mutate({ name, phone });
      if (options.optOut) {
        await db
          .updateTable('clients')
          .set({ campaign_opt_out: true })
          .where('id', '=', created.id)
          .execute();
      }
      return created;
    },

    /** A completed (or other) appointment written straight to the table: history the campaigns read. */
    async visit(
      who: Named,
      service: Named & { durationMin: number; priceCents: number; bufferAfterMin?: number },
      professional: Named,
      start: Date,
      status: 'completed' | 'scheduled' = 'completed',
    ) {
      const end = new Date(start.getTime() + service.durationMin * MINUTE);
      const blockedEnd = new Date(end.getTime() + (service.bufferAfterMin ?? 0) * MINUTE);
      await db
        .insertInto('appointments')
        .values({
          tenant_id: tenantId,
          client_id: who.id,
          service_id: service.id,
          professional_id: professional.id,
          starts_at: start,
          ends_at: end,
          buffer_before_min: 0,
          buffer_after_min: service.bufferAfterMin ?? 0,
          blocked_during: sql<string>`tstzrange(${start}::timestamptz, ${blockedEnd}::timestamptz, '[)')`,
          status,
          price_cents: service.priceCents,
          final_price_cents: service.priceCents,
          source: 'manual',
          completed_at: status === 'completed' ? end : null,
        })
        .execute();
    },

    /** An old campaign offer the client let expire, made at `createdAt` (for the cooldown). */
    async pastOffer(who: Named, createdAt: Date) {
      await db
        .insertInto('auth_requests')
        .values({
          tenant_id: tenantId,
          client_id: who.id,
          service_id: salon.manicure.id,
          professional_id: salon.bia.id,
          starts_at: new Date(createdAt.getTime() + DAY),
          ends_at: new Date(createdAt.getTime() + DAY + 45 * MINUTE),
          held_during: sql<string>`tstzrange(${new Date(createdAt.getTime() + DAY)}::timestamptz, ${new Date(createdAt.getTime() + DAY + 45 * MINUTE)}::timestamptz)`,
          source: 'encher_agenda',
          status: 'expired',
          expires_at: new Date(createdAt.getTime() + HOUR),
          created_at: createdAt,
        })
        .execute();
    },

    createCampaign(input: CreateCampaignInput) {
      return client.campaigns.create.mutate(input);
    },

    /** The offers of a run as (client, service, professional, start), in start then client order. */
    async offersOf(runId: string) {
      const rows = await db
        .selectFrom('auth_requests as r')
        .innerJoin('clients as c', 'c.id', 'r.client_id')
        .innerJoin('services as s', 's.id', 'r.service_id')
        .innerJoin('professionals as p', 'p.id', 'r.professional_id')
        .select(['c.name as client', 's.name as service', 'p.name as professional', 'r.starts_at', 'r.offer'])
        .where('r.tenant_id', '=', tenantId)
        .where('r.campaign_run_id', '=', runId)
        .orderBy('r.starts_at')
        .orderBy('c.name')
        .execute();
      return rows.map((r) => ({
        client: r.client,
        service: r.service,
        professional: r.professional,
        start: r.starts_at.toISOString(),
      }));
    },

    /** The stored campaign messages of the tenant, oldest first. */
    async offerMessages() {
      return db
        .selectFrom('messages as m')
        .innerJoin('conversations as v', 'v.id', 'm.conversation_id')
        .innerJoin('clients as c', 'c.id', 'v.client_id')
        .select([
          'c.name as client',
          'm.text',
          'm.status',
          'm.status_error',
          'm.send_after',
          'm.template',
          'm.id',
        ])
        .where('m.tenant_id', '=', tenantId)
        .where('m.client_message_id', 'like', 'offer:%')
        .orderBy('m.created_at')
        .orderBy('m.id')
        .execute();
    },
  };
}

export type CampaignSalon = Awaited<ReturnType<typeof campaignSalon>>;
