import { afterAll, beforeAll, expect, it } from 'vitest';
import { appCodeOf, registration, startTestApi, type TestApi } from './harness';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({
    env: {
      LOGIN_MAX_FAILURES_PER_ACCOUNT: '3',
      LOGIN_MAX_FAILURES_PER_IP: '8',
      REGISTER_MAX_PER_IP_PER_HOUR: '20',
    },
  });
});
afterAll(async () => {
  await api.close();
});

it('blocks an account after its failed logins, with a 429, a clear message and Retry-After', async () => {
  const input = registration();
  await api.client().auth.register.mutate(input);
  for (let i = 0; i < 3; i++) {
    expect(
      await appCodeOf(api.client().auth.login.mutate({ email: input.email, password: 'errada-123' })),
    ).toBe('INVALID_CREDENTIALS');
  }
  // Blocked even with the right password: the attacker cannot learn it by trying more.
  expect(
    await appCodeOf(api.client().auth.login.mutate({ email: input.email, password: input.password })),
  ).toBe('RATE_LIMITED');
  const raw = await fetch(`${api.url}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: input.email, password: input.password }),
  });
  expect(raw.status).toBe(429);
  expect(Number(raw.headers.get('retry-after'))).toBeGreaterThan(0);
  const body = (await raw.json()) as { error: { message: string } };
  expect(body.error.message).toMatch(/Tente novamente em \d+ minuto/);
});

it('blocks an unknown e-mail exactly like a known one (no account enumeration)', async () => {
  const codes: (string | undefined)[] = [];
  for (let i = 0; i < 4; i++) {
    codes.push(
      await appCodeOf(
        api.client().auth.login.mutate({ email: 'fantasma@example.com', password: 'errada-123' }),
      ),
    );
  }
  expect(codes).toEqual([
    'INVALID_CREDENTIALS',
    'INVALID_CREDENTIALS',
    'INVALID_CREDENTIALS',
    'RATE_LIMITED',
  ]);
});

it('blocks an IP that fails on many accounts, while successful logins do not count', async () => {
  const input = registration();
  await api.client().auth.register.mutate(input);
  for (let i = 0; i < 3; i++)
    await api.client().auth.login.mutate({ email: input.email, password: input.password });
  // The failures of the tests above count for this IP too; refusals while blocked do not.
  let code: string | undefined;
  for (let i = 0; i < 8; i++) {
    code = await appCodeOf(
      api.client().auth.login.mutate({ email: `v${i}@example.com`, password: 'errada-123' }),
    );
  }
  expect(code).toBe('RATE_LIMITED');
  expect(
    await appCodeOf(api.client().auth.login.mutate({ email: input.email, password: input.password })),
  ).toBe('RATE_LIMITED');
});
