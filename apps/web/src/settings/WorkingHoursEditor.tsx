import { weekdayNamesPtBr, type Professional, type WorkingInterval } from '@agenda-cheia/contracts';
import { useState } from 'react';
import { trpc } from '../api/trpc';
import { describeFailure } from '../forms/errors';
import { FormMessage } from '../forms/Field';

type Weekday = WorkingInterval['weekday'];
type Interval = { start: string; end: string };
type WeekHours = Record<Weekday, Interval[]>;

// Monday first, as salons read their week; Sunday last.
const WEEK_ORDER: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 0];
const WORKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5];
const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Every quarter hour from 00:00 to 24:00 ("24:00" closes a day that runs until midnight). */
const QUARTER_HOURS: readonly string[] = Array.from({ length: 97 }, (_, i) => {
  const minutes = i * 15;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
});

function timeOptions(current: string): readonly string[] {
  return QUARTER_HOURS.includes(current) ? QUARTER_HOURS : [...QUARTER_HOURS, current].sort();
}

function toWeekHours(intervals: Professional['workingHours']): WeekHours {
  const week: WeekHours = { 0: [], 1: [], 2: [], 3: [], 4: [], 5: [], 6: [] };
  for (const { weekday, start, end } of intervals) week[weekday].push({ start, end });
  for (const day of WEEK_ORDER) week[day].sort((a, b) => a.start.localeCompare(b.start));
  return week;
}

function toIntervals(week: WeekHours): WorkingInterval[] {
  return WEEK_ORDER.flatMap((weekday) => week[weekday].map((interval) => ({ weekday, ...interval })));
}

/** A sensible next interval: after the day's last one (a break of an hour), else a usual morning. */
function nextInterval(day: Interval[]): Interval {
  const last = day.at(-1);
  if (last === undefined) return { start: '09:00', end: '18:00' };
  const startIndex = Math.min(QUARTER_HOURS.indexOf(last.end) + 4, QUARTER_HOURS.length - 2);
  const start = QUARTER_HOURS[startIndex] ?? '13:00';
  const end = QUARTER_HOURS[Math.min(startIndex + 16, QUARTER_HOURS.length - 1)] ?? '24:00';
  return { start, end };
}

function TimeSelect(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  disabled: boolean;
}) {
  return (
    <select
      aria-label={props.label}
      value={props.value}
      disabled={props.disabled}
      onChange={(event) => props.onChange(event.target.value)}
    >
      {timeOptions(props.value).map((time) => (
        <option key={time} value={time}>
          {time}
        </option>
      ))}
    </select>
  );
}

/**
 * The weekly hours of one professional: any number of intervals a day (a lunch break is two
 * intervals). Overlaps are left to the server, whose message names the day and the intervals.
 */
export function WorkingHoursEditor({
  professional,
  canManage,
}: {
  professional: Professional;
  canManage: boolean;
}) {
  const utils = trpc.useUtils();
  const [week, setWeek] = useState<WeekHours>(() => toWeekHours(professional.workingHours));
  const save = trpc.professionals.setWorkingHours.useMutation({
    onSuccess: async () => {
      await Promise.all([utils.professionals.list.invalidate(), utils.schedule.invalidate()]);
    },
  });
  const problem = save.error === null ? null : describeFailure(save.error);
  const readOnly = !canManage;

  const change = (updater: (current: WeekHours) => WeekHours) => {
    save.reset();
    setWeek(updater);
  };
  const setDay = (weekday: Weekday, intervals: Interval[]) =>
    change((current) => ({ ...current, [weekday]: intervals }));
  const copyToWorkdays = (weekday: Weekday) =>
    change((current) => {
      const copy = { ...current };
      for (const day of WORKDAYS) copy[day] = current[weekday].map((interval) => ({ ...interval }));
      return copy;
    });

  return (
    <section className="panel" aria-labelledby="working-hours-title">
      <h2 id="working-hours-title">Horário de trabalho</h2>
      <p className="field-hint">
        Para um intervalo de almoço, use dois horários no mesmo dia (ex.: 09:00–12:00 e 13:00–18:00).
      </p>
      <ul className="week-hours">
        {WEEK_ORDER.map((weekday) => {
          const dayName = capitalized(weekdayNamesPtBr[weekday]);
          const intervals = week[weekday];
          return (
            <li key={weekday} className="week-day" aria-label={dayName}>
              <span className="week-day-name">{dayName}</span>
              <div className="week-day-intervals">
                {intervals.length === 0 ? <span className="week-day-off">Não trabalha</span> : null}
                {intervals.map((interval, index) => (
                  <div key={index} className="interval">
                    <TimeSelect
                      label={`${dayName}: início do horário ${index + 1}`}
                      value={interval.start}
                      disabled={readOnly}
                      onChange={(start) =>
                        setDay(
                          weekday,
                          intervals.map((item, i) => (i === index ? { ...item, start } : item)),
                        )
                      }
                    />
                    <span aria-hidden="true">–</span>
                    <TimeSelect
                      label={`${dayName}: fim do horário ${index + 1}`}
                      value={interval.end}
                      disabled={readOnly}
                      onChange={(end) =>
                        setDay(
                          weekday,
                          intervals.map((item, i) => (i === index ? { ...item, end } : item)),
                        )
                      }
                    />
                    {readOnly ? null : (
                      <button
                        type="button"
                        className="button button-small button-quiet"
                        aria-label={`${dayName}: remover horário ${index + 1}`}
                        onClick={() =>
                          setDay(
                            weekday,
                            intervals.filter((_, i) => i !== index),
                          )
                        }
                      >
                        Remover
                      </button>
                    )}
                  </div>
                ))}
                {readOnly ? null : (
                  <div className="week-day-actions">
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={`${dayName}: adicionar horário`}
                      onClick={() => setDay(weekday, [...intervals, nextInterval(intervals)])}
                    >
                      Adicionar horário
                    </button>
                    <button
                      type="button"
                      className="button button-small button-quiet"
                      aria-label={`Copiar ${dayName.toLowerCase()} para todos os dias úteis`}
                      onClick={() => copyToWorkdays(weekday)}
                    >
                      Copiar para todos os dias úteis
                    </button>
                  </div>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      {problem === null ? null : <FormMessage tone="error">{problem.message}</FormMessage>}
      {save.isSuccess ? <FormMessage tone="success">Horário de trabalho salvo.</FormMessage> : null}
      {readOnly ? null : (
        <button
          type="button"
          className="button button-primary"
          disabled={save.isPending}
          onClick={() => save.mutate({ professionalId: professional.id, hours: toIntervals(week) })}
        >
          {save.isPending ? 'Salvando…' : 'Salvar horário'}
        </button>
      )}
    </section>
  );
}
