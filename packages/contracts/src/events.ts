import { z } from 'zod';
import { conversationSchema, messageSchema, messageStatusSchema } from './inbox';
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

export const realtimeEventSchema = z.discriminatedUnion('event_type', [
  appointmentCreatedEvent,
  appointmentUpdatedEvent,
  messageCreatedEvent,
  messageStatusEvent,
  conversationUpdatedEvent,
  typingEvent,
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
