import { z } from 'zod';
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

export const realtimeEventSchema = z.discriminatedUnion('event_type', [
  appointmentCreatedEvent,
  appointmentUpdatedEvent,
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
