import { describe, expect, it } from 'vitest';
import { isValidCampaignSchedule, lastScheduledInstant } from './campaign-schedule';

describe('campaign schedules', () => {
  it('accepts five-field cron expressions only', () => {
    for (const cron of ['0 9 * * *', '0 14 * * 1,3,5', '30 8 * * 2-6', '*/15 9-18 * * *', ' 0 9 * * * ']) {
      expect(isValidCampaignSchedule(cron)).toBe(true);
    }
    for (const cron of ['', 'todo dia', '99 9 * * *', '0 25 * * *', '0 9 * * 8', '0 0 9 * * *', '@daily']) {
      expect(isValidCampaignSchedule(cron)).toBe(false);
    }
  });

  it('finds the most recent instant at or before now on the tenant’s wall clock', () => {
    // 09:00 in São Paulo (UTC−3) is 12:00Z; in Manaus (UTC−4) 13:00Z.
    const at = (iso: string) => new Date(iso);
    expect(lastScheduledInstant('0 9 * * *', 'America/Sao_Paulo', at('2026-11-23T12:00:00Z'))).toEqual(
      at('2026-11-23T12:00:00Z'),
    );
    expect(lastScheduledInstant('0 9 * * *', 'America/Sao_Paulo', at('2026-11-23T11:59:59.999Z'))).toEqual(
      at('2026-11-22T12:00:00Z'),
    );
    expect(lastScheduledInstant('0 9 * * *', 'America/Manaus', at('2026-11-23T12:30:00Z'))).toEqual(
      at('2026-11-22T13:00:00Z'),
    );
    // Monday, Wednesday and Friday at 14:00: on Tuesday the last one is Monday's.
    expect(lastScheduledInstant('0 14 * * 1,3,5', 'America/Sao_Paulo', at('2026-11-24T20:00:00Z'))).toEqual(
      at('2026-11-23T17:00:00Z'),
    );
    expect(lastScheduledInstant('not a cron', 'America/Sao_Paulo', at('2026-11-24T20:00:00Z'))).toBeNull();
  });

  it('follows daylight saving time where the zone has it', () => {
    // New York: 09:00 is 14:00Z in winter (EST) and 13:00Z in summer (EDT); clocks moved on 2026-03-08.
    expect(lastScheduledInstant('0 9 * * *', 'America/New_York', new Date('2026-03-07T15:00:00Z'))).toEqual(
      new Date('2026-03-07T14:00:00Z'),
    );
    expect(lastScheduledInstant('0 9 * * *', 'America/New_York', new Date('2026-03-09T15:00:00Z'))).toEqual(
      new Date('2026-03-09T13:00:00Z'),
    );
  });
});
