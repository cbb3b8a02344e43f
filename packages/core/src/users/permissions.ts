import { AppError, type Role } from '@agenda-cheia/contracts';
import type { ActorContext } from '../shared/context';

export function requireRole(actor: ActorContext, ...roles: Role[]): void {
  if (!roles.includes(actor.role)) throw new AppError('FORBIDDEN');
}
