import { type Database, type Kysely, sql } from '@agenda-cheia/db';
import type { RawBuilder } from 'kysely';

/**
 * A big salon for the Prazo Certo benchmark, generated inside PostgreSQL with `INSERT ... SELECT FROM
 * generate_series` (no row crosses the wire) and fully determined by the size and the seed.
 *
 * - services: 8 with a return cycle (14 to 120 days) and 2 without;
 * - clients: ~2% opted out of campaigns; each has a favourite service that 60% of their visits are for;
 * - past appointments over the ~14 months before `now`: 85% completed, 8% cancelled, 7% no-show;
 *   appointment i goes to professional i % P at `first + floor(i / P)` hours, so one professional's
 *   appointments never overlap (the `appointments_no_overlap` constraint holds); the P appointments of
 *   one hour go to clients of P different residues mod P, so no client is in two chairs at once and
 *   every (client, service) has one well-defined last visit and last professional;
 * - future appointments in the next days (scheduled or confirmed);
 * - auth requests: open ones (chat and Prazo Certo), campaign offers over the last 60 days (about a
 *   quarter of them inside a 14-day cooldown) and a year of chat bookings.
 *
 * Ids are `md5(kind || n)::uuid`, so a row can point at "client n" without a join.
 */
export interface PrazoCertoBenchSize {
  clients: number;
  pastAppointments: number;
  futureAppointments: number;
  professionals: number;
  openRequests: number;
  campaignContacts: number;
  chatRequests: number;
  seed?: number;
}

export const BENCH_NOW = new Date('2026-11-24T12:00:00.000Z');

const SERVICES = [
  { name: 'Corte feminino', minutes: 60, cents: 12000, cycle: 30 },
  { name: 'Corte masculino', minutes: 30, cents: 5000, cycle: 21 },
  { name: 'Barba', minutes: 30, cents: 4000, cycle: 14 },
  { name: 'Escova', minutes: 45, cents: 7000, cycle: 15 },
  { name: 'Coloração', minutes: 120, cents: 25000, cycle: 45 },
  { name: 'Luzes', minutes: 180, cents: 40000, cycle: 90 },
  { name: 'Hidratação', minutes: 45, cents: 9000, cycle: 20 },
  { name: 'Progressiva', minutes: 180, cents: 35000, cycle: 120 },
  { name: 'Maquiagem', minutes: 60, cents: 15000, cycle: null },
  { name: 'Penteado', minutes: 60, cents: 13000, cycle: null },
] as const;
export const SERVICES_WITH_CYCLE = SERVICES.filter((service) => service.cycle !== null).length;
export const SERVICE_COUNT = SERVICES.length;

export async function loadPrazoCertoSalon(
  db: Kysely<Database>,
  size: PrazoCertoBenchSize,
): Promise<{ tenantId: string }> {
  const { clients, professionals } = size;
  if (clients % professionals !== 0) throw new Error('clients must be a multiple of professionals');
  const now = BENCH_NOW.toISOString();

  // random() is seeded per session: every statement runs on one connection.
  const tenantId = await db.connection().execute(async (conn) => {
    await sql`select setseed(${1 / (size.seed ?? 7)})`.execute(conn);
    const tenant = await conn
      .insertInto('tenants')
      .values({ name: 'Salão Benchmark', slug: 'salao-benchmark' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const t = tenant.id;

    await conn
      .insertInto('services')
      .values(
        SERVICES.map((service, k) => ({
          id: sql<string>`md5(${`service-${k}`})::uuid`,
          tenant_id: t,
          name: service.name,
          duration_min: service.minutes,
          price_cents: service.cents,
          return_cycle_days: service.cycle,
        })),
      )
      .execute();

    await sql`
      insert into professionals (id, tenant_id, name)
      select md5('professional-' || p)::uuid, ${t}, 'Profissional ' || p
      from generate_series(0, ${professionals - 1}) p`.execute(conn);

    await sql`
      insert into clients (id, tenant_id, name, phone, campaign_opt_out, opted_out_at)
      select md5('client-' || n)::uuid, ${t}, 'Cliente ' || n, '+5511' || lpad(n::text, 9, '0'),
             r < 0.02, case when r < 0.02 then ${now}::timestamptz - interval '30 days' end
      from (select n, random() as r from generate_series(0, ${clients - 1}) n offset 0) g`.execute(conn);

    // A client's service: their favourite (client % services with a cycle) 60% of the time, else any.
    const pickService = (client: RawBuilder<unknown>, r: RawBuilder<unknown>) =>
      sql`case when ${r} < 0.6 then ${client} % ${SERVICES_WITH_CYCLE} else floor(random() * ${SERVICE_COUNT})::int end`;

    await sql`
      insert into appointments (tenant_id, client_id, service_id, professional_id, starts_at, ends_at,
        blocked_during, status, price_cents, final_price_cents, completed_at, cancelled_at)
      select ${t}, md5('client-' || client)::uuid, md5('service-' || service)::uuid,
             md5('professional-' || professional)::uuid, starts, starts + interval '45 minutes',
             tstzrange(starts, starts + interval '1 hour', '[)'), status, 6000, 6000,
             case when status = 'completed' then starts + interval '45 minutes' end,
             case when status = 'cancelled' then starts - interval '1 day' end
      from (
        select i % ${professionals} as professional,
               ${now}::timestamptz - interval '1 hour' * (${Math.ceil(size.pastAppointments / professionals)} + 1 - i / ${professionals}) as starts,
               client, ${pickService(sql.ref('client'), sql.ref('r_service'))} as service,
               case when r_status < 0.85 then 'completed' when r_status < 0.93 then 'cancelled' else 'no_show' end as status
        from (
          select i, floor(random() * ${clients / professionals})::int * ${professionals}
                      + (i % ${professionals} + 7 * (i / ${professionals})) % ${professionals} as client,
                 random() as r_service, random() as r_status
          from generate_series(0, ${size.pastAppointments - 1}) i offset 0
        ) r
        offset 0
      ) g`.execute(conn);

    await sql`
      insert into appointments (tenant_id, client_id, service_id, professional_id, starts_at, ends_at,
        blocked_during, status, price_cents, final_price_cents)
      select ${t}, md5('client-' || client)::uuid, md5('service-' || service)::uuid,
             md5('professional-' || professional)::uuid, starts, starts + interval '45 minutes',
             tstzrange(starts, starts + interval '1 hour', '[)'), status, 6000, 6000
      from (
        select i % ${professionals} as professional,
               ${now}::timestamptz + interval '1 hour' * (1 + i / ${professionals}) as starts,
               client, ${pickService(sql.ref('client'), sql.ref('r_service'))} as service,
               case when r_status < 0.5 then 'scheduled' else 'confirmed' end as status
        from (
          select i, floor(random() * ${clients})::int as client, random() as r_service, random() as r_status
          from generate_series(0, ${size.futureAppointments - 1}) i offset 0
        ) r
        offset 0
      ) g`.execute(conn);

    const insertRequests = (
      count: number,
      source: RawBuilder<unknown>,
      status: RawBuilder<unknown>,
      maxAgeDays: number,
    ) =>
      sql`
        insert into auth_requests (tenant_id, client_id, service_id, professional_id, starts_at, ends_at,
          held_during, source, status, expires_at, created_at)
        select ${t}, md5('client-' || client)::uuid, md5('service-' || service)::uuid,
               md5('professional-' || professional)::uuid,
               starts, starts + interval '45 minutes', tstzrange(starts, starts + interval '45 minutes'),
               ${source}, ${status}, created + interval '1 day', created
        from (
          -- One hour per request and professional: open requests never overlap (an exclusion constraint).
          select client, i % ${professionals} as professional,
                 ${now}::timestamptz + interval '100 days' + interval '1 hour' * (i / ${professionals}) as starts,
                 ${pickService(sql.ref('client'), sql.ref('r_service'))} as service,
                 ${now}::timestamptz - interval '1 day' * ${maxAgeDays} * random() as created
          from (
            select i, floor(random() * ${clients})::int as client, random() as r_service
            from generate_series(1, ${count}) i offset 0
          ) r
          offset 0
        ) g`.execute(conn);

    await insertRequests(
      size.openRequests,
      sql.raw(`case when random() < 0.7 then 'chat' else 'prazo_certo' end`),
      sql.raw(`'open'`),
      3,
    );
    await insertRequests(
      size.campaignContacts,
      sql.raw(`case when random() < 0.6 then 'prazo_certo' else 'encher_agenda' end`),
      sql.raw(`(array['expired', 'declined', 'booked'])[1 + floor(random() * 3)::int]`),
      60,
    );
    await insertRequests(size.chatRequests, sql.raw(`'chat'`), sql.raw(`'booked'`), 365);
    return t;
  });

  // What autovacuum leaves on a settled table: statistics and the visibility map. Done here, so that the
  // insert-triggered autovacuum does not start in the middle of the timings.
  await sql`vacuum (analyze) appointments, clients, auth_requests, services, professionals`.execute(db);
  return { tenantId };
}
