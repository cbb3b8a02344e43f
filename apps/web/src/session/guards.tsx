import { Navigate, Outlet, useLocation } from 'react-router';
import { readSessionEndReason } from './store';
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

/**
 * Routes behind sign-in: without a session, go to /entrar, and come back to this page after signing
 * in, unless the person has just signed out on purpose.
 */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (session === null) {
    const state: SignInRedirectState | null =
      readSessionEndReason() === 'signed-out' ? null : { from: location.pathname + location.search };
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
