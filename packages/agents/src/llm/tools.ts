import type { ChatCompletionFunctionTool } from 'openai/resources/chat/completions';
import { z } from 'zod';
import { dropNullsOfOptionalProperties, type JsonSchema, toStrictJsonSchema } from './strict-json-schema';

/** What a tool learns about the call it is answering, besides its arguments and context. */
export interface ToolCallInfo {
  /** The model's id for this call (`tool_call_id`). */
  id: string;
  /** The run's abort signal, for tools that do slow work. */
  signal: AbortSignal | undefined;
}

export interface ToolDefinition<TSchema extends z.ZodObject, TContext, TResult> {
  /** `^[a-zA-Z0-9_-]{1,64}$`, as the API demands. */
  name: string;
  /** What the tool does and when to call it: the model reads this. */
  description: string;
  /** The arguments, as a zod object. Optional properties are offered to the model as nullable. */
  parameters: TSchema;
  /** OpenAI strict function calling (constrained decoding). Default true. */
  strict?: boolean;
  /**
   * Runs with arguments already validated by `parameters`. The result is sent to the model as JSON (a
   * string is sent as it is). Throw ToolError to tell the model something went wrong; any other error
   * stops the run and reaches the caller.
   */
  execute: (args: z.output<TSchema>, context: TContext, call: ToolCallInfo) => TResult | Promise<TResult>;
}

/** The outcome of one call, as recorded by the tool loop and answered to the model. */
export type ToolInvocation =
  | { ok: true; args: unknown; result: unknown; content: string }
  | { ok: false; args: unknown; error: string; content: string };

/** A tool ready for the tool loop: its `tools` entry and a way to run it from raw model arguments. */
export interface LlmTool<TContext = unknown> {
  readonly name: string;
  readonly definition: ChatCompletionFunctionTool;
  /** Parses and validates the model's JSON arguments, then executes; never throws for bad arguments. */
  readonly invoke: (rawArguments: string, context: TContext, call: ToolCallInfo) => Promise<ToolInvocation>;
}

/** Thrown by a tool's `execute` to answer the model with an error it can act on (e.g. "slot taken"). */
export class ToolError extends Error {
  override readonly name = 'ToolError';
}

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

export function defineTool<TSchema extends z.ZodObject, TContext = unknown, TResult = unknown>(
  definition: ToolDefinition<TSchema, TContext, TResult>,
): LlmTool<TContext> {
  const { name, description, parameters, strict = true, execute } = definition;
  if (!TOOL_NAME.test(name)) {
    throw new Error(`Tool name "${name}" must match ${TOOL_NAME.source}.`);
  }
  // The model writes the input side of the schema (before transforms and defaults are applied).
  const inputSchema = z.toJSONSchema(parameters, { io: 'input' }) as JsonSchema;
  const { $schema: _dialect, ...looseSchema } = inputSchema;

  const toolEntry: ChatCompletionFunctionTool = {
    type: 'function',
    function: {
      name,
      description,
      parameters: strict ? toStrictJsonSchema(inputSchema) : looseSchema,
      strict,
    },
  };

  const invoke = async (
    rawArguments: string,
    context: TContext,
    call: ToolCallInfo,
  ): Promise<ToolInvocation> => {
    let args: unknown;
    try {
      args = rawArguments.trim() === '' ? {} : (JSON.parse(rawArguments) as unknown);
    } catch {
      return failure(
        rawArguments,
        `The arguments of "${name}" are not valid JSON. Call the tool again with a JSON object.`,
      );
    }
    const parsed = parameters.safeParse(
      strict ? dropNullsOfOptionalProperties(args, inputSchema, inputSchema) : args,
    );
    if (!parsed.success) {
      return failure(
        args,
        `Invalid arguments for "${name}":\n${z.prettifyError(parsed.error)}\nFix them and call the tool again.`,
      );
    }
    try {
      const result = await execute(parsed.data, context, call);
      return { ok: true, args: parsed.data, result, content: toToolContent(result) };
    } catch (error) {
      if (error instanceof ToolError) return failure(parsed.data, error.message);
      throw error;
    }
  };

  return { name, definition: toolEntry, invoke };
}

/** The tool message answering a call to a tool that does not exist. */
export function unknownToolInvocation(
  name: string,
  rawArguments: string,
  known: readonly string[],
): ToolInvocation {
  const offered = known.length > 0 ? known.join(', ') : 'none';
  return failure(rawArguments, `There is no tool named "${name}". Available tools: ${offered}.`);
}

function failure(args: unknown, error: string): ToolInvocation {
  return { ok: false, args, error, content: JSON.stringify({ error }) };
}

function toToolContent(result: unknown): string {
  if (typeof result === 'string') return result;
  return JSON.stringify(result ?? null);
}
