import { AppError, type WorkingInterval } from '@agenda-cheia/contracts';
import type { Database, Kysely } from '@agenda-cheia/db';
import { addDays, instantToLocal, localDateTimeToInstant } from '@agenda-cheia/scheduling';
import { demoCatalogue } from '@agenda-cheia/core';
import type { Services } from '../services';

export const DEMO_LOGIN = { email: 'demo@agendacheia.app', password: 'demo12345' } as const;
const TIMEZONE = 'America/Sao_Paulo';

const week = (days: WorkingInterval['weekday'][], intervals: [string, string][]): WorkingInterval[] =>
  days.flatMap((weekday) => intervals.map(([start, end]) => ({ weekday, start, end })));

const CLIENTS: [string, string][] = [
  ['Maria Aparecida Souza', '11987650001'],
  ['Juliana Ferreira', '11987650002'],
  ['Camila Rodrigues', '11987650003'],
  ['Fernanda Lima', '11987650004'],
  ['Patrícia Gomes', '11987650005'],
  ['Renata Carvalho', '11987650006'],
  ['Luciana Martins', '11987650007'],
  ['Beatriz Almeida', '11987650008'],
  ['Aline Ribeiro', '11987650009'],
  ['Carlos Eduardo Santos', '11987650010'],
  ['Rafael Oliveira', '11987650011'],
  ['Gabriela Costa', '11987650012'],
];

/**
 * First start on an empty database: a demo salon with services, two professionals with hours, clients
 * with past visits (some due for their return) and appointments in the coming days, so every page
 * shows something real.
 */
export async function seedDemoBusiness(deps: { db: Kysely<Database>; services: Services }): Promise<boolean> {
  const { services } = deps;
  const existing = await deps.db.selectFrom('tenants').select('id').limit(1).executeTakeFirst();
  if (existing) return false;

  const session = await services.auth.register({
    businessName: 'Salão Demo',
    name: 'Dona Cida',
    email: DEMO_LOGIN.email,
    password: DEMO_LOGIN.password,
    timezone: TIMEZONE,
  });
  const actor = services.auth.verifyAccessToken(session.accessToken);

  // The catalogue the agents' evaluation set speaks about (its keys), so the demo and `pnpm eval` agree.
  const created = new Map<string, { id: string }>();
  for (const entry of demoCatalogue) {
    const { key, professional: _who, ...fields } = entry;
    created.set(key, await services.catalog.create(actor, fields));
  }
  const byKey = (key: string) => {
    const found = created.get(key);
    if (!found) throw new Error(`demo catalogue has no ${key}`);
    return found;
  };
  const idsOf = (who: 'ana' | 'bia') =>
    demoCatalogue.filter((e) => e.professional === who).map((e) => byKey(e.key).id);
  const corte = byKey('corte');
  const corteMasculino = byKey('corte_masculino');
  const escova = byKey('escova');
  const coloracao = byKey('coloracao');
  const manicure = byKey('manicure');
  const pedicure = byKey('pedicure');
  const maoEPe = byKey('mao_e_pe');

  const ana = await services.professionals.create(actor, {
    name: 'Ana Paula',
    color: '#7c3aed',
    serviceIds: idsOf('ana'),
  });
  const bia = await services.professionals.create(actor, {
    name: 'Bia',
    color: '#db2777',
    serviceIds: idsOf('bia'),
  });
  await services.professionals.setWorkingHours(actor, {
    professionalId: ana.id,
    hours: week(
      [2, 3, 4, 5, 6],
      [
        ['09:00', '12:00'],
        ['13:00', '19:00'],
      ],
    ),
  });
  await services.professionals.setWorkingHours(actor, {
    professionalId: bia.id,
    hours: [
      ...week(
        [1, 2, 3, 4, 5],
        [
          ['09:00', '12:00'],
          ['13:00', '18:00'],
        ],
      ),
      ...week([6], [['09:00', '14:00']]),
    ],
  });

  const clients = [];
  for (const [name, phone] of CLIENTS) clients.push(await services.clients.create(actor, { name, phone }));

  const today = instantToLocal(services.clock.now(), TIMEZONE).date;
  const hairVisits = [corte, corte, escova, coloracao, corteMasculino];
  const nailVisits = [manicure, maoEPe, pedicure];
  const times = ['09:00', '10:30', '14:00', '15:30', '17:00'];

  const book = async (
    clientId: string,
    serviceId: string,
    professionalId: string,
    date: string,
    time: string,
  ): Promise<string | undefined> => {
    try {
      const appointment = await services.appointments.create(actor, {
        clientId,
        serviceId,
        professionalId,
        start: localDateTimeToInstant(date, time, TIMEZONE).toISOString(),
        force: true,
      });
      return appointment.id;
    } catch (error) {
      // Two demo visits landing on the same time: keep the first, skip the other.
      if (error instanceof AppError && error.code === 'SLOT_TAKEN') return undefined;
      throw error;
    }
  };

  // Past visits: every client came once or twice; the last corte of some was 32–40 days ago (due).
  for (const [i, client] of clients.entries()) {
    const hair = hairVisits[i % hairVisits.length];
    const nails = nailVisits[i % nailVisits.length];
    const visits = [
      hair && { service: hair, professionalId: ana.id, daysAgo: 32 + (i % 9) },
      nails && i % 2 === 0 && { service: nails, professionalId: bia.id, daysAgo: 12 + i },
    ];
    for (const visit of visits) {
      if (!visit) continue;
      const id = await book(
        client.id,
        visit.service.id,
        visit.professionalId,
        addDays(today, -visit.daysAgo),
        times[i % times.length] ?? '09:00',
      );
      if (id) await services.appointments.complete(actor, id);
    }
  }

  // The coming days: a few bookings so the agenda and the dashboard are not empty.
  const upcoming: [number, number, string, string][] = [
    [6, 0, '16:00', 'hair'],
    [7, 0, '17:30', 'nails'],
    [0, 1, '10:00', 'hair'],
    [1, 1, '14:00', 'nails'],
    [2, 2, '09:00', 'hair'],
    [3, 2, '15:00', 'nails'],
    [4, 3, '11:00', 'hair'],
    [5, 4, '16:00', 'nails'],
  ];
  for (const [clientIndex, inDays, time, kind] of upcoming) {
    const client = clients[clientIndex];
    if (!client) continue;
    const [serviceId, professionalId] = kind === 'hair' ? [corte.id, ana.id] : [maoEPe.id, bia.id];
    await book(client.id, serviceId, professionalId, addDays(today, inDays), time);
  }
  return true;
}
