import type { AppRouter } from '@agenda-cheia/api/router';
import type { RealtimeEvent } from '@agenda-cheia/contracts';
import type { TRPCClient } from '@trpc/client';
import type { Unsubscribable } from '@trpc/server/observable';
import type { RealtimeSocket } from '../api/trpc';
import { appCodeOf } from '../forms/errors';
import { refreshAccessToken } from '../session/refresh';

/** live: events flow; connecting: first connection or a new one after renewing the session; offline: retrying. */
export type StreamStatus = 'connecting' | 'live' | 'offline';

const MAX_RETRY_DELAY_MS = 30_000;

function retryDelay(attempt: number): number {
  return Math.min(1_000 * 2 ** attempt, MAX_RETRY_DELAY_MS);
}

/** The server ended the stream because the token its connection authenticated with is no longer valid. */
function needsNewToken(error: unknown): boolean {
  const code = appCodeOf(error);
  return code === 'TOKEN_EXPIRED' || code === 'TOKEN_INVALID' || code === 'UNAUTHENTICATED';
}

/**
 * Keeps one `events.stream` subscription alive for the signed-in person and hands every event to
 * `onEvent`, in order, without gaps:
 * - a dropped socket is reopened by the ws client itself, which resubscribes with the last tracked id;
 * - when the access token the socket authenticated with expires, the server ends the stream with
 *   TOKEN_EXPIRED: the session is renewed, the socket closed (so the next one authenticates with the
 *   fresh token) and the stream resumed from the last tracked id we received;
 * - any other ending is retried with a growing delay, resuming the same way.
 * Returns the function that stops it.
 */
export function runEventStream(options: {
  client: TRPCClient<AppRouter>;
  socket: RealtimeSocket;
  onEvent: (event: RealtimeEvent) => void;
  onStatus: (status: StreamStatus) => void;
}): () => void {
  const { client, socket, onEvent, onStatus } = options;
  let lastEventId: string | null = null;
  let subscription: Unsubscribable | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;
  let stopped = false;

  const subscribe = () => {
    if (stopped) return;
    subscription = client.events.stream.subscribe(lastEventId === null ? {} : { lastEventId }, {
      onStarted: () => {
        attempt = 0;
        onStatus('live');
      },
      onData: (message) => {
        // Transient events (typing) come bare; durable ones tracked, with the id to resume after.
        if ('event_type' in message) {
          onEvent(message);
          return;
        }
        lastEventId = message.id;
        onEvent(message.data);
      },
      onConnectionStateChange: (state) => {
        if (state.state === 'connecting' && state.error !== null) onStatus('offline');
      },
      onError: (error) => {
        subscription = null;
        if (needsNewToken(error)) void renewAndResume();
        else retryLater();
      },
      onComplete: () => {
        // Completed without an error: the server stopped the stream, or the socket was closed under it.
        subscription = null;
        retryLater();
      },
    });
  };

  const retryLater = () => {
    if (stopped) return;
    onStatus('offline');
    clearTimeout(retryTimer);
    retryTimer = setTimeout(subscribe, retryDelay(attempt));
    attempt += 1;
  };

  const renewAndResume = async () => {
    if (stopped) return;
    onStatus('connecting');
    try {
      // Renews only if nobody (another request, another tab) already replaced that token.
      const token = await refreshAccessToken(socket.connectedWith());
      // Null: the session is over and has been cleared; signing out stops this stream.
      if (token === null || stopped) return;
      await socket.client.close();
      // Renewing twice in a row without receiving anything means something else is wrong: slow down.
      if (attempt > 0) {
        retryLater();
        return;
      }
      attempt += 1;
      subscribe();
    } catch {
      // The server could not be reached to renew: try again later, the session is kept.
      retryLater();
    }
  };

  onStatus('connecting');
  subscribe();

  return () => {
    stopped = true;
    clearTimeout(retryTimer);
    subscription?.unsubscribe();
    subscription = null;
  };
}
