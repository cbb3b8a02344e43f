import {
  AppError,
  type AuthRequest,
  type AuthRequestStatus,
  type BookingSource,
  type DecideAuthRequestOutput,
  decideAuthRequestInput,
  type DecideAuthRequestInput,
  listAuthRequestsInput,
  type Offer,
  type Slot,
  type Tenant,
} from '@agenda-cheia/contracts';
import { type AuthRequestRow, type Database, isExclusionViolation, type Kysely, sql } from '@agenda-cheia/db';
import type { EventBus } from '../events/event-bus';
import type { ClientMessenger } from '../inbox/client-messenger';
import { findAppointment } from '../schedule/appointment-queries';
import { computeAvailability } from '../schedule/availability';
import { checkSlot, guardAgainstDoubleBooking, insertAppointment } from '../schedule/booking';
import type { Clock } from '../shared/clock';
import type { ActorContext } from '../shared/context';
import type { Executor } from '../shared/executor';
import { toTenant } from '../tenants/mappers';
import { findTenantById } from '../tenants/repository';
import { findAuthRequest, selectAuthRequests, toAuthRequest } from './auth-request-queries';
import { bookingConfirmedNotice, bookingRejectedNotice, slotTakenNotice } from './client-notices';

/** Two proposals racing for one slot: the exclusion constraint picks one, the other hears SLOT_TAKEN. */
async function guardAgainstOverlappingHolds<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isExclusionViolation(error, 'auth_requests_no_overlapping_holds')) throw new AppError('SLOT_TAKEN');
    throw error;
  }
}

export interface ProposeBookingInput {
  tenantId: string;
  clientId: string;
  serviceId: string;
  professionalId: string;
  start: Date;
  source: BookingSource;
  /** `accepted` when the client asked for this slot; `pending` for an offer the client has not answered. */
  clientConsent: 'pending' | 'accepted';
  expiresAt: Date;
  offer?: Offer | null;
  conversationId?: string | null;
  createdByAgent: string | null;
}

/** What became of a request after someone said yes. */
export type BookingOutcome =
  | { kind: 'booked'; request: AuthRequest; appointmentId: string }
  | { kind: 'awaiting_owner'; request: AuthRequest }
  | { kind: 'awaiting_client'; request: AuthRequest }
  | { kind: 'declined'; request: AuthRequest }
  | { kind: 'slot_taken'; request: AuthRequest; alternatives: Alternative[] };

export interface Alternative extends Slot {
  professionalName: string;
}

/**
 * Bookings awaiting authorisation. A request becomes an appointment only when the client said yes and the
 * owner approved (or the tenant auto-approves). Every transition is a compare-and-swap on the request's
 * current state, and the appointment is written by the same transaction, guarded by the exclusion
 * constraint: concurrent approvals of one request, or of two overlapping ones, give one appointment.
 */
export function createAuthRequestDesk(deps: {
  db: Kysely<Database>;
  bus: EventBus;
  clock: Clock;
  messenger: ClientMessenger;
}) {
  const { db, bus, clock, messenger } = deps;

  async function tenantOf(tenantId: string): Promise<Tenant> {
    const row = await findTenantById(db, tenantId);
    if (!row) throw new AppError('NOT_FOUND');
    return toTenant(row);
  }

  async function load(tenantId: string, id: string): Promise<AuthRequest> {
    const request = await findAuthRequest(db, tenantId, id);
    if (!request) throw new AppError('NOT_FOUND', 'Pedido não encontrado.');
    return request;
  }

  /** Writes the appointment of a request both sides agreed to, inside the caller's transaction. */
  async function bookInside(trx: Executor, row: AuthRequestRow, timezone: string): Promise<string> {
    const appointmentId = await insertAppointment(trx, row.tenant_id, timezone, {
      clientId: row.client_id,
      serviceId: row.service_id,
      professionalId: row.professional_id,
      start: row.starts_at,
      // Checked against working hours when proposed; the owner's approval stands even if hours changed.
      force: true,
      discountPercent: row.offer?.discountPercent ?? 0,
      source: row.source,
      createdBy: row.decided_by,
    });
    await trx
      .updateTable('appointments')
      .set({ auth_request_id: row.id })
      .where('id', '=', appointmentId)
      .execute();
    await trx
      .updateTable('auth_requests')
      .set({ status: 'booked', appointment_id: appointmentId, updated_at: clock.now() })
      .where('id', '=', row.id)
      .execute();
    return appointmentId;
  }

  /** A request whose slot was taken meanwhile: closed as `slot_taken`, whatever else it was waiting for. */
  async function closeAsSlotTaken(
    tenantId: string,
    id: string,
    decision?: { by: string | null; notes: string | null },
  ): Promise<boolean> {
    const now = clock.now();
    const updated = await db
      .updateTable('auth_requests')
      .set({
        status: 'slot_taken',
        updated_at: now,
        ...(decision
          ? {
              owner_decision: 'approved',
              decided_by: decision.by,
              decided_at: now,
              owner_notes: decision.notes,
            }
          : { client_consent: 'accepted' }),
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('status', '=', 'open')
      .returning('id')
      .executeTakeFirst();
    return updated !== undefined;
  }

  async function announce(
    tenantId: string,
    request: AuthRequest,
    change:
      | 'client_accepted'
      | 'client_declined'
      | 'approved'
      | 'rejected'
      | 'booked'
      | 'expired'
      | 'slot_taken'
      | 'cancelled',
  ): Promise<void> {
    await bus.publish(tenantId, {
      event_type: 'auth_request_updated',
      data: { authRequest: request, change },
    });
  }

  async function announceBooking(tenantId: string, request: AuthRequest, appointmentId: string) {
    await announce(tenantId, request, 'booked');
    const appointment = await findAppointment(db, tenantId, appointmentId);
    if (appointment)
      await bus.publish(tenantId, { event_type: 'appointment_created', data: { appointment } });
  }

  async function tellClient(
    request: AuthRequest,
    kind: 'booking_confirmed' | 'booking_rejected' | 'slot_taken',
    text: string,
    tenantId: string,
  ): Promise<boolean> {
    const sent = await messenger.send({
      tenantId,
      clientId: request.clientId,
      text,
      idempotencyKey: `auth-request:${request.id}:${kind}`,
    });
    await bus.publish(tenantId, {
      event_type: 'notification_sent',
      data: {
        audience: 'client',
        kind,
        title: `Mensagem para ${request.clientName}`,
        body: text,
        clientId: request.clientId,
        conversationId: sent.conversationId,
        messageId: sent.messageId,
        authRequestId: request.id,
        appointmentId: request.appointmentId,
      },
    });
    return sent.queued;
  }

  /** The free slots nearest to a lost one: same service, the same professional first, holds respected. */
  async function nearestAlternatives(
    tenantId: string,
    request: AuthRequest,
    count = 3,
  ): Promise<Alternative[]> {
    const now = clock.now();
    const from = new Date(Math.max(now.getTime(), new Date(request.start).getTime() - 3 * 86_400_000));
    const to = new Date(from.getTime() + 10 * 86_400_000);
    const found = await computeAvailability(
      db,
      tenantId,
      { serviceId: request.serviceId, from: from.toISOString(), to: to.toISOString() },
      now,
      { includeHolds: true },
    ).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return { slots: [] };
      throw error;
    });
    const target = new Date(request.start).getTime();
    const distance = (slot: Slot) =>
      Math.abs(new Date(slot.start).getTime() - target) +
      (slot.professionalId === request.professionalId ? 0 : 3_600_000);
    const chosen = [...found.slots].sort((a, b) => distance(a) - distance(b)).slice(0, count);
    chosen.sort((a, b) => a.start.localeCompare(b.start));
    const names = new Map<string, string>();
    if (chosen.length > 0) {
      const rows = await db
        .selectFrom('professionals')
        .select(['id', 'name'])
        .where('tenant_id', '=', tenantId)
        .where(
          'id',
          'in',
          chosen.map((s) => s.professionalId),
        )
        .execute();
      for (const row of rows) names.set(row.id, row.name);
    }
    return chosen.map((slot) => ({ ...slot, professionalName: names.get(slot.professionalId) ?? '' }));
  }

  /**
   * Books a request both sides agreed to (its CAS update already written by `agree`), or closes it as
   * `slot_taken` when the time went meanwhile. Runs `agree` and the booking in one transaction.
   */
  async function agreeAndMaybeBook(
    tenantId: string,
    timezone: string,
    agree: (trx: Executor) => Promise<AuthRequestRow | undefined>,
    onNoRow: () => Promise<never>,
    slotTakenDecision?: { by: string | null; notes: string | null },
  ): Promise<{ row: AuthRequestRow; appointmentId: string | null } | { slotTaken: string }> {
    let requestId: string | undefined;
    let outcome: { row: AuthRequestRow; appointmentId: string | null } | null;
    try {
      outcome = await guardAgainstDoubleBooking(() =>
        db.transaction().execute(async (trx) => {
          const row = await agree(trx);
          // Explained after the transaction: it must not wait for a second connection while holding one.
          if (!row) return null;
          requestId = row.id;
          const bothAgreed = row.client_consent === 'accepted' && row.owner_decision === 'approved';
          if (!bothAgreed || row.status !== 'open') return { row, appointmentId: null };
          return { row, appointmentId: await bookInside(trx, row, timezone) };
        }),
      );
    } catch (error) {
      if (error instanceof AppError && error.code === 'SLOT_TAKEN' && requestId) {
        await closeAsSlotTaken(tenantId, requestId, slotTakenDecision);
        return { slotTaken: requestId };
      }
      throw error;
    }
    return outcome ?? onNoRow();
  }

  async function explainNoTransition(tenantId: string, id: string, now: Date): Promise<never> {
    const current = await db
      .selectFrom('auth_requests')
      .select(['status', 'owner_decision', 'expires_at'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!current) throw new AppError('NOT_FOUND', 'Pedido não encontrado.');
    if (current.owner_decision !== 'pending') throw new AppError('ALREADY_DECIDED');
    if (current.status === 'open' && current.expires_at <= now) {
      throw new AppError('INVALID_STATE', 'Este pedido expirou e o horário foi liberado.');
    }
    const why: Partial<Record<AuthRequestStatus, string>> = {
      declined: 'O cliente recusou este horário.',
      expired: 'Este pedido expirou e o horário foi liberado.',
      slot_taken: 'Este horário já foi ocupado por outro agendamento.',
      cancelled: 'Este pedido foi cancelado.',
    };
    throw new AppError('INVALID_STATE', why[current.status] ?? 'Este pedido não está mais aberto.');
  }

  return {
    nearestAlternatives,

    async listPending(actor: ActorContext): Promise<{ items: AuthRequest[] }> {
      const rows = await selectAuthRequests(db, actor.tenantId)
        .where('r.status', '=', 'open')
        .where('r.owner_decision', '=', 'pending')
        .where('r.expires_at', '>', clock.now())
        .orderBy('r.starts_at')
        .orderBy('r.id')
        .limit(200)
        .execute();
      return { items: rows.map(toAuthRequest) };
    },

    async list(actor: ActorContext, raw: unknown): Promise<{ items: AuthRequest[] }> {
      const input = listAuthRequestsInput.parse(raw);
      let query = selectAuthRequests(db, actor.tenantId)
        .orderBy('r.created_at', 'desc')
        .orderBy('r.id', 'desc')
        .limit(input.limit);
      if (input.status) query = query.where('r.status', '=', input.status);
      return { items: (await query.execute()).map(toAuthRequest) };
    },

    get: (actor: ActorContext, id: string) => load(actor.tenantId, id),

    /**
     * Proposes a booking for a slot the engine says is free and no other open request holds. The
     * request holds the slot until it is booked, refused or expires. With auto-approve the owner's yes
     * is given at once, so a client's yes books directly.
     */
    async propose(input: ProposeBookingInput): Promise<BookingOutcome> {
      const tenant = await tenantOf(input.tenantId);
      const slot = await checkSlot(db, input.tenantId, tenant.timezone, {
        serviceId: input.serviceId,
        professionalId: input.professionalId,
        start: input.start,
        force: false,
        includeHolds: true,
      });
      const autoApproved = tenant.settings.autoApprove;
      const inserted = await guardAgainstOverlappingHolds(() =>
        db
          .insertInto('auth_requests')
          .values({
            tenant_id: input.tenantId,
            client_id: input.clientId,
            service_id: input.serviceId,
            professional_id: input.professionalId,
            starts_at: slot.start,
            ends_at: slot.end,
            held_during: sql<string>`${slot.blockedDuring}::tstzrange`,
            source: input.source,
            offer: input.offer ? JSON.stringify(input.offer) : null,
            campaign_id: input.offer?.campaignId ?? null,
            campaign_run_id: input.offer?.campaignRunId ?? null,
            client_consent: input.clientConsent,
            owner_decision: autoApproved ? 'approved' : 'pending',
            decided_at: autoApproved ? clock.now() : null,
            expires_at: input.expiresAt,
            created_by_agent: input.createdByAgent,
            conversation_id: input.conversationId ?? null,
          })
          .returning('id')
          .executeTakeFirstOrThrow(),
      );
      const created = await load(input.tenantId, inserted.id);
      await bus.publish(input.tenantId, {
        event_type: 'auth_request_created',
        data: { authRequest: created },
      });
      if (!(autoApproved && input.clientConsent === 'accepted')) {
        return input.clientConsent === 'accepted'
          ? { kind: 'awaiting_owner', request: created }
          : { kind: 'awaiting_client', request: created };
      }
      const outcome = await agreeAndMaybeBook(
        input.tenantId,
        tenant.timezone,
        (trx) =>
          trx
            .selectFrom('auth_requests')
            .selectAll()
            .where('id', '=', created.id)
            .forUpdate()
            .executeTakeFirst(),
        () => explainNoTransition(input.tenantId, created.id, clock.now()),
      );
      if ('slotTaken' in outcome) {
        const request = await load(input.tenantId, created.id);
        await announce(input.tenantId, request, 'slot_taken');
        return {
          kind: 'slot_taken',
          request,
          alternatives: await nearestAlternatives(input.tenantId, request),
        };
      }
      const request = await load(input.tenantId, created.id);
      if (!outcome.appointmentId) return { kind: 'awaiting_owner', request };
      await announceBooking(input.tenantId, request, outcome.appointmentId);
      return { kind: 'booked', request, appointmentId: outcome.appointmentId };
    },

    /**
     * The owner's decision. Compare-and-swap on `owner_decision = 'pending'`: of several people deciding
     * the same request at once, one wins and the others get ALREADY_DECIDED. Approval of a request the
     * client already accepted books it in the same transaction; the client is told either way.
     */
    async decide(actor: ActorContext, raw: DecideAuthRequestInput): Promise<DecideAuthRequestOutput> {
      const input = decideAuthRequestInput.parse(raw);
      const tenant = await tenantOf(actor.tenantId);
      const now = clock.now();
      const notes = input.notes?.trim() ? input.notes.trim() : null;
      const approve = input.decision === 'approve';

      const outcome = await agreeAndMaybeBook(
        actor.tenantId,
        tenant.timezone,
        (trx) =>
          trx
            .updateTable('auth_requests')
            .set({
              owner_decision: approve ? 'approved' : 'rejected',
              owner_notes: notes,
              decided_by: actor.userId,
              decided_at: now,
              updated_at: now,
              ...(approve ? {} : { status: 'rejected' as const }),
            })
            .where('tenant_id', '=', actor.tenantId)
            .where('id', '=', input.id)
            .where('owner_decision', '=', 'pending')
            .where('status', '=', 'open')
            .where('expires_at', '>', now)
            .returningAll()
            .executeTakeFirst(),
        () => explainNoTransition(actor.tenantId, input.id, now),
        { by: actor.userId, notes },
      );

      if ('slotTaken' in outcome) {
        const request = await load(actor.tenantId, input.id);
        await announce(actor.tenantId, request, 'slot_taken');
        const alternatives = await nearestAlternatives(actor.tenantId, request);
        const sent = await tellClient(
          request,
          'slot_taken',
          slotTakenNotice(request, tenant.timezone, alternatives),
          actor.tenantId,
        );
        return { status: 'slot_taken', clientNotificationSent: sent };
      }

      const request = await load(actor.tenantId, input.id);
      if (!approve) {
        await announce(actor.tenantId, request, 'rejected');
        const sent = await tellClient(
          request,
          'booking_rejected',
          bookingRejectedNotice(request, tenant.timezone, notes),
          actor.tenantId,
        );
        return { status: 'rejected', clientNotificationSent: sent };
      }
      if (!outcome.appointmentId) {
        // Approved ahead of the client's answer: booked as soon as they say yes.
        await announce(actor.tenantId, request, 'approved');
        return { status: request.status, clientNotificationSent: false };
      }
      await announceBooking(actor.tenantId, request, outcome.appointmentId);
      const sent = await tellClient(
        request,
        'booking_confirmed',
        bookingConfirmedNotice(request, tenant.timezone),
        actor.tenantId,
      );
      return { status: 'booked', appointmentId: outcome.appointmentId, clientNotificationSent: sent };
    },

    /** The client's open offer, if any: the one a "sim" or "não" answers. */
    async openOfferOf(tenantId: string, clientId: string): Promise<AuthRequest | undefined> {
      const row = await selectAuthRequests(db, tenantId)
        .where('r.client_id', '=', clientId)
        .where('r.status', '=', 'open')
        .where('r.client_consent', '=', 'pending')
        .where('r.expires_at', '>', clock.now())
        .orderBy('r.created_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row && toAuthRequest(row);
    },

    /**
     * The client answered an offer. A yes on a request the owner approved (or auto-approve) books it now;
     * a yes alone waits for the owner; a no closes it and frees the slot for the next candidate.
     */
    async recordClientAnswer(
      tenantId: string,
      requestId: string,
      answer: 'accepted' | 'declined',
    ): Promise<BookingOutcome> {
      const tenant = await tenantOf(tenantId);
      const now = clock.now();
      const outcome = await agreeAndMaybeBook(
        tenantId,
        tenant.timezone,
        (trx) =>
          trx
            .updateTable('auth_requests')
            .set({
              client_consent: answer,
              updated_at: now,
              ...(answer === 'declined' ? { status: 'declined' as const } : {}),
            })
            .where('tenant_id', '=', tenantId)
            .where('id', '=', requestId)
            .where('client_consent', '=', 'pending')
            .where('status', '=', 'open')
            .where('expires_at', '>', now)
            .returningAll()
            .executeTakeFirst(),
        () => {
          throw new AppError('INVALID_STATE', 'Esta oferta não está mais aberta.');
        },
      );
      if ('slotTaken' in outcome) {
        const request = await load(tenantId, requestId);
        await announce(tenantId, request, 'slot_taken');
        return { kind: 'slot_taken', request, alternatives: await nearestAlternatives(tenantId, request) };
      }
      const request = await load(tenantId, requestId);
      if (answer === 'declined') {
        await announce(tenantId, request, 'client_declined');
        return { kind: 'declined', request };
      }
      if (!outcome.appointmentId) {
        await announce(tenantId, request, 'client_accepted');
        return { kind: 'awaiting_owner', request };
      }
      await announceBooking(tenantId, request, outcome.appointmentId);
      return { kind: 'booked', request, appointmentId: outcome.appointmentId };
    },

    /** Open requests whose time to answer ran out release their slots. Answers how many expired. */
    async expireDue(): Promise<number> {
      const now = clock.now();
      const expired = await db
        .updateTable('auth_requests')
        .set({ status: 'expired', updated_at: now })
        .where('status', '=', 'open')
        .where('expires_at', '<=', now)
        .returning(['id', 'tenant_id'])
        .execute();
      for (const row of expired) {
        const request = await findAuthRequest(db, row.tenant_id, row.id);
        if (request) await announce(row.tenant_id, request, 'expired');
      }
      return expired.length;
    },

    /** Closes a client's open requests (they changed their mind or asked for another time). */
    async cancelOpenRequestsOf(
      tenantId: string,
      clientId: string,
      filter: { except?: string; sources?: readonly BookingSource[] } = {},
    ): Promise<number> {
      let query = db
        .updateTable('auth_requests')
        .set({ status: 'cancelled', updated_at: clock.now() })
        .where('tenant_id', '=', tenantId)
        .where('client_id', '=', clientId)
        .where('status', '=', 'open');
      if (filter.except) query = query.where('id', '<>', filter.except);
      if (filter.sources?.length) query = query.where('source', 'in', [...filter.sources]);
      const cancelled = await query.returning('id').execute();
      for (const row of cancelled) {
        const request = await findAuthRequest(db, tenantId, row.id);
        if (request) await announce(tenantId, request, 'cancelled');
      }
      return cancelled.length;
    },
  };
}

export type AuthRequestDesk = ReturnType<typeof createAuthRequestDesk>;
