import { AppError, type ChatIntent, type Media, type Message } from '@agenda-cheia/contracts';
import {
  type Database,
  type IntegrationRow,
  type Kysely,
  type OutboundTemplate,
  sql,
} from '@agenda-cheia/db';
import type { EventBus } from '../events/event-bus';
import { findActiveGateway, signBody } from '../integrations/integration-registry';
import type { Clock } from '../shared/clock';
import type { Executor } from '../shared/executor';
import { selectConversations } from './conversation-queries';
import { toConversation, toMessage } from './mappers';
import type { OutboundQueue } from './outbound-queue';

/** The reason stored on a message that could not be handed to any gateway ("not delivered: no gateway"). */
export const NO_GATEWAY = 'no gateway';

/** How long the gateway has to answer one delivery attempt. */
export const DELIVERY_TIMEOUT_MS = 10_000;

const PREVIEW_LENGTH = 120;

/** A stored file sent with the message; gateways get a presigned URL for it at each attempt. */
export interface OutboundMedia {
  fileId: string;
  mimeType: string;
  filename: string;
  size: number;
}

/** How long the presigned media URL in a delivery stays valid: the gateway fetches it when it sends. */
export const OUTBOUND_MEDIA_URL_TTL_SECONDS = 6 * 60 * 60;

export interface OutboundMessageInput {
  tenantId: string;
  conversationId: string;
  author: 'staff' | 'ai' | 'system';
  authorUserId: string | null;
  text: string;
  media?: OutboundMedia | null;
  /** Chosen by the sender (the dashboard) so a double-click or a retried request stores the message once. */
  clientMessageId?: string | null;
  /** Campaign messages: the approved template a gateway uses when the 24-hour window is closed. */
  template?: OutboundTemplate | null;
  /** AI replies: the intent the agent detected (shown beside the reply in the inbox). */
  intent?: ChatIntent | null;
  /** Campaign messages: paced per tenant (see `OutboundPacing`); stored in `send_after`. */
  pacing?: OutboundPacing | null;
}

/**
 * A tenant's paced sends (campaign offers) go out at most `sendsPerMinute` a minute, across runs and
 * processes, so unofficial WhatsApp connections are not banned for bursts. Each paced message gets its
 * turn when stored: `send_after` = max(notBefore, the tenant's latest turn + 60/rate s), taken under a
 * per-tenant transaction lock so concurrent senders never share a turn.
 */
export interface OutboundPacing {
  sendsPerMinute: number;
  /** Usually now. */
  notBefore: Date;
}

/** The next free turn of the tenant's paced sends, inside the caller's transaction (locks until commit). */
async function nextPacedTurn(trx: Executor, tenantId: string, pacing: OutboundPacing): Promise<Date> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`paced-sends:${tenantId}`}, 0))`.execute(trx);
  const latest = await trx
    .selectFrom('messages')
    .select((eb) => eb.fn.max('send_after').as('at'))
    .where('tenant_id', '=', tenantId)
    .where('send_after', 'is not', null)
    .executeTakeFirst();
  const gapMs = Math.ceil(60_000 / Math.max(1, pacing.sendsPerMinute));
  const after = latest?.at ? latest.at.getTime() + gapMs : Number.NEGATIVE_INFINITY;
  return new Date(Math.max(pacing.notBefore.getTime(), after));
}

/** WhatsApp lets a business write freely only within 24 hours of the client's last message. */
export const SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

function previewOf(text: string, media: Pick<Media, 'filename'> | null): string {
  const shown = text.trim() || (media ? `📎 ${media.filename ?? 'anexo'}` : '');
  return shown.length > PREVIEW_LENGTH ? `${shown.slice(0, PREVIEW_LENGTH - 1)}…` : shown;
}

/**
 * Stores an outbound message (staff reply, AI reply, confirmation, offer) and hands it to durable
 * delivery. Stored first, delivered later: the queue only carries the id. A tenant without an active
 * gateway gets the message stored as `failed: no gateway`, visible in the inbox, and nothing is queued.
 * Idempotent on `clientMessageId`: a repeat returns the stored message and neither queues nor announces.
 */
export async function createOutboundMessage(
  db: Kysely<Database>,
  deps: { bus: EventBus; queue: OutboundQueue },
  input: OutboundMessageInput,
): Promise<Message> {
  const media: Media | null = input.media
    ? { ...input.media, url: null, state: 'stored', error: null }
    : null;
  const clientMessageId = input.clientMessageId ?? null;

  const outcome = await db.transaction().execute(async (trx) => {
    const conversation = await trx
      .selectFrom('conversations')
      .select(['id', 'channel'])
      .where('tenant_id', '=', input.tenantId)
      .where('id', '=', input.conversationId)
      .executeTakeFirst();
    if (!conversation) throw new AppError('NOT_FOUND', 'Conversa não encontrada.');

    const gateway = await findActiveGateway(trx, input.tenantId);
    // Only a message that will be delivered takes a turn: one stored as `failed: no gateway` never goes out.
    const sendAfter = gateway && input.pacing ? await nextPacedTurn(trx, input.tenantId, input.pacing) : null;
    const inserted = await trx
      .insertInto('messages')
      .values({
        tenant_id: input.tenantId,
        conversation_id: conversation.id,
        channel: conversation.channel,
        direction: 'outbound',
        author: input.author,
        author_user_id: input.authorUserId,
        text: input.text,
        media: media ? JSON.stringify(media) : null,
        status: gateway ? 'queued' : 'failed',
        status_error: gateway ? null : NO_GATEWAY,
        client_message_id: clientMessageId,
        template: input.template ? JSON.stringify(input.template) : null,
        intent: input.intent ?? null,
        send_after: sendAfter,
      })
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'client_message_id']).where('client_message_id', 'is not', null).doNothing(),
      )
      .returningAll()
      .executeTakeFirst();

    if (!inserted) {
      // Only a repeated clientMessageId conflicts: answer with what the first request stored.
      const stored = await trx
        .selectFrom('messages')
        .selectAll()
        .where('tenant_id', '=', input.tenantId)
        .where('client_message_id', '=', clientMessageId)
        .executeTakeFirstOrThrow();
      return { created: false as const, message: toMessage(stored) };
    }

    await trx
      .updateTable('conversations')
      .set({
        last_message_at: inserted.created_at,
        last_message_preview: previewOf(inserted.text, media),
        updated_at: inserted.created_at,
      })
      .where('tenant_id', '=', input.tenantId)
      .where('id', '=', conversation.id)
      .execute();
    const conversationRow = await selectConversations(trx, input.tenantId)
      .where('conversations.id', '=', conversation.id)
      .executeTakeFirstOrThrow();
    return {
      created: true as const,
      message: toMessage(inserted),
      conversation: toConversation(conversationRow),
      sendAfter: inserted.send_after,
    };
  });

  if (!outcome.created) return outcome.message;
  const { message, conversation, sendAfter } = outcome;
  try {
    await deps.bus.publish(input.tenantId, {
      event_type: 'message_created',
      data: { message, conversation },
    });
    if (message.status === 'failed') {
      await deps.bus.publish(input.tenantId, {
        event_type: 'message_status',
        data: {
          messageId: message.id,
          conversationId: message.conversationId,
          status: 'failed',
          error: NO_GATEWAY,
        },
      });
    }
  } finally {
    // Announced first so a dashboard never hears "sent" before "created"; queued even if announcing failed.
    if (message.status === 'queued')
      await deps.queue.enqueue({
        tenantId: input.tenantId,
        messageId: message.id,
        ...(sendAfter ? { notBefore: sendAfter } : {}),
      });
  }
  return message;
}

/** One delivery attempt failed in a way worth retrying (gateway down, non-2xx, timeout). */
export class DeliveryAttemptError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'DeliveryAttemptError';
  }
}

export interface OutboundDeliveryDeps {
  db: Kysely<Database>;
  bus: EventBus;
  clock: Clock;
  /** Decrypts the gateway's signing secret (the integration registry's `signingSecretOf`). */
  signingSecretOf(gateway: IntegrationRow): string | undefined;
  /** A presigned download URL of a stored file (null when the file is gone). */
  mediaUrlOf(tenantId: string, fileId: string, expiresIn: number): Promise<string | null>;
  timeoutMs?: number;
}

export type DeliveryOutcome = 'sent' | 'no_gateway' | 'nothing_to_do';

/** What n8n receives for every outbound message: snake_case, like what it posts to us. */
function deliveryBody(
  row: {
    id: string;
    conversation_id: string;
    client_id: string;
    client_name: string;
    client_phone: string;
    channel: string;
    text: string;
    template: OutboundTemplate | null;
    last_inbound_at: Date | null;
  },
  media: { url: string; mimeType: string; filename: string | null } | null,
  now: Date,
): string {
  return JSON.stringify({
    event: 'send_message',
    message_id: row.id,
    conversation_id: row.conversation_id,
    client: { id: row.client_id, name: row.client_name, phone: row.client_phone },
    channel: row.channel,
    text: row.text,
    // Gateways on the official API must use an approved template when the window is closed.
    window_open:
      row.last_inbound_at !== null && now.getTime() - row.last_inbound_at.getTime() < SERVICE_WINDOW_MS,
    ...(row.template ? { template: row.template } : {}),
    ...(media ? { media: { url: media.url, mime_type: media.mimeType, filename: media.filename } } : {}),
  });
}

/** The media as the gateway gets it: a fresh presigned URL for a stored file, or the legacy link. */
async function deliverableMedia(
  deps: OutboundDeliveryDeps,
  tenantId: string,
  stored: (Partial<Media> & Pick<Media, 'mimeType'>) | null,
): Promise<{ url: string; mimeType: string; filename: string | null } | null | 'gone'> {
  if (!stored) return null;
  const filename = stored.filename ?? null;
  if (stored.fileId) {
    const url = await deps.mediaUrlOf(tenantId, stored.fileId, OUTBOUND_MEDIA_URL_TTL_SECONDS);
    return url === null ? 'gone' : { url, mimeType: stored.mimeType, filename };
  }
  return stored.url ? { url: stored.url, mimeType: stored.mimeType, filename } : null;
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') {
    return `no answer within ${timeoutMs / 1000} s`;
  }
  if (error instanceof Error) {
    const cause: unknown = error.cause;
    const code =
      cause instanceof Error && 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
    return code ? `connection failed (${code})` : `connection failed: ${error.message}`;
  }
  return 'connection failed';
}

/**
 * One delivery attempt of a stored outbound message: POST to the tenant's gateway, signed, with the
 * message id as Idempotency-Key (a retry after a lost answer is recognised by the gateway). Only a
 * `queued` message is posted, so a message already sent (or failed) is never posted again. Throws
 * DeliveryAttemptError when the attempt should be retried.
 */
export async function deliverOutboundMessage(
  deps: OutboundDeliveryDeps,
  job: { tenantId: string; messageId: string },
): Promise<DeliveryOutcome> {
  const { db } = deps;
  const timeoutMs = deps.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  const row = await db
    .selectFrom('messages')
    .innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
    .innerJoin('clients', 'clients.id', 'conversations.client_id')
    .select([
      'messages.id',
      'messages.conversation_id',
      'messages.channel',
      'messages.text',
      'messages.media',
      'messages.status',
      'messages.template',
      (eb) =>
        eb
          .selectFrom('messages as inbound')
          .select((ib) => ib.fn.max('inbound.created_at').as('at'))
          .whereRef('inbound.conversation_id', '=', 'messages.conversation_id')
          .where('inbound.direction', '=', 'inbound')
          .as('last_inbound_at'),
      'clients.id as client_id',
      'clients.name as client_name',
      'clients.phone as client_phone',
    ])
    .where('messages.tenant_id', '=', job.tenantId)
    .where('messages.id', '=', job.messageId)
    .where('messages.direction', '=', 'outbound')
    .executeTakeFirst();
  if (row?.status !== 'queued') return 'nothing_to_do';

  const gateway = await findActiveGateway(db, job.tenantId);
  if (!gateway?.outbound_url) {
    await failOutboundMessage(deps, { ...job, reason: NO_GATEWAY });
    return 'no_gateway';
  }
  const secret = deps.signingSecretOf(gateway);
  if (!secret) throw new DeliveryAttemptError('the gateway has no signing secret');

  const media = await deliverableMedia(deps, job.tenantId, row.media);
  if (media === 'gone') {
    await failOutboundMessage(deps, { ...job, reason: 'attachment deleted' });
    return 'nothing_to_do';
  }
  const body = deliveryBody(row, media, deps.clock.now());
  let response: Response;
  try {
    response = await fetch(gateway.outbound_url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-agenda-signature': signBody(secret, body),
        'idempotency-key': row.id,
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new DeliveryAttemptError(describeFailure(error, timeoutMs));
  }
  // The answer's body is not used; release the connection.
  await response.body?.cancel().catch(() => undefined);
  if (!response.ok) throw new DeliveryAttemptError(`HTTP ${response.status}`);

  await markSent(deps, { tenantId: job.tenantId, messageId: row.id });
  return 'sent';
}

/** queued → sent. A status the gateway already reported (delivered, read) is never moved back. */
async function markSent(
  deps: OutboundDeliveryDeps,
  job: { tenantId: string; messageId: string },
): Promise<void> {
  const now = deps.clock.now();
  const updated = await deps.db
    .updateTable('messages')
    .set({ status: 'sent', status_error: null, sent_at: now, updated_at: now })
    .where('tenant_id', '=', job.tenantId)
    .where('id', '=', job.messageId)
    .where('status', '=', 'queued')
    .returning(['id', 'conversation_id'])
    .executeTakeFirst();
  if (!updated) {
    await deps.db
      .updateTable('messages')
      .set({ sent_at: now })
      .where('tenant_id', '=', job.tenantId)
      .where('id', '=', job.messageId)
      .where('sent_at', 'is', null)
      .where('status', 'in', ['delivered', 'read'])
      .execute();
    return;
  }
  await deps.bus.publish(job.tenantId, {
    event_type: 'message_status',
    data: { messageId: updated.id, conversationId: updated.conversation_id, status: 'sent', error: null },
  });
}

/**
 * queued → failed with the reason, announced as `message_status`. A message that got further in the
 * meantime (sent, delivered, read) keeps its status. Answers whether it changed.
 */
export async function failOutboundMessage(
  deps: Pick<OutboundDeliveryDeps, 'db' | 'bus' | 'clock'>,
  job: { tenantId: string; messageId: string; reason: string },
): Promise<boolean> {
  const updated = await deps.db
    .updateTable('messages')
    .set({ status: 'failed', status_error: job.reason, updated_at: deps.clock.now() })
    .where('tenant_id', '=', job.tenantId)
    .where('id', '=', job.messageId)
    .where('status', '=', 'queued')
    .returning(['id', 'conversation_id'])
    .executeTakeFirst();
  if (!updated) return false;
  await deps.bus.publish(job.tenantId, {
    event_type: 'message_status',
    data: {
      messageId: updated.id,
      conversationId: updated.conversation_id,
      status: 'failed',
      error: job.reason,
    },
  });
  return true;
}

/** Outbound messages still waiting for delivery: re-queued at start-up in case a job was never created. */
export async function listQueuedOutboundMessages(
  db: Kysely<Database>,
  limit: number,
  after?: string,
): Promise<{ tenantId: string; messageId: string; notBefore?: Date }[]> {
  let query = db
    .selectFrom('messages')
    .select(['tenant_id', 'id', 'send_after'])
    .where('direction', '=', 'outbound')
    .where('status', '=', 'queued')
    .orderBy('id')
    .limit(limit);
  if (after) query = query.where('id', '>', after);
  const rows = await query.execute();
  // A paced message keeps its turn when re-queued.
  return rows.map((r) => ({
    tenantId: r.tenant_id,
    messageId: r.id,
    ...(r.send_after ? { notBefore: r.send_after } : {}),
  }));
}
