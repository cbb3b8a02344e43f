import type { RealtimeEvent } from '@agenda-cheia/contracts';
import type { QueryClient } from '@tanstack/react-query';
import type { trpc } from '../api/trpc';
import { placeRequest } from '../approvals/pendingApprovals';
import { withFinishedRun, withStartedRun } from '../campaigns/campaignsCache';
import { applyAiReplyEvent } from '../inbox/aiReplyStore';
import { applyConversation, applyMessage, applyMessageStatus } from '../inbox/inboxCache';

type Utils = ReturnType<typeof trpc.useUtils>;

/** An event type this build does not know yet (a newer server): nothing to update. */
function ignoreUnknownEvent(_event: never): void {}

/**
 * What each event changes in the query cache. Lists that events describe completely (conversations,
 * messages, pending approvals) are updated in place; views computed by the server (calendar,
 * availability, campaign figures) are refetched.
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
      // The assistant's stored message replaces the bubble its reply streamed into.
      applyAiReplyEvent(event);
      return;
    case 'message_status':
      applyMessageStatus(queryClient, event.data);
      return;
    case 'message_updated':
      // An inbound file was stored (or could not be): the bubble changes in place, its place does not.
      applyMessage(queryClient, event.data.message);
      return;
    case 'conversation_updated':
      applyConversation(queryClient, event.data.conversation);
      return;
    case 'auth_request_created':
    case 'auth_request_updated': {
      const { authRequest } = event.data;
      utils.authRequests.listPending.setData(undefined, (list) =>
        list === undefined ? list : placeRequest(list, authRequest, Date.now()),
      );
      void utils.authRequests.list.invalidate();
      // Slots held or released: the times offered elsewhere change.
      void utils.schedule.availability.invalidate();
      // A campaign offer the client answered, or that became an appointment, moves the campaign's figures.
      const campaignId = authRequest.offer?.campaignId;
      if (event.event_type === 'auth_request_updated' && campaignId != null) {
        void utils.campaigns.runs.invalidate({ campaignId });
        void utils.campaigns.stats.invalidate({ id: campaignId });
      }
      return;
    }
    case 'typing':
      // Only the open chat listens for these.
      return;
    case 'ai_response_delta':
    case 'ai_response':
      // The chat's temporary bubble and the intent tags (see inbox/aiReplyStore).
      applyAiReplyEvent(event);
      return;
    case 'campaign_started': {
      const { campaignId, runId } = event.data;
      utils.campaigns.list.setData(undefined, (list) =>
        list === undefined
          ? list
          : withStartedRun(list, { campaignId, runId, startedAt: new Date().toISOString() }),
      );
      void utils.campaigns.get.invalidate({ id: campaignId });
      void utils.campaigns.runs.invalidate({ campaignId });
      return;
    }
    case 'campaign_completed': {
      const { campaignId, runId, status } = event.data;
      utils.campaigns.list.setData(undefined, (list) =>
        list === undefined ? list : withFinishedRun(list, { campaignId, runId, status }),
      );
      void utils.campaigns.list.invalidate();
      void utils.campaigns.get.invalidate({ id: campaignId });
      void utils.campaigns.runs.invalidate({ campaignId });
      void utils.campaigns.stats.invalidate({ id: campaignId });
      return;
    }
    case 'notification_sent':
      // Shown as toasts by the shell; what it tells about has its own events.
      return;
    default:
      ignoreUnknownEvent(event);
  }
}
