import { type Span } from './intervals';
import { type AvailabilityQuery } from './types';
import { assertInstant, assertInterval, assertWholeNumber } from './validation';
import { parseWeeklyHours, type HoursByWeekday } from './working-hours';
import { assertTimeZone } from './zone-calendar';

export interface ValidatedAppointment extends Span {
  bufferBeforeMin: number;
  bufferAfterMin: number;
}

export interface ValidatedProfessional {
  professionalId: string;
  hours: HoursByWeekday;
  timeOff: Span[];
  busy: ValidatedAppointment[];
}

/** The query checked once and turned into numbers (epoch ms, parsed hours) for both engines. */
export interface ValidatedQuery {
  timeZone: string;
  range: Span;
  now: number;
  durationMin: number;
  bufferBeforeMin: number;
  bufferAfterMin: number;
  slotStepMin: number;
  minNoticeMin: number;
  horizonDays: number;
  professionals: ValidatedProfessional[];
}

export function validateQuery(query: AvailabilityQuery): ValidatedQuery {
  assertTimeZone(query.timeZone);
  const range = assertInterval(query.range, 'range');
  const now = assertInstant(query.now, 'now');
  const { durationMin, bufferBeforeMin, bufferAfterMin } = query.service;
  assertWholeNumber(durationMin, 'service.durationMin', 1);
  assertWholeNumber(bufferBeforeMin, 'service.bufferBeforeMin', 0);
  assertWholeNumber(bufferAfterMin, 'service.bufferAfterMin', 0);
  assertWholeNumber(query.slotStepMin, 'slotStepMin', 1);
  assertWholeNumber(query.minNoticeMin, 'minNoticeMin', 0);
  assertWholeNumber(query.horizonDays, 'horizonDays', 0);

  const seen = new Set<string>();
  const professionals = query.professionals.map((professional, index): ValidatedProfessional => {
    const path = `professionals[${index}]`;
    const { professionalId } = professional;
    if (typeof professionalId !== 'string' || professionalId === '') {
      throw new RangeError(`${path}.professionalId: expected a non-empty string`);
    }
    // Slots are identified by (start, professionalId); a repeated id would yield duplicate slots.
    if (seen.has(professionalId))
      throw new RangeError(`${path}.professionalId: duplicate ${JSON.stringify(professionalId)}`);
    seen.add(professionalId);
    return {
      professionalId,
      hours: parseWeeklyHours(professional.weeklyHours, `${path}.weeklyHours`),
      timeOff: professional.timeOff.map((interval, i) =>
        assertInterval(interval, () => `${path}.timeOff[${i}]`),
      ),
      busy: professional.busy.map((appointment, i): ValidatedAppointment => {
        const { start, end } = assertInterval(appointment, () => `${path}.busy[${i}]`);
        const { bufferBeforeMin: before, bufferAfterMin: after } = appointment;
        assertWholeNumber(before, () => `${path}.busy[${i}].bufferBeforeMin`, 0);
        assertWholeNumber(after, () => `${path}.busy[${i}].bufferAfterMin`, 0);
        return { start, end, bufferBeforeMin: before, bufferAfterMin: after };
      }),
    };
  });

  return {
    timeZone: query.timeZone,
    range,
    now,
    durationMin,
    bufferBeforeMin,
    bufferAfterMin,
    slotStepMin: query.slotStepMin,
    minNoticeMin: query.minNoticeMin,
    horizonDays: query.horizonDays,
    professionals,
  };
}
