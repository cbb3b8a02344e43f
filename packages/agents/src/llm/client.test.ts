import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '../testing';
import { createLlmClient, type LlmSettings, listModels } from './client';
import { LlmUnavailableError } from './errors';

let server: FakeOpenAiServer;
let settings: LlmSettings;

beforeAll(async () => {
  server = await startFakeOpenAiServer({ apiKey: 'sk-test', models: ['gpt-4o-mini', 'gemini-2.5-flash'] });
  settings = {
    baseUrl: server.url,
    apiKey: 'sk-test',
    model: 'gpt-4o-mini',
    timeoutMs: 2_000,
    maxRetries: 0,
  };
});

afterAll(async () => {
  await server.close();
});

async function failureOf(run: Promise<unknown>): Promise<LlmUnavailableError> {
  const error = await run.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(LlmUnavailableError);
  return error as LlmUnavailableError;
}

describe('listModels', () => {
  it('lists the ids of the models the endpoint offers', async () => {
    await expect(listModels(settings)).resolves.toEqual(['gpt-4o-mini', 'gemini-2.5-flash']);
  });

  it('explains a refused key', async () => {
    const error = await failureOf(listModels({ ...settings, apiKey: 'sk-wrong' }));

    expect(error).toMatchObject({ kind: 'auth', status: 401 });
    expect(error.reason).toMatch(/chave de API/);
  });

  it('explains an endpoint that cannot be reached', async () => {
    const gone = await startFakeOpenAiServer();
    await gone.close();

    const error = await failureOf(listModels({ ...settings, baseUrl: gone.url }));

    expect(error.kind).toBe('unreachable');
    expect(error.reason).toContain(gone.url);
  });

  it('explains a wrong base URL', async () => {
    const error = await failureOf(listModels({ ...settings, baseUrl: `${server.url}/not-here` }));

    expect(error).toMatchObject({ kind: 'rejected', status: 404 });
  });

  it('explains an endpoint that never answers', async () => {
    // Accepts the connection and never writes a byte.
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;

    const error = await failureOf(
      listModels({ ...settings, baseUrl: `http://127.0.0.1:${String(port)}/v1`, timeoutMs: 200 }),
    );

    expect(error.kind).toBe('timeout');
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
  });
});

describe('createLlmClient', () => {
  it('accepts an empty key, as local servers such as Ollama need none', () => {
    const client = createLlmClient({ ...settings, apiKey: '' });

    expect(client.baseURL).toBe(server.url);
    expect(client.timeout).toBe(2_000);
    expect(client.maxRetries).toBe(0);
  });
});
