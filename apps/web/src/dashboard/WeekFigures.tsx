import type { ReactNode } from 'react';
import { trpc } from '../api/trpc';
import { describeFailure } from '../forms/errors';
import { FormMessage } from '../forms/Field';
import { formatCents } from '../forms/money';
import { formatDuration, formatLocalDate } from '../time/format';
import { addLocalDays, localDaysRange } from '../time/wallClock';
import {
  bookedMinutes,
  campaignRevenueInWeek,
  campaignTotals,
  countBookings,
  fillRate,
  weekStartOf,
  workingMinutes,
} from './weekFigures';

const percent = new Intl.NumberFormat('pt-BR', { style: 'percent', maximumFractionDigits: 0 });

function Figure(props: { label: string; value: string | null; detail?: ReactNode; meter?: number | null }) {
  return (
    <div className="figure">
      <dt>{props.label}</dt>
      <dd className="figure-value">{props.value ?? '…'}</dd>
      {props.meter == null ? null : (
        <dd className="figure-meter" aria-hidden="true">
          <span style={{ width: `${Math.round(props.meter * 100)}%` }} />
        </dd>
      )}
      {props.detail === undefined ? null : <dd className="figure-detail">{props.detail}</dd>}
    </div>
  );
}

/**
 * Painel › Esta semana: bookings, how full the agenda is and what the campaigns brought, from the week's
 * calendar, the professionals' hours and each campaign's totals.
 */
export function WeekFigures({ today, timeZone }: { today: string; timeZone: string }) {
  const weekStart = weekStartOf(today);
  const calendar = trpc.schedule.calendar.useQuery(localDaysRange(weekStart, timeZone, 7));
  const professionals = trpc.professionals.list.useQuery();
  const campaigns = trpc.campaigns.list.useQuery();
  const stats = trpc.useQueries((t) =>
    (campaigns.data?.items ?? []).map((c) => t.campaigns.stats({ id: c.id })),
  );

  const failure =
    calendar.error ?? professionals.error ?? campaigns.error ?? stats.find((s) => s.error)?.error;
  const appointments = calendar.data?.appointments;
  const team = professionals.data?.items;

  let fill: { rate: number | null; booked: number; capacity: number } | null = null;
  if (appointments !== undefined && team !== undefined && calendar.data !== undefined) {
    const capacity = workingMinutes(team, calendar.data.timeOff, weekStart, timeZone);
    const booked = bookedMinutes(appointments, new Set(team.filter((p) => p.active).map((p) => p.id)));
    fill = { rate: fillRate(booked, capacity), booked, capacity };
  }
  const allStats = stats.every((s) => s.data !== undefined) && campaigns.data !== undefined;
  const totals = allStats
    ? campaignTotals(stats.flatMap((s) => (s.data === undefined ? [] : [s.data])))
    : null;

  return (
    <section className="panel" aria-labelledby="week-title">
      <div className="section-header">
        <h2 id="week-title">Esta semana</h2>
        <span className="field-hint">
          {formatLocalDate(weekStart).slice(0, 5)} a {formatLocalDate(addLocalDays(weekStart, 6)).slice(0, 5)}
        </span>
      </div>
      {failure == null ? null : <FormMessage tone="error">{describeFailure(failure).message}</FormMessage>}
      <dl className="figures">
        <Figure
          label="Agendamentos"
          value={appointments === undefined ? null : String(countBookings(appointments))}
          detail="Na agenda da semana, sem os cancelados."
        />
        <Figure
          label="Ocupação da agenda"
          value={fill === null ? null : fill.rate === null ? '—' : percent.format(fill.rate)}
          meter={fill?.rate}
          detail={
            fill === null
              ? undefined
              : fill.capacity === 0
                ? 'Sem horários de trabalho nesta semana.'
                : `${formatDuration(fill.booked)} agendadas de ${formatDuration(fill.capacity)} de trabalho.`
          }
        />
        <Figure
          label="Receita das campanhas"
          value={totals === null ? null : formatCents(totals.revenueBookedCents)}
          detail={
            totals === null || appointments === undefined
              ? undefined
              : `${formatCents(campaignRevenueInWeek(appointments))} em atendimentos desta semana · ${totals.booked} ${
                  totals.booked === 1 ? 'agendamento' : 'agendamentos'
                } desde o início.`
          }
        />
      </dl>
    </section>
  );
}
