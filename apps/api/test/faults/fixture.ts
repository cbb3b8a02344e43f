import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { Socket } from 'node:net';
import { type DatabaseHandle, sql } from '@agenda-cheia/db';
import type { ApiProcess, TrpcClient } from '../process-harness';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;

export interface Business {
  token: string;
  tenantId: string;
  userId: string;
  client: TrpcClient;
}

/** Signs a business up through the API, as its owner would. */
export async function registerBusiness(api: ApiProcess, businessName = 'Salão da Ana'): Promise<Business> {
  const session = await api.client().auth.register.mutate({
    businessName,
    name: 'Ana Souza',
    email: `owner-${randomUUID()}@example.com`,
    password: 'senha-forte-123',
  });
  return {
    token: session.accessToken,
    tenantId: session.tenant.id,
    userId: session.user.id,
    client: api.client(session.accessToken),
  };
}

/** A client with an open WhatsApp conversation (as an inbound message would leave it), in the database. */
export async function openConversation(
  database: DatabaseHandle,
  tenantId: string,
  name = 'Maria Oliveira',
  phone = '+5511987654321',
): Promise<{ clientId: string; conversationId: string }> {
  const client = await database.db
    .insertInto('clients')
    .values({ tenant_id: tenantId, name, phone })
    .returning('id')
    .executeTakeFirstOrThrow();
  const conversation = await database.db
    .insertInto('conversations')
    .values({ tenant_id: tenantId, client_id: client.id, channel: 'whatsapp', mode: 'human' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { clientId: client.id, conversationId: conversation.id };
}

/** Staff replies through `messages.send`, `concurrency` at a time; answers the stored messages' ids in order. */
export async function sendMessages(
  client: TrpcClient,
  conversationId: string,
  count: number,
  concurrency = 8,
): Promise<string[]> {
  const ids: string[] = new Array<string>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const n = next;
      next += 1;
      const message = await client.messages.send.mutate({
        conversationId,
        text: `Mensagem ${n + 1} de ${count}`,
        clientMessageId: `fault-${n}-${randomUUID()}`,
      });
      ids[n] = message.id;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return ids;
}

export interface GatewayPost {
  key: string;
  body: string;
}

/**
 * Stands in for n8n on a fixed port: records every POST it receives (n8n acts on a message when it gets
 * it, whether or not its answer reaches the sender), answers 200 after `answerDelayMs`, and can go down
 * (stop listening, drop its connections) and come back on the same port.
 */
export async function startGateway(options: { answerDelayMs?: number } = {}) {
  const posts: GatewayPost[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const key = req.headers['idempotency-key'];
      posts.push({
        key: typeof key === 'string' ? key : '',
        body: Buffer.concat(chunks).toString('utf8'),
      });
      setTimeout(() => {
        if (!res.destroyed) res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      }, options.answerDelayMs ?? 0);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  const port = await listen(0);
  let listening = true;
  const down = async () => {
    if (!listening) return;
    listening = false;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
  };

  return {
    url: `http://127.0.0.1:${port}/webhook/agenda-cheia`,
    posts,
    /** The POSTs received, by Idempotency-Key. */
    byKey(): Map<string, GatewayPost[]> {
      const grouped = new Map<string, GatewayPost[]>();
      for (const post of posts) grouped.set(post.key, [...(grouped.get(post.key) ?? []), post]);
      return grouped;
    },
    down,
    async up() {
      if (listening) return;
      await listen(port);
      listening = true;
    },
    close: down,
  };
}

export type Gateway = Awaited<ReturnType<typeof startGateway>>;

/** How many of these messages are in each status. */
export async function messageStatusCounts(
  database: DatabaseHandle,
  ids: readonly string[],
): Promise<Record<string, number>> {
  const rows = await database.db
    .selectFrom('messages')
    .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('id', 'in', ids)
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** How many of these messages' delivery jobs (job id = message id) are in each pg-boss state. */
export async function jobStateCounts(
  database: DatabaseHandle,
  ids: readonly string[],
): Promise<Record<string, number>> {
  const { rows } = await sql<{ state: string; n: string }>`
    select state::text as state, count(*) as n from pgboss.job
    where name = 'outbound-message' and id = any(${ids}::uuid[]) group by state`.execute(database.db);
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

const DAY = 24 * 60 * MINUTE;

/**
 * A salon open every day 08:00–20:00 with four professionals and a 15-minute service that returns every
 * 30 days, `dueClients` clients who all last came 40 days ago (so all are due), and a Prazo Certo
 * campaign for them. Without `schedule` the campaign is disabled: only a manual run runs it.
 */
export async function seedRecallSalon(
  database: DatabaseHandle,
  shop: Business,
  options: { dueClients: number; gatewayUrl?: string; schedule?: string },
): Promise<{ campaignId: string; clientIds: string[] }> {
  const { client, tenantId } = shop;
  await client.tenant.update.mutate({
    settings: { minNoticeMin: 0, slotStepMin: 15, campaignSendsPerMinute: 600 },
  });
  if (options.gatewayUrl)
    await client.integrations.create.mutate({ kind: 'n8n', outboundUrl: options.gatewayUrl });
  const service = await client.services.create.mutate({
    name: 'Corte',
    durationMin: 15,
    priceCents: 5000,
    returnCycleDays: 30,
  });
  const hours = ([0, 1, 2, 3, 4, 5, 6] as const).map((weekday) => ({
    weekday,
    start: '08:00',
    end: '20:00',
  }));
  const professionals: string[] = [];
  for (const name of ['Ana', 'Bia', 'Carla', 'Duda']) {
    const professional = await client.professionals.create.mutate({ name, serviceIds: [service.id] });
    await client.professionals.setWorkingHours.mutate({ professionalId: professional.id, hours });
    professionals.push(professional.id);
  }
  const clients = await database.db
    .insertInto('clients')
    .values(
      Array.from({ length: options.dueClients }, (_, i) => ({
        tenant_id: tenantId,
        name: `Cliente ${i + 1}`,
        phone: `+55119${String(i + 1).padStart(8, '0')}`,
      })),
    )
    .returning('id')
    .execute();
  const firstVisit = Date.now() - 40 * DAY;
  await database.db
    .insertInto('appointments')
    .values(
      clients.map(({ id }, i) => {
        const start = new Date(firstVisit + Math.floor(i / professionals.length) * 15 * MINUTE);
        const end = new Date(start.getTime() + 15 * MINUTE);
        return {
          tenant_id: tenantId,
          client_id: id,
          service_id: service.id,
          professional_id: professionals[i % professionals.length] ?? '',
          starts_at: start,
          ends_at: end,
          buffer_before_min: 0,
          buffer_after_min: 0,
          blocked_during: sql<string>`tstzrange(${start}::timestamptz, ${end}::timestamptz, '[)')`,
          status: 'completed' as const,
          price_cents: 5000,
          final_price_cents: 5000,
          source: 'manual' as const,
          completed_at: end,
        };
      }),
    )
    .execute();
  const campaign = await client.campaigns.create.mutate({
    kind: 'prazo_certo',
    name: 'Retorno',
    config: {
      maxOffersPerRun: 1000,
      daysAhead: 7,
      discountPercent: 10,
      ...(options.schedule ? { schedule: options.schedule } : {}),
    },
    enabled: options.schedule !== undefined,
  });
  return { campaignId: campaign.id, clientIds: clients.map((c) => c.id) };
}

/** The runs of a campaign, oldest first. */
export async function runsOf(database: DatabaseHandle, campaignId: string) {
  return database.db
    .selectFrom('campaign_runs')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .orderBy('started_at')
    .execute();
}

/** The offers (auth requests) every run of a campaign made. */
export async function offersOf(database: DatabaseHandle, campaignId: string) {
  return database.db
    .selectFrom('auth_requests as r')
    .innerJoin('campaign_runs as run', 'run.id', 'r.campaign_run_id')
    .select(['r.id', 'r.client_id', 'r.campaign_run_id'])
    .where('run.campaign_id', '=', campaignId)
    .execute();
}

export interface SeenMessage {
  /** The stored event's id (durable events arrive tracked). */
  eventId: string | undefined;
  messageId: string;
}

/** An `events.stream` subscriber over ws (tRPC, the access token in connectionParams) on one process. */
export function subscribeEvents(api: ApiProcess, token: string, lastEventId?: string) {
  const socket = api.wsClient(token);
  const messages: SeenMessage[] = [];
  const errors: unknown[] = [];
  const subscription = socket.api.events.stream.subscribe(lastEventId ? { lastEventId } : {}, {
    onData: (item) => {
      const { id, data } = 'event_type' in item ? { id: undefined, data: item } : item;
      if (data.event_type === 'message_created')
        messages.push({ eventId: id, messageId: data.data.message.id });
    },
    onError: (error) => errors.push(error),
  });
  return {
    messages,
    errors,
    /** How many times this message's `message_created` arrived. */
    count: (messageId: string) => messages.filter((m) => m.messageId === messageId).length,
    async close() {
      subscription.unsubscribe();
      await socket.close();
    },
  };
}

export type EventSubscriber = ReturnType<typeof subscribeEvents>;

/** One staff message through `messages.send`; answers its id. */
export async function sendOne(client: TrpcClient, conversationId: string, text: string): Promise<string> {
  const message = await client.messages.send.mutate({
    conversationId,
    text,
    clientMessageId: `fault-${randomUUID()}`,
  });
  return message.id;
}

/**
 * Resolves once `subscriber` hears a message sent through `client`. The subscription starts
 * asynchronously, so probes are sent until one arrives; answers the id of the one heard.
 */
export async function heardThrough(
  subscriber: EventSubscriber,
  client: TrpcClient,
  conversationId: string,
  what: string,
  timeoutMs = 30 * SECOND,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const id = await sendOne(client, conversationId, `sonda: ${what}`);
    const waitUntil = Math.min(deadline, Date.now() + 2 * SECOND);
    while (Date.now() < waitUntil) {
      if (subscriber.count(id) > 0) return id;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (Date.now() >= deadline) throw new Error(`timed out waiting for ${what}`);
  }
}
