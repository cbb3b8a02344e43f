import { useState } from 'react';
import { Outlet, useParams } from 'react-router';
import { useRealtimeStatus } from '../realtime/RealtimeProvider';
import { useSignedIn } from '../session/useSignedIn';
import { useDebouncedValue } from '../ui/useDebouncedValue';
import { ConversationList } from './ConversationList';
import { statusFilterLabels, type ConversationStatus } from './labels';
import './inbox.css';

const statusFilters: readonly (ConversationStatus | undefined)[] = ['open', 'pending', 'closed', undefined];

/**
 * Conversas: the list and the open chat side by side on wide screens; on a phone the list, and the
 * chat in its place once one is chosen. Filters live here so they survive moving between chats.
 */
export function ConversationsPage() {
  const { conversationId } = useParams();
  const signedIn = useSignedIn();
  const [status, setStatus] = useState<ConversationStatus | undefined>('open');
  const [mineOnly, setMineOnly] = useState(false);
  const [search, setSearch] = useState('');
  const settledSearch = useDebouncedValue(search, 300);
  const realtime = useRealtimeStatus();

  return (
    <section className="inbox" data-chat-open={conversationId !== undefined}>
      <title>Conversas · Agenda Cheia</title>
      <div className="inbox-list-pane">
        <div className="inbox-list-header">
          <h1>Conversas</h1>
          {realtime === 'offline' ? (
            <p className="realtime-offline" role="status">
              Sem conexão ao vivo. Reconectando…
            </p>
          ) : null}
          <div className="field">
            <label htmlFor="conversation-search" className="visually-hidden">
              Buscar conversa
            </label>
            <input
              id="conversation-search"
              type="search"
              placeholder="Buscar por nome ou telefone"
              autoComplete="off"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
            />
          </div>
          <div className="inbox-filters" role="group" aria-label="Filtrar conversas">
            {statusFilters.map((value) => (
              <button
                key={value ?? 'all'}
                type="button"
                className="chip"
                aria-pressed={status === value}
                onClick={() => setStatus(value)}
              >
                {value === undefined ? 'Todas' : statusFilterLabels[value]}
              </button>
            ))}
            <button
              type="button"
              className="chip"
              aria-pressed={mineOnly}
              onClick={() => setMineOnly((current) => !current)}
            >
              Minhas
            </button>
          </div>
        </div>
        <div className="inbox-list-scroll">
          <ConversationList
            filters={{
              status,
              assigneeId: mineOnly ? signedIn?.user.id : undefined,
              search: settledSearch,
            }}
            selectedId={conversationId}
            timeZone={signedIn?.tenant.timezone}
          />
        </div>
      </div>
      <div className="inbox-chat-pane">
        <Outlet />
      </div>
    </section>
  );
}

/** The chat pane on wide screens before a conversation is chosen. */
export function NoConversationChosen() {
  return (
    <div className="chat-placeholder">
      <p>Escolha uma conversa para ler e responder.</p>
    </div>
  );
}
