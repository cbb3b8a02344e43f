import type OpenAI from 'openai';
import type {
  ChatCompletionAssistantMessageParam,
  ChatCompletionChunk,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionMessageFunctionToolCall,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import { abortedError, LlmUnavailableError, timeoutError, toLlmUnavailableError } from './errors';
import { type LlmTool, type ToolInvocation, unknownToolInvocation } from './tools';

export type FinishReason = NonNullable<ChatCompletionChunk.Choice['finish_reason']>;

export type RunToolLoopOptions<TContext> = {
  client: OpenAI;
  model: string;
  temperature?: number | undefined;
  /** The conversation so far (system prompt first); not modified. */
  messages: readonly ChatCompletionMessageParam[];
  tools?: readonly LlmTool<TContext>[] | undefined;
  /** Model calls that may request tools before a last call that may not. Default 5. */
  maxSteps?: number | undefined;
  signal?: AbortSignal | undefined;
  /** Each piece of assistant text as it streams in (a blank line separates the texts of two steps). */
  onDelta?: ((text: string) => void) | undefined;
  /** Longest silence allowed between two streamed chunks. Default: the client's timeout. */
  streamIdleTimeoutMs?: number | undefined;
} & (undefined extends TContext
  ? { /** Handed to every tool's execute. */ context?: TContext }
  : { /** Handed to every tool's execute. */ context: TContext });

export interface ToolCallRecord {
  id: string;
  name: string;
  /** The validated arguments; the raw ones (parsed JSON or the unparsable string) when invalid. */
  args: unknown;
  /** What execute returned; undefined when the call failed. */
  result: unknown;
  /** The error answered to the model (invalid arguments, unknown tool, ToolError). */
  error?: string;
}

export interface ToolLoopResult {
  /** All assistant text of the run, exactly as streamed to onDelta. */
  text: string;
  /** Model calls made. */
  steps: number;
  toolCalls: ToolCallRecord[];
  /** The last call's finish reason. */
  finishReason: FinishReason;
  /** True when maxSteps ran out and the last call forbade tools (`tool_choice: 'none'`). */
  stepLimitReached: boolean;
  /** The input messages followed by every assistant and tool message of the run. */
  messages: ChatCompletionMessageParam[];
}

const DEFAULT_MAX_STEPS = 5;
const STEP_SEPARATOR = '\n\n';

/**
 * Streams a chat completion, runs the tools the model asks for, feeds their results back and repeats until
 * the model answers in text. Endpoint failures, timeouts and aborts raise LlmUnavailableError; errors
 * thrown by tools (other than ToolError) and by onDelta propagate unchanged.
 */
export async function runToolLoop<TContext = unknown>(
  options: RunToolLoopOptions<TContext>,
): Promise<ToolLoopResult> {
  const { client, model, temperature, signal, onDelta } = options;
  const tools = options.tools ?? [];
  const maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
  // When TContext admits undefined the property may be absent, which is the same value.
  const context = options.context as TContext;
  const toolsByName = new Map(tools.map((tool) => [tool.name, tool]));
  if (toolsByName.size !== tools.length) throw new Error('Two tools share the same name.');
  if (!Number.isInteger(maxSteps) || maxSteps < 1) throw new Error('maxSteps must be a positive integer.');

  const messages: ChatCompletionMessageParam[] = [...options.messages];
  const toolCalls: ToolCallRecord[] = [];
  let text = '';
  const emit = (piece: string): void => {
    text += piece;
    onDelta?.(piece);
  };

  for (let step = 1; ; step++) {
    const stepLimitReached = step > maxSteps;
    if (signal?.aborted) throw abortedError(signal.reason);

    const request: ChatCompletionCreateParamsStreaming = { model, messages, stream: true };
    if (temperature !== undefined) request.temperature = temperature;
    if (tools.length > 0) {
      request.tools = tools.map((tool) => tool.definition);
      if (stepLimitReached) request.tool_choice = 'none';
    }

    let startedText = false;
    const turn = await streamTurn(client, request, {
      signal,
      idleTimeoutMs: options.streamIdleTimeoutMs ?? client.timeout,
      onContent: (piece) => {
        if (!startedText && text.length > 0) emit(STEP_SEPARATOR);
        startedText = true;
        emit(piece);
      },
    });

    // A model that asks for tools on the last call (some ignore tool_choice) gets no more turns.
    const calls = stepLimitReached || tools.length === 0 ? [] : turn.toolCalls;
    if (calls.length === 0) {
      messages.push({ role: 'assistant', content: turn.content });
      return { text, steps: step, toolCalls, finishReason: turn.finishReason, stepLimitReached, messages };
    }

    const assistant: ChatCompletionAssistantMessageParam = {
      role: 'assistant',
      content: turn.content === '' ? null : turn.content,
      tool_calls: calls,
    };
    messages.push(assistant);
    for (const call of calls) {
      const tool = toolsByName.get(call.function.name);
      const invocation: ToolInvocation = tool
        ? await tool.invoke(call.function.arguments, context, { id: call.id, signal })
        : unknownToolInvocation(call.function.name, call.function.arguments, [...toolsByName.keys()]);
      toolCalls.push(toRecord(call, invocation));
      messages.push({ role: 'tool', tool_call_id: call.id, content: invocation.content });
    }
  }
}

interface StreamedTurn {
  content: string;
  toolCalls: ChatCompletionMessageFunctionToolCall[];
  finishReason: FinishReason;
}

interface PartialToolCall {
  id: string;
  name: string;
  arguments: string;
}

async function streamTurn(
  client: OpenAI,
  request: ChatCompletionCreateParamsStreaming,
  options: {
    signal: AbortSignal | undefined;
    idleTimeoutMs: number;
    onContent: (piece: string) => void;
  },
): Promise<StreamedTurn> {
  const failureContext = { baseUrl: client.baseURL, timeoutMs: client.timeout };
  // The SDK's timeout stops at the response headers; a stream that stalls afterwards needs its own.
  const idle = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, idle.signal]) : idle.signal;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  const armIdleTimer = (): void => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      idle.abort();
    }, options.idleTimeoutMs);
  };
  const interruption = (): LlmUnavailableError | undefined => {
    if (options.signal?.aborted) return abortedError(options.signal.reason);
    if (idle.signal.aborted) return timeoutError(options.idleTimeoutMs);
    return undefined;
  };

  let content = '';
  const partials: PartialToolCall[] = [];
  let finishReason: FinishReason | undefined;
  try {
    let stream: AsyncIterable<ChatCompletionChunk>;
    try {
      stream = await client.chat.completions.create(request, { signal });
    } catch (error) {
      throw interruption() ?? toLlmUnavailableError(error, failureContext);
    }
    armIdleTimer();
    const chunks = stream[Symbol.asyncIterator]();
    for (;;) {
      let next: IteratorResult<ChatCompletionChunk>;
      try {
        next = await chunks.next();
      } catch (error) {
        throw interruption() ?? toLlmUnavailableError(error, failureContext);
      }
      // The SDK ends an aborted stream quietly, as if it were complete.
      const interrupted = interruption();
      if (interrupted) throw interrupted;
      if (next.done === true) break;
      armIdleTimer();

      // Usage-only chunks carry no choices; only the first choice is ever requested.
      const choice = next.value.choices[0];
      if (!choice) continue;
      const delta = choice.delta;
      if (typeof delta.content === 'string' && delta.content !== '') {
        content += delta.content;
        options.onContent(delta.content);
      }
      delta.tool_calls?.forEach((fragment, position) => {
        // Some compatible endpoints leave out `index` when they send each call whole.
        const index = typeof fragment.index === 'number' ? fragment.index : position;
        const partial = (partials[index] ??= { id: '', name: '', arguments: '' });
        if (fragment.id) partial.id = fragment.id;
        if (fragment.function?.name) partial.name = fragment.function.name;
        if (fragment.function?.arguments) partial.arguments += fragment.function.arguments;
      });
      if (choice.finish_reason) finishReason = choice.finish_reason;
    }
  } finally {
    clearTimeout(idleTimer);
    // Frees the connection when the stream is left early (onDelta threw); a no-op once it has ended.
    idle.abort();
  }

  if (finishReason === undefined) {
    throw new LlmUnavailableError(
      'bad_response',
      'A resposta do provedor de IA terminou antes de ficar completa.',
      { detail: 'stream ended without a finish_reason' },
    );
  }
  const toolCalls = partials
    .filter((partial) => partial.name !== '')
    .map((partial, order): ChatCompletionMessageFunctionToolCall => ({
      id: partial.id === '' ? `call_${String(order + 1)}_${Date.now().toString(36)}` : partial.id,
      type: 'function',
      function: { name: partial.name, arguments: partial.arguments },
    }));
  return { content, toolCalls, finishReason };
}

function toRecord(call: ChatCompletionMessageFunctionToolCall, invocation: ToolInvocation): ToolCallRecord {
  const record: ToolCallRecord = {
    id: call.id,
    name: call.function.name,
    args: invocation.args,
    result: invocation.ok ? invocation.result : undefined,
  };
  if (!invocation.ok) record.error = invocation.error;
  return record;
}
