import { SessionGateTimeoutError } from './session-gate';
/** PostgreSQL SQLSTATE codes the app translates into domain errors. */
export const pgErrorCodes = {
  uniqueViolation: '23505',
  exclusionViolation: '23P01',
  foreignKeyViolation: '23503',
} as const;

interface PgLikeError {
  code?: unknown;
  constraint?: unknown;
}

function asPgError(error: unknown): PgLikeError | undefined {
  return typeof error === 'object' && error !== null ? error : undefined;
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pg = asPgError(error);
  return pg?.code === pgErrorCodes.uniqueViolation && (!constraint || pg.constraint === constraint);
}

export function isExclusionViolation(error: unknown, constraint?: string): boolean {
  const pg = asPgError(error);
  return pg?.code === pgErrorCodes.exclusionViolation && (!constraint || pg.constraint === constraint);
}

/** Connection-level failures (server down, restarting, refused): the API answers 503 for these. */
export function isConnectionError(error: unknown): boolean {
  // The embedded database too busy to give a turn in time is, to a caller, a server that did not answer.
  if (error instanceof SessionGateTimeoutError) return true;
  const pg = asPgError(error);
  const code = typeof pg?.code === 'string' ? pg.code : '';
  if (
    [
      'ECONNREFUSED',
      'ECONNRESET',
      'ETIMEDOUT',
      'EPIPE',
      '57P01',
      '57P02',
      '57P03',
      '08006',
      '08001',
      '08003',
    ].includes(code)
  ) {
    return true;
  }
  const message = error instanceof Error ? error.message : '';
  // "not queryable": a statement on a client that lost its server earlier (see createPool).
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|not queryable/i.test(
    message,
  );
}
