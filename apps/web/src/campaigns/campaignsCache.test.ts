import type { Campaign } from '@agenda-cheia/contracts';
import { describe, expect, it } from 'vitest';
import { isRunning, withFinishedRun, withStartedRun, type CampaignList } from './campaignsCache';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

function campaign(id: string, lastRun: Campaign['lastRun'] = null): Campaign {
  return {
    id,
    kind: 'prazo_certo',
    name: `Campanha ${id.slice(-1)}`,
    config: {
      discountPercent: 10,
      daysAhead: 7,
      serviceIds: [],
      professionalIds: [],
      cooldownDays: 14,
      maxOffersPerRun: 30,
      offerExpiryHours: 24,
      template: 'Oi, {nome}!',
      schedule: '0 9 * * *',
    },
    enabled: true,
    createdAt: '2026-11-01T12:00:00Z',
    updatedAt: '2026-11-01T12:00:00Z',
    lastRun,
  };
}

describe('campaign list on campaign events', () => {
  const list: CampaignList = {
    items: [
      campaign(A, { id: 'run-1', startedAt: '2026-11-20T12:00:00Z', status: 'completed' }),
      campaign(B),
    ],
  };

  it('shows a campaign running as soon as its run starts', () => {
    const started = withStartedRun(list, {
      campaignId: A,
      runId: 'run-2',
      startedAt: '2026-11-23T12:00:00Z',
    });
    expect(started.items[0]?.lastRun).toEqual({
      id: 'run-2',
      startedAt: '2026-11-23T12:00:00Z',
      status: 'running',
    });
    expect(isRunning(started.items[0] ?? campaign(A))).toBe(true);
    expect(started.items[1]).toBe(list.items[1]);
  });

  it('marks the run finished, keeping when it started', () => {
    const started = withStartedRun(list, {
      campaignId: B,
      runId: 'run-9',
      startedAt: '2026-11-23T12:00:00Z',
    });
    const finished = withFinishedRun(started, { campaignId: B, runId: 'run-9', status: 'failed' });
    expect(finished.items[1]?.lastRun).toEqual({
      id: 'run-9',
      startedAt: '2026-11-23T12:00:00Z',
      status: 'failed',
    });
  });

  it('ignores an older run finishing after a newer one started', () => {
    const started = withStartedRun(list, {
      campaignId: A,
      runId: 'run-2',
      startedAt: '2026-11-23T12:00:00Z',
    });
    expect(withFinishedRun(started, { campaignId: A, runId: 'run-1', status: 'completed' })).toBe(started);
  });

  it('leaves the list alone for a campaign it does not have', () => {
    expect(withStartedRun(list, { campaignId: 'elsewhere', runId: 'r', startedAt: '' })).toBe(list);
  });
});
