import { describe, expect, it } from 'vitest';
import { findFreeSlots } from './find-free-slots';
import {
  appointment,
  at,
  between,
  everyMinutes,
  hours,
  localStarts,
  professional,
  query,
  SALON_HOURS,
} from './testing/builders';

describe('findFreeSlots: working hours', () => {
  it('offers nothing that crosses the lunch break (09:00–12:00, 13:00–19:00)', () => {
    const slots = findFreeSlots(query());

    expect(localStarts(slots)).toEqual([
      ...everyMinutes('09:00', '11:00', 30),
      ...everyMinutes('13:00', '18:00', 30),
    ]);
  });

  it('treats touching intervals (09:00–12:00 and 12:00–15:00) as one continuous span', () => {
    const twoHours = { durationMin: 120, bufferBeforeMin: 0, bufferAfterMin: 0 };
    const touching = query({
      professionals: [professional('ana', hours([2], '09:00-12:00', '12:00-15:00'))],
      service: twoHours,
      slotStepMin: 60,
    });
    const apart = query({
      professionals: [professional('ana', hours([2], '09:00-12:00', '12:30-15:00'))],
      service: twoHours,
      slotStepMin: 60,
    });

    expect(localStarts(findFreeSlots(touching))).toEqual(['09:00', '10:00', '11:00', '12:00', '13:00']);
    expect(localStarts(findFreeSlots(apart))).toEqual(['09:00', '10:00', '12:30']);
  });

  it('offers no slot on a weekday without hours', () => {
    const monday = query({
      range: between('2026-06-01 00:00', '2026-06-02 00:00'),
      now: at('2026-05-31 08:00'),
    });

    expect(findFreeSlots(monday)).toEqual([]);
  });

  it('joins a night that runs over midnight (Fri 20:00–24:00 + Sat 00:00–02:00) into one span', () => {
    const bar = professional('ana', [
      { weekday: 5, start: '20:00', end: '24:00' },
      { weekday: 6, start: '00:00', end: '02:00' },
    ]);
    const slots = findFreeSlots(
      query({
        professionals: [bar],
        range: between('2026-06-05 00:00', '2026-06-07 00:00'),
        slotStepMin: 30,
      }),
    );

    expect(localStarts(slots, { withDate: true })).toEqual([
      ...everyMinutes('20:00', '23:30', 30).map((time) => `2026-06-05 ${time}`),
      ...everyMinutes('00:00', '01:00', 30).map((time) => `2026-06-06 ${time}`),
    ]);
    expect(slots.find((slot) => slot.start.getTime() === at('2026-06-05 23:30').getTime())?.end).toEqual(
      at('2026-06-06 00:30'),
    );
  });
});

describe('findFreeSlots: appointments, buffers and time off', () => {
  it("blocks an appointment together with its own buffers and the service's buffers", () => {
    // Blocked 10:00–11:15 (15 min of clean-up after); the service needs 10 min of preparation before it.
    const ana = professional('ana', hours([2], '09:00-12:00'), {
      busy: [appointment('2026-06-02 10:00', '2026-06-02 11:00', 0, 15)],
    });
    const slots = findFreeSlots(
      query({
        professionals: [ana],
        service: { durationMin: 30, bufferBeforeMin: 10, bufferAfterMin: 0 },
        slotStepMin: 15,
      }),
    );

    expect(localStarts(slots)).toEqual(['09:00', '09:15', '09:30', '11:25', '11:30']);
  });

  it("keeps the service's clean-up buffer clear of the next appointment's preparation buffer", () => {
    // The next client arrives at 11:00 but needs 10 minutes of preparation: blocked from 10:50.
    const ana = professional('ana', hours([2], '09:00-12:00'), {
      busy: [appointment('2026-06-02 11:00', '2026-06-02 12:00', 10, 0)],
    });
    const slots = findFreeSlots(
      query({
        professionals: [ana],
        service: { durationMin: 30, bufferBeforeMin: 0, bufferAfterMin: 5 },
        slotStepMin: 15,
      }),
    );

    expect(localStarts(slots)).toEqual(['09:00', '09:15', '09:30', '09:45', '10:00', '10:15']);
  });

  it('lets buffers fall outside working hours, but not onto a booking made outside them', () => {
    const service = { durationMin: 60, bufferBeforeMin: 15, bufferAfterMin: 15 };
    const free = professional('ana', hours([2], '09:00-11:00'));
    const earlyBooking = professional('ana', hours([2], '09:00-11:00'), {
      busy: [appointment('2026-06-02 08:30', '2026-06-02 08:50')],
    });

    expect(localStarts(findFreeSlots(query({ professionals: [free], service })))).toEqual([
      '09:00',
      '09:30',
      '10:00',
    ]);
    expect(localStarts(findFreeSlots(query({ professionals: [earlyBooking], service })))).toEqual([
      '09:05',
      '09:30',
      '10:00',
    ]);
  });

  it('offers 10:20 when an appointment ends at 10:20 and the gap fits exactly one service', () => {
    const ana = professional('ana', hours([2], '09:00-12:00'), {
      busy: [
        appointment('2026-06-02 09:00', '2026-06-02 10:20'),
        appointment('2026-06-02 11:05', '2026-06-02 12:00'),
      ],
    });
    const slots = findFreeSlots(
      query({ professionals: [ana], service: { durationMin: 45, bufferBeforeMin: 0, bufferAfterMin: 0 } }),
    );

    expect(localStarts(slots)).toEqual(['10:20']);
  });

  it('returns to the grid after an off-grid first start', () => {
    const ana = professional('ana', hours([2], '09:00-12:00'), {
      busy: [appointment('2026-06-02 09:00', '2026-06-02 10:20')],
    });
    const slots = findFreeSlots(
      query({ professionals: [ana], service: { durationMin: 45, bufferBeforeMin: 0, bufferAfterMin: 0 } }),
    );

    expect(localStarts(slots)).toEqual(['10:20', '10:30', '11:00']);
  });

  it('starts on the next whole minute after an appointment that ends mid-minute', () => {
    const end = new Date(at('2026-06-02 10:20').getTime() + 30_000);
    const ana = professional('ana', hours([2], '09:00-12:00'), {
      busy: [{ start: at('2026-06-02 09:00'), end, bufferBeforeMin: 0, bufferAfterMin: 0 }],
    });

    expect(localStarts(findFreeSlots(query({ professionals: [ana] })))).toEqual(['10:21', '10:30', '11:00']);
  });

  it('allows back-to-back bookings: a slot may start exactly when an appointment ends', () => {
    const ana = professional('ana', hours([2], '09:00-12:00'), {
      busy: [appointment('2026-06-02 10:00', '2026-06-02 11:00')],
    });

    expect(localStarts(findFreeSlots(query({ professionals: [ana] })))).toEqual(['09:00', '11:00']);
  });

  it('offers nothing during time off spanning three days, and resumes right after it', () => {
    const ana = professional('ana', SALON_HOURS, {
      timeOff: [between('2026-06-03 12:00', '2026-06-05 15:00')],
    });
    const slots = findFreeSlots(
      query({
        professionals: [ana],
        range: between('2026-06-03 00:00', '2026-06-06 00:00'),
        slotStepMin: 60,
      }),
    );

    expect(localStarts(slots, { withDate: true })).toEqual([
      '2026-06-03 09:00',
      '2026-06-03 10:00',
      '2026-06-03 11:00',
      ...everyMinutes('15:00', '18:00', 60).map((time) => `2026-06-05 ${time}`),
    ]);
  });

  it('keeps the service buffers clear of time off too', () => {
    const ana = professional('ana', hours([2], '09:00-12:00'), {
      timeOff: [between('2026-06-02 11:00', '2026-06-02 12:00')],
    });
    const service = { durationMin: 60, bufferBeforeMin: 0, bufferAfterMin: 10 };

    // 60 min + 10 min of clean-up must be over by 11:00: 09:50 is the last start that fits.
    expect(localStarts(findFreeSlots(query({ professionals: [ana], service, slotStepMin: 25 })))).toEqual([
      '09:00',
      '09:25',
      '09:50',
    ]);
  });
});

describe('findFreeSlots: now, notice, horizon and range', () => {
  it('starts no earlier than now + minimum notice, on the first feasible minute, then on the grid', () => {
    const slots = findFreeSlots(query({ now: at('2026-06-02 09:10'), minNoticeMin: 60 }));

    expect(localStarts(slots).slice(0, 3)).toEqual(['10:10', '10:30', '11:00']);
  });

  it('rounds a notice that ends mid-minute up to the next whole minute', () => {
    const now = new Date(at('2026-06-02 09:10').getTime() + 30_500);

    expect(localStarts(findFreeSlots(query({ now, minNoticeMin: 60 })))[0]).toBe('10:11');
  });

  it('ends no later than now + horizon, counted in real hours', () => {
    const range = between('2026-06-02 00:00', '2026-06-05 00:00');
    const now = at('2026-06-02 12:00');
    const oneDay = findFreeSlots(query({ range, now, horizonDays: 1 }));
    const noHorizon = findFreeSlots(query({ range, now, horizonDays: 0 }));

    expect(localStarts(oneDay, { withDate: true }).at(-1)).toBe('2026-06-03 11:00');
    expect(oneDay.every((slot) => slot.end.getTime() <= at('2026-06-03 12:00').getTime())).toBe(true);
    expect(noHorizon).toEqual([]);
  });

  it('keeps slots inside the requested range', () => {
    const slots = findFreeSlots(query({ range: between('2026-06-02 10:15', '2026-06-02 13:45') }));

    expect(localStarts(slots)).toEqual(['10:15', '10:30', '11:00']);
  });

  it('returns nothing for an empty range or no professionals', () => {
    expect(findFreeSlots(query({ range: between('2026-06-02 10:00', '2026-06-02 10:00') }))).toEqual([]);
    expect(findFreeSlots(query({ professionals: [] }))).toEqual([]);
  });
});

describe('findFreeSlots: output', () => {
  it('orders slots by start, then professionalId, each lasting the service duration', () => {
    const slots = findFreeSlots(
      query({
        professionals: [
          professional('bia', hours([2], '09:00-11:00')),
          professional('ana', hours([2], '10:00-12:00')),
        ],
        slotStepMin: 60,
      }),
    );

    expect(slots.map((slot) => `${localStarts([slot])[0] ?? ''} ${slot.professionalId}`)).toEqual([
      '09:00 bia',
      '10:00 ana',
      '10:00 bia',
      '11:00 ana',
    ]);
    expect(slots.every((slot) => slot.end.getTime() - slot.start.getTime() === 60 * 60_000)).toBe(true);
  });

  it('anchors the grid at the start of each working span', () => {
    const slots = findFreeSlots(
      query({ professionals: [professional('ana', hours([2], '09:10-11:00'))], slotStepMin: 20 }),
    );

    expect(localStarts(slots)).toEqual(['09:10', '09:30', '09:50']);
  });
});

describe('findFreeSlots: input validation', () => {
  const invalid: [string, () => unknown, RegExp][] = [
    [
      'a zero step',
      () => findFreeSlots(query({ slotStepMin: 0 })),
      /slotStepMin: expected a whole number ≥ 1/,
    ],
    ['a fractional step', () => findFreeSlots(query({ slotStepMin: 7.5 })), /slotStepMin/],
    [
      'a zero duration',
      () => findFreeSlots(query({ service: { durationMin: 0, bufferBeforeMin: 0, bufferAfterMin: 0 } })),
      /service\.durationMin: expected a whole number ≥ 1/,
    ],
    [
      'a negative buffer',
      () => findFreeSlots(query({ service: { durationMin: 30, bufferBeforeMin: -5, bufferAfterMin: 0 } })),
      /service\.bufferBeforeMin/,
    ],
    ['a negative notice', () => findFreeSlots(query({ minNoticeMin: -1 })), /minNoticeMin/],
    ['a negative horizon', () => findFreeSlots(query({ horizonDays: -1 })), /horizonDays/],
    [
      'a time that is not HH:MM',
      () => findFreeSlots(query({ professionals: [professional('ana', hours([2], '9:00-12:00'))] })),
      /professionals\[0\]\.weeklyHours\[0\]\.start: expected "HH:MM"/,
    ],
    [
      'a start of "24:00"',
      () => findFreeSlots(query({ professionals: [professional('ana', hours([2], '24:00-24:00'))] })),
      /weeklyHours\[0\]\.start/,
    ],
    [
      'an interval that crosses midnight',
      () => findFreeSlots(query({ professionals: [professional('ana', hours([2], '20:00-02:00'))] })),
      /must be before end 02:00; split an interval that crosses midnight/,
    ],
    [
      'a weekday out of range',
      () =>
        findFreeSlots(
          query({
            professionals: [professional('ana', [{ weekday: 7 as 0, start: '09:00', end: '10:00' }])],
          }),
        ),
      /weekday: expected 0 \(Sunday\) to 6/,
    ],
    [
      'an unknown time zone',
      () => findFreeSlots(query({ timeZone: 'America/Atlantis' })),
      /unknown time zone/,
    ],
    [
      'a fixed offset instead of a zone',
      () => findFreeSlots(query({ timeZone: '-03:00' })),
      /IANA time zone name/,
    ],
    [
      'a range that ends before it starts',
      () => findFreeSlots(query({ range: between('2026-06-03 00:00', '2026-06-02 00:00') })),
      /range: end .* is before start/,
    ],
    [
      'an invalid now',
      () => findFreeSlots(query({ now: new Date(Number.NaN) })),
      /now: expected a valid Date/,
    ],
    [
      'an appointment that ends before it starts',
      () =>
        findFreeSlots(
          query({
            professionals: [
              professional('ana', SALON_HOURS, {
                busy: [appointment('2026-06-02 11:00', '2026-06-02 10:00')],
              }),
            ],
          }),
        ),
      /professionals\[0\]\.busy\[0\]: end/,
    ],
    [
      'a fractional appointment buffer',
      () =>
        findFreeSlots(
          query({
            professionals: [
              professional('ana', SALON_HOURS, {
                busy: [appointment('2026-06-02 10:00', '2026-06-02 11:00', 2.5)],
              }),
            ],
          }),
        ),
      /professionals\[0\]\.busy\[0\]\.bufferBeforeMin/,
    ],
    [
      'a repeated professional',
      () => findFreeSlots(query({ professionals: [professional('ana'), professional('ana')] })),
      /professionals\[1\]\.professionalId: duplicate "ana"/,
    ],
  ];

  it.each(invalid)('rejects %s with a RangeError naming the field', (_name, run, message) => {
    expect(run).toThrow(RangeError);
    expect(run).toThrow(message);
  });
});
