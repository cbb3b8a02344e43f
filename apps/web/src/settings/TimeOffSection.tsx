import { addTimeOffInput, type TimeOff } from '@agenda-cheia/contracts';
import { useState, type FormEvent } from 'react';
import { trpc } from '../api/trpc';
import {
  describeFailure,
  fieldErrorsFromIssues,
  fieldValue,
  optionalFieldValue,
  type FieldErrors,
} from '../forms/errors';
import { FormMessage, TextField } from '../forms/Field';
import { formatDateTime, formatLocalDate } from '../time/format';
import { addLocalDays, instantToWallClock } from '../time/wallClock';

/** "24/12/2026 a 26/12/2026" for whole days, "24/12/2026 13:00 – 24/12/2026 18:00" otherwise. */
export function describeTimeOff(timeOff: Pick<TimeOff, 'start' | 'end'>, timeZone: string): string {
  const start = instantToWallClock(timeOff.start, timeZone);
  const end = instantToWallClock(timeOff.end, timeZone);
  if (start.time === '00:00' && end.time === '00:00') {
    const lastDay = addLocalDays(end.date, -1);
    return lastDay === start.date
      ? `${formatLocalDate(start.date)} (dia inteiro)`
      : `${formatLocalDate(start.date)} a ${formatLocalDate(lastDay)}`;
  }
  return `${formatDateTime(timeOff.start, timeZone)} – ${formatDateTime(timeOff.end, timeZone)}`;
}

function AddTimeOffForm({ professionalId }: { professionalId: string }) {
  const utils = trpc.useUtils();
  const add = trpc.professionals.addTimeOff.useMutation({
    onSuccess: async () => {
      await Promise.all([
        utils.professionals.listTimeOff.invalidate({ professionalId }),
        utils.schedule.invalidate(),
      ]);
    },
  });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const problem = add.error === null ? null : describeFailure(add.error);
  const fieldErrors = { ...problem?.fieldErrors, ...clientErrors };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const startDate = fieldValue(form, 'startDate');
    const parsed = addTimeOffInput.safeParse({
      professionalId,
      startDate,
      startTime: optionalFieldValue(form, 'startTime'),
      // A single-day time off needs only its first date.
      endDate: optionalFieldValue(form, 'endDate') ?? startDate,
      endTime: optionalFieldValue(form, 'endTime'),
      reason: optionalFieldValue(form, 'reason'),
    });
    if (!parsed.success) {
      add.reset();
      setClientErrors(fieldErrorsFromIssues(parsed.error.issues));
      return;
    }
    setClientErrors({});
    add.mutate(parsed.data, { onSuccess: () => formElement.reset() });
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Adicionar folga">
      <div className="form-row">
        <TextField
          label="Início da folga"
          name="startDate"
          type="date"
          required
          errors={fieldErrors.startDate}
        />
        <TextField
          label="Hora de início"
          name="startTime"
          type="time"
          hint="Vazio: desde o começo do dia."
          errors={fieldErrors.startTime}
        />
      </div>
      <div className="form-row">
        <TextField
          label="Fim da folga"
          name="endDate"
          type="date"
          hint="Vazio: no mesmo dia."
          errors={fieldErrors.endDate}
        />
        <TextField
          label="Hora de fim"
          name="endTime"
          type="time"
          hint="Vazio: até o fim do dia."
          errors={fieldErrors.endTime}
        />
      </div>
      <TextField label="Motivo" name="reason" maxLength={200} placeholder="Férias, consulta médica…" />
      {problem === null ? null : <FormMessage tone="error">{problem.message}</FormMessage>}
      <button type="submit" className="button" disabled={add.isPending}>
        {add.isPending ? 'Adicionando…' : 'Adicionar folga'}
      </button>
    </form>
  );
}

export function TimeOffSection(props: { professionalId: string; timeZone: string; canManage: boolean }) {
  const { professionalId, timeZone, canManage } = props;
  const utils = trpc.useUtils();
  const timeOff = trpc.professionals.listTimeOff.useQuery({ professionalId });
  const remove = trpc.professionals.removeTimeOff.useMutation({
    onSuccess: async () => {
      await Promise.all([
        utils.professionals.listTimeOff.invalidate({ professionalId }),
        utils.schedule.invalidate(),
      ]);
    },
  });

  return (
    <section className="panel" aria-labelledby="time-off-title">
      <h2 id="time-off-title">Folgas e ausências</h2>
      {timeOff.isError ? (
        <FormMessage tone="error">{describeFailure(timeOff.error).message}</FormMessage>
      ) : timeOff.data === undefined ? (
        <p role="status">Carregando folgas…</p>
      ) : timeOff.data.items.length === 0 ? (
        <p className="field-hint">Nenhuma folga marcada.</p>
      ) : (
        <ul className="item-list" aria-label="Folgas">
          {timeOff.data.items.map((item) => (
            <li key={item.id} className="list-item">
              <div className="list-item-main">
                <span className="list-item-title">{describeTimeOff(item, timeZone)}</span>
                <span className="list-item-detail">{item.reason ?? 'Sem motivo informado'}</span>
              </div>
              {canManage ? (
                <div className="list-item-actions">
                  <button
                    type="button"
                    className="button button-small"
                    disabled={remove.isPending}
                    onClick={() => remove.mutate({ id: item.id })}
                    aria-label={`Remover folga de ${describeTimeOff(item, timeZone)}`}
                  >
                    Remover
                  </button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {remove.error === null ? null : (
        <FormMessage tone="error">{describeFailure(remove.error).message}</FormMessage>
      )}
      {canManage ? <AddTimeOffForm professionalId={professionalId} /> : null}
    </section>
  );
}
