import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeOpenAiServer, startFakeOpenAiServer, systemPrompt } from './fake-openai-server';

let server: FakeOpenAiServer;

beforeAll(async () => {
  server = await startFakeOpenAiServer({ apiKey: 'sk-test' });
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => {
  server.requests.length = 0;
  server.setResponder(() => ({ content: 'OK' }));
});

function post(body: unknown, apiKey = 'sk-test'): Promise<Response> {
  return fetch(`${server.url}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** The JSON payloads of an event stream, and whether it ended with [DONE]. */
async function readEvents(response: Response): Promise<{ chunks: unknown[]; done: boolean }> {
  const data = (await response.text())
    .split('\n\n')
    .filter((block) => block.startsWith('data: '))
    .map((block) => block.slice('data: '.length));
  return {
    chunks: data.filter((payload) => payload !== '[DONE]').map((payload) => JSON.parse(payload) as unknown),
    done: data.at(-1) === '[DONE]',
  };
}

const user = [{ role: 'user', content: 'Oi' }];

describe('fake OpenAI server', () => {
  it('streams content in word chunks, then tool calls with split arguments, as OpenAI does', async () => {
    server.setResponder(() => ({
      content: 'Vou ver a agenda.',
      toolCalls: [
        { name: 'find_slots', arguments: { date: '2025-06-10', period: 'afternoon' }, id: 'call_a' },
      ],
    }));

    const response = await post({ model: 'any', stream: true, messages: user });
    const { chunks, done } = await readEvents(response);

    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(done).toBe(true);
    expect(chunks[0]).toMatchObject({
      object: 'chat.completion.chunk',
      model: 'any',
      choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
    });
    const deltas = chunks.map(
      (chunk) =>
        (chunk as { choices: { delta: Record<string, unknown>; finish_reason: string | null }[] }).choices[0],
    );
    const contents = deltas.flatMap((choice) =>
      typeof choice?.delta['content'] === 'string' && choice.delta['content'] !== ''
        ? [choice.delta['content']]
        : [],
    );
    expect(contents).toEqual(['Vou ', 'ver ', 'a ', 'agenda.']);
    const toolFragments = deltas.flatMap(
      (choice) => (choice?.delta['tool_calls'] as unknown[] | undefined) ?? [],
    );
    expect(toolFragments[0]).toEqual({
      index: 0,
      id: 'call_a',
      type: 'function',
      function: { name: 'find_slots', arguments: '' },
    });
    const argumentPieces = toolFragments
      .slice(1)
      .map((fragment) => (fragment as { function: { arguments: string } }).function.arguments);
    expect(argumentPieces.length).toBeGreaterThan(1);
    expect(JSON.parse(argumentPieces.join(''))).toEqual({ date: '2025-06-10', period: 'afternoon' });
    expect(deltas.at(-1)).toMatchObject({ delta: {}, finish_reason: 'tool_calls' });
  });

  it('sends a usage chunk when asked, as OpenAI does', async () => {
    const response = await post({
      model: 'any',
      stream: true,
      stream_options: { include_usage: true },
      messages: user,
    });
    const { chunks } = await readEvents(response);

    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { total_tokens: expect.any(Number) as unknown },
    });
  });

  it('answers a whole chat.completion when not streaming', async () => {
    server.setResponder(() => ({ toolCalls: [{ name: 'find_slots', arguments: '{"date":' }] }));

    const response = await post({ model: 'any', messages: user });

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      object: 'chat.completion',
      choices: [
        {
          message: {
            role: 'assistant',
            content: null,
            tool_calls: [{ type: 'function', function: { name: 'find_slots', arguments: '{"date":' } }],
          },
          finish_reason: 'tool_calls',
        },
      ],
    });
  });

  it('refuses a wrong key with an OpenAI-shaped 401 and records nothing', async () => {
    const response = await post({ model: 'any', messages: user }, 'sk-wrong');

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      error: { type: 'invalid_request_error', code: 'invalid_api_key' },
    });
    expect(server.requests).toHaveLength(0);
  });

  it('refuses, like OpenAI, tool results that answer no tool call and tool calls left unanswered', async () => {
    const orphanResult = await post({
      model: 'any',
      messages: [...user, { role: 'tool', tool_call_id: 'call_x', content: '{}' }],
    });
    const unanswered = await post({
      model: 'any',
      messages: [
        ...user,
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'call_y', type: 'function', function: { name: 'f', arguments: '{}' } }],
        },
        { role: 'user', content: 'e aí?' },
      ],
    });

    expect(orphanResult.status).toBe(400);
    expect(unanswered.status).toBe(400);
    expect(await unanswered.text()).toContain('call_y');
  });

  it('refuses strict tools whose schema OpenAI would refuse', async () => {
    const response = await post({
      model: 'any',
      messages: user,
      tools: [
        {
          type: 'function',
          function: {
            name: 'f',
            strict: true,
            parameters: { type: 'object', properties: { a: { type: 'string' } }, required: [] },
          },
        },
      ],
    });

    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Invalid schema for function 'f'");
  });

  it('records each request for assertions and helps read it', async () => {
    await post({
      model: 'any',
      temperature: 0.2,
      messages: [{ role: 'system', content: 'Fuso: America/Sao_Paulo' }, ...user],
    });

    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.temperature).toBe(0.2);
    expect(systemPrompt(server.requests[0] ?? { model: '', messages: [] })).toBe('Fuso: America/Sao_Paulo');
  });

  it('lists its models', async () => {
    const response = await fetch(`${server.url}/models`, { headers: { authorization: 'Bearer sk-test' } });

    expect(await response.json()).toEqual({
      object: 'list',
      data: [{ id: 'fake-model', object: 'model', created: expect.any(Number) as unknown, owned_by: 'fake' }],
    });
  });
});
