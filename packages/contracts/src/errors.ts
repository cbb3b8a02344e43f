/**
 * Stable application error codes. Clients switch on `appCode`; the message is for people (pt-BR).
 * Each code maps to one tRPC code and one HTTP status so every transport answers alike.
 */
export const appErrorCatalog = {
  VALIDATION_FAILED: { trpc: 'BAD_REQUEST', http: 400, message: 'Dados inválidos.' },
  UNAUTHENTICATED: { trpc: 'UNAUTHORIZED', http: 401, message: 'Faça login para continuar.' },
  TOKEN_EXPIRED: { trpc: 'UNAUTHORIZED', http: 401, message: 'Sua sessão expirou. Entre novamente.' },
  TOKEN_INVALID: { trpc: 'UNAUTHORIZED', http: 401, message: 'Sessão inválida. Entre novamente.' },
  TOKEN_REUSED: {
    trpc: 'UNAUTHORIZED',
    http: 401,
    message: 'Esta sessão foi encerrada por segurança. Entre novamente.',
  },
  INVALID_CREDENTIALS: { trpc: 'UNAUTHORIZED', http: 401, message: 'E-mail ou senha incorretos.' },
  WRONG_PASSWORD: { trpc: 'BAD_REQUEST', http: 400, message: 'A senha atual está incorreta.' },
  FORBIDDEN: { trpc: 'FORBIDDEN', http: 403, message: 'Você não tem permissão para fazer isso.' },
  NOT_FOUND: { trpc: 'NOT_FOUND', http: 404, message: 'Não encontrado.' },
  EMAIL_TAKEN: { trpc: 'CONFLICT', http: 409, message: 'Este e-mail já está cadastrado.' },
  PHONE_TAKEN: { trpc: 'CONFLICT', http: 409, message: 'Já existe um cliente com este telefone.' },
  SLOT_TAKEN: {
    trpc: 'CONFLICT',
    http: 409,
    message: 'Este horário acabou de ser ocupado. Escolha outro horário.',
  },
  OUTSIDE_WORKING_HOURS: {
    trpc: 'BAD_REQUEST',
    http: 400,
    message: 'Fora do horário de trabalho do profissional.',
  },
  SERVICE_NOT_OFFERED: {
    trpc: 'BAD_REQUEST',
    http: 400,
    message: 'Este profissional não realiza este serviço.',
  },
  ALREADY_DECIDED: {
    trpc: 'CONFLICT',
    http: 409,
    message: 'Este pedido já foi decidido (talvez por outra pessoa da equipe).',
  },
  FILE_TYPE_NOT_ALLOWED: {
    trpc: 'BAD_REQUEST',
    http: 415,
    message: 'Este tipo de arquivo não é aceito aqui.',
  },
  FILE_TOO_LARGE: { trpc: 'PAYLOAD_TOO_LARGE', http: 413, message: 'Arquivo grande demais.' },
  FILE_NOT_UPLOADED: {
    trpc: 'CONFLICT',
    http: 409,
    message: 'O arquivo ainda não chegou ao armazenamento. Envie-o e tente de novo.',
  },
  FILE_MISMATCH: {
    trpc: 'BAD_REQUEST',
    http: 400,
    message: 'O arquivo enviado não corresponde ao que foi autorizado. Envie-o novamente.',
  },
  INVALID_STATE: { trpc: 'CONFLICT', http: 409, message: 'Esta ação não é possível no estado atual.' },
  RATE_LIMITED: {
    trpc: 'TOO_MANY_REQUESTS',
    http: 429,
    message: 'Muitas tentativas. Aguarde alguns minutos e tente novamente.',
  },
  SERVICE_UNAVAILABLE: {
    trpc: 'SERVICE_UNAVAILABLE',
    http: 503,
    message: 'Serviço temporariamente indisponível. Tente novamente em instantes.',
  },
  INTERNAL: { trpc: 'INTERNAL_SERVER_ERROR', http: 500, message: 'Erro interno. Tente novamente.' },
} as const satisfies Record<string, { trpc: string; http: number; message: string }>;

export type AppErrorCode = keyof typeof appErrorCatalog;
export const appErrorCodes = Object.keys(appErrorCatalog) as AppErrorCode[];

/** A domain error: thrown by core, translated to tRPC or REST at the edge. */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: AppErrorCode, message?: string, details?: Record<string, unknown>) {
    super(message ?? appErrorCatalog[code].message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
