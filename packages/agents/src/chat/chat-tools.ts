import { AppError, type Appointment, type AuthRequest } from '@agenda-cheia/contracts';
import {
  type AuthRequestDesk,
  type BookingOutcome,
  type ChatContext,
  type ClientActions,
  type Clock,
  checkSlot,
} from '@agenda-cheia/core';
import type { Database, Kysely } from '@agenda-cheia/db';
import { findSlotsFor, type SlotQuery, type SlotSearch } from './slot-finder';

export interface ChatToolDeps {
  db: Kysely<Database>;
  authRequests: AuthRequestDesk;
  clientActions: ClientActions;
  clock: Clock;
}

/** A booking the chat would create; in a dry run (the owner's playground) only checked, never written. */
export type BookingAttempt =
  BookingOutcome | { kind: 'dry_run'; start: Date; professionalId: string; serviceId: string };

/**
 * The agent's hands, bound to one conversation: the tenant and the client come from the conversation,
 * never from what the client wrote, so no message can reach another tenant or another client's data.
 * The offline agent and the LLM's tools call exactly these.
 */
export interface ChatTools {
  findSlots(query: SlotQuery): Promise<SlotSearch>;
  requestBooking(slot: { serviceId: string; professionalId: string; start: Date }): Promise<BookingAttempt>;
  answerOffer(requestId: string, answer: 'accepted' | 'declined'): Promise<BookingAttempt>;
  cancelAppointment(appointmentId: string): Promise<Appointment | undefined>;
  confirmAppointment(appointmentId: string): Promise<Appointment | undefined>;
  handOver(kind: 'handover' | 'complaint', body: string): Promise<void>;
  optOut(): Promise<void>;
  /** Chat requests of this client still open: superseded when the client changes their mind. */
  withdrawOpenChatRequests(except?: string): Promise<void>;
}

export function createChatTools(
  deps: ChatToolDeps,
  context: ChatContext,
  options: { dryRun: boolean },
): ChatTools {
  const tenantId = context.tenant.id;
  const clientId = context.client.id;
  const { dryRun } = options;
  const expiryMs = context.tenant.settings.requestExpiryHours * 3_600_000;

  return {
    findSlots: (query) => findSlotsFor(deps.db, tenantId, context.tenant.timezone, query, deps.clock.now()),

    async requestBooking(slot) {
      if (dryRun) {
        await checkSlot(deps.db, tenantId, context.tenant.timezone, {
          ...slot,
          force: false,
          includeHolds: true,
        });
        return { kind: 'dry_run', ...slot };
      }
      const now = deps.clock.now();
      return deps.authRequests.propose({
        tenantId,
        clientId,
        serviceId: slot.serviceId,
        professionalId: slot.professionalId,
        start: slot.start,
        source: 'chat',
        clientConsent: 'accepted',
        // Never held past the slot itself.
        expiresAt: new Date(Math.min(now.getTime() + expiryMs, slot.start.getTime())),
        conversationId: context.conversation.id,
        createdByAgent: 'chat_agent',
      });
    },

    async answerOffer(requestId, answer) {
      const offer = context.openRequests.find((r: AuthRequest) => r.id === requestId);
      if (!offer) throw new AppError('NOT_FOUND', 'Oferta não encontrada.');
      if (dryRun) {
        return {
          kind: 'dry_run',
          start: new Date(offer.start),
          professionalId: offer.professionalId,
          serviceId: offer.serviceId,
        };
      }
      return deps.authRequests.recordClientAnswer(tenantId, requestId, answer);
    },

    async cancelAppointment(appointmentId) {
      if (dryRun) return context.upcomingAppointments.find((a) => a.id === appointmentId);
      const cancelled = await deps.clientActions.cancelAppointment(
        tenantId,
        clientId,
        appointmentId,
        'Cancelado pelo cliente no chat',
      );
      if (cancelled) {
        await deps.clientActions.notifyOwner(tenantId, {
          kind: 'cancellation',
          title: `${context.client.name} cancelou um horário`,
          body: `${cancelled.serviceName ?? 'Atendimento'} em ${cancelled.start}`,
          clientId,
          conversationId: context.conversation.id,
          messageId: null,
          authRequestId: null,
          appointmentId: cancelled.id,
        });
      }
      return cancelled;
    },

    confirmAppointment: (appointmentId) =>
      dryRun
        ? Promise.resolve(context.upcomingAppointments.find((a) => a.id === appointmentId))
        : deps.clientActions.confirmAppointment(tenantId, clientId, appointmentId),

    async handOver(kind, body) {
      if (dryRun) return;
      await deps.clientActions.handOver(tenantId, context.conversation.id, {
        kind,
        title:
          kind === 'complaint'
            ? `Reclamação de ${context.client.name}`
            : `${context.client.name} quer falar com a equipe`,
        body,
        clientId,
      });
    },

    async optOut() {
      if (dryRun) return;
      await deps.clientActions.optOut(tenantId, clientId);
    },

    async withdrawOpenChatRequests(except) {
      if (dryRun) return;
      const stale = context.openRequests.filter((r) => r.source === 'chat' && r.id !== except);
      if (stale.length === 0) return;
      await deps.authRequests.cancelOpenRequestsOf(tenantId, clientId, {
        sources: ['chat'],
        ...(except ? { except } : {}),
      });
    },
  };
}
