import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { router } from './init';
import { appointmentsRouter } from './routers/appointments';
import { agentsRouter } from './routers/agents';
import { authRouter } from './routers/auth';
import { authRequestsRouter } from './routers/auth-requests';
import { automationsRouter } from './routers/automations';
import { campaignsRouter } from './routers/campaigns';
import { clientsRouter } from './routers/clients';
import { conversationsRouter } from './routers/conversations';
import { integrationsRouter } from './routers/integrations';
import { messagesRouter } from './routers/messages';
import { eventsRouter } from './routers/events';
import { filesRouter } from './routers/files';
import { professionalsRouter } from './routers/professionals';
import { scheduleRouter } from './routers/schedule';
import { servicesRouter } from './routers/services';
import { tenantRouter } from './routers/tenant';
import { usersRouter } from './routers/users';

export const appRouter = router({
  auth: authRouter,
  users: usersRouter,
  tenant: tenantRouter,
  services: servicesRouter,
  professionals: professionalsRouter,
  clients: clientsRouter,
  schedule: scheduleRouter,
  appointments: appointmentsRouter,
  events: eventsRouter,
  integrations: integrationsRouter,
  conversations: conversationsRouter,
  messages: messagesRouter,
  files: filesRouter,
  authRequests: authRequestsRouter,
  campaigns: campaignsRouter,
  automations: automationsRouter,
  agents: agentsRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
