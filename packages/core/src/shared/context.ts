import type { Role } from '@agenda-cheia/contracts';

/** Who is acting. Built from a verified access token only: tenant ids never come from client input. */
export interface ActorContext {
  userId: string;
  tenantId: string;
  role: Role;
  /** The refresh-token family (login session) the access token belongs to. */
  sessionId: string;
  /** When the access token that authenticated this actor stops being valid. */
  expiresAt: Date;
}
