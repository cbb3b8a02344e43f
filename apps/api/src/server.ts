import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type DatabaseHandle, migrateToLatest, openDatabase } from '@agenda-cheia/db';
import { type Clock, systemClock, UPLOAD_URL_TTL_SECONDS } from '@agenda-cheia/core';
import { AppError } from '@agenda-cheia/contracts';
import { type CampaignScheduler, createCampaignScheduler } from '@agenda-cheia/agents';
import type { Config } from './config';
import { createHttpApp } from './http/app';
import { type Jobs, startJobs } from './jobs/start-jobs';
import type { OutboundDeliverySettings } from './jobs/outbound-delivery';
import { createLogger, type Logger } from './logger';
import { createRedisTransport } from './realtime/redis-transport';
import { attachWebSockets } from './realtime/ws';
import { resolveEncryptionKey, resolveJwtSecret } from './secrets';
import { seedDemoBusiness } from './seed/demo';
import { createServices, type Services } from './services';
import { startFileCleanup } from './jobs/file-cleanup';
import { type FileStorage, openFileStorage } from './storage';

export interface ApiServer {
  url: string;
  port: number;
  services: Services;
  database: DatabaseHandle;
  demoSeeded: boolean;
  /** The campaign scheduler: `tick()` runs one tick now (tests drive it with their clock). */
  scheduler: CampaignScheduler;
  close(): Promise<void>;
}

export interface StartOptions {
  config: Config;
  /** A database opened by the caller (tests); otherwise opened from config and closed with the server. */
  database?: DatabaseHandle;
  logger?: Logger;
  clock?: Clock;
  /** Outbound delivery retry schedule and polling (tests shorten them); production defaults otherwise. */
  outboundDelivery?: Partial<OutboundDeliverySettings>;
  /**
   * Whether node-cron ticks the campaign scheduler every minute. Default: yes, unless a clock is injected
   * (the system's minutes mean nothing to a test clock: tests call `scheduler.tick()`).
   */
  schedulerTicks?: boolean;
}

/** Composition root: database, services, HTTP + ws on one port. Used by main.ts and by tests. */
export async function startApiServer(options: StartOptions): Promise<ApiServer> {
  const { config } = options;
  const log = options.logger ?? createLogger(config);
  const jwtSecret = await resolveJwtSecret(config);
  const encryptionKey = await resolveEncryptionKey(config);

  const database =
    options.database ??
    (await openDatabase({
      databaseUrl: config.DATABASE_URL,
      embeddedDataDir: path.join(config.DATA_DIR, 'pgdata'),
      poolSize: config.DATABASE_POOL_SIZE,
      onPoolError: (error) => log.warn({ err: error }, 'database connection lost; the pool will reconnect'),
    }));
  const ownsDatabase = options.database === undefined;
  let jobs: Jobs | undefined;
  let fileStorage: FileStorage | undefined;
  let publicUrl = config.PUBLIC_URL;
  try {
    fileStorage = await openFileStorage({
      config,
      publicUrl: () => publicUrl ?? `http://localhost:${config.PORT}`,
      clock: options.clock ?? systemClock,
    });
    const { applied } = await migrateToLatest(database.db);
    if (applied.length > 0) log.info({ applied }, 'database migrated');
    const startedJobs = await startJobs({
      pool: database.pool,
      exclusive: database.exclusive,
      log,
      outboundDelivery: options.outboundDelivery,
    });
    jobs = startedJobs;

    const transport = config.REDIS_URL ? createRedisTransport({ url: config.REDIS_URL, log }) : undefined;
    const services = createServices({
      db: database.db,
      config,
      jwtSecret,
      encryptionKey,
      outboundQueue: startedJobs.outboundQueue,
      chatReplyQueue: startedJobs.chatReplyQueue,
      fileStorage,
      inboundMediaQueue: startedJobs.inboundMediaQueue,
      onLlmFailure: (error, tenantId) =>
        log.warn({ err: error, tenantId }, 'LLM failed; the offline agent answered'),
      campaignRunQueue: startedJobs.campaignRunQueue,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(transport ? { transport } : {}),
    });
    await startedJobs.startWorkers({
      db: database.db,
      bus: services.bus,
      clock: services.clock,
      signingSecretOf: services.integrations.signingSecretOf,
      mediaUrlOf: async (tenantId, fileId, expiresIn) => {
        try {
          return (await services.files.downloadUrl(tenantId, fileId, { expiresIn })).url;
        } catch (error) {
          if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
          throw error;
        }
      },
    });
    startedJobs.startInboundMedia((job) => services.importInboundMedia(job));
    fileStorage.onObjectCreated((key) => {
      services.files
        .confirmUploadedKey(key)
        .catch((error: unknown) => log.warn({ err: error, key }, 'could not confirm an uploaded file'));
    });
    const fileCleanup = startFileCleanup({ files: services.files, log });
    startedJobs.startChatReplies(services.chatAgent);
    startedJobs.startCampaignRuns(services.campaignRuns);
    const demoSeeded = config.SEED_DEMO ? await seedDemoBusiness({ db: database.db, services }) : false;

    const app = createHttpApp({ config, db: database.db, services, log });
    // Timeouts are checked every 5 s (Node's default is 30 s), so a slow client is cut close to its limit.
    const server = createServer({ connectionsCheckingInterval: 5_000 }, app);
    server.headersTimeout = 20_000;
    // Long enough for a 10 MiB upload over a slow phone connection through the embedded storage's
    // gateway (its URLs live five minutes); headersTimeout still cuts clients slow to send their headers.
    server.requestTimeout = UPLOAD_URL_TTL_SECONDS * 1000 + 30_000;
    // Neither timeout starts before a request's first byte: a connection that never sends one would hold
    // its socket (a file descriptor) forever. It gets as long as headers do; a request, an upgrade to
    // WebSocket (ws clears the timer) and keep-alive (keepAliveTimeout) take over from there.
    server.on('connection', (socket) => socket.setTimeout(server.headersTimeout));
    server.on('request', (req) => req.socket.setTimeout(0));
    const sockets = attachWebSockets({ server, services, log });

    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.PORT, config.HOST, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
    publicUrl ??= `http://${host}:${port}`;

    const scheduler = createCampaignScheduler({
      db: database.db,
      bus: services.bus,
      clock: services.clock,
      authRequests: services.authRequests,
      reminders: services.reminders,
      queue: startedJobs.campaignRunQueue,
      log,
    });
    if (options.schedulerTicks ?? options.clock === undefined) scheduler.start();

    let closing: Promise<void> | undefined;
    return {
      url: `http://${host}:${port}`,
      port,
      services,
      database,
      demoSeeded,
      scheduler,
      close() {
        closing ??= (async () => {
          await scheduler.stop();
          await fileCleanup.stop();
          await startedJobs.stop();
          await sockets.close();
          await services.bus.close();
          await new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeIdleConnections();
          });
          await fileStorage?.close();
          if (ownsDatabase) await database.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    await jobs?.stop();
    await fileStorage?.close();
    if (ownsDatabase) await database.close();
    throw error;
  }
}
