import type { AppRouter } from '@agenda-cheia/api/router';
import { TRPCClientError, type TRPCLink } from '@trpc/client';
import { observable, type Unsubscribable } from '@trpc/server/observable';
import { getFreshAccessToken, refreshAccessToken } from './refresh';
import { readSession } from './store';

/** Procedures that work without an access token; they never trigger a refresh. */
const SESSIONLESS_PATHS = new Set(['auth.login', 'auth.register', 'auth.refresh', 'auth.logout']);

function isUnauthorized(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return false;
  const data: unknown = error.data;
  if (typeof data !== 'object' || data === null) return false;
  const { code, httpStatus } = data as Record<string, unknown>;
  return code === 'UNAUTHORIZED' || httpStatus === 401;
}

/**
 * Keeps queries and mutations authenticated: refreshes the access token shortly before it expires,
 * and, when the server still answers UNAUTHORIZED, refreshes once and retries once.
 * The Authorization header itself is added by httpBatchLink, which reads the token at send time.
 * Subscriptions pass straight through: the WebSocket authenticates with its connectionParams.
 */
export function sessionLink(): TRPCLink<AppRouter> {
  return () =>
    ({ op, next }) => {
      if (op.type === 'subscription' || SESSIONLESS_PATHS.has(op.path)) return next(op);

      return observable((observer) => {
        let current: Unsubscribable | null = null;
        let stopped = false;

        const send = (isRetry: boolean) => {
          if (stopped) return;
          const sentWith = readSession()?.accessToken ?? null;
          current = next(op).subscribe({
            next: (result) => observer.next(result),
            complete: () => observer.complete(),
            error: (error) => {
              if (isRetry || sentWith === null || !isUnauthorized(error)) {
                observer.error(error);
                return;
              }
              refreshAccessToken(sentWith).then(
                (token) => (token === null ? observer.error(error) : send(true)),
                () => observer.error(error),
              );
            },
          });
        };

        // A failed early refresh is not fatal here: the request goes out and the answer decides.
        getFreshAccessToken().then(
          () => send(false),
          () => send(false),
        );

        return () => {
          stopped = true;
          current?.unsubscribe();
        };
      });
    };
}
