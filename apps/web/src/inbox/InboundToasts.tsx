import { useLocation, useNavigate } from 'react-router';
import { useRealtimeEvent } from '../realtime/RealtimeProvider';
import { useShowToast } from '../ui/Toasts';

const PREVIEW_LENGTH = 80;

function preview(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  if (oneLine === '') return '📎 Anexo';
  return oneLine.length > PREVIEW_LENGTH ? `${oneLine.slice(0, PREVIEW_LENGTH - 1)}…` : oneLine;
}

/**
 * "Nova mensagem de Maria: …" wherever the person is, except where the message is already in
 * sight: the conversation itself, or the conversation list. Clicking opens the conversation.
 */
export function InboundToasts() {
  const location = useLocation();
  const navigate = useNavigate();
  const showToast = useShowToast();

  useRealtimeEvent((event) => {
    if (event.event_type !== 'message_created') return;
    const { message, conversation } = event.data;
    if (message.direction !== 'inbound') return;
    const path = `/conversas/${conversation.id}`;
    if (location.pathname === path || location.pathname === '/conversas') return;
    showToast({
      key: `conversation-${conversation.id}`,
      title: `Nova mensagem de ${conversation.clientName}`,
      text: preview(message.text),
      onOpen: () => void navigate(path),
    });
  });

  return null;
}
