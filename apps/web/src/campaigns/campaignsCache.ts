import type { Campaign } from '@agenda-cheia/contracts';

/** How campaign events change the cached campaign list before the server's figures are fetched again. */

export interface CampaignList {
  items: Campaign[];
}

type RunStatus = NonNullable<Campaign['lastRun']>['status'];

function updateCampaign(
  list: CampaignList,
  campaignId: string,
  change: (campaign: Campaign) => Campaign,
): CampaignList {
  let changed = false;
  const items = list.items.map((campaign) => {
    if (campaign.id !== campaignId) return campaign;
    const next = change(campaign);
    if (next !== campaign) changed = true;
    return next;
  });
  return changed ? { ...list, items } : list;
}

/** A run that just started is the campaign's latest. `startedAt` is when the page heard of it. */
export function withStartedRun(
  list: CampaignList,
  run: { campaignId: string; runId: string; startedAt: string },
): CampaignList {
  return updateCampaign(list, run.campaignId, (campaign) =>
    campaign.lastRun?.id === run.runId
      ? campaign
      : { ...campaign, lastRun: { id: run.runId, startedAt: run.startedAt, status: 'running' } },
  );
}

/** A run that finished: its status, if it still is the latest run (an older one finishing changes nothing). */
export function withFinishedRun(
  list: CampaignList,
  run: { campaignId: string; runId: string; status: RunStatus },
): CampaignList {
  return updateCampaign(list, run.campaignId, (campaign) => {
    const last = campaign.lastRun;
    if (last == null || last.id !== run.runId || last.status === run.status) return campaign;
    return { ...campaign, lastRun: { ...last, status: run.status } };
  });
}

/** Whether a campaign is running now, as far as the last run the page knows of says. */
export function isRunning(campaign: Campaign): boolean {
  return campaign.lastRun?.status === 'running';
}
