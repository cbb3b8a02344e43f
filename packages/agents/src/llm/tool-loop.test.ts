import type OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  type FakeChatRequest,
  type FakeOpenAiServer,
  lastMessage,
  lastUserText,
  latestToolResults,
  startFakeOpenAiServer,
} from '../testing';
import { createLlmClient, type LlmSettings } from './client';
import { LlmUnavailableError } from './errors';
import { runToolLoop } from './tool-loop';
import { defineTool, ToolError } from './tools';

let server: FakeOpenAiServer;
let settings: LlmSettings;
let client: OpenAI;

beforeAll(async () => {
  server = await startFakeOpenAiServer({ apiKey: 'sk-test', models: ['fake-model'] });
  settings = { baseUrl: server.url, apiKey: 'sk-test', model: 'fake-model', timeoutMs: 5_000, maxRetries: 0 };
  client = createLlmClient(settings);
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => {
  server.requests.length = 0;
});

const system = {
  role: 'system',
  content: 'Você é a assistente do Salão Bela. Agora: 2025-06-09 10:00.',
} as const;

interface SalonContext {
  tenantId: string;
}

function availabilityTool(executions: unknown[] = []) {
  return defineTool({
    name: 'check_availability',
    description: 'Free start times of a day.',
    parameters: z.object({
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      professional: z.string().optional(),
    }),
    execute: (args, context: SalonContext) => {
      executions.push({ args, context });
      return { date: args.date, free: ['14:00', '15:30'] };
    },
  });
}

const toolMessageOf = (request: FakeChatRequest | undefined): unknown =>
  request === undefined ? undefined : JSON.parse(latestToolResults(request)[0]?.content ?? 'null');

async function expectUnavailable(run: Promise<unknown>): Promise<LlmUnavailableError> {
  const error = await run.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(LlmUnavailableError);
  return error as LlmUnavailableError;
}

describe('runToolLoop', () => {
  it('streams the reply in several deltas and assembles them', async () => {
    const reply = 'Olá! Temos horário amanhã às 14h com a Ana. Posso reservar?';
    server.setResponder(() => ({ content: reply }));
    const deltas: string[] = [];

    const result = await runToolLoop({
      client,
      model: settings.model,
      temperature: 0.3,
      messages: [system, { role: 'user', content: 'Oi, tem horário amanhã?' }],
      onDelta: (piece) => deltas.push(piece),
    });

    expect(deltas.length).toBeGreaterThan(5);
    expect(deltas.join('')).toBe(reply);
    expect(result).toMatchObject({ text: reply, steps: 1, toolCalls: [], finishReason: 'stop' });
    expect(result.messages.at(-1)).toEqual({ role: 'assistant', content: reply });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({ model: 'fake-model', stream: true, temperature: 0.3 });
    expect(server.requests[0]).not.toHaveProperty('tools');
  });

  it('runs the tool the model asks for with validated arguments and lets the model answer from the result', async () => {
    server.setResponder((request) => {
      const result = toolMessageOf(request) as { free: string[] } | null;
      if (result) return { content: `Tenho ${result.free.join(' ou ')}. Qual prefere?` };
      expect(lastUserText(request)).toBe('Quero cortar o cabelo dia 10');
      return {
        content: 'Vou verificar.',
        toolCalls: [{ name: 'check_availability', arguments: { date: '2025-06-10', professional: null } }],
      };
    });
    const executions: unknown[] = [];
    const deltas: string[] = [];

    const result = await runToolLoop({
      client,
      model: settings.model,
      messages: [system, { role: 'user', content: 'Quero cortar o cabelo dia 10' }],
      tools: [availabilityTool(executions)],
      context: { tenantId: 'tenant-1' },
      onDelta: (piece) => deltas.push(piece),
    });

    expect(executions).toEqual([{ args: { date: '2025-06-10' }, context: { tenantId: 'tenant-1' } }]);
    expect(result.text).toBe('Vou verificar.\n\nTenho 14:00 ou 15:30. Qual prefere?');
    expect(deltas.join('')).toBe(result.text);
    expect(result).toMatchObject({ steps: 2, finishReason: 'stop', stepLimitReached: false });
    expect(result.toolCalls).toEqual([
      {
        id: expect.stringMatching(/^call_/) as unknown,
        name: 'check_availability',
        args: { date: '2025-06-10' },
        result: { date: '2025-06-10', free: ['14:00', '15:30'] },
      },
    ]);

    const [first, second] = server.requests;
    expect(first?.tools?.[0]).toMatchObject({
      type: 'function',
      function: {
        name: 'check_availability',
        strict: true,
        parameters: { additionalProperties: false, required: ['date', 'professional'] },
      },
    });
    expect(first).not.toHaveProperty('tool_choice');
    // The second call carries the assistant's tool call, then its result.
    const toolCallId = result.toolCalls[0]?.id;
    expect(second?.messages.slice(2)).toEqual([
      {
        role: 'assistant',
        content: 'Vou verificar.',
        tool_calls: [
          {
            id: toolCallId,
            type: 'function',
            function: { name: 'check_availability', arguments: '{"date":"2025-06-10","professional":null}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: toolCallId, content: '{"date":"2025-06-10","free":["14:00","15:30"]}' },
    ]);
    expect(result.messages).toHaveLength(5);
  });

  it('answers invalid arguments with an error tool message, and the model can retry', async () => {
    server.setResponder((request) => {
      const results = server.requests.length;
      if (results === 1)
        return { toolCalls: [{ name: 'check_availability', arguments: { date: 'amanhã' } }] };
      if (results === 2) {
        expect(toolMessageOf(request)).toEqual({ error: expect.stringContaining('date') as unknown });
        return { toolCalls: [{ name: 'check_availability', arguments: '{"date":"2025-06-10"' }] };
      }
      if (results === 3) {
        expect(toolMessageOf(request)).toEqual({
          error: expect.stringContaining('not valid JSON') as unknown,
        });
        return { toolCalls: [{ name: 'check_availability', arguments: { date: '2025-06-10' } }] };
      }
      return { content: 'Tenho 14:00.' };
    });
    const executions: unknown[] = [];

    const result = await runToolLoop({
      client,
      model: settings.model,
      messages: [system, { role: 'user', content: 'Amanhã tem?' }],
      tools: [availabilityTool(executions)],
      context: { tenantId: 'tenant-1' },
    });

    expect(executions).toHaveLength(1);
    expect(result.steps).toBe(4);
    expect(result.text).toBe('Tenho 14:00.');
    expect(result.toolCalls.map((call) => call.error === undefined)).toEqual([false, false, true]);
    expect(result.toolCalls[0]).toMatchObject({ args: { date: 'amanhã' }, result: undefined });
    expect(result.toolCalls[1]).toMatchObject({ args: '{"date":"2025-06-10"' });
  });

  it('tells the model a tool it named does not exist', async () => {
    server.setResponder((request) =>
      lastMessage(request)?.role === 'tool'
        ? { content: 'Não consigo cancelar por aqui.' }
        : { toolCalls: [{ name: 'cancel_everything', arguments: {} }] },
    );

    const result = await runToolLoop({
      client,
      model: settings.model,
      messages: [system, { role: 'user', content: 'Cancela tudo' }],
      tools: [availabilityTool()],
      context: { tenantId: 'tenant-1' },
    });

    expect(result.text).toBe('Não consigo cancelar por aqui.');
    expect(result.toolCalls).toEqual([
      {
        id: expect.any(String) as unknown,
        name: 'cancel_everything',
        args: '{}',
        result: undefined,
        error: 'There is no tool named "cancel_everything". Available tools: check_availability.',
      },
    ]);
  });

  it('runs several tool calls of one turn in order', async () => {
    server.setResponder((request) =>
      lastMessage(request)?.role === 'tool'
        ? {
            content: latestToolResults(request)
              .map((result) => result.content)
              .join(' | '),
          }
        : {
            toolCalls: [
              { name: 'check_availability', arguments: { date: '2025-06-10' } },
              { name: 'check_availability', arguments: { date: '2025-06-11', professional: 'ana' } },
            ],
          },
    );
    const executions: { args: unknown }[] = [];

    const result = await runToolLoop({
      client,
      model: settings.model,
      messages: [system, { role: 'user', content: 'Dia 10 ou 11' }],
      tools: [availabilityTool(executions)],
      context: { tenantId: 'tenant-1' },
    });

    expect(executions.map((execution) => execution.args)).toEqual([
      { date: '2025-06-10' },
      { date: '2025-06-11', professional: 'ana' },
    ]);
    expect(result.text).toContain('2025-06-10');
    expect(result.text).toContain('2025-06-11');
  });

  it('answers a ToolError to the model, and lets other tool errors reach the caller', async () => {
    server.setResponder((request) =>
      lastMessage(request)?.role === 'tool'
        ? { content: `Ops: ${String((toolMessageOf(request) as { error: string }).error)}` }
        : { toolCalls: [{ name: 'book', arguments: { start: '09:00' } }] },
    );
    const book = (failure: Error) =>
      defineTool({
        name: 'book',
        description: 'Books.',
        parameters: z.object({ start: z.string() }),
        execute: () => {
          throw failure;
        },
      });
    const messages = [system, { role: 'user', content: 'Marca 9h' }] as const;

    const answered = await runToolLoop({
      client,
      model: settings.model,
      messages,
      tools: [book(new ToolError('Horário já ocupado.'))],
    });
    const failed = runToolLoop({
      client,
      model: settings.model,
      messages,
      tools: [book(new Error('db down'))],
    });

    expect(answered.text).toBe('Ops: Horário já ocupado.');
    await expect(failed).rejects.toThrow('db down');
    await expect(failed).rejects.not.toBeInstanceOf(LlmUnavailableError);
  });

  it('stops offering tools after maxSteps and asks for a text answer with tool_choice none', async () => {
    server.setResponder((request) =>
      request.tool_choice === 'none'
        ? { content: 'Não encontrei horários, posso verificar outro dia?' }
        : { toolCalls: [{ name: 'check_availability', arguments: { date: '2025-06-10' } }] },
    );

    const result = await runToolLoop({
      client,
      model: settings.model,
      messages: [system, { role: 'user', content: 'Qualquer dia' }],
      tools: [availabilityTool()],
      context: { tenantId: 'tenant-1' },
      maxSteps: 2,
    });

    expect(result).toMatchObject({
      steps: 3,
      stepLimitReached: true,
      finishReason: 'stop',
      text: 'Não encontrei horários, posso verificar outro dia?',
    });
    expect(result.toolCalls).toHaveLength(2);
    expect(server.requests.map((request) => request.tool_choice)).toEqual([undefined, undefined, 'none']);
    expect(server.requests[2]?.tools).toHaveLength(1);
  });

  it('does not run tools the model asks for on the last call anyway', async () => {
    server.setResponder(() => ({
      content: 'Um momento.',
      toolCalls: [{ name: 'check_availability', arguments: { date: '2025-06-10' } }],
    }));
    const executions: unknown[] = [];

    const result = await runToolLoop({
      client,
      model: settings.model,
      messages: [system, { role: 'user', content: 'Oi' }],
      tools: [availabilityTool(executions)],
      context: { tenantId: 'tenant-1' },
      maxSteps: 1,
    });

    expect(executions).toHaveLength(1);
    expect(result).toMatchObject({ steps: 2, stepLimitReached: true, finishReason: 'tool_calls' });
    expect(result.messages.at(-1)).toEqual({ role: 'assistant', content: 'Um momento.' });
  });

  it('raises LlmUnavailableError after the SDK has retried 500 answers', async () => {
    server.setResponder(() => ({ status: 500, headers: { 'retry-after-ms': '10' } }));
    const retrying = createLlmClient({ ...settings, maxRetries: 2 });

    const error = await expectUnavailable(
      runToolLoop({ client: retrying, model: settings.model, messages: [{ role: 'user', content: 'Oi' }] }),
    );

    expect(error).toMatchObject({ kind: 'server_error', status: 500 });
    expect(server.requests).toHaveLength(3);
  });

  it('raises LlmUnavailableError with a timeout when the endpoint never answers', async () => {
    server.setResponder(() => ({ hang: true }));
    const impatient = createLlmClient({ ...settings, timeoutMs: 300, maxRetries: 1 });
    const started = Date.now();

    const error = await expectUnavailable(
      runToolLoop({ client: impatient, model: settings.model, messages: [{ role: 'user', content: 'Oi' }] }),
    );

    expect(error.kind).toBe('timeout');
    expect(error.reason).toContain('300 ms');
    expect(server.requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('raises LlmUnavailableError with a timeout when a started stream goes silent', async () => {
    server.setResponder(() => ({ content: 'Olá, tudo bem com você?', hangAfterChunks: 2 }));
    const deltas: string[] = [];

    const error = await expectUnavailable(
      runToolLoop({
        client,
        model: settings.model,
        messages: [{ role: 'user', content: 'Oi' }],
        streamIdleTimeoutMs: 300,
        onDelta: (piece) => deltas.push(piece),
      }),
    );

    expect(error.kind).toBe('timeout');
    expect(deltas).toEqual(['Olá, ']);
  });

  it('raises LlmUnavailableError when the caller aborts, before or during the stream', async () => {
    server.setResponder(() => ({ hang: true }));
    const beforeHeaders = new AbortController();
    setTimeout(() => {
      beforeHeaders.abort();
    }, 50);

    const early = await expectUnavailable(
      runToolLoop({
        client,
        model: settings.model,
        messages: [{ role: 'user', content: 'Oi' }],
        signal: beforeHeaders.signal,
      }),
    );

    server.setResponder(() => ({ content: 'Olá, tudo bem com você?', hangAfterChunks: 3 }));
    const midStream = new AbortController();
    const late = await expectUnavailable(
      runToolLoop({
        client,
        model: settings.model,
        messages: [{ role: 'user', content: 'Oi' }],
        signal: midStream.signal,
        onDelta: () => {
          midStream.abort();
        },
      }),
    );

    expect(early.kind).toBe('aborted');
    expect(late.kind).toBe('aborted');
  });

  it('raises LlmUnavailableError with an auth reason when the key is refused', async () => {
    const wrongKey = createLlmClient({ ...settings, apiKey: 'sk-wrong', maxRetries: 2 });

    const error = await expectUnavailable(
      runToolLoop({ client: wrongKey, model: settings.model, messages: [{ role: 'user', content: 'Oi' }] }),
    );

    expect(error).toMatchObject({ kind: 'auth', status: 401 });
    expect(error.reason).toContain('chave de API');
    expect(error.message).toContain('Incorrect API key');
    expect(server.requests).toHaveLength(0);
  });

  it('raises LlmUnavailableError when the endpoint cannot be reached', async () => {
    const closed = await startFakeOpenAiServer();
    await closed.close();
    const unreachable = createLlmClient({ ...settings, baseUrl: closed.url });

    const error = await expectUnavailable(
      runToolLoop({
        client: unreachable,
        model: settings.model,
        messages: [{ role: 'user', content: 'Oi' }],
      }),
    );

    expect(error.kind).toBe('unreachable');
    expect(error.reason).toContain(closed.url);
  });

  it('raises LlmUnavailableError when the model is unknown to the endpoint', async () => {
    const error = await expectUnavailable(
      runToolLoop({ client, model: 'gpt-unknown', messages: [{ role: 'user', content: 'Oi' }] }),
    );

    expect(error).toMatchObject({ kind: 'rejected', status: 404 });
  });
});
