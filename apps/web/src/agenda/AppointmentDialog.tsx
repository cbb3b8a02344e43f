import type { Appointment, Professional } from '@agenda-cheia/contracts';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { isOpen, StatusBadge } from '../appointments/status';
import { useAppointmentActions } from '../appointments/useAppointmentActions';
import { appCodeOf, describeFailure } from '../forms/errors';
import { FormMessage } from '../forms/Field';
import { formatCents } from '../forms/money';
import { formatTimeRange, formatWeekdayDate } from '../time/format';
import { instantToWallClock, wallClockToInstant } from '../time/wallClock';
import { Dialog } from '../ui/Dialog';

type Mode = 'details' | 'reschedule' | 'cancel';

interface AppointmentDialogProps {
  appointment: Appointment;
  professionals: readonly Professional[];
  timeZone: string;
  onClose: () => void;
}

function RescheduleForm({
  appointment,
  professionals,
  timeZone,
  onDone,
  onBack,
}: {
  appointment: Appointment;
  professionals: readonly Professional[];
  timeZone: string;
  onDone: () => void;
  onBack: () => void;
}) {
  const { reschedule } = useAppointmentActions();
  const current = instantToWallClock(appointment.start, timeZone);
  const [date, setDate] = useState(current.date);
  const [time, setTime] = useState(current.time);
  const [professionalId, setProfessionalId] = useState(appointment.professionalId);
  const [problem, setProblem] = useState<string | null>(null);
  // Only whoever performs the service can take it over.
  const candidates = professionals.filter(
    (p) => p.id === appointment.professionalId || (p.active && p.serviceIds.includes(appointment.serviceId)),
  );
  const failure = reschedule.error === null ? null : describeFailure(reschedule.error);
  const outsideHours = reschedule.error !== null && appCodeOf(reschedule.error) === 'OUTSIDE_WORKING_HOURS';

  const move = (force: boolean) => {
    const start = wallClockToInstant({ date, time }, timeZone);
    if (start === null) {
      setProblem('Informe a nova data e o novo horário.');
      return;
    }
    setProblem(null);
    reschedule.mutate(
      {
        id: appointment.id,
        start,
        force,
        ...(professionalId === appointment.professionalId ? {} : { professionalId }),
      },
      { onSuccess: onDone },
    );
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    move(false);
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Remarcar">
      <div className="form-row">
        <div className="field">
          <label htmlFor="reschedule-date">Nova data</label>
          <input id="reschedule-date" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="reschedule-time">Novo horário</label>
          <input
            id="reschedule-time"
            type="time"
            step={300}
            value={time}
            onChange={(e) => setTime(e.target.value)}
          />
        </div>
      </div>
      <div className="field">
        <label htmlFor="reschedule-professional">Profissional</label>
        <select
          id="reschedule-professional"
          value={professionalId}
          onChange={(e) => setProfessionalId(e.target.value)}
        >
          {candidates.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      {problem === null ? null : <FormMessage tone="error">{problem}</FormMessage>}
      {failure === null ? null : <FormMessage tone="error">{failure.message}</FormMessage>}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onBack}>
          Voltar
        </button>
        {outsideHours ? (
          <button type="button" className="button" disabled={reschedule.isPending} onClick={() => move(true)}>
            Remarcar mesmo assim
          </button>
        ) : null}
        <button type="submit" className="button button-primary" disabled={reschedule.isPending}>
          {reschedule.isPending ? 'Remarcando…' : 'Salvar novo horário'}
        </button>
      </div>
    </form>
  );
}

function CancelForm({
  appointment,
  onDone,
  onBack,
}: {
  appointment: Appointment;
  onDone: () => void;
  onBack: () => void;
}) {
  const { cancel } = useAppointmentActions();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const failure = cancel.error === null ? null : describeFailure(cancel.error);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (reason.trim() === '') {
      setProblem('Informe o motivo do cancelamento.');
      return;
    }
    setProblem(null);
    cancel.mutate({ id: appointment.id, reason: reason.trim() }, { onSuccess: onDone });
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Cancelar agendamento">
      <div className="field">
        <label htmlFor="cancel-reason">Motivo do cancelamento</label>
        <textarea
          id="cancel-reason"
          rows={3}
          maxLength={500}
          required
          value={reason}
          aria-invalid={problem === null ? undefined : true}
          onChange={(e) => setReason(e.target.value)}
        />
      </div>
      {problem === null ? null : <FormMessage tone="error">{problem}</FormMessage>}
      {failure === null ? null : <FormMessage tone="error">{failure.message}</FormMessage>}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onBack}>
          Voltar
        </button>
        <button type="submit" className="button button-danger" disabled={cancel.isPending}>
          {cancel.isPending ? 'Cancelando…' : 'Confirmar cancelamento'}
        </button>
      </div>
    </form>
  );
}

/** One appointment: what, who, when, and what can still happen to it. */
export function AppointmentDialog({ appointment, professionals, timeZone, onClose }: AppointmentDialogProps) {
  const [mode, setMode] = useState<Mode>('details');
  const { complete, markNoShow } = useAppointmentActions();
  const closing = complete.isPending || markNoShow.isPending;
  const closingError = complete.error ?? markNoShow.error;
  const open = isOpen(appointment.status);

  const title =
    mode === 'reschedule'
      ? 'Remarcar agendamento'
      : mode === 'cancel'
        ? 'Cancelar agendamento'
        : 'Agendamento';

  return (
    <Dialog title={title} onClose={onClose}>
      <dl className="details">
        <dt>Cliente</dt>
        <dd>
          <Link to={`/clientes/${appointment.clientId}`}>{appointment.clientName}</Link>
        </dd>
        <dt>Serviço</dt>
        <dd>{appointment.serviceName}</dd>
        <dt>Profissional</dt>
        <dd>{appointment.professionalName}</dd>
        <dt>Quando</dt>
        <dd>
          {formatWeekdayDate(appointment.start, timeZone)},{' '}
          {formatTimeRange(appointment.start, appointment.end, timeZone)}
        </dd>
        <dt>Valor</dt>
        <dd>
          {formatCents(appointment.finalPriceCents)}
          {appointment.discountPercent > 0 ? ` (${appointment.discountPercent}% de desconto)` : ''}
        </dd>
        <dt>Situação</dt>
        <dd>
          <StatusBadge status={appointment.status} />
        </dd>
        {appointment.notes === null ? null : (
          <>
            <dt>Observações</dt>
            <dd className="details-notes">{appointment.notes}</dd>
          </>
        )}
        {appointment.cancelReason === null ? null : (
          <>
            <dt>Motivo</dt>
            <dd>{appointment.cancelReason}</dd>
          </>
        )}
      </dl>
      {mode === 'reschedule' ? (
        <RescheduleForm
          appointment={appointment}
          professionals={professionals}
          timeZone={timeZone}
          onDone={onClose}
          onBack={() => setMode('details')}
        />
      ) : mode === 'cancel' ? (
        <CancelForm appointment={appointment} onDone={onClose} onBack={() => setMode('details')} />
      ) : open ? (
        <>
          {closingError === null ? null : (
            <FormMessage tone="error">{describeFailure(closingError).message}</FormMessage>
          )}
          <div className="appointment-actions">
            <button type="button" className="button" onClick={() => setMode('reschedule')}>
              Remarcar
            </button>
            <button
              type="button"
              className="button"
              disabled={closing}
              onClick={() => complete.mutate({ id: appointment.id }, { onSuccess: onClose })}
            >
              Concluir
            </button>
            <button
              type="button"
              className="button"
              disabled={closing}
              onClick={() => markNoShow.mutate({ id: appointment.id }, { onSuccess: onClose })}
            >
              Não compareceu
            </button>
            <button type="button" className="button button-danger-quiet" onClick={() => setMode('cancel')}>
              Cancelar agendamento
            </button>
          </div>
        </>
      ) : null}
    </Dialog>
  );
}
