import type { RealtimeEvent } from '@agenda-cheia/contracts';
import type { QueryClient } from '@tanstack/react-query';
import type { trpc } from '../api/trpc';
import { applyConversation, applyMessage, applyMessageStatus } from '../inbox/inboxCache';

type Utils = ReturnType<typeof trpc.useUtils>;

/** An event type this build does not know yet (a newer server): nothing to update. */
function ignoreUnknownEvent(_event: never): void {}

/**
 * What each event changes in the query cache. Lists that events describe completely (conversations,
 * messages) are updated in place; views computed by the server (calendar, availability) are refetched.
 */
export function applyEventToCache(event: RealtimeEvent, deps: { queryClient: QueryClient; utils: Utils }) {
  const { queryClient, utils } = deps;
  switch (event.event_type) {
    case 'appointment_created':
    case 'appointment_updated':
      // Agenda and Painel read the calendar; the client page shows the history.
      void utils.schedule.calendar.invalidate();
      void utils.schedule.availability.invalidate();
      void utils.clients.get.invalidate({ id: event.data.appointment.clientId });
      return;
    case 'message_created':
      applyMessage(queryClient, event.data.message);
      applyConversation(queryClient, event.data.conversation);
      return;
    case 'message_status':
      applyMessageStatus(queryClient, event.data);
      return;
    case 'conversation_updated':
      applyConversation(queryClient, event.data.conversation);
      return;
    case 'typing':
      // Transient: only the open chat listens for it.
      return;
    default:
      ignoreUnknownEvent(event);
  }
}
