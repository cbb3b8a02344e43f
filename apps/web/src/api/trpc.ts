import type { AppRouter } from '@agenda-cheia/api/router';
import { createWSClient, httpBatchLink, splitLink, wsLink } from '@trpc/client';
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

export function createTrpcClient() {
  const wsClient = createWSClient({
    url: webSocketUrl,
    connectionParams: async () => {
      const token = await getFreshAccessToken();
      return token === null ? {} : { token };
    },
    lazy: { enabled: true, closeMs: 10_000 },
  });

  return trpc.createClient({
    links: [
      sessionLink(),
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: wsLink({ client: wsClient }),
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
