import type { NotificationSent } from '@agenda-cheia/contracts';
import { useLocation, useNavigate } from 'react-router';
import { useRealtimeEvent } from '../realtime/RealtimeProvider';
import { useSignedIn } from '../session/useSignedIn';
import { useShowToast } from '../ui/Toasts';
import { describeRequest } from './ApprovalCard';
import { sourceLabels } from './labels';
import { awaitsOwner } from './pendingApprovals';
import { APPROVALS_ANCHOR } from './PendingApprovals';

/** What the owner is told about needs their attention soon. */
const URGENT: readonly NotificationSent['kind'][] = ['complaint', 'cancellation', 'handover'];

/**
 * Wherever the owner is: a toast for each new request awaiting approval (leading to the Painel), and for
 * what the assistant tells the owner (a complaint, a cancellation, a conversation handed over), unless
 * that conversation is the one open.
 */
export function ApprovalToasts() {
  const location = useLocation();
  const navigate = useNavigate();
  const showToast = useShowToast();
  const timeZone = useSignedIn()?.tenant.timezone;

  useRealtimeEvent((event) => {
    if (event.event_type === 'auth_request_created') {
      const request = event.data.authRequest;
      if (timeZone === undefined || !awaitsOwner(request, Date.now())) return;
      // A campaign run makes many offers at once: one toast per run, showing the latest.
      const run = request.offer?.campaignRunId ?? null;
      showToast({
        key: run === null ? `approval-${request.id}` : `offers-${run}`,
        title:
          run === null
            ? `Novo pedido para aprovar (${sourceLabels[request.source]})`
            : `Ofertas da campanha para aprovar (${sourceLabels[request.source]})`,
        text: `${describeRequest(request, timeZone)} · ${request.serviceName}`,
        onOpen: () => void navigate({ pathname: '/', hash: APPROVALS_ANCHOR }),
      });
      return;
    }
    if (event.event_type === 'notification_sent' && event.data.audience === 'owner') {
      const { kind, title, body, conversationId, clientId } = event.data;
      const target =
        conversationId !== null
          ? `/conversas/${conversationId}`
          : clientId !== null
            ? `/clientes/${clientId}`
            : null;
      // Already reading that conversation: the chat itself shows what happened.
      if (conversationId !== null && location.pathname === target) return;
      showToast({
        key: `notice-${event.data.messageId ?? event.data.authRequestId ?? conversationId ?? title}`,
        title,
        text: body,
        tone: URGENT.includes(kind) ? 'alert' : 'info',
        ...(target === null ? {} : { onOpen: () => void navigate(target) }),
      });
    }
  });

  return null;
}
