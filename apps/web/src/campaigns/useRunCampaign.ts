import type { Campaign } from '@agenda-cheia/contracts';
import { trpc } from '../api/trpc';

/**
 * "Executar agora": runs a campaign on the server, which answers with the run's figures once it is done
 * (the page also hears `campaign_started` / `campaign_completed` on the event stream).
 */
export function useRunCampaign(campaign: Pick<Campaign, 'id' | 'kind'>) {
  const utils = trpc.useUtils();
  const onSettled = () =>
    Promise.all([
      utils.campaigns.list.invalidate(),
      utils.campaigns.get.invalidate({ id: campaign.id }),
      utils.campaigns.runs.invalidate({ campaignId: campaign.id }),
      utils.campaigns.stats.invalidate({ id: campaign.id }),
      utils.authRequests.listPending.invalidate(),
    ]);
  const prazoCerto = trpc.automations.executePrazoCerto.useMutation({ onSettled });
  const encherAgenda = trpc.automations.executeEncherAgenda.useMutation({ onSettled });
  const mutation = campaign.kind === 'prazo_certo' ? prazoCerto : encherAgenda;
  return {
    /** Encher Agenda can be limited to one professional's free times. */
    run: (options: { professionalId?: string } = {}) => {
      if (campaign.kind === 'prazo_certo') prazoCerto.mutate({ campaignId: campaign.id });
      else encherAgenda.mutate({ campaignId: campaign.id, ...options });
    },
    isPending: mutation.isPending,
    result: mutation.data,
    error: mutation.error,
    reset: mutation.reset,
  };
}
