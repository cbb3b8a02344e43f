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
import { createAgentConfigRegistry, createClientActions, sendDueReminders } from '@agenda-cheia/core';
import {
  createChatAgent,
  createLlmTurnRunner,
  listModels,
  LlmUnavailableError,
  type LlmTurnRunner,
} from '@agenda-cheia/agents';
import { type CampaignRunQueue, createCampaignRunner, isValidCampaignSchedule } from '@agenda-cheia/agents';
import { createCampaignRegistry, createFileRegistry, importInboundMedia } from '@agenda-cheia/core';
import type { Database, Kysely } from '@agenda-cheia/db';
import type { Config } from './config';
import type { ChatReplyQueue } from './jobs/chat-replies';
import type { InboundMediaQueue } from './jobs/inbound-media';
import type { FileStorage } from './storage';
import { createRateLimits } from './http/rate-limits';

/** The composition root's object graph: every domain service, built once per process. */
export function createServices(deps: {
  db: Kysely<Database>;
  config: Config;
  jwtSecret: string;
  encryptionKey: Buffer;
  clock?: Clock;
  transport?: EventTransport;
  /** Told when the LLM failed and the offline agent answered instead (logged by the server). */
  onLlmFailure?: (error: unknown, tenantId: string) => void;
  /** Durable ChatAgent replies to inbound client messages (pg-boss). */
  chatReplyQueue: ChatReplyQueue;
  /** Where files live (S3 or the embedded server) and the durable storing of inbound files. */
  fileStorage: FileStorage;
  inboundMediaQueue: InboundMediaQueue;
  /** Durable delivery of outbound messages (pg-boss, started by the server). */
  outboundQueue: OutboundQueue;
  /** Durable execution of campaign runs (pg-boss, started by the server). */
  campaignRunQueue: CampaignRunQueue;
}) {
  const clock = deps.clock ?? systemClock;
  const { db } = deps;
  const bus = createEventBus({ db, transport: deps.transport ?? createLocalTransport() });
  const passwords = createPasswordHasher(deps.config.BCRYPT_COST);
  const accessTokens = createAccessTokenIssuer({ secret: deps.jwtSecret, clock });
  const messenger = createClientMessenger({ db, bus, queue: deps.outboundQueue });
  const authRequests = createAuthRequestDesk({ db, bus, clock, messenger });
  const clientActions = createClientActions({ db, bus, clock });
  const llmLimits = {
    timeoutMs: deps.config.LLM_TIMEOUT_MS,
    maxRetries: deps.config.LLM_MAX_RETRIES,
    maxToolSteps: deps.config.LLM_MAX_TOOL_STEPS,
  };
  const deploymentLlm: LlmTurnRunner | null = deps.config.LLM_MODEL
    ? createLlmTurnRunner({
        baseUrl: deps.config.LLM_BASE_URL,
        apiKey: deps.config.LLM_API_KEY ?? '',
        model: deps.config.LLM_MODEL,
        ...llmLimits,
      })
    : null;
  const integrations = createIntegrationRegistry({
    db,
    secrets: createSecretBox(deps.encryptionKey),
    probeLlm: async (endpoint) => {
      try {
        return await listModels({ ...endpoint, ...llmLimits });
      } catch (error) {
        // The reason is written for the owner (pt-BR); the provider's raw text stays in the logs.
        throw error instanceof LlmUnavailableError ? new Error(error.reason) : error;
      }
    },
  });
  // One client per tenant integration version: a changed key or model gets a new one.
  const tenantLlms = new Map<string, { version: number; runner: LlmTurnRunner }>();
  const llmFor = async (tenantId: string): Promise<LlmTurnRunner | null> => {
    const endpoint = await integrations.activeLlmOf(tenantId);
    if (!endpoint) return deploymentLlm;
    const cached = tenantLlms.get(endpoint.integrationId);
    if (cached?.version === endpoint.updatedAt.getTime()) return cached.runner;
    const runner = createLlmTurnRunner({ ...endpoint, ...llmLimits });
    tenantLlms.set(endpoint.integrationId, { version: endpoint.updatedAt.getTime(), runner });
    return runner;
  };
  const files = createFileRegistry({
    db,
    store: deps.fileStorage.store,
    clock,
    maxBytes: deps.config.FILES_MAX_BYTES,
  });
  const chatAgentDeps = {
    db,
    clock,
    authRequests,
    clientActions,
    llmFor,
    onLlmFailure: (error: unknown, tenantId: string) => deps.onLlmFailure?.(error, tenantId),
  };
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
    integrations,
    messenger,
    authRequests,
    clientActions,
    agentConfigs: createAgentConfigRegistry({ db }),
    /** Appointment reminders, sent by the scheduler's minute tick. */
    reminders: { sendDue: () => sendDueReminders({ db, bus, clock, messenger }) },
    chatReplyQueue: deps.chatReplyQueue,
    files,
    fileStorage: deps.fileStorage,
    inboundMediaQueue: deps.inboundMediaQueue,
    /** Fetches an inbound message's file from the provider and stores it (the inbound-media job). */
    importInboundMedia: (job: { tenantId: string; messageId: string }) =>
      importInboundMedia(
        {
          db,
          bus,
          files,
          limits: {
            maxBytes: deps.config.FILES_MAX_BYTES,
            timeoutMs: deps.config.INBOUND_MEDIA_TIMEOUT_MS,
            allowedHosts: deps.config.INBOUND_MEDIA_ALLOWED_HOSTS,
          },
        },
        job,
      ),
    chatAgentDeps,
    chatAgent: createChatAgent({ ...chatAgentDeps, bus, messenger }),
    campaigns: createCampaignRegistry({ db, clock, isValidSchedule: isValidCampaignSchedule }),
    /** Prazo Certo and Encher Agenda: manual runs now, scheduled runs through the job queue. */
    campaignRuns: createCampaignRunner({
      db,
      bus,
      clock,
      messenger,
      authRequests,
      queue: deps.campaignRunQueue,
    }),
    /** Stores an outbound message and queues its delivery (or stores it `failed: no gateway`). */
    outbound: {
      send: (input: OutboundMessageInput) =>
        createOutboundMessage(db, { bus, queue: deps.outboundQueue }, input),
    },
  };
}

export type Services = ReturnType<typeof createServices>;
