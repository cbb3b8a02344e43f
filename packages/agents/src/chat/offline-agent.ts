import { AppError, type AuthRequest, type ChatIntent } from '@agenda-cheia/contracts';
import type { ChatContext, ChatService } from '@agenda-cheia/core';
import { instantToLocal } from '@agenda-cheia/scheduling';
import type { Understanding } from '../understanding';
import type { AgentState } from './agent-state';
import type { BookingAttempt, ChatTools } from './chat-tools';
import * as say from './replies';
import type { FoundSlot } from './slot-finder';

export interface AgentTurn {
  text: string;
  intent: ChatIntent;
  /** The auth request this turn created or moved forward, if any. */
  authRequestId: string | null;
  bookingCreated: boolean;
  state: AgentState;
}

interface TurnInput {
  context: ChatContext;
  tools: ChatTools;
  /** What the client wrote since the agent last spoke, joined (several quick messages read as one). */
  message: string;
  /** The rule-based reading of `message` (made once per turn by the caller). */
  understood: Understanding;
  state: AgentState;
  now: Date;
  greeting: string;
}

type Reply = Omit<AgentTurn, 'intent' | 'state'> & { state?: AgentState };

const reply = (text: string, extra: Partial<Reply> = {}): Reply => ({
  text,
  authRequestId: null,
  bookingCreated: false,
  ...extra,
});

function serviceById(context: ChatContext, id: string | null): ChatService | undefined {
  return id ? context.services.find((s) => s.id === id) : undefined;
}

function outcomeReply(attempt: BookingAttempt, context: ChatContext, state: AgentState): Reply {
  const tz = context.tenant.timezone;
  switch (attempt.kind) {
    case 'booked':
      return reply(say.booked(attempt.request, tz), {
        authRequestId: attempt.request.id,
        bookingCreated: true,
        state: { ...state, offered: [] },
      });
    case 'awaiting_owner':
    case 'awaiting_client':
      return reply(say.requestSent(attempt.request, tz), {
        authRequestId: attempt.request.id,
        bookingCreated: true,
        // What was discussed stays: "na verdade prefiro às 17h" means the same service and day.
        state: { ...state, offered: [] },
      });
    case 'slot_taken':
      return reply(
        say.slotTakenMeanwhile(
          attempt.alternatives.map((a) => ({
            start: new Date(a.start),
            end: new Date(a.end),
            professionalId: a.professionalId,
            professionalName: a.professionalName,
          })),
          tz,
        ),
        { authRequestId: attempt.request.id },
      );
    case 'declined':
      return reply(say.offerDeclined(), { authRequestId: attempt.request.id });
    case 'dry_run':
      return reply('(Simulação) O pedido de agendamento seria criado e enviado para aprovação.', {
        bookingCreated: true,
      });
  }
}

/** Books one exact slot, superseding the client's earlier chat request when they changed their mind. */
async function requestSlot(
  input: TurnInput,
  slot: FoundSlot,
  serviceId: string,
  state: AgentState,
): Promise<Reply> {
  try {
    const attempt = await input.tools.requestBooking({
      serviceId,
      professionalId: slot.professionalId,
      start: slot.start,
    });
    if ('request' in attempt) await input.tools.withdrawOpenChatRequests(attempt.request.id);
    return outcomeReply(attempt, input.context, state);
  } catch (error) {
    if (
      error instanceof AppError &&
      (error.code === 'SLOT_TAKEN' || error.code === 'OUTSIDE_WORKING_HOURS')
    ) {
      const service = serviceById(input.context, serviceId);
      const local = instantToLocal(slot.start, input.context.tenant.timezone);
      const search = await input.tools.findSlots({
        serviceId,
        date: local.date,
        time: local.time,
        partOfDay: null,
        flexible: false,
      });
      const options = search.options.filter((o) => o.start.getTime() !== slot.start.getTime());
      if (!service || options.length === 0)
        return reply(say.slotTakenMeanwhile([], input.context.tenant.timezone));
      return reply(say.slotTakenMeanwhile(options, input.context.tenant.timezone), {
        state: {
          ...state,
          offered: options.map((o) => ({
            start: o.start.toISOString(),
            professionalId: o.professionalId,
            serviceId,
          })),
        },
      });
    }
    throw error;
  }
}

/** The offered slot the client picked: by its time ("as 15h"), or the only one offered ("pode ser"). */
function pickOffered(
  state: AgentState,
  u: Understanding,
  timeZone: string,
): AgentState['offered'][number] | undefined {
  if (state.offered.length === 0) return undefined;
  if (u.when?.time) {
    const { time, daySaid, date } = u.when;
    return state.offered.find((o) => {
      const local = instantToLocal(new Date(o.start), timeZone);
      return local.time === time && (!daySaid || local.date === date);
    });
  }
  return state.offered.length === 1 ? state.offered[0] : undefined;
}

async function handleBooking(input: TurnInput, u: Understanding, state: AgentState): Promise<Reply> {
  const { context, tools } = input;
  const tz = context.tenant.timezone;
  const serviceId = u.serviceIds[0] ?? state.serviceId;
  const service = serviceById(context, serviceId);

  const picked = pickOffered(state, u, tz);
  if (picked && (!u.serviceIds[0] || u.serviceIds[0] === picked.serviceId)) {
    const slot: FoundSlot = {
      start: new Date(picked.start),
      end: new Date(picked.start),
      professionalId: picked.professionalId,
      professionalName: '',
    };
    return requestSlot(input, slot, picked.serviceId, state);
  }

  // A time alone ("às 15h") keeps the day already under discussion.
  const date = u.when && (u.when.daySaid || !state.date) ? u.when.date : state.date;
  const next: AgentState = { ...state, serviceId: service?.id ?? null, date };
  if (!service) {
    if (context.services.length > 0) return reply(say.askService(context.services), { state: next });
    // A business that has not listed its services yet: only a person can help.
    await tools.handOver('handover', input.message);
    return reply(say.handedOver(), { state: next });
  }

  const search = await tools.findSlots({
    serviceId: service.id,
    date,
    time: u.when?.time ?? null,
    partOfDay: u.when?.partOfDay ?? null,
    flexible: u.when?.flexible ?? false,
  });
  if (search.exact) return requestSlot(input, search.exact, service.id, next);
  if (search.options.length === 0) return reply(say.noSlots(service), { state: next });
  return reply(
    say.optionsFor(service, search.options, tz, {
      askedTime: u.when?.time ?? null,
      movedToOtherDays: search.movedToOtherDays,
    }),
    {
      state: {
        ...next,
        offered: search.options.map((o) => ({
          start: o.start.toISOString(),
          professionalId: o.professionalId,
          serviceId: service.id,
        })),
      },
    },
  );
}

async function handleCancellation(input: TurnInput, u: Understanding, state: AgentState): Promise<Reply> {
  const { context, tools } = input;
  const tz = context.tenant.timezone;
  const upcoming = context.upcomingAppointments;
  const ownChatRequests = context.openRequests.filter((r) => r.source === 'chat');
  if (upcoming.length === 0) {
    if (ownChatRequests.length > 0) {
      await tools.withdrawOpenChatRequests();
      return reply('Pronto, cancelei seu pedido de horário. Se quiser outro dia, é só me falar! 😊', {
        state: { ...state, offered: [] },
      });
    }
    return reply(say.nothingToCancel(), { state });
  }
  const onDay = u.when
    ? upcoming.filter((a) => instantToLocal(new Date(a.start), tz).date === u.when?.date)
    : [];
  const target = upcoming.length === 1 ? upcoming[0] : onDay.length === 1 ? onDay[0] : undefined;
  if (!target) {
    return reply(say.chooseAppointmentToCancel(upcoming, tz), {
      state: { ...state, cancelOptions: upcoming.map((a) => a.id) },
    });
  }
  const cancelled = await tools.cancelAppointment(target.id);
  if (!cancelled) return reply(say.nothingToCancel(), { state: { ...state, cancelOptions: [] } });
  return reply(say.cancelled(cancelled, tz), { state: { ...state, cancelOptions: [] } });
}

/** "2" (or "a de sexta") after the agent listed the appointments a cancellation may mean. */
async function handleCancelChoice(
  input: TurnInput,
  u: Understanding,
  state: AgentState,
): Promise<Reply | undefined> {
  if (state.cancelOptions.length === 0) return undefined;
  const tz = input.context.tenant.timezone;
  const options = state.cancelOptions
    .map((id) => input.context.upcomingAppointments.find((a) => a.id === id))
    .filter((a) => a !== undefined);
  const number = /^\D*(\d{1,2})\D*$/.exec(input.message.trim());
  const byNumber = number ? options[Number(number[1]) - 1] : undefined;
  const byDay = u.when
    ? options.filter((a) => instantToLocal(new Date(a.start), tz).date === u.when?.date)
    : [];
  const chosen = byNumber ?? (byDay.length === 1 ? byDay[0] : undefined);
  if (!chosen) return undefined;
  const cancelled = await input.tools.cancelAppointment(chosen.id);
  const next = { ...state, cancelOptions: [] };
  if (!cancelled) return reply(say.nothingToCancel(), { state: next });
  return reply(say.cancelled(cancelled, tz), { state: next });
}

async function handleOfferAnswer(
  input: TurnInput,
  offer: AuthRequest,
  answer: 'accepted' | 'declined',
): Promise<Reply> {
  const tz = input.context.tenant.timezone;
  const outcome = await input.tools.answerOffer(offer.id, answer);
  if (outcome.kind === 'awaiting_owner') {
    return reply(say.offerAcceptedAwaitingOwner(outcome.request, tz), {
      authRequestId: offer.id,
      bookingCreated: true,
    });
  }
  return outcomeReply(outcome, input.context, input.state);
}

/**
 * The offline pt-BR agent: rule-based understanding, the same core functions as the LLM's tools, and
 * templated replies. It also answers whenever the LLM fails, so a client always gets an answer.
 */
export async function runOfflineTurn(input: TurnInput): Promise<AgentTurn> {
  const { context, tools, state } = input;
  const tz = context.tenant.timezone;
  const u = input.understood;
  const finish = (intent: ChatIntent, r: Reply): AgentTurn => ({
    text: r.text,
    intent,
    authRequestId: r.authRequestId,
    bookingCreated: r.bookingCreated,
    state: { ...(r.state ?? state), updatedAt: input.now.toISOString() },
  });

  if (u.optOut) {
    await tools.optOut();
    return finish(u.intent, reply(say.optedOut()));
  }

  const offer = context.openRequests.find((r) => r.clientConsent === 'pending');
  if (offer && u.consent && u.intent !== 'booking') {
    return finish(
      'confirmation',
      await handleOfferAnswer(input, offer, u.consent === 'yes' ? 'accepted' : 'declined'),
    );
  }

  const cancelChoice = await handleCancelChoice(input, u, state);
  if (cancelChoice) return finish('cancellation', cancelChoice);

  switch (u.intent) {
    case 'complaint':
      await tools.handOver('complaint', input.message);
      return finish(
        'complaint',
        reply(say.complaintHandedOver(context.client.name), { state: { ...state, offered: [] } }),
      );
    case 'cancellation':
      return finish('cancellation', await handleCancellation(input, u, state));
    case 'booking':
      return finish('booking', await handleBooking(input, u, state));
    case 'confirmation': {
      if (state.offered.length > 0) return finish('confirmation', await handleBooking(input, u, state));
      const soon = context.upcomingAppointments.find((a) => a.status === 'scheduled');
      if (soon) {
        const confirmed = await tools.confirmAppointment(soon.id);
        if (confirmed) return finish('confirmation', reply(say.appointmentConfirmed(confirmed, tz)));
      }
      return finish('confirmation', reply('Combinado! Qualquer coisa é só chamar. 😊'));
    }
    case 'inquiry': {
      const service = serviceById(context, u.serviceIds[0] ?? null);
      if (u.when && service) return finish('booking', await handleBooking(input, u, state));
      if (service)
        return finish('inquiry', reply(say.priceOf(service), { state: { ...state, serviceId: service.id } }));
      if (u.asksPrice) return finish('inquiry', reply(say.priceList(context.services)));
      return finish('inquiry', reply(say.generalInfo(context.tenant.name)));
    }
    case 'hello':
      return finish('hello', reply(say.greeting(context.client.name, context.tenant.name, input.greeting)));
    case 'unknown':
      // A day or a service alone, in the middle of a booking ("sexta então", "e a escova?").
      if (u.serviceIds.length > 0 || (u.when && (state.serviceId || state.offered.length > 0))) {
        return finish('booking', await handleBooking(input, u, state));
      }
      return finish('unknown', reply(say.didNotUnderstand()));
  }
}
