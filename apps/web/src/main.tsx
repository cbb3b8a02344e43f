import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createRealtimeSocket, createTrpcClient, trpc } from './api/trpc';
import { App } from './App';
import { RealtimeProvider } from './realtime/RealtimeProvider';
import { readSession, subscribeToSession } from './session/store';
import './styles.css';

/** Retries only failures that never reached the API; an answer from the API is final. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  const answered = typeof error === 'object' && error !== null && 'data' in error && error.data != null;
  return !answered && failureCount < 2;
}

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: shouldRetry, staleTime: 30_000 },
  },
});
const realtimeSocket = createRealtimeSocket();
const trpcClient = createTrpcClient(realtimeSocket);

// Nothing of a signed-out account may stay in memory for the next one.
let signedIn = readSession() !== null;
subscribeToSession(() => {
  const nowSignedIn = readSession() !== null;
  if (signedIn && !nowSignedIn) queryClient.clear();
  signedIn = nowSignedIn;
});

const root = document.getElementById('root');
if (root === null) throw new Error('Missing #root element in index.html');

createRoot(root).render(
  <StrictMode>
    <trpc.Provider client={trpcClient} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>
        <RealtimeProvider socket={realtimeSocket}>
          <App />
        </RealtimeProvider>
      </QueryClientProvider>
    </trpc.Provider>
  </StrictMode>,
);
