import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { applyWSSHandler } from '@trpc/server/adapters/ws';
import { WebSocketServer } from 'ws';
import type { Logger } from '../logger';
import type { Services } from '../services';
import { clientIp } from '../trpc/context';
import { reportTrpcError } from '../trpc/report-error';
import { appRouter } from '../trpc/router';

/** tRPC over ws on the same port and path as HTTP; the access token travels in connectionParams. */
export function attachWebSockets(deps: { server: Server; services: Services; log: Logger }) {
  const wss = new WebSocketServer({ server: deps.server, path: '/trpc', maxPayload: 1024 * 1024 });
  const handler = applyWSSHandler({
    wss,
    router: appRouter,
    keepAlive: { enabled: true, pingMs: 30_000, pongWaitMs: 10_000 },
    createContext: ({ req, info }) => {
      const token = info.connectionParams?.token;
      return {
        services: deps.services,
        log: deps.log,
        requestId: randomUUID(),
        ip: clientIp(req),
        accessToken: typeof token === 'string' && token ? token : null,
      };
    },
    onError: ({ error, path, ctx }) => reportTrpcError(ctx?.log ?? deps.log, error, path, ctx?.requestId),
  });
  return {
    wss,
    async close(): Promise<void> {
      handler.broadcastReconnectNotification();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
