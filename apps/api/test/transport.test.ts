import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appCodeOf, registration, startTestApi, type TestApi } from './harness';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

describe('HTTP surface', () => {
  it('reports health and readiness', async () => {
    const health = await fetch(`${api.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${api.url}/api/ready`);
    expect(await ready.json()).toEqual({ status: 'ready', database: 'up', storage: 'up' });
  });

  it('sends a request id and security headers', async () => {
    const response = await fetch(`${api.url}/api/health`, { headers: { 'X-Request-Id': 'abc-123' } });
    expect(response.headers.get('x-request-id')).toBe('abc-123');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('answers unknown API routes and malformed JSON with a JSON error, never a stack trace', async () => {
    const missing = await fetch(`${api.url}/api/nothing-here`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: { code: 'ROUTE_NOT_FOUND', message: 'Rota não encontrada.' },
    });

    const malformed = await fetch(`${api.url}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email":',
    });
    expect(malformed.status).toBe(400);
    const text = await malformed.text();
    expect(text).toContain('JSON malformado.');
    expect(text).not.toMatch(/stack|node_modules|at \w+ \(/);
  });

  it('can be called with plain JSON, as curl or n8n would', async () => {
    const input = registration();
    const response = await fetch(`${api.url}/trpc/auth.register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      result: { data: { accessToken: string; user: { createdAt: string } } };
    };
    expect(body.result.data.user.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const me = await fetch(`${api.url}/trpc/auth.me`, {
      headers: { Authorization: `Bearer ${body.result.data.accessToken}` },
    });
    expect(me.status).toBe(200);
  });

  it('refuses cross-origin browsers unless configured', async () => {
    const response = await fetch(`${api.url}/trpc/auth.me`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'GET' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('WebSocket transport', () => {
  it('authenticates calls over ws with the access token in connectionParams', async () => {
    const session = await api.client().auth.register.mutate(registration());
    const authed = api.wsClient(session.accessToken);
    const anonymous = api.wsClient();
    try {
      const me = await authed.api.auth.me.query();
      expect(me.user.id).toBe(session.user.id);
      expect(await appCodeOf(anonymous.api.auth.me.query())).toBe('UNAUTHENTICATED');
    } finally {
      await authed.close();
      await anonymous.close();
    }
  });
});
