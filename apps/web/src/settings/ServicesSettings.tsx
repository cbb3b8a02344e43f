import { createServiceInput, type Service } from '@agenda-cheia/contracts';
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
import { centsToReaisInput, formatCents, parseReaisToCents } from '../forms/money';
import { useSignedIn } from '../session/useSignedIn';
import { formatDuration } from '../time/format';
import { ConfirmDialog } from '../ui/Dialog';

type ServiceDraft = ReturnType<typeof createServiceInput.parse>;

/** Reads the form; prices are typed in reais and sent in centavos. */
function readServiceForm(form: FormData): { draft: ServiceDraft } | { errors: FieldErrors } {
  const priceText = fieldValue(form, 'price');
  const priceCents = parseReaisToCents(priceText);
  const returnCycle = optionalFieldValue(form, 'returnCycleDays');
  const parsed = createServiceInput.safeParse({
    name: fieldValue(form, 'name'),
    durationMin: Number(fieldValue(form, 'durationMin')),
    priceCents: priceCents ?? -1,
    returnCycleDays: returnCycle === undefined ? null : Number(returnCycle),
    bufferBeforeMin: Number(fieldValue(form, 'bufferBeforeMin') || '0'),
    bufferAfterMin: Number(fieldValue(form, 'bufferAfterMin') || '0'),
  });
  const errors = parsed.success ? {} : fieldErrorsFromIssues(parsed.error.issues);
  if (priceCents === null) errors.priceCents = ['Informe o preço em reais, ex.: 80,00.'];
  if (!parsed.success || Object.keys(errors).length > 0) return { errors };
  return { draft: parsed.data };
}

function ServiceForm({ service, onDone }: { service: Service | null; onDone: () => void }) {
  const utils = trpc.useUtils();
  const onSuccess = async () => {
    await utils.services.list.invalidate();
    onDone();
  };
  const create = trpc.services.create.useMutation({ onSuccess });
  const update = trpc.services.update.useMutation({ onSuccess });
  const mutation = service === null ? create : update;
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const problem = mutation.error === null ? null : describeFailure(mutation.error);
  const fieldErrors = { ...problem?.fieldErrors, ...clientErrors };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = readServiceForm(new FormData(event.currentTarget));
    if ('errors' in result) {
      mutation.reset();
      setClientErrors(result.errors);
      return;
    }
    setClientErrors({});
    if (service === null) create.mutate(result.draft);
    else update.mutate({ ...result.draft, id: service.id });
  };

  const title = service === null ? 'Novo serviço' : `Editar ${service.name}`;
  return (
    <form className="form panel" onSubmit={submit} noValidate aria-label={title}>
      <h2>{title}</h2>
      <TextField label="Nome" name="name" defaultValue={service?.name} required errors={fieldErrors.name} />
      <div className="form-row">
        <TextField
          label="Duração (minutos)"
          name="durationMin"
          type="number"
          inputMode="numeric"
          min={5}
          step={5}
          defaultValue={service?.durationMin ?? 30}
          required
          errors={fieldErrors.durationMin}
        />
        <TextField
          label="Preço (R$)"
          name="price"
          inputMode="decimal"
          placeholder="80,00"
          defaultValue={service === null ? '' : centsToReaisInput(service.priceCents)}
          required
          errors={fieldErrors.priceCents}
        />
      </div>
      <TextField
        label="Retorno a cada N dias"
        name="returnCycleDays"
        type="number"
        inputMode="numeric"
        min={1}
        defaultValue={service?.returnCycleDays ?? ''}
        hint="Opcional. Depois de quantos dias o cliente costuma voltar (para lembretes de retorno)."
        errors={fieldErrors.returnCycleDays}
      />
      <div className="form-row">
        <TextField
          label="Intervalo antes (minutos)"
          name="bufferBeforeMin"
          type="number"
          inputMode="numeric"
          min={0}
          defaultValue={service?.bufferBeforeMin ?? 0}
          errors={fieldErrors.bufferBeforeMin}
        />
        <TextField
          label="Intervalo depois (minutos)"
          name="bufferAfterMin"
          type="number"
          inputMode="numeric"
          min={0}
          defaultValue={service?.bufferAfterMin ?? 0}
          errors={fieldErrors.bufferAfterMin}
        />
      </div>
      <p className="field-hint">
        Os intervalos reservam tempo para preparar ou limpar, sem aparecer para o cliente.
      </p>
      {problem === null ? null : <FormMessage tone="error">{problem.message}</FormMessage>}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={mutation.isPending}>
          {mutation.isPending ? 'Salvando…' : 'Salvar serviço'}
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancelar
        </button>
      </div>
    </form>
  );
}

function ArchiveServiceDialog({ service, onClose }: { service: Service; onClose: () => void }) {
  const utils = trpc.useUtils();
  const archive = trpc.services.archive.useMutation({
    onSuccess: async () => {
      await utils.services.list.invalidate();
      onClose();
    },
  });
  return (
    <ConfirmDialog
      title="Arquivar serviço"
      confirmLabel="Arquivar"
      pendingLabel="Arquivando…"
      pending={archive.isPending}
      error={archive.error === null ? null : describeFailure(archive.error).message}
      onConfirm={() => archive.mutate({ id: service.id })}
      onClose={onClose}
    >
      <p>
        Arquivar <strong>{service.name}</strong>? Ele deixa de ser oferecido para novos agendamentos; os
        agendamentos já feitos continuam na agenda.
      </p>
    </ConfirmDialog>
  );
}

function ServiceSummary({ service }: { service: Service }) {
  const parts = [formatDuration(service.durationMin), formatCents(service.priceCents)];
  if (service.returnCycleDays !== null) parts.push(`retorno a cada ${service.returnCycleDays} dias`);
  if (service.bufferBeforeMin > 0) parts.push(`intervalo antes ${service.bufferBeforeMin} min`);
  if (service.bufferAfterMin > 0) parts.push(`intervalo depois ${service.bufferAfterMin} min`);
  return <span className="list-item-detail">{parts.join(' · ')}</span>;
}

export function ServicesSettings() {
  const signedIn = useSignedIn();
  const [showArchived, setShowArchived] = useState(false);
  const services = trpc.services.list.useQuery({ includeArchived: showArchived });
  const [editing, setEditing] = useState<Service | 'new' | null>(null);
  const [archiving, setArchiving] = useState<Service | null>(null);
  const canManage = signedIn?.canManage ?? false;

  return (
    <div className="settings-section">
      <div className="section-header">
        <h2>Serviços</h2>
        {canManage && editing === null ? (
          <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
            Novo serviço
          </button>
        ) : null}
      </div>
      {editing === null ? null : (
        <ServiceForm
          key={editing === 'new' ? 'new' : editing.id}
          service={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      )}
      {services.isError ? (
        <FormMessage tone="error">{describeFailure(services.error).message}</FormMessage>
      ) : services.data === undefined ? (
        <p role="status">Carregando serviços…</p>
      ) : services.data.items.length === 0 ? (
        <div className="empty-state">
          <p>Nenhum serviço cadastrado ainda.</p>
          {canManage ? <p>Cadastre os serviços do salão para poder agendá-los.</p> : null}
        </div>
      ) : (
        <ul className="item-list" aria-label="Serviços">
          {services.data.items.map((service) => (
            <li key={service.id} className="list-item">
              <div className="list-item-main">
                <span className="list-item-title">
                  {service.name}
                  {service.active ? null : <span className="tag">Arquivado</span>}
                </span>
                <ServiceSummary service={service} />
              </div>
              {canManage && service.active ? (
                <div className="list-item-actions">
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => setEditing(service)}
                    aria-label={`Editar ${service.name}`}
                  >
                    Editar
                  </button>
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => setArchiving(service)}
                    aria-label={`Arquivar ${service.name}`}
                  >
                    Arquivar
                  </button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <label className="inline-check">
        <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />
        Mostrar serviços arquivados
      </label>
      {archiving === null ? null : (
        <ArchiveServiceDialog service={archiving} onClose={() => setArchiving(null)} />
      )}
    </div>
  );
}
