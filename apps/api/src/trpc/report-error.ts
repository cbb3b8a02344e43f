import type { TRPCError } from '@trpc/server';
import type { Logger } from 'pino';
import { classify, isDataException } from './errors';

/** Only unknown failures are errors worth a stack in the logs; domain refusals are routine. */
export function reportTrpcError(
  log: Logger,
  error: TRPCError,
  path: string | undefined,
  requestId?: string,
): void {
  const code = classify(error.cause);
  if (isDataException(error.cause)) {
    // Answered as invalid data; worth a look in case a value our own code built was the one refused.
    log.warn({ path, requestId, err: error.cause }, 'the database refused a value');
  } else if (code === 'SERVICE_UNAVAILABLE') {
    log.warn({ path, requestId, err: error.cause }, 'database unavailable');
  } else if (!code && error.code === 'INTERNAL_SERVER_ERROR') {
    log.error({ path, requestId, err: error.cause ?? error }, 'unhandled error in procedure');
  }
}
