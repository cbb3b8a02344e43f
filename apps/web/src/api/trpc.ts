import type { AppRouter } from '@agenda-cheia/api/router';
import { createWSClient, httpBatchLink, splitLink, wsLink, type TRPCWebSocketClient } from '@trpc/client';
import { createTRPCReact } from '@trpc/react-query';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { getFreshAccessToken } from '../session/refresh';
import { sessionLink } from '../session/link';
import { readSession } from '../session/store';

export const trpc = createTRPCReact<AppRouter>();

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

function webSocketUrl(): string {
  const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${window.location.host}/trpc`;
}

/**
 * The one WebSocket of the app. The server authenticates a connection once, with the token sent when
 * it opens; when that token expires, the connection must be closed and opened again (see realtime/).
 */
export interface RealtimeSocket {
  client: TRPCWebSocketClient;
  /** The access token the current (or last) connection authenticated with. */
  connectedWith(): string | null;
}

export function createRealtimeSocket(): RealtimeSocket {
  let connectedWith: string | null = null;
  const client = createWSClient({
    url: webSocketUrl,
    connectionParams: async () => {
      const token = await getFreshAccessToken();
      connectedWith = token;
      return token === null ? {} : { token };
    },
    lazy: { enabled: true, closeMs: 10_000 },
  });
  return { client, connectedWith: () => connectedWith };
}

export function createTrpcClient(socket: RealtimeSocket) {
  return trpc.createClient({
    links: [
      sessionLink(),
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: wsLink({ client: socket.client }),
        false: httpBatchLink({
          url: '/trpc',
          headers: () => {
            const token = readSession()?.accessToken;
            return token === undefined ? {} : { Authorization: `Bearer ${token}` };
          },
        }),
      }),
    ],
  });
}
