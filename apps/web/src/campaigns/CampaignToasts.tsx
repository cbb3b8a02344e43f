import { useLocation, useNavigate } from 'react-router';
import { useRealtimeEvent } from '../realtime/RealtimeProvider';
import { useShowToast } from '../ui/Toasts';
import { describeRunStats } from './RunFigures';

/** "Campanha Retorno concluída: …" when a run ends, except on that campaign's own page (it is in sight). */
export function CampaignToasts() {
  const location = useLocation();
  const navigate = useNavigate();
  const showToast = useShowToast();

  useRealtimeEvent((event) => {
    if (event.event_type !== 'campaign_completed') return;
    const { campaignId, name, status, stats } = event.data;
    const path = `/campanhas/${campaignId}`;
    if (location.pathname === path) return;
    showToast({
      key: `campaign-${campaignId}`,
      title: status === 'completed' ? `Campanha “${name}” concluída` : `Campanha “${name}” falhou`,
      text: describeRunStats(stats),
      tone: status === 'completed' ? 'info' : 'alert',
      onOpen: () => void navigate(path),
    });
  });

  return null;
}
