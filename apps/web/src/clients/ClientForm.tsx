import { createClientInput, type Client } from '@agenda-cheia/contracts';
import { useState, type FormEvent } from 'react';
import { trpc } from '../api/trpc';
import {
  describeFailure,
  fieldErrorsFromIssues,
  fieldValue,
  optionalFieldValue,
  type FieldErrors,
} from '../forms/errors';
import { CheckboxField, FormMessage, TextAreaField, TextField } from '../forms/Field';
import { formatPhone } from '../forms/phone';

interface ClientFormProps {
  client: Client | null;
  onSaved: (client: Client) => void;
  onCancel: () => void;
}

export function ClientForm({ client, onSaved, onCancel }: ClientFormProps) {
  const utils = trpc.useUtils();
  const onSuccess = async (saved: Client) => {
    await Promise.all([utils.clients.list.invalidate(), utils.clients.get.invalidate({ id: saved.id })]);
    onSaved(saved);
  };
  const create = trpc.clients.create.useMutation({ onSuccess });
  const update = trpc.clients.update.useMutation({ onSuccess });
  const mutation = client === null ? create : update;
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const problem = mutation.error === null ? null : describeFailure(mutation.error);
  const fieldErrors = { ...problem?.fieldErrors, ...clientErrors };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = createClientInput.safeParse({
      name: fieldValue(form, 'name'),
      phone: fieldValue(form, 'phone'),
      email: optionalFieldValue(form, 'email') ?? null,
      notes: optionalFieldValue(form, 'notes') ?? null,
      birthday: optionalFieldValue(form, 'birthday') ?? null,
      campaignOptOut: form.get('campaignOptOut') === 'on',
    });
    if (!parsed.success) {
      mutation.reset();
      setClientErrors(fieldErrorsFromIssues(parsed.error.issues));
      return;
    }
    setClientErrors({});
    if (client === null) create.mutate(parsed.data);
    else update.mutate({ ...parsed.data, id: client.id });
  };

  const title = client === null ? 'Novo cliente' : 'Editar cliente';
  return (
    <form className="form panel" onSubmit={submit} noValidate aria-label={title}>
      <TextField
        label="Nome"
        name="name"
        defaultValue={client?.name}
        autoComplete="off"
        required
        errors={fieldErrors.name}
      />
      <TextField
        label="Telefone (WhatsApp)"
        name="phone"
        type="tel"
        inputMode="tel"
        autoComplete="off"
        defaultValue={client === null ? '' : formatPhone(client.phone)}
        required
        hint="DDD + número, ex.: (11) 98765-4321."
        errors={fieldErrors.phone}
      />
      <TextField
        label="E-mail"
        name="email"
        type="email"
        autoComplete="off"
        defaultValue={client?.email ?? ''}
        errors={fieldErrors.email}
      />
      <TextField
        label="Aniversário"
        name="birthday"
        type="date"
        defaultValue={client?.birthday ?? ''}
        errors={fieldErrors.birthday}
      />
      <TextAreaField
        label="Observações"
        name="notes"
        rows={3}
        maxLength={2000}
        defaultValue={client?.notes ?? ''}
        hint="Preferências, alergias, o que vale lembrar no próximo atendimento."
        errors={fieldErrors.notes}
      />
      <CheckboxField
        label="Não enviar campanhas"
        name="campaignOptOut"
        defaultChecked={client?.campaignOptOut ?? false}
        hint="O cliente continua recebendo confirmações e lembretes dos agendamentos, mas não promoções."
      />
      {problem === null ? null : <FormMessage tone="error">{problem.message}</FormMessage>}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={mutation.isPending}>
          {mutation.isPending ? 'Salvando…' : client === null ? 'Cadastrar cliente' : 'Salvar'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancelar
        </button>
      </div>
    </form>
  );
}
