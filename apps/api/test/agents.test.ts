import type { PlaygroundChunk } from '@agenda-cheia/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appCodeOf, createTestClock, registration, startTestApi, type TestApi } from './harness';
import { createSalon } from './salon-fixture';

// Monday 2026-11-23 09:00 in São Paulo; the fixture salon works Tuesday to Saturday.
const clock = createTestClock(new Date('2026-11-23T12:00:00Z'));
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ clock });
});
afterAll(async () => {
  await api.close();
});

async function playground(
  token: string,
  input: Parameters<ReturnType<TestApi['client']>['agents']['playground']['subscribe']>[0],
): Promise<PlaygroundChunk[]> {
  const socket = api.wsClient(token);
  const chunks: PlaygroundChunk[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const subscription = socket.api.agents.playground.subscribe(input, {
        onData: (chunk) => {
          chunks.push(chunk);
          if (chunk.type === 'done') {
            subscription.unsubscribe();
            resolve();
          }
        },
        onError: reject,
        onComplete: () => resolve(),
      });
    });
  } finally {
    await socket.close();
  }
  return chunks;
}

describe('agent configurations', () => {
  it('makes the first agent the default, keeps one default, and hands it on when deleted', async () => {
    const { client } = await createSalon(api);
    expect(await client.agents.list.query()).toEqual({ items: [] });
    const first = await client.agents.create.mutate({ name: 'Cida', persona: 'Você é a Cida, simpática.' });
    expect(first).toMatchObject({ isDefault: true, active: true, temperature: 0.3 });
    expect(first.enabledTools).toContain('create_auth_request');
    const second = await client.agents.create.mutate({
      name: 'Formal',
      isDefault: true,
      greeting: 'Bom dia!',
    });
    const listed = await client.agents.list.query();
    expect(listed.items.filter((a) => a.isDefault).map((a) => a.id)).toEqual([second.id]);

    const updated = await client.agents.update.mutate({
      id: first.id,
      temperature: 0.9,
      enabledTools: ['list_services'],
    });
    expect(updated).toMatchObject({ temperature: 0.9, enabledTools: ['list_services'], isDefault: false });

    await client.agents.delete.mutate({ id: second.id });
    expect((await client.agents.get.query({ id: first.id })).isDefault).toBe(true);
  });

  it('validates input in pt-BR and keeps tenants and roles apart', async () => {
    const { client, owner } = await createSalon(api);
    expect(await appCodeOf(client.agents.create.mutate({ name: '' }))).toBe('VALIDATION_FAILED');
    expect(await appCodeOf(client.agents.create.mutate({ name: 'X', temperature: 5 }))).toBe(
      'VALIDATION_FAILED',
    );
    const agent = await client.agents.create.mutate({ name: 'Cida' });

    const other = api.client((await api.client().auth.register.mutate(registration())).accessToken);
    expect(await appCodeOf(other.agents.get.query({ id: agent.id }))).toBe('NOT_FOUND');
    expect(await appCodeOf(other.agents.update.mutate({ id: agent.id, name: 'Hack' }))).toBe('NOT_FOUND');

    const email = `staff-${owner.user.id}@example.com`;
    await client.users.create.mutate({ name: 'Staff', email, password: 'senha-staff-1', role: 'staff' });
    const staff = await api.client().auth.login.mutate({ email, password: 'senha-staff-1' });
    expect(await appCodeOf(api.client(staff.accessToken).agents.create.mutate({ name: 'Y' }))).toBe(
      'FORBIDDEN',
    );
  });
});

describe('agents.playground', () => {
  it('streams the offline agent’s answer with real free times, and writes nothing', async () => {
    const { owner, client } = await createSalon(api);
    const chunks = await playground(owner.accessToken, {
      messages: [{ role: 'client', text: 'quero marcar corte amanhã às 10h' }],
    });
    const done = chunks.at(-1);
    expect(done).toMatchObject({ type: 'done', intent: 'booking', engine: 'offline', authRequestId: null });
    expect(chunks.some((c) => c.type === 'delta')).toBe(true);
    expect(chunks.flatMap((c) => (c.type === 'tool' ? [c.name] : []))).toEqual([
      'find_free_slots',
      'create_auth_request',
    ]);
    expect(done?.type === 'done' && done.text).toContain('Simulação');
    expect(await client.authRequests.list.query({})).toEqual({ items: [] });
  });

  it('carries the agent’s memory from one turn to the next', async () => {
    const { owner } = await createSalon(api);
    const first = await playground(owner.accessToken, {
      messages: [{ role: 'client', text: 'tem horário de manicure amanhã de manhã?' }],
    });
    const options = first.at(-1);
    expect(options?.type === 'done' && options.text).toContain('09:00');
    const second = await playground(owner.accessToken, {
      messages: [
        { role: 'client', text: 'tem horário de manicure amanhã de manhã?' },
        { role: 'agent', text: options?.type === 'done' ? options.text : '' },
        { role: 'client', text: 'pode ser 10h' },
      ],
      agentState: options?.type === 'done' ? options.agentState : null,
    });
    expect(second.at(-1)).toMatchObject({ type: 'done', intent: 'booking' });
  });

  it('refuses a chat that does not end with the client', async () => {
    const { owner } = await createSalon(api);
    await expect(
      playground(owner.accessToken, { messages: [{ role: 'agent', text: 'Oi!' }] }),
    ).rejects.toThrow(/cliente/);
  });
});
