import type { RealtimeEvent } from '@agenda-cheia/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appCodeOf, createTestClock, startTestApi, type TestApi } from './harness';
import { createSalon } from './salon-fixture';

// Monday 2026-11-23 09:00 in São Paulo (UTC−3); Tuesday is the first working day.
const clock = createTestClock(new Date('2026-11-23T12:00:00Z'));
const TUESDAY_0900 = '2026-11-24T12:00:00.000Z';
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ clock });
});
afterAll(async () => {
  await api.close();
});

describe('catalog', () => {
  it('creates, updates and archives services; staff may read but not change them', async () => {
    const { owner, client, corte } = await createSalon(api);
    expect(corte).toMatchObject({
      durationMin: 60,
      priceCents: 8000,
      returnCycleDays: 30,
      bufferAfterMin: 15,
      active: true,
    });
    const updated = await client.services.update.mutate({ id: corte.id, priceCents: 9000 });
    expect(updated.priceCents).toBe(9000);
    await client.services.archive.mutate({ id: corte.id });
    const listed = await client.services.list.query();
    expect(listed.items.map((s) => s.name)).toEqual(['Manicure']);
    const all = await client.services.list.query({ includeArchived: true });
    expect(all.items).toHaveLength(2);

    await client.users.create.mutate({
      name: 'Staff',
      email: `st-${owner.user.id}@example.com`,
      password: 'senha-staff-1',
      role: 'staff',
    });
    const staff = await api
      .client()
      .auth.login.mutate({ email: `st-${owner.user.id}@example.com`, password: 'senha-staff-1' });
    await expect(api.client(staff.accessToken).services.list.query()).resolves.toHaveProperty('items');
    expect(
      await appCodeOf(
        api.client(staff.accessToken).services.create.mutate({ name: 'X', durationMin: 30, priceCents: 1 }),
      ),
    ).toBe('FORBIDDEN');
  });

  it('stores weekly hours with breaks and refuses overlapping intervals', async () => {
    const { client, ana } = await createSalon(api);
    const stored = await client.professionals.get.query({ id: ana.id });
    expect(stored.workingHours.filter((h) => h.weekday === 2)).toEqual([
      { weekday: 2, start: '09:00', end: '12:00' },
      { weekday: 2, start: '13:00', end: '19:00' },
    ]);
    expect(
      await appCodeOf(
        client.professionals.setWorkingHours.mutate({
          professionalId: ana.id,
          hours: [
            { weekday: 1, start: '09:00', end: '12:00' },
            { weekday: 1, start: '11:00', end: '14:00' },
          ],
        }),
      ),
    ).toBe('VALIDATION_FAILED');
  });

  it("refuses another tenant's service on a professional", async () => {
    const a = await createSalon(api);
    const b = await createSalon(api);
    expect(
      await appCodeOf(a.client.professionals.update.mutate({ id: a.ana.id, serviceIds: [b.corte.id] })),
    ).toBe('NOT_FOUND');
  });
});

describe('availability', () => {
  it('offers Tuesday from 09:00 local, respects breaks and buffers, and never a slot over an appointment', async () => {
    const { client, corte, ana, maria } = await createSalon(api);
    const range = { from: '2026-11-24T03:00:00.000Z', to: '2026-11-25T03:00:00.000Z' }; // Tuesday, local
    const before = await client.schedule.availability.query({ serviceId: corte.id, ...range });
    expect(before.timezone).toBe('America/Sao_Paulo');
    expect(before.slots[0]).toEqual({
      start: TUESDAY_0900,
      end: '2026-11-24T13:00:00.000Z',
      professionalId: ana.id,
    });
    // 60 min + 15 min after-buffer: 11:00 local would end at 12:00 (allowed, buffer may pass the break);
    // nothing may start in the lunch break.
    const localStarts = before.slots.map((s) => new Date(s.start).toISOString().slice(11, 16));
    expect(localStarts).toContain('14:00'); // 11:00 local
    expect(localStarts).not.toContain('15:15'); // 12:15 local is in the break
    expect(before.days.map((d) => d.date)).toEqual(['2026-11-24']);

    await client.appointments.create.mutate({
      clientId: maria.id,
      serviceId: corte.id,
      professionalId: ana.id,
      start: TUESDAY_0900,
    });
    const after = await client.schedule.availability.query({ serviceId: corte.id, ...range });
    for (const slot of after.slots) {
      // blocked 09:00–10:15 local (12:00–13:15Z) with the booked buffer; a new corte also needs its own buffer
      expect(Date.parse(slot.start) >= Date.parse('2026-11-24T13:15:00Z')).toBe(true);
    }
    expect(after.slots[0]?.start).toBe('2026-11-24T13:15:00.000Z');
  });

  it('filters by professional and honours time off', async () => {
    const { client, manicure, bia } = await createSalon(api);
    const range = { from: '2026-11-24T03:00:00.000Z', to: '2026-11-26T03:00:00.000Z' };
    const both = await client.schedule.availability.query({ serviceId: manicure.id, ...range });
    expect(new Set(both.slots.map((s) => s.professionalId)).size).toBe(2);
    await client.professionals.addTimeOff.mutate({
      professionalId: bia.id,
      startDate: '2026-11-24',
      endDate: '2026-11-24',
      reason: 'Consulta médica',
    });
    const onlyBia = await client.schedule.availability.query({
      serviceId: manicure.id,
      professionalId: bia.id,
      ...range,
    });
    expect(onlyBia.slots.every((s) => s.professionalId === bia.id)).toBe(true);
    expect(onlyBia.days.map((d) => d.date)).toEqual(['2026-11-25']);
    const timeOff = await client.professionals.listTimeOff.query({ professionalId: bia.id });
    expect(timeOff.items[0]).toMatchObject({
      start: '2026-11-24T03:00:00.000Z',
      end: '2026-11-25T03:00:00.000Z',
    });
  });

  it('refuses a range over 62 days or backwards', async () => {
    const { client, corte } = await createSalon(api);
    expect(
      await appCodeOf(
        client.schedule.availability.query({
          serviceId: corte.id,
          from: '2026-11-24T00:00:00Z',
          to: '2027-03-01T00:00:00Z',
        }),
      ),
    ).toBe('VALIDATION_FAILED');
    expect(
      await appCodeOf(
        client.schedule.availability.query({
          serviceId: corte.id,
          from: '2026-11-25T00:00:00Z',
          to: '2026-11-24T00:00:00Z',
        }),
      ),
    ).toBe('VALIDATION_FAILED');
  });
});

describe('appointments', () => {
  it('books with the price and discount stored, and announces it', async () => {
    const { owner, client, corte, ana, maria } = await createSalon(api);
    const events: RealtimeEvent[] = [];
    const stop = api.server.services.bus.subscribe(owner.tenant.id, (envelope) =>
      events.push(envelope.event),
    );
    const booked = await client.appointments.create.mutate({
      clientId: maria.id,
      serviceId: corte.id,
      professionalId: ana.id,
      start: TUESDAY_0900,
      discountPercent: 15,
    });
    stop();
    expect(booked).toMatchObject({
      start: TUESDAY_0900,
      end: '2026-11-24T13:00:00.000Z',
      status: 'scheduled',
      priceCents: 8000,
      discountPercent: 15,
      finalPriceCents: 6800,
      clientName: 'Maria Silva',
      serviceName: 'Corte feminino',
      professionalName: 'Ana',
    });
    expect(events).toEqual([{ event_type: 'appointment_created', data: { appointment: booked } }]);
  });

  it('answers SLOT_TAKEN for an overlap, including the buffer after', async () => {
    const { client, corte, manicure, ana, maria } = await createSalon(api);
    await client.appointments.create.mutate({
      clientId: maria.id,
      serviceId: corte.id,
      professionalId: ana.id,
      start: TUESDAY_0900,
    });
    // Manicure at 10:00 local touches the corte's 15-minute cleanup buffer.
    const attempt = client.appointments.create.mutate({
      clientId: maria.id,
      serviceId: manicure.id,
      professionalId: ana.id,
      start: '2026-11-24T13:00:00.000Z',
    });
    expect(await appCodeOf(attempt)).toBe('SLOT_TAKEN');
    await expect(
      client.appointments.create.mutate({
        clientId: maria.id,
        serviceId: manicure.id,
        professionalId: ana.id,
        start: '2026-11-24T13:15:00.000Z',
      }),
    ).resolves.toHaveProperty('id');
  });

  it('refuses a slot outside working hours unless forced, and a service the professional does not do', async () => {
    const { client, corte, ana, bia, maria } = await createSalon(api);
    const monday = {
      clientId: maria.id,
      serviceId: corte.id,
      professionalId: ana.id,
      start: '2026-11-30T12:00:00.000Z',
    };
    expect(await appCodeOf(client.appointments.create.mutate(monday))).toBe('OUTSIDE_WORKING_HOURS');
    await expect(client.appointments.create.mutate({ ...monday, force: true })).resolves.toHaveProperty('id');
    expect(
      await appCodeOf(
        client.appointments.create.mutate({ ...monday, professionalId: bia.id, start: TUESDAY_0900 }),
      ),
    ).toBe('SERVICE_NOT_OFFERED');
  });

  it('reschedules, cancels (freeing the time), completes and marks no-shows, once each', async () => {
    const { client, corte, ana, maria } = await createSalon(api);
    const booked = await client.appointments.create.mutate({
      clientId: maria.id,
      serviceId: corte.id,
      professionalId: ana.id,
      start: TUESDAY_0900,
    });
    const moved = await client.appointments.reschedule.mutate({
      id: booked.id,
      start: '2026-11-24T17:00:00.000Z',
    });
    expect(moved).toMatchObject({ start: '2026-11-24T17:00:00.000Z', end: '2026-11-24T18:00:00.000Z' });
    // The old time is free again.
    const other = await client.appointments.create.mutate({
      clientId: maria.id,
      serviceId: corte.id,
      professionalId: ana.id,
      start: TUESDAY_0900,
    });

    const cancelled = await client.appointments.cancel.mutate({ id: moved.id, reason: 'Cliente pediu' });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'Cliente pediu' });
    expect(await appCodeOf(client.appointments.complete.mutate({ id: moved.id }))).toBe('INVALID_STATE');
    await expect(
      client.appointments.create.mutate({
        clientId: maria.id,
        serviceId: corte.id,
        professionalId: ana.id,
        start: '2026-11-24T17:00:00.000Z',
      }),
    ).resolves.toHaveProperty('id');

    expect((await client.appointments.complete.mutate({ id: other.id })).status).toBe('completed');
    const third = await client.appointments.create.mutate({
      clientId: maria.id,
      serviceId: corte.id,
      professionalId: ana.id,
      start: '2026-11-25T12:00:00.000Z',
    });
    expect((await client.appointments.markNoShow.mutate({ id: third.id })).status).toBe('no_show');

    const history = await client.clients.get.query({ id: maria.id });
    expect(history.history.map((a) => a.status).sort()).toEqual([
      'cancelled',
      'completed',
      'no_show',
      'scheduled',
    ]);
    expect(history.client.lastVisitAt).toBe(TUESDAY_0900);
  });

  it('shows the calendar per professional, without cancelled appointments', async () => {
    const { client, corte, manicure, ana, bia, maria } = await createSalon(api);
    await client.appointments.create.mutate({
      clientId: maria.id,
      serviceId: corte.id,
      professionalId: ana.id,
      start: TUESDAY_0900,
    });
    const b = await client.appointments.create.mutate({
      clientId: maria.id,
      serviceId: manicure.id,
      professionalId: bia.id,
      start: TUESDAY_0900,
    });
    await client.appointments.cancel.mutate({ id: b.id, reason: 'Desmarcou' });
    const week = { from: '2026-11-23T03:00:00.000Z', to: '2026-11-30T03:00:00.000Z' };
    const all = await client.schedule.calendar.query(week);
    expect(all.appointments).toHaveLength(1);
    expect(all.professionals.map((p) => p.name)).toEqual(['Ana', 'Bia']);
    const onlyBia = await client.schedule.calendar.query({ ...week, professionalIds: [bia.id] });
    expect(onlyBia.appointments).toHaveLength(0);
  });

  it("never reads or books into another tenant's records", async () => {
    const a = await createSalon(api);
    const b = await createSalon(api);
    const booked = await a.client.appointments.create.mutate({
      clientId: a.maria.id,
      serviceId: a.corte.id,
      professionalId: a.ana.id,
      start: TUESDAY_0900,
    });
    expect(await appCodeOf(b.client.appointments.get.query({ id: booked.id }))).toBe('NOT_FOUND');
    expect(await appCodeOf(b.client.appointments.cancel.mutate({ id: booked.id, reason: 'x' }))).toBe(
      'NOT_FOUND',
    );
    expect(
      await appCodeOf(
        b.client.appointments.create.mutate({
          clientId: a.maria.id,
          serviceId: b.corte.id,
          professionalId: b.ana.id,
          start: TUESDAY_0900,
        }),
      ),
    ).toBe('NOT_FOUND');
    expect(await appCodeOf(b.client.clients.get.query({ id: a.maria.id }))).toBe('NOT_FOUND');
    expect(
      await appCodeOf(
        b.client.schedule.availability.query({
          serviceId: a.corte.id,
          from: TUESDAY_0900,
          to: '2026-11-25T12:00:00Z',
        }),
      ),
    ).toBe('NOT_FOUND');
  });
});
