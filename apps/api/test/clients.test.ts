import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appCodeOf, registration, startTestApi, type TestApi } from './harness';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

async function owner() {
  const session = await api.client().auth.register.mutate(registration());
  return api.client(session.accessToken);
}

describe('clients', () => {
  it('normalises phones to E.164 and keeps one client per phone', async () => {
    const client = await owner();
    const maria = await client.clients.create.mutate({
      name: 'Maria',
      phone: '(11) 98765-4321',
      email: 'Maria@Example.com',
    });
    expect(maria).toMatchObject({
      phone: '+5511987654321',
      email: 'maria@example.com',
      campaignOptOut: false,
    });
    expect(await appCodeOf(client.clients.create.mutate({ name: 'Outra', phone: '+55 11 98765 4321' }))).toBe(
      'PHONE_TAKEN',
    );
    expect(await appCodeOf(client.clients.create.mutate({ name: 'X', phone: '123' }))).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('searches by name (accents and case as typed) or by phone digits, paginating with a cursor', async () => {
    const client = await owner();
    for (let i = 0; i < 45; i++) {
      await client.clients.create.mutate({
        name: `Cliente ${String(i).padStart(2, '0')}`,
        phone: `119${String(70000000 + i)}`,
      });
    }
    await client.clients.create.mutate({ name: 'Joana Dárc', phone: '21 99999-0000' });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { name: string }[]; nextCursor: string | null } = await client.clients.list.query({
        limit: 20,
        cursor,
      });
      seen.push(...page.items.map((c) => c.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(46);
    expect(new Set(seen).size).toBe(46);
    expect(seen[0]).toBe('Cliente 00');

    expect((await client.clients.list.query({ search: 'joana' })).items.map((c) => c.name)).toEqual([
      'Joana Dárc',
    ]);
    expect((await client.clients.list.query({ search: '99999' })).items.map((c) => c.name)).toEqual([
      'Joana Dárc',
    ]);
    expect((await client.clients.list.query({ search: '100%' })).items).toEqual([]);
    expect(await appCodeOf(client.clients.list.query({ cursor: 'garbage' }))).toBe('VALIDATION_FAILED');
  });

  it('updates, opts out of campaigns, and deletes', async () => {
    const client = await owner();
    const c = await client.clients.create.mutate({ name: 'Rita', phone: '11 91234-5678' });
    const updated = await client.clients.update.mutate({
      id: c.id,
      notes: 'Alérgica a amônia',
      campaignOptOut: true,
      birthday: '1990-05-12',
    });
    expect(updated).toMatchObject({
      notes: 'Alérgica a amônia',
      campaignOptOut: true,
      birthday: '1990-05-12',
    });
    await client.clients.delete.mutate({ id: c.id });
    expect(await appCodeOf(client.clients.get.query({ id: c.id }))).toBe('NOT_FOUND');
  });

  it('imports a spreadsheet: guesses pt-BR headers, reports bad rows, merges duplicate phones', async () => {
    const client = await owner();
    await client.clients.create.mutate({ name: 'Já Existia', phone: '11 90000-0001' });
    const csv = [
      'Nome;Celular;E-mail;Aniversário;Observações',
      'Ana Lima;(11) 90000-0001;ana@example.com;12/05/1990;',
      'Bruna Reis;11 90000-0002;;31/02/1990;',
      'Carla Dias;11 90000-0003;carla@example.com;;gosta de café',
      ';11 90000-0004;;;',
      'Carla D.;(11) 90000-0003;;01/01/1985;',
      'Dani;abc;;;',
    ].join('\n');
    const result = await client.clients.importCsv.mutate({ csv });
    expect(result.mapping).toEqual({
      Nome: 'name',
      Celular: 'phone',
      'E-mail': 'email',
      Aniversário: 'birthday',
      Observações: 'notes',
    });
    expect(result.created).toBe(1);
    expect(result.merged).toBe(2);
    expect(result.errors.map((e) => e.row)).toEqual([3, 5, 7]);
    expect(result.errors[0]?.message).toContain('Data de nascimento inválida');

    const existing = (await client.clients.list.query({ search: '900000001' })).items[0];
    expect(existing).toMatchObject({ name: 'Já Existia', email: 'ana@example.com', birthday: '1990-05-12' });
    const carla = (await client.clients.list.query({ search: 'carla' })).items;
    expect(carla).toHaveLength(1);
    expect(carla[0]).toMatchObject({ name: 'Carla Dias', notes: 'gosta de café', birthday: '1985-01-01' });
  });

  it('uses an explicit header mapping and refuses a sheet without name and phone', async () => {
    const client = await owner();
    const mapped = await client.clients.importCsv.mutate({
      csv: 'Quem,Zap\nLeo,11 90000-0009\n',
      mapping: { Quem: 'name', Zap: 'phone' },
    });
    expect(mapped).toMatchObject({ created: 1, merged: 0, errors: [] });
    expect(await appCodeOf(client.clients.importCsv.mutate({ csv: 'Quem,Zap\nLeo,11 90000-0009\n' }))).toBe(
      'VALIDATION_FAILED',
    );
  });
});
