import { DEFAULT_TIMEZONE } from '@agenda-cheia/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { trpc } from '../api/trpc';
import { describeFailure } from '../forms/errors';
import { FormMessage } from '../forms/Field';
import { formatPhone } from '../forms/phone';
import { useSignedIn } from '../session/useSignedIn';
import { formatDate } from '../time/format';
import { useDebouncedValue } from '../ui/useDebouncedValue';

const PAGE_SIZE = 30;

export function ClientsPage() {
  const signedIn = useSignedIn();
  const [search, setSearch] = useState('');
  const settledSearch = useDebouncedValue(search.trim(), 300);
  const clients = trpc.clients.list.useInfiniteQuery(
    { search: settledSearch === '' ? undefined : settledSearch, limit: PAGE_SIZE },
    { getNextPageParam: (page) => page.nextCursor, placeholderData: (previous) => previous },
  );
  const items = clients.data?.pages.flatMap((page) => page.items) ?? [];
  const timeZone = signedIn?.tenant.timezone ?? DEFAULT_TIMEZONE;

  return (
    <section className="page">
      <title>Clientes · Agenda Cheia</title>
      <div className="section-header">
        <h1>Clientes</h1>
        <div className="header-actions">
          <Link className="button" to="/clientes/importar">
            Importar planilha
          </Link>
          <Link className="button button-primary" to="/clientes/novo">
            Novo cliente
          </Link>
        </div>
      </div>
      <div className="field search-field">
        <label htmlFor="client-search">Buscar cliente</label>
        <input
          id="client-search"
          type="search"
          placeholder="Nome ou telefone"
          autoComplete="off"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
      </div>
      {clients.isError ? (
        <FormMessage tone="error">{describeFailure(clients.error).message}</FormMessage>
      ) : clients.data === undefined ? (
        <p role="status">Carregando clientes…</p>
      ) : items.length === 0 ? (
        <div className="empty-state">
          {settledSearch === '' ? (
            <>
              <p>Nenhum cliente cadastrado ainda.</p>
              <p>Cadastre um cliente ou importe sua planilha de contatos.</p>
            </>
          ) : (
            <p>Nenhum cliente encontrado para “{settledSearch}”.</p>
          )}
        </div>
      ) : (
        <>
          <ul className="item-list" aria-label="Lista de clientes" aria-busy={clients.isFetching}>
            {items.map((client) => (
              <li key={client.id} className="list-item">
                <div className="list-item-main">
                  <Link className="list-item-title" to={`/clientes/${client.id}`}>
                    {client.name}
                  </Link>
                  <span className="list-item-detail">
                    {formatPhone(client.phone)}
                    {client.lastVisitAt == null
                      ? ' · Sem visitas'
                      : ` · Última visita em ${formatDate(client.lastVisitAt, timeZone)}`}
                  </span>
                </div>
              </li>
            ))}
          </ul>
          {clients.hasNextPage ? (
            <button
              type="button"
              className="button load-more"
              disabled={clients.isFetchingNextPage}
              onClick={() => void clients.fetchNextPage()}
            >
              {clients.isFetchingNextPage ? 'Carregando…' : 'Carregar mais'}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}
