import { type DatabaseHandle, sql } from '@agenda-cheia/db';
import { createTestDatabase } from '@agenda-cheia/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCampaignPairs, rankGapCandidates } from './encher-agenda-candidates';

// The run looks at Bia's Corte gaps at `now`; a campaign contact since `contactedSince` is too recent.
const now = new Date('2026-11-24T12:00:00Z');
const contactedSince = new Date('2026-11-10T12:00:00Z');
const day = (iso: string, time = '12:00') => new Date(`${iso}T${time}:00Z`);

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

let count = 0;
/** A distinct hour per request: open requests of one professional never overlap (a constraint). */
let requestHour = 0;
function heldHour(dayStart: Date, hour: number) {
  const starts_at = new Date(dayStart.getTime() + hour * 3_600_000);
  const ends_at = new Date(starts_at.getTime() + 3_600_000);
  return {
    starts_at,
    ends_at,
    held_during: sql<string>`tstzrange(${starts_at}::timestamptz, ${ends_at}::timestamptz)`,
  };
}

async function openSalon() {
  count += 1;
  const { db } = handle;
  const tenant = await db
    .insertInto('tenants')
    .values({ name: `Salão ${count}`, slug: `salao-gaps-${count}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  const service = (name: string, cycle: number | null, extra: { active?: boolean } = {}) =>
    db
      .insertInto('services')
      .values({
        tenant_id: tenant.id,
        name,
        duration_min: 60,
        price_cents: 8000,
        return_cycle_days: cycle,
        ...extra,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .then((r) => r.id);
  const professional = (name: string, active = true) =>
    db
      .insertInto('professionals')
      .values({ tenant_id: tenant.id, name, active })
      .returning('id')
      .executeTakeFirstOrThrow()
      .then((r) => r.id);
  const corte = await service('Corte', 30);
  const manicure = await service('Manicure', null);
  const luzes = await service('Luzes', 45, { active: false });
  const ana = await professional('Ana');
  const bia = await professional('Bia');
  const edu = await professional('Edu', false);
  await db
    .insertInto('professional_services')
    .values([
      { tenant_id: tenant.id, professional_id: ana, service_id: corte },
      { tenant_id: tenant.id, professional_id: bia, service_id: corte },
      { tenant_id: tenant.id, professional_id: bia, service_id: manicure },
      { tenant_id: tenant.id, professional_id: bia, service_id: luzes },
      { tenant_id: tenant.id, professional_id: edu, service_id: corte },
    ])
    .execute();

  let slot = 0;
  return {
    tenantId: tenant.id,
    corte,
    manicure,
    ana,
    bia,
    async client(name: string, optOut = false) {
      const row = await db
        .insertInto('clients')
        .values({
          tenant_id: tenant.id,
          name,
          phone: `+55119${String(count * 1000 + slot++).padStart(8, '0')}`,
          campaign_opt_out: optOut,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async visit(
      clientId: string,
      serviceId: string,
      professionalId: string,
      at: Date,
      status: 'completed' | 'scheduled' = 'completed',
    ) {
      const start = at;
      const end = new Date(start.getTime() + 3_600_000);
      await db
        .insertInto('appointments')
        .values({
          tenant_id: tenant.id,
          client_id: clientId,
          service_id: serviceId,
          professional_id: professionalId,
          starts_at: start,
          ends_at: end,
          buffer_before_min: 0,
          buffer_after_min: 0,
          blocked_during: `[${start.toISOString()},${end.toISOString()})`,
          status,
          price_cents: 8000,
          final_price_cents: 8000,
        })
        .execute();
    },
    async request(
      clientId: string,
      options: {
        status: 'open' | 'expired';
        source: 'chat' | 'encher_agenda';
        createdAt: Date;
        runId?: string;
      },
    ) {
      await db
        .insertInto('auth_requests')
        .values({
          tenant_id: tenant.id,
          client_id: clientId,
          service_id: manicure,
          professional_id: bia,
          ...heldHour(day('2026-12-20'), requestHour++),
          source: options.source,
          status: options.status,
          expires_at: day('2026-12-19'),
          created_at: options.createdAt,
        })
        .execute();
    },
  };
}

describe('Encher Agenda candidates', () => {
  it('covers active professionals and active services they perform, narrowed by the filters', async () => {
    const salon = await openSalon();
    const pairs = await listCampaignPairs(handle.db, salon.tenantId, {});
    expect(pairs.map((p) => `${p.professionalName}/${p.serviceName}`)).toEqual([
      'Ana/Corte',
      'Bia/Corte',
      'Bia/Manicure',
    ]);
    const filtered = await listCampaignPairs(handle.db, salon.tenantId, {
      serviceIds: [salon.corte],
      professionalIds: [salon.bia],
    });
    expect(filtered.map((p) => `${p.professionalName}/${p.serviceName}`)).toEqual(['Bia/Corte']);
  });

  it('ranks clients with history by due date, then knowing the professional, then the latest visit', async () => {
    const s = await openSalon();
    const names = new Map<string, string>();
    const client = async (name: string, optOut = false) => {
      const id = await s.client(name, optOut);
      names.set(id, name);
      return id;
    };
    // Corte due dates (last Corte + 30 days): Duda 01/11, Eva 05/11, Fia 05/11 (but with Bia), Gil none.
    const duda = await client('Duda');
    await s.visit(duda, s.corte, s.ana, day('2026-10-02'));
    const eva = await client('Eva');
    await s.visit(eva, s.corte, s.ana, day('2026-10-06'));
    const fia = await client('Fia');
    await s.visit(fia, s.corte, s.bia, day('2026-10-06'));
    const gil = await client('Gil');
    await s.visit(gil, s.manicure, s.bia, day('2026-11-01'));
    const hebe = await client('Hebe'); // knows Ana's Manicure only: neither Bia nor Corte
    await s.visit(hebe, s.manicure, s.ana, day('2026-11-01'));
    const out = await client('Opt', true);
    await s.visit(out, s.corte, s.bia, day('2026-09-01'));
    const booked = await client('Booked');
    await s.visit(booked, s.corte, s.bia, day('2026-09-01', '14:00'));
    await s.visit(booked, s.manicure, s.bia, day('2026-12-01'), 'scheduled');
    const pending = await client('Pending');
    await s.visit(pending, s.corte, s.bia, day('2026-09-01', '16:00'));
    await s.request(pending, { status: 'open', source: 'chat', createdAt: day('2026-11-01') });
    const recent = await client('Recent');
    await s.visit(recent, s.corte, s.bia, day('2026-09-01', '18:00'));
    await s.request(recent, { status: 'expired', source: 'encher_agenda', createdAt: day('2026-11-20') });
    const old = await client('Old');
    await s.visit(old, s.corte, s.bia, day('2026-09-02'));
    await s.request(old, { status: 'expired', source: 'encher_agenda', createdAt: day('2026-10-20') });

    const ranked = await rankGapCandidates(handle.db, {
      tenantId: s.tenantId,
      now,
      pairs: [{ professionalId: s.bia, serviceId: s.corte }],
      contactedSince,
      perPairLimit: 10,
    });

    // Old (due 02/10, contacted long ago), Duda, Fia (knows Bia) before Eva (same due date), then Gil.
    expect(ranked.map((c) => `${c.rank} ${names.get(c.clientId) ?? ''}`)).toEqual([
      '1 Old',
      '2 Duda',
      '3 Fia',
      '4 Eva',
      '5 Gil',
    ]);
    expect(ranked[4]).toMatchObject({ dueAt: null, withProfessional: true });
    expect(ranked[1]?.dueAt).toEqual(new Date('2026-11-01T12:00:00Z'));

    const top = await rankGapCandidates(handle.db, {
      tenantId: s.tenantId,
      now,
      pairs: [{ professionalId: s.bia, serviceId: s.corte }],
      contactedSince,
      perPairLimit: 2,
    });
    expect(top).toHaveLength(2);
  });
});
