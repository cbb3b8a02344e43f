import { randomUUID } from 'node:crypto';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import cors from 'cors';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Database, Kysely } from '@agenda-cheia/db';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Services } from '../services';
import { bearerToken, clientIp } from '../trpc/context';
import { reportTrpcError } from '../trpc/report-error';
import { appRouter } from '../trpc/router';
import { apiNotFound, restErrorHandler, sendError } from './errors';
import { healthRouter } from './health';
import { openApiRouter } from './openapi';
import { n8nWebhookRouter } from './webhooks';
import { bucketEventRouter } from './bucket-events';
import { EMBEDDED_BUCKET, GATEWAY_MOUNT_PATH } from '../storage';
import { webAppRouter } from './web';

/**
 * A path of an object in the embedded bucket as the API signs them: keys are built from ids, purposes
 * and sanitised file names, so every segment is plain [A-Za-z0-9._-] and none is `.` or `..`.
 */
function isGatewayObjectPath(pathname: string): boolean {
  const prefix = `${GATEWAY_MOUNT_PATH}/${EMBEDDED_BUCKET}/`;
  if (!pathname.startsWith(prefix)) return false;
  return pathname
    .slice(prefix.length)
    .split('/')
    .every((segment) => /^[A-Za-z0-9._-]+$/.test(segment) && segment !== '.' && segment !== '..');
}

export function createHttpApp(deps: {
  config: Config;
  db: Kysely<Database>;
  services: Services;
  log: Logger;
}): Express {
  const { config, log, services } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUST_PROXY);

  app.use(
    pinoHttp({
      logger: log,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/api/health' },
    }),
  );
  // The embedded storage's presigned URLs: before CORS and body parsing, which S3 requests must not meet.
  const { gateway, externalOrigin } = services.fileStorage;
  if (gateway) {
    app.use(GATEWAY_MOUNT_PATH, (req, res, next) => {
      req.url = req.originalUrl;
      // The gateway checks signatures against a URL built from Host: a header no URL can be built from
      // is the client's mistake, and must never become a rejection nobody handles (it ends the process).
      if (!URL.canParse(req.originalUrl, `http://${req.headers.host ?? 'localhost'}`)) {
        sendError(res, 'VALIDATION_FAILED', 'Cabeçalho Host inválido.');
        return;
      }
      // Preflights reach the storage unsigned: only paths of objects we could have signed get that far
      // (the embedded server answers some others, a %00 for one, with a 500).
      if (!isGatewayObjectPath(req.originalUrl.split('?')[0] ?? '')) {
        res
          .status(403)
          .type('application/xml')
          .send(
            '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Only presigned object requests are accepted.</Message></Error>',
          );
        return;
      }
      gateway(req, res).catch(next);
    });
  }
  const storageOrigins = externalOrigin ? [externalOrigin] : [];
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'connect-src': ["'self'", 'ws:', 'wss:', ...storageOrigins],
          'img-src': ["'self'", 'data:', 'blob:', ...storageOrigins],
          'media-src': ["'self'", 'blob:', ...storageOrigins],
        },
      },
    }),
  );
  app.use(
    cors({
      origin: config.CORS_ORIGINS.length > 0 ? config.CORS_ORIGINS : false,
      allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id', 'trpc-accept'],
      maxAge: 600,
    }),
  );

  app.use('/api', healthRouter(deps.db, services.fileStorage.store));
  app.use('/api', openApiRouter());
  app.use('/api/v1/webhooks/n8n', n8nWebhookRouter({ db: deps.db, services }));
  app.use('/api/v1/webhooks/s3', bucketEventRouter({ token: config.S3_WEBHOOK_TOKEN, services }));

  app.use(
    '/trpc',
    createExpressMiddleware({
      router: appRouter,
      maxBodySize: 1024 * 1024,
      createContext: ({ req, res }) => ({
        services,
        log: req.log,
        requestId: typeof req.id === 'string' ? req.id : randomUUID(),
        ip: clientIp(req),
        accessToken: bearerToken(req.headers.authorization),
        setHeader: (name: string, value: string) => res.setHeader(name, value),
      }),
      onError: ({ error, path, ctx }) => reportTrpcError(ctx?.log ?? log, error, path, ctx?.requestId),
    }),
  );

  app.use('/api', apiNotFound);
  const web = webAppRouter(config.WEB_DIST_DIR);
  if (web) app.use(web);
  else log.warn({ dir: config.WEB_DIST_DIR }, 'web app not built: serving the API only');
  app.use(restErrorHandler(log));
  return app;
}
