import { DEFAULT_TIMEZONE, type Appointment } from '@agenda-cheia/contracts';
import { Link } from 'react-router';
import { trpc } from '../api/trpc';
import { isOpen, StatusBadge } from '../appointments/status';
import { PendingApprovals } from '../approvals/PendingApprovals';
import { useAppointmentActions } from '../appointments/useAppointmentActions';
import { describeFailure } from '../forms/errors';
import { FormMessage } from '../forms/Field';
import { useSignedIn } from '../session/useSignedIn';
import { formatLocalDateLong, formatTime } from '../time/format';
import { localDaysRange } from '../time/wallClock';
import './dashboard.css';
import { RecentCampaignResults } from './RecentCampaignResults';
import { useTenantToday } from './useTenantToday';
import { WeekFigures } from './WeekFigures';

function TodayAppointment({ appointment, timeZone }: { appointment: Appointment; timeZone: string }) {
  const { complete, markNoShow } = useAppointmentActions();
  const busy = complete.isPending || markNoShow.isPending;
  const error = complete.error ?? markNoShow.error;
  return (
    <li className="today-item">
      <span className="today-time">{formatTime(appointment.start, timeZone)}</span>
      <div className="today-main">
        <span className="list-item-title">
          <Link to={`/clientes/${appointment.clientId}`}>{appointment.clientName}</Link>
        </span>
        <span className="list-item-detail">
          {appointment.serviceName} · {appointment.professionalName}
        </span>
        {error === null ? null : <FormMessage tone="error">{describeFailure(error).message}</FormMessage>}
      </div>
      <div className="today-status">
        <StatusBadge status={appointment.status} />
        {isOpen(appointment.status) ? (
          <div className="today-actions">
            <button
              type="button"
              className="button button-small"
              disabled={busy}
              onClick={() => complete.mutate({ id: appointment.id })}
              aria-label={`Concluir o atendimento de ${appointment.clientName ?? 'cliente'}`}
            >
              Concluir
            </button>
            <button
              type="button"
              className="button button-small button-quiet"
              disabled={busy}
              onClick={() => markNoShow.mutate({ id: appointment.id })}
              aria-label={`${appointment.clientName ?? 'Cliente'} não compareceu`}
            >
              Não compareceu
            </button>
          </div>
        ) : null}
      </div>
    </li>
  );
}

/**
 * Painel: what needs the owner now (requests to approve), the day, the week in figures and the latest
 * campaigns, on the salon's clock. One column on a phone, in that order; two on wide screens.
 */
export function DashboardPage() {
  const signedIn = useSignedIn();
  const timeZone = signedIn?.tenant.timezone ?? DEFAULT_TIMEZONE;
  const today = useTenantToday(timeZone);
  const calendar = trpc.schedule.calendar.useQuery(localDaysRange(today, timeZone));
  const appointments = calendar.data?.appointments ?? [];
  const pending = appointments.filter((a) => isOpen(a.status)).length;

  return (
    <section className="page page-wide dashboard">
      <title>Painel · Agenda Cheia</title>
      <h1>Painel</h1>
      <p className="page-lead">{formatLocalDateLong(today)}</p>
      <div className="dashboard-now">
        <PendingApprovals timeZone={timeZone} />
        <section className="panel" aria-labelledby="today-title">
          <div className="section-header">
            <h2 id="today-title">Agendamentos de hoje</h2>
            <Link to={`/agenda?data=${today}&visao=dia`}>Abrir na agenda</Link>
          </div>
          {calendar.isError ? (
            <FormMessage tone="error">{describeFailure(calendar.error).message}</FormMessage>
          ) : calendar.data === undefined ? (
            <p role="status">Carregando…</p>
          ) : appointments.length === 0 ? (
            <div className="empty-state">
              <p>Nenhum agendamento para hoje.</p>
              <p>
                <Link to="/agenda">Ir para a agenda</Link>
              </p>
            </div>
          ) : (
            <>
              <p className="field-hint">
                {appointments.length} {appointments.length === 1 ? 'agendamento' : 'agendamentos'}
                {pending > 0 ? `, ${pending} ainda por atender` : ''}.
              </p>
              <ul className="today-list" aria-label="Agendamentos de hoje">
                {appointments.map((appointment) => (
                  <TodayAppointment key={appointment.id} appointment={appointment} timeZone={timeZone} />
                ))}
              </ul>
            </>
          )}
        </section>
      </div>
      <div className="dashboard-trends">
        <WeekFigures today={today} timeZone={timeZone} />
        <RecentCampaignResults timeZone={timeZone} />
      </div>
    </section>
  );
}
