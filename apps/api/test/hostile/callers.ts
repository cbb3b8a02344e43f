import { createTRPCUntypedClient, createWSClient, TRPCClientError, wsLink } from '@trpc/client';
import { WebSocket } from 'ws';
import type { AppRouter } from '../../src/trpc/router';

export type ProcedureType = 'query' | 'mutation' | 'subscription';

/** What a call came to: `ok`, or the appCode (else the tRPC code) it was refused with; and every byte answered. */
export interface Outcome {
  code: string;
  body: string;
}

interface ErrorBody {
  error?: { data?: { code?: string; appCode?: string } };
}

/** A query or mutation over plain HTTP, by path: the table addresses procedures by name, untyped. */
export async function callHttp(
  url: string,
  path: string,
  type: 'query' | 'mutation',
  input: unknown,
  token?: string,
): Promise<Outcome> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const response =
    type === 'query'
      ? await fetch(
          `${url}/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`,
          { headers },
        )
      : await fetch(`${url}/trpc/${path}`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          ...(input === undefined ? {} : { body: JSON.stringify(input) }),
        });
  const body = await response.text();
  if (response.ok) return { code: 'ok', body };
  const parsed = JSON.parse(body) as ErrorBody;
  return { code: parsed.error?.data?.appCode ?? parsed.error?.data?.code ?? `HTTP_${response.status}`, body };
}

/**
 * A subscription over ws, by path: `ok` with the first chunk (replays and the playground answer at once),
 * or the code it was refused with. Ends the subscription and the socket either way.
 */
export async function callWs(wsUrl: string, path: string, input: unknown, token?: string): Promise<Outcome> {
  const socket = createWSClient({
    url: wsUrl,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
    connectionParams: () => (token ? { token } : {}),
  });
  const client = createTRPCUntypedClient<AppRouter>({ links: [wsLink({ client: socket })] });
  try {
    return await new Promise<Outcome>((resolve) => {
      // A subscription that neither answers nor refuses is a finding too, not a hung test.
      const silence = setTimeout(() => {
        subscription.unsubscribe();
        resolve({ code: 'NO_ANSWER', body: '' });
      }, 15_000);
      const subscription = client.subscription(path, input, {
        onData: (data: unknown) => {
          clearTimeout(silence);
          subscription.unsubscribe();
          resolve({ code: 'ok', body: JSON.stringify(data) });
        },
        onError: (error: unknown) => {
          clearTimeout(silence);
          const data =
            error instanceof TRPCClientError
              ? (error.data as { code?: string; appCode?: string })
              : undefined;
          resolve({
            code: data?.appCode ?? data?.code ?? 'UNKNOWN',
            body: JSON.stringify({ error: error instanceof Error ? error.message : String(error), data }),
          });
        },
      });
    });
  } finally {
    await socket.close();
  }
}
