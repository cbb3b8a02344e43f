import {
  createAccessTokenIssuer,
  createAppointmentBook,
  createAvailabilityService,
  createClientDirectory,
  createConversationDesk,
  createEventBus,
  createIntegrationRegistry,
  createSecretBox,
  createLocalTransport,
  createProfessionalRoster,
  createServiceCatalog,
  type EventTransport,
  createAuthService,
  createPasswordHasher,
  createTenantService,
  createUserService,
  type Clock,
  systemClock,
} from '@agenda-cheia/core';
import {
  createAuthRequestDesk,
  createClientMessenger,
  createOutboundMessage,
  type OutboundMessageInput,
  type OutboundQueue,
} from '@agenda-cheia/core';
import type { Database, Kysely } from '@agenda-cheia/db';
import type { Config } from './config';
import { createRateLimits } from './http/rate-limits';

/** The composition root's object graph: every domain service, built once per process. */
export function createServices(deps: {
  db: Kysely<Database>;
  config: Config;
  jwtSecret: string;
  encryptionKey: Buffer;
  clock?: Clock;
  transport?: EventTransport;
  /** Durable delivery of outbound messages (pg-boss, started by the server). */
  outboundQueue: OutboundQueue;
}) {
  const clock = deps.clock ?? systemClock;
  const { db } = deps;
  const bus = createEventBus({ db, transport: deps.transport ?? createLocalTransport() });
  const passwords = createPasswordHasher(deps.config.BCRYPT_COST);
  const accessTokens = createAccessTokenIssuer({ secret: deps.jwtSecret, clock });
  const messenger = createClientMessenger({ db, bus, queue: deps.outboundQueue });
  return {
    clock,
    auth: createAuthService({ db: deps.db, passwords, accessTokens, clock }),
    users: createUserService({ db: deps.db, passwords }),
    tenants: createTenantService({ db: deps.db }),
    rateLimits: createRateLimits(deps.config),
    bus,
    catalog: createServiceCatalog({ db }),
    professionals: createProfessionalRoster({ db }),
    clients: createClientDirectory({ db }),
    availability: createAvailabilityService({ db, clock }),
    appointments: createAppointmentBook({ db, bus, clock }),
    inbox: createConversationDesk({ db, bus }),
    integrations: createIntegrationRegistry({ db, secrets: createSecretBox(deps.encryptionKey) }),
    messenger,
    authRequests: createAuthRequestDesk({ db, bus, clock, messenger }),
    /** Stores an outbound message and queues its delivery (or stores it `failed: no gateway`). */
    outbound: {
      send: (input: OutboundMessageInput) =>
        createOutboundMessage(db, { bus, queue: deps.outboundQueue }, input),
    },
  };
}

export type Services = ReturnType<typeof createServices>;
