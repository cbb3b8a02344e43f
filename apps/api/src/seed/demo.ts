import type { Services } from '../services';
import type { Database, Kysely } from '@agenda-cheia/db';

export const DEMO_LOGIN = { email: 'demo@agendacheia.app', password: 'demo12345' } as const;

/** First start on an empty database: a demo business to explore, with a known login. */
export async function seedDemoBusiness(deps: { db: Kysely<Database>; services: Services }): Promise<boolean> {
  const existing = await deps.db.selectFrom('tenants').select('id').limit(1).executeTakeFirst();
  if (existing) return false;
  await deps.services.auth.register({
    businessName: 'Salão Demo',
    name: 'Dona Cida',
    email: DEMO_LOGIN.email,
    password: DEMO_LOGIN.password,
    timezone: 'America/Sao_Paulo',
  });
  return true;
}
