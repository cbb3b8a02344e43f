import { trpc, type RouterOutputs } from '../api/trpc';

export type SignedIn = RouterOutputs['auth']['me'] & {
  /** Owners and admins change the business settings; staff only read them. */
  canManage: boolean;
};

/** Who is signed in and for which business. The shell loads it before any page renders. */
export function useSignedIn(): SignedIn | null {
  const me = trpc.auth.me.useQuery();
  if (me.data === undefined) return null;
  return { ...me.data, canManage: me.data.user.role !== 'staff' };
}
