import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  PermissionDeniedError,
} from 'openai';

/** Why a call to the LLM endpoint failed, for code that decides what to do next. */
export type LlmFailureKind =
  | 'auth'
  | 'unreachable'
  | 'timeout'
  | 'aborted'
  | 'rate_limited'
  | 'server_error'
  | 'rejected'
  | 'bad_response';

/**
 * The LLM endpoint cannot give an answer now: wrong key, endpoint down, too slow, cancelled, or answering
 * something that is not the OpenAI protocol. Callers fall back to the offline agent.
 *
 * `reason` is plain pt-BR, ready to show to a salon owner ("test this integration"); `message` adds the
 * provider's own words for the logs.
 */
export class LlmUnavailableError extends Error {
  override readonly name = 'LlmUnavailableError';
  readonly kind: LlmFailureKind;
  readonly reason: string;
  /** HTTP status of the provider's answer, when there was one. */
  readonly status: number | undefined;

  constructor(
    kind: LlmFailureKind,
    reason: string,
    options: { status?: number | undefined; detail?: string | undefined; cause?: unknown } = {},
  ) {
    super(options.detail ? `${reason} (${options.detail})` : reason, { cause: options.cause });
    this.kind = kind;
    this.reason = reason;
    this.status = options.status;
  }
}

export interface FailureContext {
  /** The endpoint's base URL, named in "cannot connect" reasons. */
  baseUrl: string;
  /** The timeout in force, named in "took too long" reasons. */
  timeoutMs: number;
}

/** Translates whatever the SDK or the network threw into an LlmUnavailableError. */
export function toLlmUnavailableError(error: unknown, context: FailureContext): LlmUnavailableError {
  if (error instanceof LlmUnavailableError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  const options = { detail, cause: error };

  // Subclasses before their parents: a timeout is a connection error, an abort is an API error.
  if (error instanceof APIConnectionTimeoutError) return timeoutError(context.timeoutMs, error);
  if (error instanceof APIUserAbortError) return abortedError(error);
  if (error instanceof APIConnectionError) {
    return new LlmUnavailableError(
      'unreachable',
      `Não foi possível conectar ao provedor de IA em ${context.baseUrl}.`,
      options,
    );
  }
  if (error instanceof AuthenticationError) {
    return new LlmUnavailableError(
      'auth',
      'O provedor de IA recusou a chave de API (HTTP 401). Confira a chave configurada.',
      { ...options, status: 401 },
    );
  }
  if (error instanceof PermissionDeniedError) {
    return new LlmUnavailableError(
      'auth',
      'A chave de API não tem permissão para usar este recurso do provedor de IA (HTTP 403).',
      { ...options, status: 403 },
    );
  }
  if (error instanceof APIError) {
    const status: unknown = error.status;
    return fromHttpStatus(typeof status === 'number' ? status : undefined, options);
  }
  if (error instanceof SyntaxError) {
    return new LlmUnavailableError(
      'bad_response',
      'O provedor de IA respondeu num formato inesperado (não é uma API compatível com OpenAI).',
      options,
    );
  }
  // Typically the network dropping in the middle of a streamed answer (undici: "terminated").
  return new LlmUnavailableError('unreachable', 'A comunicação com o provedor de IA falhou.', options);
}

function fromHttpStatus(
  status: number | undefined,
  options: { detail: string; cause: unknown },
): LlmUnavailableError {
  if (status === undefined) {
    // An error object sent inside the event stream itself.
    return new LlmUnavailableError(
      'server_error',
      'O provedor de IA interrompeu a resposta com um erro.',
      options,
    );
  }
  if (status === 429) {
    return new LlmUnavailableError(
      'rate_limited',
      'O provedor de IA recusou por limite de uso ou cota esgotada (HTTP 429). Tente mais tarde ou confira o plano.',
      { ...options, status },
    );
  }
  if (status === 404) {
    return new LlmUnavailableError(
      'rejected',
      'O provedor de IA não encontrou o que foi pedido (HTTP 404). Confira o endereço base e o nome do modelo.',
      { ...options, status },
    );
  }
  if (status >= 500) {
    return new LlmUnavailableError(
      'server_error',
      `O provedor de IA está com um erro interno (HTTP ${String(status)}).`,
      { ...options, status },
    );
  }
  return new LlmUnavailableError(
    'rejected',
    `O provedor de IA recusou a requisição (HTTP ${String(status)}).`,
    { ...options, status },
  );
}

export function timeoutError(timeoutMs: number, cause?: unknown): LlmUnavailableError {
  return new LlmUnavailableError(
    'timeout',
    `O provedor de IA não respondeu dentro de ${String(timeoutMs)} ms.`,
    { cause },
  );
}

export function abortedError(cause?: unknown): LlmUnavailableError {
  return new LlmUnavailableError('aborted', 'A chamada ao provedor de IA foi cancelada.', { cause });
}
