import OpenAI from 'openai';
import { LlmUnavailableError, toLlmUnavailableError } from './errors';

/** Where and how to reach an OpenAI-compatible chat endpoint (OpenAI, Gemini, Groq, Ollama...). */
export interface LlmSettings {
  /** Base URL up to and including the version segment, e.g. `https://api.openai.com/v1`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer`; endpoints without keys (Ollama) accept any value, even empty. */
  apiKey: string;
  model: string;
  /** Time allowed for each request to start answering, and for each streamed chunk to follow the last. */
  timeoutMs: number;
  /** Retries of connection errors, timeouts, 408/409/429 and 5xx answers, with the SDK's backoff. */
  maxRetries: number;
}

/** Ollama and other local servers ignore the key, but the SDK refuses to start without one. */
const PLACEHOLDER_API_KEY = 'no-key';

export function createLlmClient(settings: LlmSettings): OpenAI {
  return new OpenAI({
    baseURL: settings.baseUrl,
    apiKey: settings.apiKey === '' ? PLACEHOLDER_API_KEY : settings.apiKey,
    timeout: settings.timeoutMs,
    maxRetries: settings.maxRetries,
    // Everything explicit: the SDK would otherwise read OPENAI_* environment variables on its own.
    organization: null,
    project: null,
    adminAPIKey: null,
    webhookSecret: null,
    // Failures reach callers as LlmUnavailableError; the SDK need not print them too.
    logLevel: 'off',
  });
}

/**
 * The ids of the models the endpoint offers, used to check an integration before saving it.
 * Throws LlmUnavailableError (wrong key, unreachable, timeout, not an OpenAI-compatible API).
 */
export async function listModels(
  settings: LlmSettings,
  options: { signal?: AbortSignal | undefined } = {},
): Promise<string[]> {
  const client = createLlmClient(settings);
  const context = { baseUrl: settings.baseUrl, timeoutMs: settings.timeoutMs };
  let data: unknown;
  try {
    const page = await client.models.list({ signal: options.signal });
    data = page.data;
  } catch (error) {
    throw toLlmUnavailableError(error, context);
  }
  // An address that answers 200 with a web page or another API parses to no `data` list at all.
  if (!Array.isArray(data)) {
    throw new LlmUnavailableError(
      'bad_response',
      'O endereço respondeu, mas não como uma API compatível com OpenAI (GET /models sem lista de modelos).',
    );
  }
  return data.flatMap((model: unknown) => {
    const id: unknown = typeof model === 'object' && model !== null && 'id' in model ? model.id : undefined;
    return typeof id === 'string' ? [id] : [];
  });
}
