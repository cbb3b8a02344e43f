import { registration, type TestApi } from './harness';

/** Tue–Sat 09:00–12:00 and 13:00–19:00, the example week. */
export const TUE_TO_SAT = [2, 3, 4, 5, 6].flatMap((weekday) => [
  { weekday: weekday as 2 | 3 | 4 | 5 | 6, start: '09:00', end: '12:00' },
  { weekday: weekday as 2 | 3 | 4 | 5 | 6, start: '13:00', end: '19:00' },
]);

/** A São Paulo salon: two services, two professionals with hours, one client; the owner's client. */
export async function createSalon(
  api: TestApi,
  overrides: { timezone?: string; minNoticeMin?: number } = {},
) {
  const owner = await api
    .client()
    .auth.register.mutate(registration({ timezone: overrides.timezone ?? 'America/Sao_Paulo' }));
  const client = api.client(owner.accessToken);
  await client.tenant.update.mutate({
    settings: { minNoticeMin: overrides.minNoticeMin ?? 0, slotStepMin: 15 },
  });
  const corte = await client.services.create.mutate({
    name: 'Corte feminino',
    durationMin: 60,
    priceCents: 8000,
    returnCycleDays: 30,
    bufferAfterMin: 15,
  });
  const manicure = await client.services.create.mutate({
    name: 'Manicure',
    durationMin: 45,
    priceCents: 4000,
  });
  const ana = await client.professionals.create.mutate({ name: 'Ana', serviceIds: [corte.id, manicure.id] });
  const bia = await client.professionals.create.mutate({ name: 'Bia', serviceIds: [manicure.id] });
  await client.professionals.setWorkingHours.mutate({ professionalId: ana.id, hours: TUE_TO_SAT });
  await client.professionals.setWorkingHours.mutate({ professionalId: bia.id, hours: TUE_TO_SAT });
  const maria = await client.clients.create.mutate({ name: 'Maria Silva', phone: '(11) 98765-4321' });
  return { owner, client, corte, manicure, ana, bia, maria };
}
