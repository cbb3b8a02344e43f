import type { AppointmentStatus, AuthRequestStatus, BookingSource } from '@agenda-cheia/contracts';
import { type DatabaseHandle, sql } from '@agenda-cheia/db';
import { createTestDatabase } from '@agenda-cheia/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DueClient, type DueClientsQuery, selectDueClients } from './prazo-certo-selection';

// Every test opens its own salon (tenant), so each reads as a specification of its own clients. The
// campaign runs at `now`, looks 7 days ahead (`dueBy`) and leaves alone clients contacted in the last 14
// days (`contactedSince`). Cycles: Corte 30 days, Escova 15, Coloração 60.
const now = new Date('2026-11-24T12:00:00.000Z');
const dueBy = new Date('2026-12-01T12:00:00.000Z');
const contactedSince = new Date('2026-11-10T12:00:00.000Z');

const serviceCatalogue = {
  corte: { name: 'Corte', return_cycle_days: 30 },
  escova: { name: 'Escova', return_cycle_days: 15 },
  coloracao: { name: 'Coloração', return_cycle_days: 60 },
  manicure: { name: 'Manicure', return_cycle_days: null },
  hidratacao: { name: 'Hidratação', return_cycle_days: 20, archived_at: new Date('2026-06-01T00:00:00Z') },
  luzes: { name: 'Luzes', return_cycle_days: 45, active: false },
} as const;
type ServiceKey = keyof typeof serviceCatalogue;
type ProfessionalKey = 'bia' | 'caio';

interface Salon {
  tenantId: string;
  services: Record<ServiceKey, string>;
  professionals: Record<ProfessionalKey, string>;
}

let handle: DatabaseHandle;
let salonCount = 0;
let phoneCount = 0;

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

async function openSalon(): Promise<Salon> {
  salonCount += 1;
  const tenant = await handle.db
    .insertInto('tenants')
    .values({ name: `Salão ${salonCount}`, slug: `salao-${salonCount}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  const services = {} as Record<ServiceKey, string>;
  for (const [key, service] of Object.entries(serviceCatalogue) as [
    ServiceKey,
    (typeof serviceCatalogue)[ServiceKey],
  ][]) {
    const row = await handle.db
      .insertInto('services')
      .values({ tenant_id: tenant.id, duration_min: 45, price_cents: 6000, ...service })
      .returning('id')
      .executeTakeFirstOrThrow();
    services[key] = row.id;
  }
  const professionals = {} as Record<ProfessionalKey, string>;
  for (const key of ['bia', 'caio'] as const) {
    const row = await handle.db
      .insertInto('professionals')
      .values({ tenant_id: tenant.id, name: key })
      .returning('id')
      .executeTakeFirstOrThrow();
    professionals[key] = row.id;
  }
  return { tenantId: tenant.id, services, professionals };
}

async function addClient(
  salon: Salon,
  name: string,
  options: { optOut?: boolean; phone?: string } = {},
): Promise<string> {
  phoneCount += 1;
  const row = await handle.db
    .insertInto('clients')
    .values({
      tenant_id: salon.tenantId,
      name,
      phone: options.phone ?? `+5511900${String(phoneCount).padStart(6, '0')}`,
      campaign_opt_out: options.optOut ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * A 45-minute appointment, completed unless told otherwise, with Bia unless told otherwise. Within one
 * test, one professional's appointments start at different hours (the no-overlap constraint holds).
 */
async function addAppointment(
  salon: Salon,
  client: string,
  service: ServiceKey,
  startsAt: string,
  options: {
    status?: AppointmentStatus;
    professional?: ProfessionalKey;
  } = {},
): Promise<void> {
  const starts = new Date(startsAt);
  const ends = new Date(starts.getTime() + 45 * 60_000);
  await handle.db
    .insertInto('appointments')
    .values({
      tenant_id: salon.tenantId,
      client_id: client,
      service_id: salon.services[service],
      professional_id: salon.professionals[options.professional ?? 'bia'],
      starts_at: starts,
      ends_at: ends,
      buffer_before_min: 0,
      buffer_after_min: 0,
      blocked_during: `[${starts.toISOString()},${ends.toISOString()})`,
      status: options.status ?? 'completed',
      price_cents: 6000,
      final_price_cents: 6000,
    })
    .execute();
}

/** A past visit reads better as `visit`; a booking as `addAppointment`. */
const visit = addAppointment;

/** A distinct hour per request: open requests of one professional never overlap (a constraint). */
let requestHour = 0;
function heldHour(hour: number) {
  const starts_at = new Date(Date.parse('2026-11-27T15:00:00.000Z') + hour * 3_600_000);
  const ends_at = new Date(starts_at.getTime() + 45 * 60_000);
  return {
    starts_at,
    ends_at,
    held_during: sql<string>`tstzrange(${starts_at}::timestamptz, ${ends_at}::timestamptz)`,
  };
}

async function addAuthRequest(
  salon: Salon,
  client: string,
  service: ServiceKey,
  request: { source: BookingSource; status: AuthRequestStatus; createdAt: string },
): Promise<void> {
  await handle.db
    .insertInto('auth_requests')
    .values({
      tenant_id: salon.tenantId,
      client_id: client,
      service_id: salon.services[service],
      professional_id: salon.professionals.bia,
      ...heldHour(requestHour++),
      source: request.source,
      status: request.status,
      expires_at: new Date('2026-11-25T12:00:00.000Z'),
      created_at: new Date(request.createdAt),
    })
    .execute();
}

function selectFor(salon: Salon, options: Partial<DueClientsQuery> = {}): Promise<DueClient[]> {
  return selectDueClients(handle.db, {
    tenantId: salon.tenantId,
    now,
    dueBy,
    contactedSince,
    limit: 100,
    ...options,
  });
}

/** Who is offered what, due when: the part of a result most tests specify. */
async function offers(
  salon: Salon,
  options: Partial<DueClientsQuery> = {},
): Promise<{ client: string; service: string; dueAt: string }[]> {
  const rows = await selectFor(salon, options);
  return rows.map((row) => ({
    client: row.clientName,
    service: row.serviceName,
    dueAt: row.dueAt.toISOString(),
  }));
}

describe('selectDueClients (Prazo Certo)', () => {
  it('offers a client whose last visit plus the cycle falls due within the window', async () => {
    const salon = await openSalon();
    const ana = await addClient(salon, 'Ana', { phone: '+5511987654321' });
    await visit(salon, ana, 'corte', '2026-10-28T12:00:00.000Z', { professional: 'caio' });

    expect(await selectFor(salon)).toEqual([
      {
        clientId: ana,
        clientName: 'Ana',
        clientPhone: '+5511987654321',
        serviceId: salon.services.corte,
        serviceName: 'Corte',
        lastVisitAt: new Date('2026-10-28T12:00:00.000Z'),
        dueAt: new Date('2026-11-27T12:00:00.000Z'),
        lastProfessionalId: salon.professionals.caio,
      },
    ]);
  });

  it('includes overdue clients and one due exactly at dueBy, not one due after it', async () => {
    const salon = await openSalon();
    const bruno = await addClient(salon, 'Bruno');
    const carla = await addClient(salon, 'Carla');
    const davi = await addClient(salon, 'Davi');
    const elisa = await addClient(salon, 'Elisa');
    await visit(salon, bruno, 'corte', '2026-09-01T12:00:00.000Z'); // due 10-01: overdue
    await visit(salon, carla, 'corte', '2026-11-01T12:00:00.000Z'); // due 12-01 12:00 = dueBy
    await visit(salon, davi, 'corte', '2026-11-01T13:00:00.000Z'); // due 12-01 13:00: an hour too late
    await visit(salon, elisa, 'escova', '2026-11-20T12:00:00.000Z'); // due 12-05

    expect(await offers(salon)).toEqual([
      { client: 'Bruno', service: 'Corte', dueAt: '2026-10-01T12:00:00.000Z' },
      { client: 'Carla', service: 'Corte', dueAt: '2026-12-01T12:00:00.000Z' },
    ]);
  });

  it('counts only the last completed visit, and names its professional', async () => {
    const salon = await openSalon();
    const ana = await addClient(salon, 'Ana');
    const bruno = await addClient(salon, 'Bruno');
    const carla = await addClient(salon, 'Carla');
    await visit(salon, ana, 'corte', '2026-09-01T12:00:00.000Z'); // would be due 10-01...
    await visit(salon, ana, 'corte', '2026-11-10T12:00:00.000Z'); // ...but she came back: due 12-10
    await visit(salon, bruno, 'corte', '2026-08-01T12:00:00.000Z', { professional: 'caio' });
    await visit(salon, bruno, 'corte', '2026-10-20T12:00:00.000Z', { professional: 'bia' });
    await visit(salon, carla, 'corte', '2026-08-02T12:00:00.000Z', { professional: 'bia' });
    await visit(salon, carla, 'corte', '2026-10-21T12:00:00.000Z', { professional: 'caio' });

    const rows = await selectFor(salon);
    expect(
      rows.map((row) => ({
        client: row.clientName,
        lastVisitAt: row.lastVisitAt.toISOString(),
        dueAt: row.dueAt.toISOString(),
        lastProfessionalId: row.lastProfessionalId,
      })),
    ).toEqual([
      {
        client: 'Bruno',
        lastVisitAt: '2026-10-20T12:00:00.000Z',
        dueAt: '2026-11-19T12:00:00.000Z',
        lastProfessionalId: salon.professionals.bia,
      },
      {
        client: 'Carla',
        lastVisitAt: '2026-10-21T12:00:00.000Z',
        dueAt: '2026-11-20T12:00:00.000Z',
        lastProfessionalId: salon.professionals.caio,
      },
    ]);
  });

  it('ignores cancelled and no-show visits, and visits marked completed that start after now', async () => {
    const salon = await openSalon();
    const ana = await addClient(salon, 'Ana');
    const carla = await addClient(salon, 'Carla');
    const davi = await addClient(salon, 'Davi');
    await visit(salon, ana, 'corte', '2026-09-01T12:00:00.000Z');
    await visit(salon, ana, 'corte', '2026-11-15T12:00:00.000Z', { status: 'cancelled' });
    await visit(salon, ana, 'corte', '2026-11-18T12:00:00.000Z', { status: 'no_show' });
    await visit(salon, carla, 'corte', '2026-09-02T12:00:00.000Z', { status: 'no_show' });
    await visit(salon, davi, 'corte', '2026-09-03T12:00:00.000Z');
    await visit(salon, davi, 'corte', '2026-11-25T12:00:00.000Z');

    expect(await offers(salon)).toEqual([
      { client: 'Ana', service: 'Corte', dueAt: '2026-10-01T12:00:00.000Z' },
      { client: 'Davi', service: 'Corte', dueAt: '2026-10-03T12:00:00.000Z' },
    ]);
  });

  it('skips a client with a future appointment of the same service, not of another service', async () => {
    const salon = await openSalon();
    const ana = await addClient(salon, 'Ana');
    const bruno = await addClient(salon, 'Bruno');
    const carla = await addClient(salon, 'Carla');
    const davi = await addClient(salon, 'Davi');
    const elisa = await addClient(salon, 'Elisa');
    for (const [client, day] of [
      [ana, '01'],
      [bruno, '02'],
      [carla, '03'],
      [davi, '04'],
      [elisa, '05'],
    ] as const) {
      await visit(salon, client, 'corte', `2026-09-${day}T12:00:00.000Z`);
    }
    await addAppointment(salon, ana, 'corte', '2026-11-28T12:00:00.000Z', { status: 'scheduled' });
    await addAppointment(salon, elisa, 'corte', '2026-11-28T13:00:00.000Z', { status: 'confirmed' });
    await addAppointment(salon, bruno, 'escova', '2026-11-28T14:00:00.000Z', { status: 'confirmed' });
    await addAppointment(salon, carla, 'corte', '2026-11-28T15:00:00.000Z', { status: 'cancelled' });
    // Left "scheduled" after it happened: in the past, so nothing is booked ahead.
    await addAppointment(salon, davi, 'corte', '2026-11-20T12:00:00.000Z', { status: 'scheduled' });

    expect(await offers(salon)).toEqual([
      { client: 'Bruno', service: 'Corte', dueAt: '2026-10-02T12:00:00.000Z' },
      { client: 'Carla', service: 'Corte', dueAt: '2026-10-03T12:00:00.000Z' },
      { client: 'Davi', service: 'Corte', dueAt: '2026-10-04T12:00:00.000Z' },
    ]);
  });

  it('skips a client with an open auth request for that service', async () => {
    const salon = await openSalon();
    const ana = await addClient(salon, 'Ana');
    const bruno = await addClient(salon, 'Bruno');
    const carla = await addClient(salon, 'Carla');
    await visit(salon, ana, 'corte', '2026-09-01T12:00:00.000Z');
    await visit(salon, bruno, 'corte', '2026-09-02T12:00:00.000Z');
    await visit(salon, carla, 'corte', '2026-09-03T12:00:00.000Z');
    await addAuthRequest(salon, ana, 'corte', {
      source: 'chat',
      status: 'open',
      createdAt: '2026-11-01T12:00:00.000Z',
    });
    await addAuthRequest(salon, bruno, 'escova', {
      source: 'chat',
      status: 'open',
      createdAt: '2026-11-01T12:00:00.000Z',
    });
    await addAuthRequest(salon, carla, 'corte', {
      source: 'chat',
      status: 'declined',
      createdAt: '2026-11-01T12:00:00.000Z',
    });

    expect(await offers(salon)).toEqual([
      { client: 'Bruno', service: 'Corte', dueAt: '2026-10-02T12:00:00.000Z' },
      { client: 'Carla', service: 'Corte', dueAt: '2026-10-03T12:00:00.000Z' },
    ]);
  });

  it('skips clients who opted out of campaigns', async () => {
    const salon = await openSalon();
    const ana = await addClient(salon, 'Ana', { optOut: true });
    const bruno = await addClient(salon, 'Bruno');
    await visit(salon, ana, 'corte', '2026-09-01T12:00:00.000Z');
    await visit(salon, bruno, 'corte', '2026-09-02T12:00:00.000Z');

    expect(await offers(salon)).toEqual([
      { client: 'Bruno', service: 'Corte', dueAt: '2026-10-02T12:00:00.000Z' },
    ]);
  });

  it('skips clients a campaign contacted after contactedSince; earlier contact or a chat request does not count', async () => {
    const salon = await openSalon();
    const names = ['Ana', 'Bruno', 'Carla', 'Davi', 'Elisa'] as const;
    const clients: Record<(typeof names)[number], string> = {
      Ana: await addClient(salon, 'Ana'),
      Bruno: await addClient(salon, 'Bruno'),
      Carla: await addClient(salon, 'Carla'),
      Davi: await addClient(salon, 'Davi'),
      Elisa: await addClient(salon, 'Elisa'),
    };
    for (const [index, name] of names.entries()) {
      await visit(salon, clients[name], 'corte', `2026-09-0${index + 1}T12:00:00.000Z`);
    }
    // Ana: a Prazo Certo offer 4 days ago, expired unanswered.
    await addAuthRequest(salon, clients.Ana, 'corte', {
      source: 'prazo_certo',
      status: 'expired',
      createdAt: '2026-11-20T12:00:00.000Z',
    });
    // Bruno: an Encher Agenda offer for another service, declined: still a contact.
    await addAuthRequest(salon, clients.Bruno, 'escova', {
      source: 'encher_agenda',
      status: 'declined',
      createdAt: '2026-11-15T12:00:00.000Z',
    });
    // Carla: offered before the cooldown.
    await addAuthRequest(salon, clients.Carla, 'corte', {
      source: 'prazo_certo',
      status: 'expired',
      createdAt: '2026-11-01T12:00:00.000Z',
    });
    // Davi: asked on the chat himself; that is not a campaign contact.
    await addAuthRequest(salon, clients.Davi, 'escova', {
      source: 'chat',
      status: 'booked',
      createdAt: '2026-11-20T12:00:00.000Z',
    });
    // Elisa: contacted exactly at contactedSince, not after it.
    await addAuthRequest(salon, clients.Elisa, 'corte', {
      source: 'encher_agenda',
      status: 'declined',
      createdAt: '2026-11-10T12:00:00.000Z',
    });

    expect(await offers(salon)).toEqual([
      { client: 'Carla', service: 'Corte', dueAt: '2026-10-03T12:00:00.000Z' },
      { client: 'Davi', service: 'Corte', dueAt: '2026-10-04T12:00:00.000Z' },
      { client: 'Elisa', service: 'Corte', dueAt: '2026-10-05T12:00:00.000Z' },
    ]);
  });

  it('gives each client one offer: the most overdue offerable service, ties broken by service name', async () => {
    const salon = await openSalon();
    const ana = await addClient(salon, 'Ana');
    const bruno = await addClient(salon, 'Bruno');
    const davi = await addClient(salon, 'Davi');
    await visit(salon, ana, 'corte', '2026-10-20T12:00:00.000Z'); // due 11-19
    await visit(salon, ana, 'escova', '2026-11-01T12:00:00.000Z', { professional: 'caio' }); // due 11-16
    await visit(salon, bruno, 'corte', '2026-10-01T12:00:00.000Z'); // due 10-31
    await visit(salon, bruno, 'coloracao', '2026-09-01T12:00:00.000Z'); // due 10-31 as well
    await visit(salon, davi, 'corte', '2026-10-21T12:00:00.000Z'); // due 11-20
    await visit(salon, davi, 'escova', '2026-11-02T12:00:00.000Z', { professional: 'caio' }); // due 11-17...
    await addAppointment(salon, davi, 'escova', '2026-11-26T12:00:00.000Z', { status: 'scheduled' }); // ...booked

    expect(await offers(salon)).toEqual([
      { client: 'Bruno', service: 'Coloração', dueAt: '2026-10-31T12:00:00.000Z' },
      { client: 'Ana', service: 'Escova', dueAt: '2026-11-16T12:00:00.000Z' },
      { client: 'Davi', service: 'Corte', dueAt: '2026-11-20T12:00:00.000Z' },
    ]);
  });

  it('orders by due date, then client id, and stops at the limit', async () => {
    const salon = await openSalon();
    const ana = await addClient(salon, 'Ana');
    const bruno = await addClient(salon, 'Bruno');
    const carla = await addClient(salon, 'Carla');
    const davi = await addClient(salon, 'Davi');
    await visit(salon, ana, 'corte', '2026-10-10T12:00:00.000Z', { professional: 'bia' });
    await visit(salon, bruno, 'corte', '2026-10-10T12:00:00.000Z', { professional: 'caio' });
    await visit(salon, carla, 'corte', '2026-10-05T12:00:00.000Z');
    await visit(salon, davi, 'corte', '2026-10-20T12:00:00.000Z');
    const sameDay = [ana, bruno].sort();

    const all = await selectFor(salon);
    expect(all.map((row) => [row.clientId, row.dueAt.toISOString()])).toEqual([
      [carla, '2026-11-04T12:00:00.000Z'],
      [sameDay[0], '2026-11-09T12:00:00.000Z'],
      [sameDay[1], '2026-11-09T12:00:00.000Z'],
      [davi, '2026-11-19T12:00:00.000Z'],
    ]);
    const firstTwo = await selectFor(salon, { limit: 2 });
    expect(firstTwo.map((row) => row.clientId)).toEqual([carla, sameDay[0]]);
  });

  it('keeps to the given services', async () => {
    const salon = await openSalon();
    const ana = await addClient(salon, 'Ana');
    const bruno = await addClient(salon, 'Bruno');
    await visit(salon, ana, 'corte', '2026-09-01T12:00:00.000Z'); // due 10-01, the most overdue
    await visit(salon, ana, 'escova', '2026-11-01T12:00:00.000Z', { professional: 'caio' }); // due 11-16
    await visit(salon, bruno, 'corte', '2026-09-02T12:00:00.000Z');

    expect(await offers(salon, { serviceIds: [salon.services.escova] })).toEqual([
      { client: 'Ana', service: 'Escova', dueAt: '2026-11-16T12:00:00.000Z' },
    ]);
    expect(await offers(salon, { serviceIds: [] })).toEqual([
      { client: 'Ana', service: 'Corte', dueAt: '2026-10-01T12:00:00.000Z' },
      { client: 'Bruno', service: 'Corte', dueAt: '2026-10-02T12:00:00.000Z' },
    ]);
  });

  it('keeps to the given professionals, judged by who did the last visit', async () => {
    const salon = await openSalon();
    const ana = await addClient(salon, 'Ana');
    const bruno = await addClient(salon, 'Bruno');
    const carla = await addClient(salon, 'Carla');
    await visit(salon, ana, 'corte', '2026-08-01T12:00:00.000Z', { professional: 'bia' });
    await visit(salon, ana, 'corte', '2026-10-20T12:00:00.000Z', { professional: 'caio' });
    await visit(salon, bruno, 'corte', '2026-09-02T12:00:00.000Z', { professional: 'bia' });
    await visit(salon, carla, 'corte', '2026-09-01T12:00:00.000Z', { professional: 'caio' }); // due 10-01
    await visit(salon, carla, 'escova', '2026-10-25T12:00:00.000Z', { professional: 'bia' }); // due 11-09

    expect(await offers(salon, { professionalIds: [salon.professionals.bia] })).toEqual([
      { client: 'Bruno', service: 'Corte', dueAt: '2026-10-02T12:00:00.000Z' },
      { client: 'Carla', service: 'Escova', dueAt: '2026-11-09T12:00:00.000Z' },
    ]);
  });

  it('names the lowest professional id when two completed visits share the last instant', async () => {
    const salon = await openSalon();
    const ana = await addClient(salon, 'Ana');
    await visit(salon, ana, 'corte', '2026-09-01T12:00:00.000Z', { professional: 'bia' });
    await visit(salon, ana, 'corte', '2026-09-01T12:00:00.000Z', { professional: 'caio' });
    const { bia, caio } = salon.professionals;
    const [lowest, highest] = bia < caio ? [bia, caio] : [caio, bia];

    const all = await selectFor(salon);
    expect(all.map((row) => row.lastProfessionalId)).toEqual([lowest]);
    const filtered = await selectFor(salon, { professionalIds: [highest] });
    expect(filtered.map((row) => row.lastProfessionalId)).toEqual([highest]);
  });

  it('ignores services without a return cycle, archived or inactive, even when asked for them', async () => {
    const salon = await openSalon();
    const ana = await addClient(salon, 'Ana');
    const bruno = await addClient(salon, 'Bruno');
    const carla = await addClient(salon, 'Carla');
    await visit(salon, ana, 'manicure', '2026-01-05T12:00:00.000Z');
    await visit(salon, bruno, 'hidratacao', '2026-09-01T12:00:00.000Z');
    await visit(salon, carla, 'luzes', '2026-08-01T12:00:00.000Z');

    expect(await offers(salon)).toEqual([]);
    const { manicure, hidratacao, luzes } = salon.services;
    expect(await offers(salon, { serviceIds: [manicure, hidratacao, luzes] })).toEqual([]);
  });

  it("never returns another tenant's clients", async () => {
    const ours = await openSalon();
    const theirs = await openSalon();
    const ana = await addClient(ours, 'Ana');
    const zoe = await addClient(theirs, 'Zoe');
    await visit(ours, ana, 'corte', '2026-09-01T12:00:00.000Z');
    await visit(theirs, zoe, 'corte', '2026-09-01T12:00:00.000Z');

    expect(await offers(ours)).toEqual([
      { client: 'Ana', service: 'Corte', dueAt: '2026-10-01T12:00:00.000Z' },
    ]);
    expect(await offers(theirs)).toEqual([
      { client: 'Zoe', service: 'Corte', dueAt: '2026-10-01T12:00:00.000Z' },
    ]);
    expect(await offers(ours, { serviceIds: [theirs.services.corte] })).toEqual([]);
  });
});
