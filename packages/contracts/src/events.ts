import { z } from 'zod';
import { conversationSchema, messageSchema, messageStatusSchema } from './inbox';
import { chatIntentSchema } from './agent-configs';
import { authRequestSchema } from './auth-requests';
import { campaignKindSchema, runStatsSchema } from './campaigns';
import { appointmentSchema } from './schedule';

/**
 * The realtime event catalogue: `{ event_type, data }` as in the design documents. Each event has a
 * schema; clients switch on `event_type` exhaustively. More events join as their features land.
 */
export const appointmentCreatedEvent = z.object({
  event_type: z.literal('appointment_created'),
  data: z.object({ appointment: appointmentSchema }),
});

export const appointmentUpdatedEvent = z.object({
  event_type: z.literal('appointment_updated'),
  data: z.object({
    appointment: appointmentSchema,
    change: z.enum(['rescheduled', 'cancelled', 'completed', 'no_show', 'confirmed']),
  }),
});

export const messageCreatedEvent = z.object({
  event_type: z.literal('message_created'),
  data: z.object({ message: messageSchema, conversation: conversationSchema }),
});

export const messageStatusEvent = z.object({
  event_type: z.literal('message_status'),
  data: z.object({
    messageId: z.string(),
    conversationId: z.string(),
    status: messageStatusSchema,
    error: z.string().nullable(),
  }),
});

/** A message changed after it was created: an inbound file was stored, or could not be. */
export const messageUpdatedEvent = z.object({
  event_type: z.literal('message_updated'),
  data: z.object({ message: messageSchema }),
});

export const conversationUpdatedEvent = z.object({
  event_type: z.literal('conversation_updated'),
  data: z.object({ conversation: conversationSchema }),
});

export const typingEvent = z.object({
  event_type: z.literal('typing'),
  data: z.object({
    conversationId: z.string(),
    userId: z.string(),
    userName: z.string(),
    typing: z.boolean(),
  }),
});

export const authRequestCreatedEvent = z.object({
  event_type: z.literal('auth_request_created'),
  data: z.object({ authRequest: authRequestSchema }),
});

export const authRequestUpdatedEvent = z.object({
  event_type: z.literal('auth_request_updated'),
  data: z.object({
    authRequest: authRequestSchema,
    change: z.enum([
      'client_accepted',
      'client_declined',
      'approved',
      'rejected',
      'booked',
      'expired',
      'slot_taken',
      'cancelled',
    ]),
  }),
});

/** A piece of the AI reply as it is generated (transient: only live dashboards care). */
export const aiResponseDeltaEvent = z.object({
  event_type: z.literal('ai_response_delta'),
  data: z.object({ conversationId: z.string(), replyId: z.string(), delta: z.string() }),
});

export const aiResponseEvent = z.object({
  event_type: z.literal('ai_response'),
  data: z.object({
    conversationId: z.string(),
    replyId: z.string(),
    messageId: z.string().nullable(),
    text: z.string(),
    intent: chatIntentSchema,
    booking_created: z.boolean(),
    authRequestId: z.string().nullable(),
    engine: z.enum(['llm', 'offline']),
  }),
});

export const campaignStartedEvent = z.object({
  event_type: z.literal('campaign_started'),
  data: z.object({ campaignId: z.string(), runId: z.string(), kind: campaignKindSchema, name: z.string() }),
});

export const campaignCompletedEvent = z.object({
  event_type: z.literal('campaign_completed'),
  data: z.object({
    campaignId: z.string(),
    runId: z.string(),
    kind: campaignKindSchema,
    name: z.string(),
    status: z.enum(['completed', 'failed']),
    stats: runStatsSchema,
  }),
});

/** Someone was told something: the client (confirmation, offer, reminder) or the owner (a handover). */
export const notificationSentEvent = z.object({
  event_type: z.literal('notification_sent'),
  data: z.object({
    audience: z.enum(['client', 'owner']),
    kind: z.enum([
      'booking_confirmed',
      'booking_rejected',
      'slot_taken',
      'offer',
      'reminder',
      'cancellation',
      'opt_out',
      'handover',
      'complaint',
    ]),
    title: z.string(),
    body: z.string(),
    clientId: z.string().nullable(),
    conversationId: z.string().nullable(),
    messageId: z.string().nullable(),
    authRequestId: z.string().nullable(),
    appointmentId: z.string().nullable(),
  }),
});
export type NotificationSent = z.infer<typeof notificationSentEvent>['data'];

export const realtimeEventSchema = z.discriminatedUnion('event_type', [
  appointmentCreatedEvent,
  appointmentUpdatedEvent,
  messageCreatedEvent,
  messageStatusEvent,
  messageUpdatedEvent,
  conversationUpdatedEvent,
  typingEvent,
  authRequestCreatedEvent,
  authRequestUpdatedEvent,
  aiResponseDeltaEvent,
  aiResponseEvent,
  campaignStartedEvent,
  campaignCompletedEvent,
  notificationSentEvent,
]);
export type RealtimeEvent = z.infer<typeof realtimeEventSchema>;
export type RealtimeEventType = RealtimeEvent['event_type'];

/** Events that are only meaningful live (typing indicators, streamed tokens) are not stored for replay. */
export const transientEventTypes: readonly string[] = ['typing', 'ai_response_delta'];

export function isDurableEvent(event: RealtimeEvent): boolean {
  return !transientEventTypes.includes(event.event_type);
}

export const eventStreamInput = z
  .object({
    lastEventId: z
      .string()
      .regex(/^\d{1,19}$/, { error: 'lastEventId inválido.' })
      .nullish(),
  })
  .default({});
