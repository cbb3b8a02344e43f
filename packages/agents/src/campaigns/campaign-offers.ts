import { AppError, type AuthRequest } from '@agenda-cheia/contracts';
import { composeOfferMessage, offerMessageKey, offerPrice, openClientConversation } from '@agenda-cheia/core';
import { isUniqueViolation } from '@agenda-cheia/db';
import type { RunContext } from './run-context';

export interface SlotOffer {
  clientId: string;
  serviceId: string;
  professionalId: string;
  start: Date;
  priceCents: number;
}

/** `slot_taken`: someone got the time first (try another); `already_offered`: this run offered the client. */
export type OfferResult = 'offered' | 'slot_taken' | 'already_offered';

const HOUR_MS = 3_600_000;

/**
 * One offer: an auth request holding the slot (propose re-checks hours, appointments and other holds, so a
 * slot taken since the run looked is refused), then the message, paced with the tenant's other campaign
 * sends. The unique (run, client) index makes a second offer to one client in one run impossible, also
 * when a resumed run and its crashed attempt disagree about what was done.
 */
export async function offerSlot(ctx: RunContext, offer: SlotOffer): Promise<OfferResult> {
  const { deps, tenant, campaign, runId, now } = ctx;
  const { config } = campaign;
  const expiresAt = new Date(
    Math.min(now.getTime() + config.offerExpiryHours * HOUR_MS, offer.start.getTime()),
  );
  const conversationId = await openClientConversation(deps.db, tenant.id, offer.clientId);
  let request: AuthRequest;
  try {
    const outcome = await deps.authRequests.propose({
      tenantId: tenant.id,
      clientId: offer.clientId,
      serviceId: offer.serviceId,
      professionalId: offer.professionalId,
      start: offer.start,
      source: campaign.kind,
      clientConsent: 'pending',
      expiresAt,
      offer: {
        ...offerPrice(offer.priceCents, config.discountPercent),
        campaignId: campaign.id,
        campaignRunId: runId,
      },
      createdByAgent: campaign.kind,
      conversationId,
    });
    request = outcome.request;
  } catch (error) {
    if (error instanceof AppError && (error.code === 'SLOT_TAKEN' || error.code === 'OUTSIDE_WORKING_HOURS'))
      return 'slot_taken';
    if (isUniqueViolation(error, 'auth_requests_one_per_run')) {
      ctx.offered.add(offer.clientId);
      return 'already_offered';
    }
    throw error;
  }
  ctx.offered.add(offer.clientId);
  ctx.tally.offersCreated += 1;
  if (await sendOfferMessage(ctx, request)) ctx.tally.notificationsSent += 1;
  return 'offered';
}

/**
 * The offer's message, in the campaign's words, with the approved WhatsApp template when there is one.
 * Idempotent on the request: sending it again (a resumed run) stores nothing new. Answers whether it was
 * handed to a gateway (false when the tenant has none: stored as `failed: no gateway`).
 */
export async function sendOfferMessage(ctx: RunContext, request: AuthRequest): Promise<boolean> {
  const { deps, tenant, campaign } = ctx;
  const offer = request.offer;
  const message = composeOfferMessage(campaign.config, {
    clientName: request.clientName,
    serviceName: request.serviceName,
    professionalName: request.professionalName,
    businessName: tenant.name,
    start: new Date(request.start),
    timeZone: tenant.timezone,
    discountPercent: offer?.discountPercent ?? 0,
    finalPriceCents: offer?.finalPriceCents ?? request.priceCents,
  });
  const sent = await deps.messenger.send({
    tenantId: tenant.id,
    clientId: request.clientId,
    text: message.text,
    author: 'system',
    template: message.template,
    idempotencyKey: offerMessageKey(request.id),
    pacing: { sendsPerMinute: tenant.settings.campaignSendsPerMinute, notBefore: deps.clock.now() },
  });
  await deps.bus.publish(tenant.id, {
    event_type: 'notification_sent',
    data: {
      audience: 'client',
      kind: 'offer',
      title: `Oferta para ${request.clientName}`,
      body: message.text,
      clientId: request.clientId,
      conversationId: sent.conversationId,
      messageId: sent.messageId,
      authRequestId: request.id,
      appointmentId: null,
    },
  });
  return sent.queued;
}
