import { z } from 'zod';
import { idSchema } from './common';
import { bookingSourceSchema } from './schedule';

export const clientConsents = ['pending', 'accepted', 'declined'] as const;
export const clientConsentSchema = z.enum(clientConsents);
export type ClientConsent = z.infer<typeof clientConsentSchema>;

export const ownerDecisions = ['pending', 'approved', 'rejected'] as const;
export const ownerDecisionSchema = z.enum(ownerDecisions);
export type OwnerDecision = z.infer<typeof ownerDecisionSchema>;

/**
 * Where a request stands as a whole. `open` holds its slot; every other status is final and releases it:
 * `booked` (both said yes, appointment created), `rejected` (owner), `declined` (client), `expired`,
 * `slot_taken` (the time was booked meanwhile), `cancelled` (superseded, e.g. the client changed their mind).
 */
export const authRequestStatuses = [
  'open',
  'booked',
  'rejected',
  'declined',
  'expired',
  'slot_taken',
  'cancelled',
] as const;
export const authRequestStatusSchema = z.enum(authRequestStatuses);
export type AuthRequestStatus = z.infer<typeof authRequestStatusSchema>;

/** A campaign's offer attached to a request: the discount and the price the client was told. */
export const offerSchema = z.object({
  discountPercent: z.number().int().min(0).max(100),
  priceCents: z.number().int(),
  finalPriceCents: z.number().int(),
  campaignId: idSchema.nullable(),
  campaignRunId: idSchema.nullable(),
});
export type Offer = z.infer<typeof offerSchema>;

export const authRequestSchema = z.object({
  id: idSchema,
  start: z.string(),
  end: z.string(),
  serviceId: idSchema,
  professionalId: idSchema,
  clientId: idSchema,
  source: bookingSourceSchema,
  offer: offerSchema.nullable().optional(),
  clientConsent: clientConsentSchema,
  ownerDecision: ownerDecisionSchema,
  status: authRequestStatusSchema,
  ownerNotes: z.string().nullable(),
  expiresAt: z.string(),
  createdByAgent: z.string().nullable(),
  conversationId: idSchema.nullable(),
  appointmentId: idSchema.nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  clientName: z.string(),
  clientPhone: z.string(),
  serviceName: z.string(),
  professionalName: z.string(),
  priceCents: z.number().int(),
});
export type AuthRequest = z.infer<typeof authRequestSchema>;

export const listAuthRequestsInput = z
  .object({
    status: authRequestStatusSchema.optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .default({ limit: 50 });

export const authRequestListOutput = z.object({ items: z.array(authRequestSchema) });

export const decideAuthRequestInput = z.object({
  id: idSchema,
  decision: z.enum(['approve', 'reject']),
  notes: z.string().trim().max(500).optional(),
});
export type DecideAuthRequestInput = z.infer<typeof decideAuthRequestInput>;

export const decideAuthRequestOutput = z.object({
  status: authRequestStatusSchema,
  appointmentId: idSchema.optional(),
  clientNotificationSent: z.boolean(),
});
export type DecideAuthRequestOutput = z.infer<typeof decideAuthRequestOutput>;
