import { createRequire } from 'node:module';
import jwt from 'jsonwebtoken';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  appCodeOf,
  createTestClock,
  registration,
  startTestApi,
  TEST_JWT_SECRET,
  type TestApi,
  uniqueEmail,
} from '../harness';
import { callWs } from './callers';
import { snapshotTenant } from './tenants';

// The bcrypt module core hashes with (resolved from core, whose dependency it is): the same instance,
// so a spy on it sees every comparison a login makes.
const bcrypt = createRequire(createRequire(import.meta.url).resolve('@agenda-cheia/core'))('bcrypt') as {
  compare(data: string, hash: string): Promise<boolean>;
};

const MAX_PER_ACCOUNT = 3;
const MAX_PER_IP = 6;
const clock = createTestClock();
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({
    clock,
    env: {
      LOGIN_MAX_FAILURES_PER_ACCOUNT: String(MAX_PER_ACCOUNT),
      LOGIN_MAX_FAILURES_PER_IP: String(MAX_PER_IP),
      // Behind a proxy: the client's address comes from X-Forwarded-For, so tests can speak from many.
      TRUST_PROXY: 'true',
    },
  });
});
afterAll(async () => {
  await api.close();
});
afterEach(() => {
  vi.restoreAllMocks();
});

let ipSeq = 0;
/** An address no other test has used: each test starts with a fresh per-IP allowance. */
function freshIp(): string {
  ipSeq += 1;
  return `203.0.113.${ipSeq}`;
}

interface LoginAnswer {
  status: number;
  code: string | undefined;
  message: string | undefined;
  retryAfter: string | null;
}

async function login(target: TestApi, email: string, password: string, ip?: string): Promise<LoginAnswer> {
  const response = await fetch(`${target.url}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(ip ? { 'x-forwarded-for': ip } : {}) },
    body: JSON.stringify({ email, password }),
  });
  const body = (await response.json()) as { error?: { message: string; data: { appCode?: string } } };
  return {
    status: response.status,
    code: body.error ? body.error.data.appCode : 'ok',
    message: body.error?.message,
    retryAfter: response.headers.get('retry-after'),
  };
}

async function owner(target: TestApi = api) {
  const input = registration();
  const session = await target.client().auth.register.mutate(input);
  return { ...input, session };
}

describe('login brute force', () => {
  it('locks an account after its failures, from any address and in any spelling of the e-mail', async () => {
    const victim = await owner();
    const spellings = [
      victim.email,
      `  ${victim.email.toUpperCase()}`,
      victim.email.replace(/^./, (c) => c.toUpperCase()),
    ];
    for (const email of spellings) {
      expect((await login(api, email, 'chute-errado-1', freshIp())).code).toBe('INVALID_CREDENTIALS');
    }
    // Even the right password, from yet another address: the attacker learns nothing by trying on.
    const locked = await login(api, victim.email, victim.password, freshIp());
    expect(locked).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(Number(locked.retryAfter)).toBeGreaterThan(0);
  });

  it('lets no more guesses through when they arrive all at once (parallel requests and one tRPC batch)', async () => {
    const victim = await owner();
    const compare = vi.spyOn(bcrypt, 'compare');
    const parallel = await Promise.all(
      Array.from({ length: 20 }, (_, i) => login(api, victim.email, `chute-paralelo-${i}`, freshIp())),
    );
    const codes = parallel.map((answer) => answer.code);
    expect(codes.filter((code) => code === 'INVALID_CREDENTIALS')).toHaveLength(MAX_PER_ACCOUNT);
    expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(20 - MAX_PER_ACCOUNT);
    // Only the allowed guesses ever reached bcrypt.
    expect(compare).toHaveBeenCalledTimes(MAX_PER_ACCOUNT);

    const other = await owner();
    compare.mockClear();
    const paths = Array.from({ length: 20 }, () => 'auth.login').join(',');
    const inputs = Object.fromEntries(
      Array.from({ length: 20 }, (_, i) => [String(i), { email: other.email, password: `chute-lote-${i}` }]),
    );
    const batch = await fetch(`${api.url}/trpc/${paths}?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': freshIp() },
      body: JSON.stringify(inputs),
    });
    const answers = (await batch.json()) as { error?: { data: { appCode: string } } }[];
    const batchCodes = answers.map((answer) => answer.error?.data.appCode);
    expect(batchCodes.filter((code) => code === 'INVALID_CREDENTIALS')).toHaveLength(MAX_PER_ACCOUNT);
    expect(batchCodes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(20 - MAX_PER_ACCOUNT);
    expect(compare).toHaveBeenCalledTimes(MAX_PER_ACCOUNT);
  });

  it('locks an address that sprays many accounts; other addresses and accounts are not affected', async () => {
    const sprayer = freshIp();
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < MAX_PER_IP + 2; i++) {
      codes.push((await login(api, uniqueEmail('alvo'), 'senha123456', sprayer)).code);
    }
    expect(codes).toEqual([
      ...Array<string>(MAX_PER_IP).fill('INVALID_CREDENTIALS'),
      'RATE_LIMITED',
      'RATE_LIMITED',
    ]);
    const someone = await owner();
    expect((await login(api, someone.email, someone.password, sprayer)).code).toBe('RATE_LIMITED');
    expect((await login(api, someone.email, someone.password, freshIp())).code).toBe('ok');
  });

  it('without TRUST_PROXY, a forged X-Forwarded-For buys no extra tries', async () => {
    const direct = await startTestApi({
      env: { LOGIN_MAX_FAILURES_PER_ACCOUNT: '50', LOGIN_MAX_FAILURES_PER_IP: String(MAX_PER_IP) },
    });
    try {
      const codes: (string | undefined)[] = [];
      for (let i = 0; i <= MAX_PER_IP; i++) {
        codes.push((await login(direct, uniqueEmail('alvo'), 'senha123456', freshIp())).code);
      }
      expect(codes).toEqual([...Array<string>(MAX_PER_IP).fill('INVALID_CREDENTIALS'), 'RATE_LIMITED']);
    } finally {
      await direct.close();
    }
  });

  it('counts wrong current passwords on password change like logins: a stolen session cannot guess it', async () => {
    const victim = await owner();
    const stolen = api.client(victim.session.accessToken);
    for (let i = 0; i < MAX_PER_ACCOUNT; i++) {
      expect(
        await appCodeOf(
          stolen.users.changePassword.mutate({
            currentPassword: `chute-${i}`,
            newPassword: 'senha-do-ladrao',
          }),
        ),
      ).toBe('WRONG_PASSWORD');
    }
    expect(
      await appCodeOf(
        stolen.users.changePassword.mutate({
          currentPassword: victim.password,
          newPassword: 'senha-do-ladrao',
        }),
      ),
    ).toBe('RATE_LIMITED');
    // The owner still logs in with the password the thief never managed to change.
    expect((await login(api, victim.email, victim.password, freshIp())).code).toBe('ok');
  });
});

describe('account enumeration', () => {
  it('answers an unknown e-mail exactly as a wrong password, both after one bcrypt comparison of equal cost', async () => {
    const known = await owner();
    const stored = await api.database.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', known.session.user.id)
      .executeTakeFirstOrThrow();
    const compare = vi.spyOn(bcrypt, 'compare');

    const wrongPassword = await login(api, known.email, 'nao-e-a-senha', freshIp());
    expect(compare).toHaveBeenCalledTimes(1);
    expect(compare.mock.calls[0]?.[1]).toBe(stored.password_hash);

    compare.mockClear();
    const unknownEmail = await login(api, uniqueEmail('ninguem'), 'nao-e-a-senha', freshIp());
    // The same work as for a real account: one comparison, against a hash of the same bcrypt cost.
    expect(compare).toHaveBeenCalledTimes(1);
    const dummy = compare.mock.calls[0]?.[1] ?? '';
    expect(dummy).not.toBe(stored.password_hash);
    expect(dummy.slice(0, 7)).toBe(stored.password_hash.slice(0, 7));

    expect(unknownEmail).toEqual(wrongPassword);
    expect(wrongPassword).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS' });
  });

  it('locks an unknown e-mail exactly as a known one', async () => {
    const known = await owner();
    const unknown = uniqueEmail('ninguem');
    const answersFor = async (email: string) => {
      const answers: LoginAnswer[] = [];
      for (let i = 0; i <= MAX_PER_ACCOUNT; i++)
        answers.push(await login(api, email, 'nao-e-a-senha', freshIp()));
      return answers.map(({ status, code, message }) => ({ status, code, message }));
    };
    expect(await answersFor(unknown)).toEqual(await answersFor(known.email));
  });
});

describe('forged and replayed tokens', () => {
  const connectionUrl = () => `ws://127.0.0.1:${api.server.port}/trpc`;

  it('refuses alg none, a wrong key, another algorithm, an expired token and edited claims, over HTTP and ws', async () => {
    const victim = await owner();
    const other = await owner();
    const claims = jwt.decode(victim.session.accessToken) as Record<string, unknown>;
    const [header, , signature] = victim.session.accessToken.split('.');
    const withClaims = (changes: Record<string, unknown>) =>
      `${header}.${Buffer.from(JSON.stringify({ ...claims, ...changes })).toString('base64url')}.${signature}`;
    const nowSeconds = Math.floor(clock.now().getTime() / 1000);
    const bare = Object.fromEntries(Object.entries(claims).filter(([key]) => key !== 'iat' && key !== 'exp'));

    const forged: Record<string, { token: string; code: string }> = {
      'alg none': { token: jwt.sign(claims, '', { algorithm: 'none' }), code: 'TOKEN_INVALID' },
      'alg none, signature kept': {
        token: `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${victim.session.accessToken.split('.')[1]}.${signature}`,
        code: 'TOKEN_INVALID',
      },
      'another secret': { token: jwt.sign(claims, 'outro-segredo-'.padEnd(48, 'z')), code: 'TOKEN_INVALID' },
      'HS512 with the real secret': {
        token: jwt.sign(claims, TEST_JWT_SECRET, { algorithm: 'HS512' }),
        code: 'TOKEN_INVALID',
      },
      expired: {
        token: jwt.sign({ ...bare, iat: nowSeconds - 3600, exp: nowSeconds - 60 }, TEST_JWT_SECRET),
        code: 'TOKEN_EXPIRED',
      },
      "tenant edited to another's": {
        token: withClaims({ tid: other.session.tenant.id }),
        code: 'TOKEN_INVALID',
      },
      'role edited': {
        token: withClaims({ role: 'owner', sub: other.session.user.id }),
        code: 'TOKEN_INVALID',
      },
      'expiry extended': { token: withClaims({ exp: nowSeconds + 365 * 86_400 }), code: 'TOKEN_INVALID' },
      'refresh token as access token': { token: victim.session.refreshToken, code: 'TOKEN_INVALID' },
      'empty claims, right secret': { token: jwt.sign({}, TEST_JWT_SECRET), code: 'TOKEN_INVALID' },
    };
    const mismatches: string[] = [];
    for (const [name, { token, code }] of Object.entries(forged)) {
      const overHttp = await appCodeOf(api.client(token).clients.list.query({}));
      const overWs = (await callWs(connectionUrl(), 'events.stream', { lastEventId: '0' }, token)).code;
      if (overHttp !== code) mismatches.push(`${name} over HTTP: ${overHttp}, expected ${code}`);
      if (overWs !== code) mismatches.push(`${name} over ws: ${overWs}, expected ${code}`);
    }
    expect(mismatches).toEqual([]);
    // An access token is not a refresh token either (it is not even shaped like one).
    expect(
      await appCodeOf(api.client().auth.refresh.mutate({ refreshToken: victim.session.accessToken })),
    ).toBe('VALIDATION_FAILED');
  });

  it("a signed token naming tenant B and a user of A acts as nobody: nothing of A, no user's rights", async () => {
    const a = await owner();
    const aClient = await api.client(a.session.accessToken).clients.create.mutate({
      name: 'Cliente de A',
      phone: '(11) 97777-0001',
    });
    const b = await owner();
    await api
      .client(b.session.accessToken)
      .clients.create.mutate({ name: 'Cliente de B', phone: '(11) 97777-0002' });
    const before = await snapshotTenant(api, a.session.tenant.id);
    // Only the server can sign this; it stands for a token minted for one tenant and replayed to another.
    const mixed = api.client(
      jwt.sign(
        { sub: a.session.user.id, tid: b.session.tenant.id, role: 'owner', sid: b.session.user.id },
        TEST_JWT_SECRET,
        { expiresIn: 600 },
      ),
    );
    expect(await appCodeOf(mixed.auth.me.query())).toBe('UNAUTHENTICATED');
    expect(await appCodeOf(mixed.users.updateProfile.mutate({ name: 'Sequestrado' }))).toBe(
      'UNAUTHENTICATED',
    );
    expect(
      await appCodeOf(
        mixed.users.changePassword.mutate({ currentPassword: a.password, newPassword: 'senha-nova-1' }),
      ),
    ).toBe('UNAUTHENTICATED');
    expect(await appCodeOf(mixed.clients.get.query({ id: aClient.id }))).toBe('NOT_FOUND');
    const listed = await mixed.clients.list.query({});
    expect(listed.items.map((c) => c.name)).toEqual(['Cliente de B']);
    expect(await snapshotTenant(api, a.session.tenant.id)).toEqual(before);
    // A's real session is untouched.
    expect((await api.client(a.session.accessToken).auth.me.query()).user.name).toBe(a.name);
  });

  it('refuses a replayed refresh token and burns its whole family', async () => {
    const victim = await owner();
    const thief = victim.session.refreshToken;
    const rotated = await api.client().auth.refresh.mutate({ refreshToken: victim.session.refreshToken });
    expect(await appCodeOf(api.client().auth.refresh.mutate({ refreshToken: thief }))).toBe('TOKEN_REUSED');
    expect(await appCodeOf(api.client().auth.refresh.mutate({ refreshToken: rotated.refreshToken }))).toBe(
      'TOKEN_REUSED',
    );
    // A replay after logout is refused as well.
    const again = await api.client().auth.login.mutate({ email: victim.email, password: victim.password });
    await api.client().auth.logout.mutate({ refreshToken: again.refreshToken });
    expect(await appCodeOf(api.client().auth.refresh.mutate({ refreshToken: again.refreshToken }))).toBe(
      'TOKEN_INVALID',
    );
  });
});
