export * from './shared/clock';
export type { ActorContext } from './shared/context';
export type { Executor } from './shared/executor';
export * from './auth/passwords';
export * from './auth/tokens';
export * from './auth/service';
export * from './users/service';
export * from './tenants/service';
export { requireRole } from './users/permissions';
