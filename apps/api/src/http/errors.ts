import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, type AppErrorCode, appErrorCatalog } from '@agenda-cheia/contracts';
import { isConnectionError } from '@agenda-cheia/db';
import type { Logger } from 'pino';
import { isDataException } from '../trpc/errors';

/** REST routes answer `{ error: { code, message } }` with the matching HTTP status. */
export function sendError(
  res: Parameters<RequestHandler>[1],
  code: AppErrorCode | 'PAYLOAD_TOO_LARGE' | 'MALFORMED_JSON' | 'ROUTE_NOT_FOUND',
  message?: string,
): void {
  const known = code in appErrorCatalog ? appErrorCatalog[code as AppErrorCode] : undefined;
  const status =
    code === 'PAYLOAD_TOO_LARGE'
      ? 413
      : code === 'MALFORMED_JSON'
        ? 400
        : code === 'ROUTE_NOT_FOUND'
          ? 404
          : (known?.http ?? 500);
  res.status(status).json({ error: { code, message: message ?? known?.message ?? 'Erro.' } });
}

export const apiNotFound: RequestHandler = (_req, res) => {
  sendError(res, 'ROUTE_NOT_FOUND', 'Rota não encontrada.');
};

interface BodyParserError {
  type?: string;
  status?: number;
}

export function restErrorHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const parserError = error as BodyParserError;
    if (parserError.type === 'entity.too.large') {
      sendError(res, 'PAYLOAD_TOO_LARGE', 'Corpo da requisição grande demais.');
      return;
    }
    if (parserError.type === 'entity.parse.failed') {
      sendError(res, 'MALFORMED_JSON', 'JSON malformado.');
      return;
    }
    if (typeof parserError.status === 'number' && parserError.status >= 400 && parserError.status < 500) {
      sendError(res, 'VALIDATION_FAILED', 'Requisição inválida.');
      return;
    }
    if (error instanceof AppError) {
      sendError(res, error.code, error.message);
      return;
    }
    if (isDataException(error)) {
      log.warn({ err: error, requestId: req.id }, 'the database refused a value');
      sendError(res, 'VALIDATION_FAILED');
      return;
    }
    if (isConnectionError(error)) {
      log.warn({ err: error, requestId: req.id }, 'database unavailable');
      sendError(res, 'SERVICE_UNAVAILABLE');
      return;
    }
    log.error({ err: error, requestId: req.id }, 'unhandled error in REST route');
    sendError(res, 'INTERNAL');
  };
}
