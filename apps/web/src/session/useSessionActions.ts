import { trpc, type RouterOutputs } from '../api/trpc';
import { clearSession, readSession, writeSession } from './store';

type SignedIn = RouterOutputs['auth']['login'];

/** Stores a fresh session (after sign-in or sign-up); the sign-in pages then redirect into the app. */
export function useStartSession(): (signedIn: SignedIn) => void {
  const utils = trpc.useUtils();
  return (signedIn) => {
    utils.auth.me.setData(undefined, { user: signedIn.user, tenant: signedIn.tenant });
    writeSession({ accessToken: signedIn.accessToken, refreshToken: signedIn.refreshToken });
  };
}

/** Ends the session on the server, then forgets it here whatever the server said. */
export function useSignOut(): { signOut: () => Promise<void>; isSigningOut: boolean } {
  const logout = trpc.auth.logout.useMutation();
  const signOut = async () => {
    const session = readSession();
    if (session !== null) {
      try {
        await logout.mutateAsync({ refreshToken: session.refreshToken });
      } catch {
        // Already revoked or unreachable: the tokens are dropped here either way.
      }
    }
    // The sign-in guard then leads to /entrar (without "come back to" this page).
    clearSession('signed-out');
  };
  return { signOut, isSigningOut: logout.isPending };
}
