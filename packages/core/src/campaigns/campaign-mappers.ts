import type { Campaign, CampaignResults, CampaignRun } from '@agenda-cheia/contracts';
import type { CampaignRow, CampaignRunRow } from '@agenda-cheia/db';
import { resolveCampaignConfig } from './campaign-config';
import { recordedStats } from './campaign-runs';

export function toCampaign(
  row: CampaignRow,
  lastRun: Pick<CampaignRunRow, 'id' | 'started_at' | 'status'> | null,
): Campaign {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    config: resolveCampaignConfig(row.kind, row.config),
    enabled: row.enabled,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    lastRun: lastRun
      ? { id: lastRun.id, startedAt: lastRun.started_at.toISOString(), status: lastRun.status }
      : null,
  };
}

export function toCampaignRun(
  row: CampaignRunRow,
  outcomes: Pick<CampaignResults, 'accepted' | 'booked' | 'revenueBookedCents'>,
): CampaignRun {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    trigger: row.trigger,
    scheduledFor: row.scheduled_for?.toISOString() ?? null,
    status: row.status,
    startedAt: row.started_at.toISOString(),
    completedAt: row.completed_at?.toISOString() ?? null,
    error: row.error,
    results: { ...recordedStats(row), ...outcomes },
  };
}
