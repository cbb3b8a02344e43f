import { describe, expect, it } from 'vitest';
import { formatChatDay, formatDeadline, formatRelativeInstant } from './relative';

const zone = 'America/Sao_Paulo';
// 2026-03-10 (a Tuesday) 14:30 in São Paulo (UTC−3).
const now = Date.parse('2026-03-10T17:30:00Z');

describe('formatRelativeInstant', () => {
  it('says how long ago within the hour', () => {
    expect(formatRelativeInstant('2026-03-10T17:29:40Z', now, zone)).toBe('agora');
    expect(formatRelativeInstant('2026-03-10T17:05:00Z', now, zone)).toBe('há 25 min');
  });

  it('gives the salon clock time earlier today, whatever the browser zone', () => {
    expect(formatRelativeInstant('2026-03-10T12:15:00Z', now, zone)).toBe('09:15');
  });

  it('says "ontem" for the salon\'s yesterday, even a few minutes before its midnight', () => {
    expect(formatRelativeInstant('2026-03-10T02:55:00Z', now, zone)).toBe('ontem');
  });

  it('names the weekday within the week and the date before that', () => {
    expect(formatRelativeInstant('2026-03-06T15:00:00Z', now, zone)).toBe('sex.');
    expect(formatRelativeInstant('2026-02-20T15:00:00Z', now, zone)).toBe('20/02');
    expect(formatRelativeInstant('2025-12-20T15:00:00Z', now, zone)).toBe('20/12/2025');
  });
});

describe('formatChatDay', () => {
  it('heads a chat with Hoje, Ontem or the date on the salon clock', () => {
    expect(formatChatDay('2026-03-10T03:30:00Z', now, zone)).toBe('Hoje');
    expect(formatChatDay('2026-03-10T02:30:00Z', now, zone)).toBe('Ontem');
    expect(formatChatDay('2026-03-01T15:00:00Z', now, zone)).toBe('01/03/2026');
  });
});

describe('formatDeadline', () => {
  it('counts down the last hour, then names the day on the salon clock', () => {
    expect(formatDeadline('2026-03-10T17:55:00Z', now, zone)).toBe('em 25 min');
    expect(formatDeadline('2026-03-10T21:00:00Z', now, zone)).toBe('hoje às 18:00');
    // 01:30Z on the 11th is still the 10th in São Paulo.
    expect(formatDeadline('2026-03-11T01:30:00Z', now, zone)).toBe('hoje às 22:30');
    expect(formatDeadline('2026-03-11T12:00:00Z', now, zone)).toBe('amanhã às 09:00');
    expect(formatDeadline('2026-03-13T12:00:00Z', now, zone)).toBe('sex., 13/03 às 09:00');
    expect(formatDeadline('2026-03-10T17:00:00Z', now, zone)).toBe('já passou');
  });
});
