import { Navigate, Outlet, useLocation } from 'react-router';
import { useSession } from './useSession';

interface SignInRedirectState {
  from: string;
}

function redirectTarget(state: unknown): string {
  if (typeof state !== 'object' || state === null) return '/';
  const from = (state as Partial<Record<keyof SignInRedirectState, unknown>>).from;
  // Only paths of this app: never an absolute URL handed over through history state.
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : '/';
}

/** Routes behind sign-in: without a session, go to /entrar and come back afterwards. */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (session === null) {
    const state: SignInRedirectState = { from: location.pathname + location.search };
    return <Navigate to="/entrar" replace state={state} />;
  }
  return <Outlet />;
}

/**
 * Sign-in and sign-up pages: once a session exists (already, or just created by the form),
 * go to the page that asked for sign-in, or to the dashboard.
 */
export function RedirectIfSignedIn() {
  const session = useSession();
  const location = useLocation();
  if (session !== null) return <Navigate to={redirectTarget(location.state)} replace />;
  return <Outlet />;
}
