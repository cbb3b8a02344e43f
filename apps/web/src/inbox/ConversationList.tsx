import { DEFAULT_TIMEZONE, type Conversation } from '@agenda-cheia/contracts';
import { NavLink } from 'react-router';
import { trpc } from '../api/trpc';
import { describeFailure } from '../forms/errors';
import { FormMessage } from '../forms/Field';
import { formatPhone } from '../forms/phone';
import { formatRelativeInstant } from '../time/relative';
import { useNow } from '../time/useNow';
import { initialsOf, type ConversationStatus } from './labels';

const PAGE_SIZE = 30;

export interface ConversationFilters {
  status: ConversationStatus | undefined;
  /** Only the conversations assigned to this person ("Minhas"). */
  assigneeId: string | undefined;
  search: string;
}

const emptyByStatus: Record<ConversationStatus, string> = {
  open: 'Nenhuma conversa aberta.',
  pending: 'Nenhuma conversa pendente.',
  closed: 'Nenhuma conversa encerrada.',
};

function emptyText(filters: ConversationFilters): string {
  if (filters.search.trim() !== '') return `Nenhuma conversa encontrada para “${filters.search.trim()}”.`;
  if (filters.assigneeId !== undefined) return 'Nenhuma conversa atribuída a você com este filtro.';
  return filters.status === undefined ? 'Nenhuma conversa ainda.' : emptyByStatus[filters.status];
}

function unreadLabel(count: number): string {
  return count === 1 ? '1 mensagem não lida' : `${count} mensagens não lidas`;
}

function ConversationItem(props: {
  conversation: Conversation;
  selected: boolean;
  now: number;
  timeZone: string;
}) {
  const { conversation, selected, now, timeZone } = props;
  // The open conversation is being read: its badge would only flash until markRead lands.
  const unread = selected ? 0 : conversation.unreadCount;
  return (
    <li>
      <NavLink
        to={`/conversas/${conversation.id}`}
        className="conversation-item"
        data-unread={unread > 0}
        aria-label={`${conversation.clientName}${unread > 0 ? `, ${unreadLabel(unread)}` : ''}`}
      >
        <span className="avatar" aria-hidden="true">
          {initialsOf(conversation.clientName)}
        </span>
        <span className="conversation-item-main">
          <span className="conversation-item-top">
            <span className="conversation-item-name">{conversation.clientName}</span>
            {conversation.lastMessageAt === null ? null : (
              <time className="conversation-item-time" dateTime={conversation.lastMessageAt}>
                {formatRelativeInstant(conversation.lastMessageAt, now, timeZone)}
              </time>
            )}
          </span>
          <span className="conversation-item-bottom">
            <span className="conversation-item-preview">
              {conversation.mode === 'ai' ? <span className="mode-tag">IA</span> : null}
              {conversation.lastMessagePreview ?? formatPhone(conversation.clientPhone)}
            </span>
            {unread > 0 ? (
              <span className="unread-badge" title={unreadLabel(unread)}>
                {unread}
              </span>
            ) : null}
          </span>
        </span>
      </NavLink>
    </li>
  );
}

/** The conversations matching the filters, newest activity first, kept in order by realtime events. */
export function ConversationList(props: {
  filters: ConversationFilters;
  selectedId: string | undefined;
  timeZone: string | undefined;
}) {
  const { filters, selectedId } = props;
  const timeZone = props.timeZone ?? DEFAULT_TIMEZONE;
  const now = useNow();
  const search = filters.search.trim();
  const conversations = trpc.conversations.list.useInfiniteQuery(
    {
      limit: PAGE_SIZE,
      ...(filters.status === undefined ? {} : { status: filters.status }),
      ...(filters.assigneeId === undefined ? {} : { assigneeId: filters.assigneeId }),
      ...(search === '' ? {} : { search }),
    },
    { getNextPageParam: (page) => page.nextCursor, placeholderData: (previous) => previous },
  );

  if (conversations.isError) {
    return <FormMessage tone="error">{describeFailure(conversations.error).message}</FormMessage>;
  }
  if (conversations.data === undefined) return <p role="status">Carregando conversas…</p>;

  // A conversation that moved between pages while they loaded shows once.
  const items = [
    ...new Map(conversations.data.pages.flatMap((page) => page.items).map((c) => [c.id, c])).values(),
  ];

  if (items.length === 0) {
    return (
      <div className="empty-state">
        <p>{emptyText(filters)}</p>
        {search === '' && filters.assigneeId === undefined && filters.status !== 'closed' ? (
          <p>As mensagens dos seus clientes pelo WhatsApp aparecem aqui assim que chegam.</p>
        ) : null}
      </div>
    );
  }

  return (
    <>
      <ul className="conversation-list" aria-label="Conversas" aria-busy={conversations.isFetching}>
        {items.map((conversation) => (
          <ConversationItem
            key={conversation.id}
            conversation={conversation}
            selected={conversation.id === selectedId}
            now={now}
            timeZone={timeZone}
          />
        ))}
      </ul>
      {conversations.hasNextPage ? (
        <button
          type="button"
          className="button load-more"
          onClick={() => void conversations.fetchNextPage()}
          disabled={conversations.isFetchingNextPage}
        >
          {conversations.isFetchingNextPage ? 'Carregando…' : 'Carregar mais'}
        </button>
      ) : null}
    </>
  );
}
