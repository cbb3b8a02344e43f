import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appCodeOf,
  createTestClock,
  registration,
  startTestApi,
  TEST_JWT_SECRET,
  type TestApi,
} from './harness';

const clock = createTestClock();
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ clock });
});
afterAll(async () => {
  await api.close();
});

describe('registration and login', () => {
  it('registers a business with its owner and answers a usable session', async () => {
    const input = registration({ businessName: 'Barbearia São João', timezone: 'America/Manaus' });
    const session = await api.client().auth.register.mutate(input);
    expect(session.user).toMatchObject({ name: input.name, email: input.email, role: 'owner' });
    expect(session.tenant).toMatchObject({
      name: 'Barbearia São João',
      slug: 'barbearia-sao-joao',
      timezone: 'America/Manaus',
    });
    expect(session.tenant.settings).toEqual({
      slotStepMin: 15,
      minNoticeMin: 60,
      horizonDays: 60,
      autoApprove: false,
      reminderHoursBefore: 24,
      campaignSendsPerMinute: 20,
      requestExpiryHours: 24,
    });
    expect(session.user).not.toHaveProperty('passwordHash');

    const me = await api.client(session.accessToken).auth.me.query();
    expect(me.user.id).toBe(session.user.id);
    expect(me.tenant.id).toBe(session.tenant.id);
  });

  it('defaults the time zone to America/Sao_Paulo and gives a second business of the same name its own slug', async () => {
    const first = await api.client().auth.register.mutate(registration({ businessName: 'Studio Unhas' }));
    const second = await api.client().auth.register.mutate(registration({ businessName: 'Studio Unhas' }));
    expect(first.tenant.timezone).toBe('America/Sao_Paulo');
    expect(second.tenant.slug).not.toBe(first.tenant.slug);
    expect(second.tenant.slug.startsWith('studio-unhas')).toBe(true);
  });

  it('refuses a duplicate e-mail, whatever its case, and stores nothing', async () => {
    const input = registration();
    await api.client().auth.register.mutate(input);
    const again = registration({ email: input.email.toUpperCase(), businessName: 'Outro Salão' });
    expect(await appCodeOf(api.client().auth.register.mutate(again))).toBe('EMAIL_TAKEN');
    const tenants = await api.database.db
      .selectFrom('tenants')
      .select('id')
      .where('name', '=', 'Outro Salão')
      .execute();
    expect(tenants).toHaveLength(0);
  });

  it('answers validation errors with field messages in Portuguese', async () => {
    try {
      await api
        .client()
        .auth.register.mutate({ ...registration(), email: 'not-an-email', password: 'curta' });
      expect.fail('should have been refused');
    } catch (error) {
      const data = (error as { data?: { appCode?: string; fieldErrors?: Record<string, string[]> } }).data;
      expect(data?.appCode).toBe('VALIDATION_FAILED');
      expect(data?.fieldErrors?.email).toEqual(['E-mail inválido.']);
      expect(data?.fieldErrors?.password?.[0]).toContain('8 caracteres');
    }
  });

  it('refuses an unknown time zone', async () => {
    expect(
      await appCodeOf(api.client().auth.register.mutate(registration({ timezone: 'Mars/Olympus' }))),
    ).toBe('VALIDATION_FAILED');
  });

  it('logs in with the e-mail in any case and refuses a wrong password or unknown e-mail alike', async () => {
    const input = registration();
    await api.client().auth.register.mutate(input);
    const session = await api
      .client()
      .auth.login.mutate({ email: input.email.toUpperCase(), password: input.password });
    expect(session.user.email).toBe(input.email);

    const wrong = await appCodeOf(
      api.client().auth.login.mutate({ email: input.email, password: 'errada-123' }),
    );
    const unknown = await appCodeOf(
      api.client().auth.login.mutate({ email: 'ninguem@example.com', password: 'errada-123' }),
    );
    expect(wrong).toBe('INVALID_CREDENTIALS');
    expect(unknown).toBe('INVALID_CREDENTIALS');
  });
});

describe('refresh tokens', () => {
  it('rotates on every refresh and the new pair works', async () => {
    const session = await api.client().auth.register.mutate(registration());
    const rotated = await api.client().auth.refresh.mutate({ refreshToken: session.refreshToken });
    expect(rotated.refreshToken).not.toBe(session.refreshToken);
    const me = await api.client(rotated.accessToken).auth.me.query();
    expect(me.user.id).toBe(session.user.id);
    const again = await api.client().auth.refresh.mutate({ refreshToken: rotated.refreshToken });
    expect(again.refreshToken).not.toBe(rotated.refreshToken);
  });

  it('revokes the whole family when a rotated token is presented again', async () => {
    const session = await api.client().auth.register.mutate(registration());
    const stolenCopy = session.refreshToken;
    const legit = await api.client().auth.refresh.mutate({ refreshToken: session.refreshToken });

    expect(await appCodeOf(api.client().auth.refresh.mutate({ refreshToken: stolenCopy }))).toBe(
      'TOKEN_REUSED',
    );
    // The legitimate holder's newest token is revoked too: the family is burnt.
    expect(await appCodeOf(api.client().auth.refresh.mutate({ refreshToken: legit.refreshToken }))).toBe(
      'TOKEN_REUSED',
    );
  });

  it('lets only one of two simultaneous refreshes of the same token win', async () => {
    const session = await api.client().auth.register.mutate(registration());
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () =>
        api.client().auth.refresh.mutate({ refreshToken: session.refreshToken }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled').length).toBeLessThanOrEqual(1);
  });

  it('does not let another login session be affected by a reuse', async () => {
    const input = registration();
    const a = await api.client().auth.register.mutate(input);
    const b = await api.client().auth.login.mutate({ email: input.email, password: input.password });
    await api.client().auth.refresh.mutate({ refreshToken: a.refreshToken });
    await appCodeOf(api.client().auth.refresh.mutate({ refreshToken: a.refreshToken }));
    await expect(api.client().auth.refresh.mutate({ refreshToken: b.refreshToken })).resolves.toHaveProperty(
      'accessToken',
    );
  });

  it('refuses an unknown refresh token and an expired one', async () => {
    expect(await appCodeOf(api.client().auth.refresh.mutate({ refreshToken: 'x'.repeat(43) }))).toBe(
      'TOKEN_INVALID',
    );
    const session = await api.client().auth.register.mutate(registration());
    clock.advance(7 * 24 * 3600 * 1000 + 1000);
    try {
      expect(await appCodeOf(api.client().auth.refresh.mutate({ refreshToken: session.refreshToken }))).toBe(
        'TOKEN_EXPIRED',
      );
    } finally {
      clock.advance(-(7 * 24 * 3600 * 1000 + 1000));
    }
  });

  it('logout revokes the session', async () => {
    const session = await api.client().auth.register.mutate(registration());
    await expect(api.client().auth.logout.mutate({ refreshToken: session.refreshToken })).resolves.toEqual({
      ok: true,
    });
    expect(await appCodeOf(api.client().auth.refresh.mutate({ refreshToken: session.refreshToken }))).toBe(
      'TOKEN_INVALID',
    );
  });
});

describe('access tokens', () => {
  it('expires after 15 minutes', async () => {
    const session = await api.client().auth.register.mutate(registration());
    clock.advance(14 * 60 * 1000);
    await expect(api.client(session.accessToken).auth.me.query()).resolves.toBeDefined();
    clock.advance(2 * 60 * 1000);
    try {
      expect(await appCodeOf(api.client(session.accessToken).auth.me.query())).toBe('TOKEN_EXPIRED');
    } finally {
      clock.advance(-16 * 60 * 1000);
    }
  });

  it('refuses a missing token, a token signed with another secret, and alg none', async () => {
    const session = await api.client().auth.register.mutate(registration());
    const claims = jwt.decode(session.accessToken) as Record<string, unknown>;
    const otherSecret = jwt.sign(claims, 'another-secret-'.padEnd(48, 'y'), { algorithm: 'HS256' });
    const none = jwt.sign(claims, '', { algorithm: 'none' });

    expect(await appCodeOf(api.client().auth.me.query())).toBe('UNAUTHENTICATED');
    expect(await appCodeOf(api.client(otherSecret).auth.me.query())).toBe('TOKEN_INVALID');
    expect(await appCodeOf(api.client(none).auth.me.query())).toBe('TOKEN_INVALID');
    expect(await appCodeOf(api.client('garbage').auth.me.query())).toBe('TOKEN_INVALID');
  });

  it("refuses a token whose tenant claim was edited to another tenant's", async () => {
    const a = await api.client().auth.register.mutate(registration());
    const b = await api.client().auth.register.mutate(registration());
    const [header, , signature] = a.accessToken.split('.');
    const claims = { ...(jwt.decode(a.accessToken) as Record<string, unknown>), tid: b.tenant.id };
    const tampered = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    expect(await appCodeOf(api.client(tampered).auth.me.query())).toBe('TOKEN_INVALID');
  });

  it('refuses a correctly signed token whose claims are malformed', async () => {
    const forged = jwt.sign({ sub: 'nope', tid: 'x', role: 'root', sid: 'y' }, TEST_JWT_SECRET, {
      algorithm: 'HS256',
      expiresIn: 60,
    });
    expect(await appCodeOf(api.client(forged).auth.me.query())).toBe('TOKEN_INVALID');
  });
});

describe('passwords', () => {
  it('changing the password keeps this session, revokes the others, and the old password stops working', async () => {
    const input = registration();
    const here = await api.client().auth.register.mutate(input);
    const elsewhere = await api.client().auth.login.mutate({ email: input.email, password: input.password });

    expect(
      await appCodeOf(
        api
          .client(here.accessToken)
          .users.changePassword.mutate({ currentPassword: 'errada-000', newPassword: 'nova-senha-456' }),
      ),
    ).toBe('WRONG_PASSWORD');
    await api
      .client(here.accessToken)
      .users.changePassword.mutate({ currentPassword: input.password, newPassword: 'nova-senha-456' });

    await expect(
      api.client().auth.refresh.mutate({ refreshToken: here.refreshToken }),
    ).resolves.toBeDefined();
    expect(await appCodeOf(api.client().auth.refresh.mutate({ refreshToken: elsewhere.refreshToken }))).toBe(
      'TOKEN_INVALID',
    );
    expect(
      await appCodeOf(api.client().auth.login.mutate({ email: input.email, password: input.password })),
    ).toBe('INVALID_CREDENTIALS');
    await expect(
      api.client().auth.login.mutate({ email: input.email, password: 'nova-senha-456' }),
    ).resolves.toBeDefined();
  });

  it('stores only a bcrypt hash', async () => {
    const input = registration();
    const session = await api.client().auth.register.mutate(input);
    const row = await api.database.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', session.user.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$2[aby]\$1\d\$/);
    expect(row.password_hash).not.toContain(input.password);
  });
});
