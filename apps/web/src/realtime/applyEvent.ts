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
    case 'auth_request_created':
    case 'auth_request_updated':
      void utils.authRequests.invalidate();
      return;
    case 'typing':
    case 'ai_response_delta':
    case 'ai_response':
      // Only the open chat listens for these.
      return;
    case 'campaign_started':
    case 'campaign_completed':
    case 'notification_sent':
      // Shown as toasts by the shell; no cached list to update yet.
      return;
    default:
      ignoreUnknownEvent(event);
  }
}
