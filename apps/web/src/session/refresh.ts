import type { AppRouter } from '@agenda-cheia/api/router';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { clearSession, expiresWithin, readSession, writeSession } from './store';

/** Refresh this long before the access token expires, so a request never travels with a dying token. */
export const REFRESH_MARGIN_MS = 30_000;
const LOCK_NAME = 'agenda-cheia-refresh';

// A bare client for the refresh call itself: it must not go through the session link (no recursion).
const refreshClient = createTRPCClient<AppRouter>({ links: [httpLink({ url: '/trpc' })] });

let inFlight: Promise<string | null> | null = null;

/** Runs `task` while holding a lock shared by every tab of this origin, when the browser has one. */
async function withCrossTabLock<T>(task: () => Promise<T>): Promise<T> {
  if ('locks' in navigator) {
    return await navigator.locks.request(LOCK_NAME, task);
  }
  return await task();
}

/** A refusal from the server (the refresh token is expired, revoked or reused), not a network hiccup. */
function isRefusal(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return false;
  const data: unknown = error.data;
  if (typeof data !== 'object' || data === null) return false;
  const status = (data as Record<string, unknown>).httpStatus;
  return status === 400 || status === 401 || status === 403;
}

async function rotate(staleAccessToken: string | null): Promise<string | null> {
  // Re-read inside the lock: another tab may already have rotated the pair. Presenting the old
  // refresh token again would look like theft to the server and revoke the whole session.
  const current = readSession();
  if (current === null) return null;
  if (current.accessToken !== staleAccessToken && !expiresWithin(current.accessToken, REFRESH_MARGIN_MS)) {
    return current.accessToken;
  }
  try {
    const pair = await refreshClient.auth.refresh.mutate({ refreshToken: current.refreshToken });
    writeSession({ accessToken: pair.accessToken, refreshToken: pair.refreshToken });
    return pair.accessToken;
  } catch (error) {
    if (isRefusal(error)) {
      clearSession('expired');
      return null;
    }
    throw error;
  }
}

/**
 * Gets a new access token, replacing `staleAccessToken`. Only one refresh runs at a time: callers in
 * this tab share one promise, and tabs queue on a Web Lock. Resolves to null when the session is over
 * (it is then cleared); rejects when the server could not be reached (the session is kept).
 */
export function refreshAccessToken(staleAccessToken: string | null): Promise<string | null> {
  inFlight ??= withCrossTabLock(() => rotate(staleAccessToken)).finally(() => {
    inFlight = null;
  });
  return inFlight;
}

/** The access token to send now, refreshed first when it is about to expire. Null when signed out. */
export async function getFreshAccessToken(): Promise<string | null> {
  const session = readSession();
  if (session === null) return null;
  if (!expiresWithin(session.accessToken, REFRESH_MARGIN_MS)) return session.accessToken;
  return await refreshAccessToken(session.accessToken);
}
