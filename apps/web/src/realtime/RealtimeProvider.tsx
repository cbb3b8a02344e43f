import type { RealtimeEvent } from '@agenda-cheia/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useEffectEvent, useState, type ReactNode } from 'react';
import { trpc, type RealtimeSocket } from '../api/trpc';
import { useSession } from '../session/useSession';
import { applyEventToCache } from './applyEvent';
import { runEventStream, type StreamStatus } from './eventStream';

type Listener = (event: RealtimeEvent) => void;

interface RealtimeHub {
  listen: (listener: Listener) => () => void;
  status: StreamStatus;
}

const RealtimeContext = createContext<RealtimeHub | null>(null);

function createListenerRegistry() {
  const listeners = new Set<Listener>();
  return {
    listeners,
    listen: (listener: Listener): (() => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function useHub(): RealtimeHub {
  const hub = useContext(RealtimeContext);
  if (hub === null) throw new Error('useRealtime* needs a <RealtimeProvider> above it');
  return hub;
}

/**
 * The app's one event stream, open while someone is signed in: it keeps the query cache current and
 * passes every event to the components listening (toasts, the open chat's typing indicator).
 */
export function RealtimeProvider({ socket, children }: { socket: RealtimeSocket; children: ReactNode }) {
  const signedIn = useSession() !== null;
  const queryClient = useQueryClient();
  const utils = trpc.useUtils();
  const [{ listeners, listen }] = useState(createListenerRegistry);
  const [status, setStatus] = useState<StreamStatus>('connecting');

  const dispatch = useEffectEvent((event: RealtimeEvent) => {
    applyEventToCache(event, { queryClient, utils });
    for (const listener of listeners) listener(event);
  });

  useEffect(() => {
    if (!signedIn) {
      // The open connection authenticated as the person who just left: the next one starts afresh.
      void socket.client.close();
      return;
    }
    return runEventStream({
      client: utils.client,
      socket,
      onEvent: (event) => dispatch(event),
      onStatus: setStatus,
    });
  }, [signedIn, socket, utils.client]);

  return <RealtimeContext value={{ listen, status }}>{children}</RealtimeContext>;
}

/** Calls `listener` with every realtime event while the component is mounted. */
export function useRealtimeEvent(listener: Listener): void {
  const { listen } = useHub();
  const onEvent = useEffectEvent(listener);
  useEffect(() => listen((event) => onEvent(event)), [listen]);
}

export function useRealtimeStatus(): StreamStatus {
  return useHub().status;
}
