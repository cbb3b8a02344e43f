import type { Client, Professional, Service } from '@agenda-cheia/contracts';
import { useState, type FormEvent } from 'react';
import { trpc } from '../api/trpc';
import { appCodeOf, describeFailure } from '../forms/errors';
import { FormMessage } from '../forms/Field';
import { formatCents } from '../forms/money';
import { formatDuration, formatTime } from '../time/format';
import { localDaysRange, wallClockToInstant, type WallClock } from '../time/wallClock';
import { Dialog } from '../ui/Dialog';
import { ClientPicker } from './ClientPicker';

export interface BookingDraft extends WallClock {
  professionalId: string | null;
}

interface BookingDialogProps {
  draft: BookingDraft;
  professionals: readonly Professional[];
  services: readonly Service[];
  timeZone: string;
  onClose: () => void;
  onBooked: () => void;
}

type PickedClient = Pick<Client, 'id' | 'name' | 'phone'>;

function offeredServices(services: readonly Service[], professional: Professional | undefined): Service[] {
  if (professional === undefined) return [];
  return services.filter((service) => service.active && professional.serviceIds.includes(service.id));
}

/** Free times of the chosen professional and service on the chosen day, as quick picks. */
function FreeTimes(props: {
  serviceId: string;
  professionalId: string;
  date: string;
  timeZone: string;
  selected: string;
  onPick: (time: string) => void;
}) {
  const range = localDaysRange(props.date, props.timeZone);
  const availability = trpc.schedule.availability.useQuery(
    { serviceId: props.serviceId, professionalId: props.professionalId, ...range },
    { enabled: range.from !== '' },
  );
  if (availability.data === undefined) return null;
  const times = availability.data.slots.map((slot) => formatTime(slot.start, props.timeZone));
  if (times.length === 0) {
    return <p className="field-hint">Nenhum horário livre neste dia para este serviço.</p>;
  }
  return (
    <div className="free-times" role="group" aria-label="Horários livres">
      <span className="field-hint">Horários livres:</span>
      {times.map((time) => (
        <button
          key={time}
          type="button"
          className="chip"
          aria-pressed={time === props.selected}
          onClick={() => props.onPick(time)}
        >
          {time}
        </button>
      ))}
    </div>
  );
}

export function BookingDialog({
  draft,
  professionals,
  services,
  timeZone,
  onClose,
  onBooked,
}: BookingDialogProps) {
  const utils = trpc.useUtils();
  const activeProfessionals = professionals.filter((p) => p.active);
  const [professionalId, setProfessionalId] = useState(
    draft.professionalId ?? activeProfessionals[0]?.id ?? '',
  );
  const professional = activeProfessionals.find((p) => p.id === professionalId);
  const offered = offeredServices(services, professional);
  const [chosenServiceId, setServiceId] = useState('');
  // A service the professional does not perform is never sent: fall back to one they do.
  const serviceId = offered.some((s) => s.id === chosenServiceId) ? chosenServiceId : (offered[0]?.id ?? '');
  const service = offered.find((s) => s.id === serviceId);
  const [date, setDate] = useState(draft.date);
  const [time, setTime] = useState(draft.time);
  const [client, setClient] = useState<PickedClient | null>(null);
  const [notes, setNotes] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const create = trpc.appointments.create.useMutation({
    onSuccess: async () => {
      await Promise.all([utils.schedule.invalidate(), utils.clients.get.invalidate()]);
      onBooked();
    },
    onError: (error) => {
      if (appCodeOf(error) === 'SLOT_TAKEN') void utils.schedule.availability.invalidate();
    },
  });
  const failure = create.error === null ? null : describeFailure(create.error);
  const outsideHours = create.error !== null && appCodeOf(create.error) === 'OUTSIDE_WORKING_HOURS';
  const start = wallClockToInstant({ date, time }, timeZone);
  const end =
    start === null || service === undefined
      ? null
      : new Date(Date.parse(start) + service.durationMin * 60_000);

  /** What is still missing before the booking can be sent, in the order the form asks for it. */
  const missing =
    client === null
      ? 'Escolha ou cadastre o cliente.'
      : professional === undefined
        ? 'Escolha o profissional.'
        : service === undefined
          ? 'Escolha o serviço.'
          : start === null
            ? 'Informe a data e o horário.'
            : null;

  const book = (force: boolean) => {
    create.reset();
    if (
      missing !== null ||
      client === null ||
      professional === undefined ||
      service === undefined ||
      start === null
    ) {
      setProblem(missing);
      return;
    }
    setProblem(null);
    const trimmedNotes = notes.trim();
    create.mutate({
      clientId: client.id,
      serviceId: service.id,
      professionalId: professional.id,
      start,
      force,
      ...(trimmedNotes === '' ? {} : { notes: trimmedNotes }),
    });
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    book(false);
  };

  return (
    <Dialog title="Novo agendamento" onClose={onClose} size="wide">
      <form className="form" onSubmit={submit} noValidate>
        <ClientPicker selected={client} onSelect={setClient} />
        <div className="form-row">
          <div className="field">
            <label htmlFor="booking-professional">Profissional</label>
            <select
              id="booking-professional"
              value={professionalId}
              onChange={(event) => {
                create.reset();
                setProfessionalId(event.target.value);
              }}
            >
              {activeProfessionals.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="booking-service">Serviço</label>
            <select
              id="booking-service"
              value={serviceId}
              disabled={offered.length === 0}
              onChange={(event) => {
                create.reset();
                setServiceId(event.target.value);
              }}
            >
              {offered.length === 0 ? <option value="">Nenhum serviço</option> : null}
              {offered.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
            {professional !== undefined && offered.length === 0 ? (
              <p className="field-hint">
                {professional.name} ainda não tem serviços. Escolha-os em Configurações › Profissionais.
              </p>
            ) : null}
          </div>
        </div>
        <div className="form-row">
          <div className="field">
            <label htmlFor="booking-date">Data</label>
            <input
              id="booking-date"
              type="date"
              value={date}
              required
              onChange={(event) => {
                create.reset();
                setDate(event.target.value);
              }}
            />
          </div>
          <div className="field">
            <label htmlFor="booking-time">Horário</label>
            <input
              id="booking-time"
              type="time"
              step={300}
              value={time}
              required
              onChange={(event) => {
                create.reset();
                setTime(event.target.value);
              }}
            />
          </div>
        </div>
        {service !== undefined && professional !== undefined && start !== null ? (
          <FreeTimes
            serviceId={service.id}
            professionalId={professional.id}
            date={date}
            timeZone={timeZone}
            selected={time}
            onPick={(picked) => {
              create.reset();
              setTime(picked);
            }}
          />
        ) : null}
        {service === undefined ? null : (
          <p className="booking-summary" aria-live="polite">
            <strong>{formatCents(service.priceCents)}</strong> · {formatDuration(service.durationMin)}
            {end === null ? null : <> · termina às {formatTime(end, timeZone)}</>}
          </p>
        )}
        <div className="field">
          <label htmlFor="booking-notes">Observações</label>
          <textarea
            id="booking-notes"
            rows={2}
            maxLength={1000}
            value={notes}
            onChange={(event) => setNotes(event.target.value)}
          />
        </div>
        {problem === null ? null : <FormMessage tone="error">{problem}</FormMessage>}
        {failure === null ? null : <FormMessage tone="error">{failure.message}</FormMessage>}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancelar
          </button>
          {outsideHours ? (
            <button type="button" className="button" disabled={create.isPending} onClick={() => book(true)}>
              Agendar mesmo assim
            </button>
          ) : null}
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {create.isPending ? 'Agendando…' : 'Agendar'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
