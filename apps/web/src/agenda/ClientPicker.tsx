import { createClientInput, type Client } from '@agenda-cheia/contracts';
import { useState } from 'react';
import { trpc } from '../api/trpc';
import { describeFailure, fieldErrorsFromIssues, type FieldErrors } from '../forms/errors';
import { FormMessage } from '../forms/Field';
import { formatPhone } from '../forms/phone';
import { useDebouncedValue } from '../ui/useDebouncedValue';

type PickedClient = Pick<Client, 'id' | 'name' | 'phone'>;

/** A new client in two fields, without leaving the booking: name and WhatsApp. */
function QuickCreateClient({
  initialName,
  onCreated,
  onCancel,
}: {
  initialName: string;
  onCreated: (client: PickedClient) => void;
  onCancel: () => void;
}) {
  const utils = trpc.useUtils();
  const create = trpc.clients.create.useMutation({
    onSuccess: async (client) => {
      await utils.clients.list.invalidate();
      onCreated(client);
    },
  });
  const [name, setName] = useState(initialName);
  const [phone, setPhone] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const problem = create.error === null ? null : describeFailure(create.error);
  const fieldErrors = { ...problem?.fieldErrors, ...clientErrors };

  // Not a <form>: it lives inside the booking form, and forms cannot nest.
  const save = () => {
    const parsed = createClientInput.safeParse({ name, phone });
    if (!parsed.success) {
      create.reset();
      setClientErrors(fieldErrorsFromIssues(parsed.error.issues));
      return;
    }
    setClientErrors({});
    create.mutate(parsed.data);
  };

  return (
    <div className="quick-create" role="group" aria-label="Cadastrar cliente">
      <div className="field">
        <label htmlFor="quick-client-name">Nome do cliente</label>
        <input
          id="quick-client-name"
          value={name}
          autoComplete="off"
          onChange={(event) => setName(event.target.value)}
          aria-invalid={fieldErrors.name === undefined ? undefined : true}
        />
        {fieldErrors.name === undefined ? null : <p className="field-error">{fieldErrors.name.join(' ')}</p>}
      </div>
      <div className="field">
        <label htmlFor="quick-client-phone">Telefone (WhatsApp)</label>
        <input
          id="quick-client-phone"
          type="tel"
          inputMode="tel"
          autoComplete="off"
          value={phone}
          onChange={(event) => setPhone(event.target.value)}
          aria-invalid={fieldErrors.phone === undefined ? undefined : true}
        />
        {fieldErrors.phone === undefined ? null : (
          <p className="field-error">{fieldErrors.phone.join(' ')}</p>
        )}
      </div>
      {problem === null ? null : <FormMessage tone="error">{problem.message}</FormMessage>}
      <div className="form-actions">
        <button type="button" className="button" onClick={save} disabled={create.isPending}>
          {create.isPending ? 'Cadastrando…' : 'Cadastrar e escolher'}
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel}>
          Voltar à busca
        </button>
      </div>
    </div>
  );
}

/** Finds a client by name or phone, or registers a new one on the spot. */
export function ClientPicker({
  selected,
  onSelect,
}: {
  selected: PickedClient | null;
  onSelect: (client: PickedClient | null) => void;
}) {
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const settled = useDebouncedValue(search.trim(), 250);
  const results = trpc.clients.list.useQuery(
    { search: settled, limit: 6 },
    { enabled: selected === null && !creating && settled !== '' },
  );

  if (selected !== null) {
    return (
      <div className="picked-client">
        <span>
          <strong>{selected.name}</strong> · {formatPhone(selected.phone)}
        </span>
        <button type="button" className="button button-small button-quiet" onClick={() => onSelect(null)}>
          Trocar cliente
        </button>
      </div>
    );
  }
  if (creating) {
    return (
      <QuickCreateClient initialName={search} onCreated={onSelect} onCancel={() => setCreating(false)} />
    );
  }
  const items = results.data?.items ?? [];
  return (
    <div className="client-picker">
      <div className="field">
        <label htmlFor="booking-client-search">Cliente</label>
        <input
          id="booking-client-search"
          type="search"
          placeholder="Buscar por nome ou telefone"
          autoComplete="off"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
      </div>
      {settled === '' ? null : results.isError ? (
        <FormMessage tone="error">{describeFailure(results.error).message}</FormMessage>
      ) : results.data === undefined ? (
        <p className="field-hint" role="status">
          Buscando…
        </p>
      ) : items.length === 0 ? (
        <p className="field-hint">Nenhum cliente encontrado.</p>
      ) : (
        <ul className="client-results" aria-label="Clientes encontrados">
          {items.map((client) => (
            <li key={client.id}>
              <button type="button" className="client-result" onClick={() => onSelect(client)}>
                <strong>{client.name}</strong> <span>{formatPhone(client.phone)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="button button-small" onClick={() => setCreating(true)}>
        Cadastrar novo cliente
      </button>
    </div>
  );
}
