import { CronExpressionParser } from 'cron-parser';

/** Five fields (minute hour day-of-month month day-of-week), as the contract's check asks. */
const FIVE_FIELDS = /^(\S+\s+){4}\S+$/;

/** Whether a campaign schedule is a five-field cron expression the scheduler can follow. */
export function isValidCampaignSchedule(cron: string): boolean {
  const expression = cron.trim();
  if (!FIVE_FIELDS.test(expression)) return false;
  try {
    CronExpressionParser.parse(expression, { tz: 'UTC' });
    return true;
  } catch {
    return false;
  }
}

/**
 * The most recent instant at or before `now` that the schedule names, read on the tenant's wall clock
 * (`0 9 * * *` in America/Sao_Paulo is 12:00Z; in America/Manaus 13:00Z), or null for an expression that
 * cannot be read. cron-parser resolves the wall clock with the zone's rules (DST included).
 */
export function lastScheduledInstant(cron: string, timeZone: string, now: Date): Date | null {
  let expression;
  try {
    // prev() answers strictly before currentDate: start a millisecond later so `now` itself counts.
    expression = CronExpressionParser.parse(cron.trim(), {
      currentDate: new Date(now.getTime() + 1),
      tz: timeZone,
    });
  } catch {
    return null;
  }
  for (let i = 0; i < 2; i += 1) {
    const instant = expression.prev().toDate();
    if (instant.getTime() <= now.getTime()) return instant;
  }
  return null;
}
