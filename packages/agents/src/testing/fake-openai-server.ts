/**
 * A real HTTP server on 127.0.0.1 that speaks the OpenAI chat completions protocol: the stand-in for the
 * LLM in tests. A test scripts each answer with `respond(request)` and reads `requests` afterwards.
 *
 * It checks what a real endpoint checks (bearer key, tool messages answering earlier tool calls, strict
 * schemas), so protocol mistakes fail here instead of in production.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import type {
  ChatCompletionMessageParam,
  ChatCompletionTool,
  ChatCompletionToolChoiceOption,
} from 'openai/resources/chat/completions';

/** The parsed body of a `POST /v1/chat/completions`. */
export interface FakeChatRequest {
  model: string;
  messages: ChatCompletionMessageParam[];
  tools?: ChatCompletionTool[];
  tool_choice?: ChatCompletionToolChoiceOption;
  temperature?: number | null;
  stream?: boolean | null;
  stream_options?: { include_usage?: boolean } | null;
  [field: string]: unknown;
}

export interface FakeToolCall {
  name: string;
  /** Sent as JSON; a string is sent as it is (to script malformed arguments). */
  arguments: unknown;
  /** Default: a fresh `call_...` id. */
  id?: string;
}

export type FakeTurn =
  | {
      content?: string;
      toolCalls?: FakeToolCall[];
      /** Default: `tool_calls` when there are tool calls, `stop` otherwise. */
      finishReason?: 'stop' | 'length' | 'content_filter' | 'tool_calls';
      /** Streaming only: send the headers and this many chunks, then go silent (a stalled stream). */
      hangAfterChunks?: number;
    }
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { hang: true };

export type FakeResponder = (request: FakeChatRequest) => FakeTurn | Promise<FakeTurn>;

export interface FakeOpenAiServerOptions {
  /** The key expected in `Authorization: Bearer`. Default `test-key`. */
  apiKey?: string;
  /** Listed by `GET /v1/models`; when given, requests for other models get 404 `model_not_found`. */
  models?: string[];
  /** Default: answers "OK". */
  respond?: FakeResponder;
  /** Pause between streamed chunks. Default 0 (each chunk still goes out in its own write). */
  chunkDelayMs?: number;
}

export interface FakeOpenAiServer {
  /** Base URL ending in `/v1`, for `baseUrl` / `baseURL`. */
  url: string;
  apiKey: string;
  /** Every chat completion request that passed the key check, in order (live array). */
  requests: FakeChatRequest[];
  setResponder: (respond: FakeResponder) => void;
  close: () => Promise<void>;
}

const DEFAULT_MODELS = ['fake-model'];

export async function startFakeOpenAiServer(
  options: FakeOpenAiServerOptions = {},
): Promise<FakeOpenAiServer> {
  const apiKey = options.apiKey ?? 'test-key';
  const knownModels = options.models;
  const chunkDelayMs = options.chunkDelayMs ?? 0;
  let respond: FakeResponder = options.respond ?? (() => ({ content: 'OK' }));
  const requests: FakeChatRequest[] = [];

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        sendError(res, 500, `Fake server failure: ${error instanceof Error ? error.message : String(error)}`);
      } else {
        res.destroy();
      }
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      sendError(res, 401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key');
      return;
    }
    if (req.method === 'GET' && path === '/v1/models') {
      sendJson(res, 200, {
        object: 'list',
        data: (knownModels ?? DEFAULT_MODELS).map((id) => ({
          id,
          object: 'model',
          created: 1_700_000_000,
          owned_by: 'fake',
        })),
      });
      return;
    }
    if (req.method !== 'POST' || path !== '/v1/chat/completions') {
      sendError(res, 404, `Unknown route ${req.method ?? ''} ${path}.`, 'invalid_request_error', 'not_found');
      return;
    }

    let body: unknown;
    try {
      body = JSON.parse(await readBody(req)) as unknown;
    } catch {
      sendError(res, 400, 'The body of the request is not valid JSON.');
      return;
    }
    const problem = findProtocolProblem(body);
    if (problem !== undefined || !isChatRequest(body)) {
      sendError(res, 400, problem ?? 'Invalid request.');
      return;
    }
    if (knownModels && !knownModels.includes(body.model)) {
      sendError(
        res,
        404,
        `The model \`${body.model}\` does not exist or you do not have access to it.`,
        'invalid_request_error',
        'model_not_found',
      );
      return;
    }
    requests.push(body);

    const turn = await respond(body);
    if ('hang' in turn) return; // never answers; the socket dies with close() or the client's abort
    if ('status' in turn) {
      sendJson(
        res,
        turn.status,
        turn.body ?? errorBody(`Scripted error ${String(turn.status)}.`),
        turn.headers,
      );
      return;
    }
    if (body.stream === true) {
      await streamTurn(res, body, turn, chunkDelayMs);
    } else {
      sendJson(res, 200, completion(body, turn));
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${String(port)}/v1`,
    apiKey,
    requests,
    setResponder: (next) => {
      respond = next;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
        // Hanging and keep-alive connections would hold close() forever.
        server.closeAllConnections();
      }),
  };
}

// ---- Scripting helpers -------------------------------------------------------------------------

/** The text of a message's content, whether a string or an array of text parts. */
export function messageText(message: ChatCompletionMessageParam | undefined): string {
  const content = message?.content;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part) => ('text' in part ? part.text : '')).join('');
}

export function lastMessage(request: FakeChatRequest): ChatCompletionMessageParam | undefined {
  return request.messages.at(-1);
}

/** The text of the last user message. */
export function lastUserText(request: FakeChatRequest): string {
  return messageText(request.messages.findLast((message) => message.role === 'user'));
}

/** The system (or developer) prompt: every such message, joined. */
export function systemPrompt(request: FakeChatRequest): string {
  return request.messages
    .filter((message) => message.role === 'system' || message.role === 'developer')
    .map((message) => messageText(message))
    .join('\n');
}

/** The tool results that followed the last assistant message, as { name, content } pairs. */
export function latestToolResults(request: FakeChatRequest): { name: string; content: string }[] {
  const assistantIndex = request.messages.findLastIndex((message) => message.role === 'assistant');
  const assistant = request.messages[assistantIndex];
  if (assistant?.role !== 'assistant') return [];
  const names = new Map(
    (assistant.tool_calls ?? []).map((call) => [call.id, call.type === 'function' ? call.function.name : '']),
  );
  return request.messages
    .slice(assistantIndex + 1)
    .flatMap((message) =>
      message.role === 'tool'
        ? [{ name: names.get(message.tool_call_id) ?? '', content: messageText(message) }]
        : [],
    );
}

// ---- Protocol ------------------------------------------------------------------------------------

type ContentTurn = Exclude<FakeTurn, { status: number } | { hang: true }>;

interface WireToolCall {
  id: string;
  name: string;
  arguments: string;
}

function wireToolCalls(turn: ContentTurn): WireToolCall[] {
  return (turn.toolCalls ?? []).map((call) => ({
    id: call.id ?? `call_${randomUUID().replaceAll('-', '').slice(0, 24)}`,
    name: call.name,
    arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments),
  }));
}

function finishReasonOf(turn: ContentTurn, calls: WireToolCall[]): string {
  return turn.finishReason ?? (calls.length > 0 ? 'tool_calls' : 'stop');
}

function completion(request: FakeChatRequest, turn: ContentTurn): unknown {
  const calls = wireToolCalls(turn);
  const content = turn.content ?? '';
  return {
    id: `chatcmpl-${randomUUID()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: request.model,
    system_fingerprint: 'fp_fake',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: content === '' && calls.length > 0 ? null : content,
          refusal: null,
          ...(calls.length > 0
            ? {
                tool_calls: calls.map((call) => ({
                  id: call.id,
                  type: 'function',
                  function: { name: call.name, arguments: call.arguments },
                })),
              }
            : {}),
        },
        logprobs: null,
        finish_reason: finishReasonOf(turn, calls),
      },
    ],
    usage: usage(request, content, calls),
  };
}

async function streamTurn(
  res: ServerResponse,
  request: FakeChatRequest,
  turn: ContentTurn,
  chunkDelayMs: number,
): Promise<void> {
  const id = `chatcmpl-${randomUUID()}`;
  const created = Math.floor(Date.now() / 1000);
  const calls = wireToolCalls(turn);
  const content = turn.content ?? '';
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}): unknown => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model: request.model,
    system_fingerprint: 'fp_fake',
    choices,
    ...extra,
  });
  const choice = (delta: Record<string, unknown>, finishReason: string | null = null): unknown => ({
    index: 0,
    delta,
    logprobs: null,
    finish_reason: finishReason,
  });

  const events: unknown[] = [choice({ role: 'assistant', content: '', refusal: null })];
  for (const piece of splitWords(content)) events.push(choice({ content: piece }));
  calls.forEach((call, index) => {
    events.push(
      choice({
        tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }],
      }),
    );
    for (const piece of splitInThree(call.arguments)) {
      events.push(choice({ tool_calls: [{ index, function: { arguments: piece } }] }));
    }
  });
  events.push(choice({}, finishReasonOf(turn, calls)));

  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  let sent = 0;
  for (const event of events) {
    if (turn.hangAfterChunks !== undefined && sent >= turn.hangAfterChunks) return; // stalls, never ends
    if (res.destroyed) return;
    res.write(`data: ${JSON.stringify(chunk([event]))}\n\n`);
    sent++;
    await (chunkDelayMs > 0 ? delay(chunkDelayMs) : new Promise((resolve) => setImmediate(resolve)));
  }
  if (request.stream_options?.include_usage === true) {
    res.write(`data: ${JSON.stringify(chunk([], { usage: usage(request, content, calls) }))}\n\n`);
  }
  res.end('data: [DONE]\n\n');
}

function usage(request: FakeChatRequest, content: string, calls: WireToolCall[]): unknown {
  const promptTokens = Math.ceil(JSON.stringify(request.messages).length / 4);
  const completionTokens = Math.ceil(
    (content.length + calls.reduce((sum, call) => sum + call.arguments.length, 0)) / 4,
  );
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  };
}

/** "Olá, tudo bem?" → ["Olá, ", "tudo ", "bem?"]: several deltas, like a real stream. */
function splitWords(text: string): string[] {
  return text.match(/\s*\S+\s*/g) ?? (text === '' ? [] : [text]);
}

function splitInThree(text: string): string[] {
  if (text.length < 3) return [text];
  const size = Math.ceil(text.length / 3);
  return [text.slice(0, size), text.slice(size, 2 * size), text.slice(2 * size)].filter(
    (part) => part !== '',
  );
}

/** What OpenAI itself would refuse with a 400, described in its words. */
function findProtocolProblem(body: unknown): string | undefined {
  if (!isRecord(body)) return 'The request body must be a JSON object.';
  if (typeof body['model'] !== 'string' || body['model'] === '')
    return "Missing required parameter: 'model'.";
  const messages = body['messages'];
  if (!Array.isArray(messages) || messages.length === 0) {
    return "Invalid 'messages': empty array. Expected an array with minimum length 1.";
  }
  const tools = body['tools'];
  if (tools !== undefined) {
    if (!Array.isArray(tools) || tools.length === 0) {
      return "Invalid 'tools': empty array. Expected an array with minimum length 1.";
    }
    for (const tool of tools) {
      const problem = findToolProblem(tool);
      if (problem) return problem;
    }
  } else if (body['tool_choice'] !== undefined) {
    return "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.";
  }
  return findConversationProblem(messages);
}

function findToolProblem(tool: unknown): string | undefined {
  if (!isRecord(tool) || tool['type'] !== 'function' || !isRecord(tool['function'])) {
    return "Invalid 'tools': each tool must be { type: 'function', function: {...} }.";
  }
  const fn = tool['function'];
  const name = fn['name'];
  if (typeof name !== 'string' || !/^[a-zA-Z0-9_-]{1,64}$/.test(name)) {
    return `Invalid 'tools[].function.name': string does not match pattern '^[a-zA-Z0-9_-]{1,64}$'.`;
  }
  if (fn['strict'] === true) {
    const problem = findStrictSchemaProblem(fn['parameters'], []);
    if (problem) return `Invalid schema for function '${name}': ${problem}`;
  }
  return undefined;
}

function findStrictSchemaProblem(schema: unknown, path: string[]): string | undefined {
  const context = `In context=(${path.map((part) => `'${part}'`).join(', ')})`;
  if (!isRecord(schema)) return `${context}, schema must be an object.`;
  if ('default' in schema) return `${context}, 'default' is not permitted.`;
  const isObject = schema['type'] === 'object' || 'properties' in schema;
  if (isObject) {
    if (schema['additionalProperties'] !== false) {
      return `${context}, 'additionalProperties' is required to be supplied and to be false.`;
    }
    const properties = isRecord(schema['properties']) ? schema['properties'] : {};
    const required = Array.isArray(schema['required']) ? schema['required'] : [];
    for (const key of Object.keys(properties)) {
      if (!required.includes(key)) {
        return `${context}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${key}'.`;
      }
    }
    for (const [key, property] of Object.entries(properties)) {
      const problem = findStrictSchemaProblem(property, [...path, 'properties', key]);
      if (problem) return problem;
    }
  }
  if (schema['items'] !== undefined) {
    const problem = findStrictSchemaProblem(schema['items'], [...path, 'items']);
    if (problem) return problem;
  }
  for (const keyword of ['anyOf', '$defs'] as const) {
    const children = schema[keyword];
    const entries = Array.isArray(children)
      ? children.map((child, index): [string, unknown] => [String(index), child])
      : isRecord(children)
        ? Object.entries(children)
        : [];
    for (const [key, child] of entries) {
      const problem = findStrictSchemaProblem(child, [...path, keyword, key]);
      if (problem) return problem;
    }
  }
  return undefined;
}

/** Tool messages must answer the tool calls of the assistant message right before them, all of them. */
function findConversationProblem(messages: unknown[]): string | undefined {
  let pending = new Set<string>();
  for (const [index, message] of messages.entries()) {
    if (!isRecord(message) || typeof message['role'] !== 'string') {
      return `Invalid 'messages[${String(index)}]': each message needs a 'role'.`;
    }
    const role = message['role'];
    if (role === 'tool') {
      const callId = message['tool_call_id'];
      if (typeof callId !== 'string' || !pending.has(callId)) {
        return `Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.`;
      }
      pending.delete(callId);
      continue;
    }
    if (pending.size > 0) {
      return `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${[...pending].join(', ')}`;
    }
    const toolCalls = message['tool_calls'];
    if (role === 'assistant' && Array.isArray(toolCalls)) {
      pending = new Set(
        toolCalls.flatMap((call: unknown) =>
          isRecord(call) && typeof call['id'] === 'string' ? [call['id']] : [],
        ),
      );
    }
  }
  if (pending.size > 0) {
    return `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${[...pending].join(', ')}`;
  }
  return undefined;
}

function isChatRequest(body: unknown): body is FakeChatRequest {
  return isRecord(body) && typeof body['model'] === 'string' && Array.isArray(body['messages']);
}

// ---- HTTP ----------------------------------------------------------------------------------------

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function errorBody(message: string, type = 'server_error', code: string | null = null): unknown {
  return { error: { message, type, param: null, code } };
}

function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  type = status >= 500 ? 'server_error' : 'invalid_request_error',
  code: string | null = null,
): void {
  sendJson(res, status, errorBody(message, type, code));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
