import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { router } from './init';
import { authRouter } from './routers/auth';
import { tenantRouter } from './routers/tenant';
import { usersRouter } from './routers/users';

export const appRouter = router({
  auth: authRouter,
  users: usersRouter,
  tenant: tenantRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
