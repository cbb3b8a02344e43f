import { afterEach, describe, expect, it } from 'vitest';
import { normalizeMessage } from './normalize';
import { type RequestedTime } from './types';
import { extractWhen } from './when';

const SAO_PAULO = 'America/Sao_Paulo';
/** Friday 20 November 2026, 10:00 in São Paulo. */
const FRIDAY_10AM = new Date('2026-11-20T10:00:00-03:00');

function when(text: string, now: Date = FRIDAY_10AM, timeZone = SAO_PAULO): RequestedTime | null {
  return extractWhen(normalizeMessage(text), now, timeZone);
}

function day(date: string, extra: Partial<RequestedTime> = {}): RequestedTime {
  return { date, time: null, partOfDay: null, flexible: false, daySaid: true, ...extra };
}

/** A time or part of the day with no day named: the date is only the nearest still ahead. */
function unnamedDay(date: string, extra: Partial<RequestedTime> = {}): RequestedTime {
  return day(date, { daySaid: false, ...extra });
}

describe('extractWhen, on Friday 2026-11-20 at 10:00 in São Paulo', () => {
  it.each([
    ['amanhã às 15h', day('2026-11-21', { time: '15:00' })],
    ['amanha 15:30', day('2026-11-21', { time: '15:30' })],
    ['hoje à tarde', day('2026-11-20', { partOfDay: 'afternoon' })],
    ['depois de amanhã 9h', day('2026-11-22', { time: '09:00' })],
    ['sexta de manhã', day('2026-11-27', { partOfDay: 'morning' })],
    ['sexta depois do almoço', day('2026-11-27', { partOfDay: 'afternoon' })],
    ['dia 12/12 às 14h', day('2026-12-12', { time: '14:00' })],
    ['sábado que vem', day('2026-11-21')],
    ['segunda', day('2026-11-23')],
    ['terça as 10', day('2026-11-24', { time: '10:00' })],
    ['quinta 7 da noite', day('2026-11-26', { time: '19:00' })],
    ['12 de dezembro as 9', day('2026-12-12', { time: '09:00' })],
    ['daqui a 2 dias', day('2026-11-22')],
    ['sábado agora, dia 21, de manhã', day('2026-11-21', { partOfDay: 'morning' })],
    ['9 horas tá bom', unnamedDay('2026-11-21', { time: '09:00' })],
  ])('reads "%s"', (text, expected) => {
    expect(when(text)).toEqual(expected);
  });

  it.each([
    ['10 e meia', '10:30'],
    ['10h30', '10:30'],
    ['às 3 da tarde', '15:00'],
    ['meio dia', '12:00'],
    ['ao meio-dia', '12:00'],
    ['15hrs', '15:00'],
    ['às 15 horas', '15:00'],
  ])('reads the clock time in "%s" and, with no day named, keeps today while it is ahead', (text, time) => {
    expect(when(text)).toEqual(unnamedDay('2026-11-20', { time }));
  });

  it.each([
    ['lá pelas 4', '16:00'],
    ['umas 7', '19:00'],
    ['as 2 e meia', '14:30'],
    ['3:30', '15:30'],
  ])('reads small hours as afternoon, as a salon means them: "%s" is %s', (text, time) => {
    expect(when(text)?.time).toBe(time);
  });

  it('keeps a small hour in the morning when the client says so', () => {
    expect(when('7h da manhã')?.time).toBe('07:00');
    expect(when('sábado de manhã às 7')).toEqual(day('2026-11-21', { time: '07:00', partOfDay: 'morning' }));
  });

  it('puts "à noite às 8" at 20:00', () => {
    expect(when('amanhã à noite às 8')).toEqual(day('2026-11-21', { time: '20:00', partOfDay: 'evening' }));
  });

  it.each([
    ['de tarde', 'afternoon'],
    ['fim da tarde', 'afternoon'],
    ['depois do almoço', 'afternoon'],
    ['à noite', 'evening'],
    ['de manhã', 'morning'],
  ] as const)('reads the part of the day "%s" as %s, today while it lasts', (text, partOfDay) => {
    expect(when(text)).toEqual(unnamedDay('2026-11-20', { partOfDay }));
  });

  it('moves a time already past today to tomorrow, unless the client said "hoje"', () => {
    expect(when('às 9')).toEqual(unnamedDay('2026-11-21', { time: '09:00' }));
    expect(when('hoje às 9')).toEqual(day('2026-11-20', { time: '09:00' }));
  });

  it('moves a part of the day already over to tomorrow', () => {
    const tuesdayEvening = new Date('2026-11-24T18:20:00-03:00');
    expect(when('de manhã', tuesdayEvening)).toEqual(unnamedDay('2026-11-25', { partOfDay: 'morning' }));
  });

  it('reads a weekday as its next occurrence strictly after today: "sexta" said on a Friday is next week', () => {
    expect(when('sexta')).toEqual(day('2026-11-27'));
    expect(when('hoje')).toEqual(day('2026-11-20'));
  });

  it('reads "terça da semana que vem" as the Tuesday of next week', () => {
    const monday = new Date('2026-11-30T19:45:00-03:00');
    expect(when('terça da semana que vem', monday)).toEqual(day('2026-12-08'));
    expect(when('terça', monday)).toEqual(day('2026-12-01'));
  });

  it('reads "dia N" as this month while the day has not passed, otherwise the next month that has it', () => {
    expect(when('dia 25')).toEqual(day('2026-11-25'));
    expect(when('dia 20')).toEqual(day('2026-11-20'));
    expect(when('dia 12')).toEqual(day('2026-12-12'));
    expect(when('dia 31')).toEqual(day('2026-12-31'));
    expect(when('dia 5', new Date('2026-12-31T11:00:00-03:00'))).toEqual(day('2027-01-05'));
  });

  it('rolls a day/month already past into next year', () => {
    expect(when('15/01 às 10')).toEqual(day('2027-01-15', { time: '10:00' }));
  });

  it.each([
    ['semana que vem', '2026-11-23'],
    ['próxima semana', '2026-11-23'],
    ['essa semana', '2026-11-20'],
    ['fim de semana', '2026-11-21'],
    ['mês que vem', '2026-12-01'],
  ])('reads the range "%s" as its first day, flexible', (text, date) => {
    expect(when(text)).toEqual(day(date, { flexible: true }));
  });

  it('prefers an explicit date to a weekday named with it', () => {
    expect(when('segunda dia 4', new Date('2026-12-31T11:00:00-03:00'))).toEqual(day('2027-01-04'));
  });

  it.each([
    'ontem',
    'boa tarde',
    'agora não, obrigada',
    'vocês atendem aos domingos?',
    'umas 3 semanas',
    'demora 2 horas',
    'dia 30/02',
    'oi',
  ])('finds no requested time in "%s"', (text) => {
    expect(when(text)).toBeNull();
  });
});

describe('extractWhen across time zones', () => {
  // 01:30 UTC on 21 November: still the 20th (22:30) in São Paulo, already the 21st in Lisbon.
  const instant = new Date('2026-11-21T01:30:00Z');

  it('counts days on the tenant wall clock', () => {
    expect(when('amanhã', instant, SAO_PAULO)).toEqual(day('2026-11-21'));
    expect(when('amanhã', instant, 'Europe/Lisbon')).toEqual(day('2026-11-22'));
  });

  it('compares a bare time with the tenant wall clock', () => {
    expect(when('às 9', instant, SAO_PAULO)).toEqual(unnamedDay('2026-11-21', { time: '09:00' }));
    expect(when('às 9', instant, 'Europe/Lisbon')).toEqual(unnamedDay('2026-11-21', { time: '09:00' }));
    expect(when('às 23h', instant, SAO_PAULO)).toEqual(unnamedDay('2026-11-20', { time: '23:00' }));
  });

  it('crosses the Lisbon spring-forward night as a plain calendar day', () => {
    const saturdayNight = new Date('2026-03-28T23:30:00Z');
    expect(when('amanhã às 15h', saturdayNight, 'Europe/Lisbon')).toEqual(
      day('2026-03-29', { time: '15:00' }),
    );
  });

  describe('whatever the zone of the process running it', () => {
    const original = process.env.TZ;
    afterEach(() => {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    });

    it.each(['Asia/Tokyo', 'America/New_York', 'Pacific/Kiritimati', 'UTC'])(
      'gives the same answers with TZ=%s',
      (zone) => {
        process.env.TZ = zone;
        expect(when('amanhã às 9h')).toEqual(day('2026-11-21', { time: '09:00' }));
        expect(when('sexta')).toEqual(day('2026-11-27'));
        expect(when('dia 31')).toEqual(day('2026-12-31'));
        expect(when('depois de amanhã')).toEqual(day('2026-11-22'));
      },
    );
  });
});
