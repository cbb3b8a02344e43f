import type { Conversation, Message } from '@agenda-cheia/contracts';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useCallback, useEffect, useEffectEvent, useLayoutEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { trpc } from '../api/trpc';
import { describeFailure } from '../forms/errors';
import { FormMessage } from '../forms/Field';
import { formatPhone } from '../forms/phone';
import { useSignedIn, type SignedIn } from '../session/useSignedIn';
import { formatChatDay, localDayOf } from '../time/relative';
import { useNow } from '../time/useNow';
import { useDocumentVisible } from '../ui/useDocumentVisible';
import { useReplyIntents, useStreamingReply } from './aiReplyStore';
import { Composer } from './Composer';
import { ConversationControls } from './ConversationControls';
import { applyConversation, messagesQueryKey, type MessagePage } from './inboxCache';
import { initialsOf } from './labels';
import { MessageBubble, PendingBubble, StreamingBubble } from './MessageBubble';
import { usePendingReplies, type PendingReply } from './outbox';
import { describeTypists, useOthersTyping } from './typing';
import { useSendReply } from './useSendReply';

const PAGE_SIZE = 30;
/** Closer than this to an edge counts as being at it. */
const EDGE_PX = 120;

type Row =
  | { kind: 'day'; key: string; label: string }
  | { kind: 'message'; key: string; message: Message }
  | { kind: 'pending'; key: string; reply: PendingReply };

/** Oldest first, with a heading where the day changes; replies not yet stored go last. */
function chatRows(
  pages: readonly MessagePage[],
  pending: readonly PendingReply[],
  timeZone: string,
  now: number,
): Row[] {
  const messages = [...new Map(pages.flatMap((p) => p.items).map((m) => [m.id, m])).values()].reverse();
  const stored = new Set(messages.map((m) => m.clientMessageId).filter((id) => id !== null));
  const rows: Row[] = [];
  let day = '';
  for (const message of messages) {
    const messageDay = localDayOf(message.createdAt, timeZone);
    if (messageDay !== day) {
      day = messageDay;
      rows.push({ kind: 'day', key: `day-${day}`, label: formatChatDay(message.createdAt, now, timeZone) });
    }
    rows.push({ kind: 'message', key: message.id, message });
  }
  for (const reply of pending) {
    if (!stored.has(reply.clientMessageId)) {
      rows.push({ kind: 'pending', key: reply.clientMessageId, reply });
    }
  }
  return rows;
}

/** Names of the team for message authors and the assignee (the list is for owners and admins). */
function useStaffNames(signedIn: SignedIn): ReadonlyMap<string, string> {
  const team = trpc.users.list.useQuery(undefined, { enabled: signedIn.canManage });
  const names = new Map<string, string>((team.data?.items ?? []).map((user) => [user.id, user.name]));
  if (!names.has(signedIn.user.id)) names.set(signedIn.user.id, signedIn.user.name);
  return names;
}

/** Marks the conversation read while it is on screen and has unread messages (again as more arrive). */
function useMarkReadWhileOpen(conversation: Conversation | undefined): void {
  const queryClient = useQueryClient();
  const visible = useDocumentVisible();
  const markRead = trpc.conversations.markRead.useMutation({
    onSuccess: (updated) => applyConversation(queryClient, updated),
  });
  const unread = conversation?.unreadCount ?? 0;
  const conversationId = conversation?.id;
  const mark = useEffectEvent((id: string) => {
    if (!markRead.isPending) markRead.mutate({ conversationId: id });
  });
  useEffect(() => {
    if (conversationId !== undefined && unread > 0 && visible) mark(conversationId);
  }, [conversationId, unread, visible]);
}

function MessageThread(props: {
  conversationId: string;
  signedIn: SignedIn;
  staffNames: ReadonlyMap<string, string>;
  timeZone: string;
}) {
  const { conversationId, signedIn, staffNames, timeZone } = props;
  const { client } = trpc.useUtils();
  const now = useNow(60_000);
  const messages = useInfiniteQuery({
    queryKey: messagesQueryKey(conversationId),
    queryFn: ({ pageParam }) =>
      client.messages.list.query({
        conversationId,
        limit: PAGE_SIZE,
        ...(pageParam === undefined ? {} : { before: pageParam }),
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const pending = usePendingReplies(conversationId);
  const { retry } = useSendReply();
  const typists = describeTypists(useOthersTyping(conversationId, signedIn.user.id));
  const rows = chatRows(messages.data?.pages ?? [], pending, timeZone, now);
  const streaming = useStreamingReply(conversationId);
  const intents = useReplyIntents();

  const scroller = useRef<HTMLDivElement>(null);
  // Where the reader was before older messages were added above, to stay on the same message.
  const beforeOlder = useRef<{ height: number; top: number } | null>(null);
  const atBottom = useRef(true);
  const lastScrollTop = useRef(0);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = messages;

  const loadOlder = () => {
    const element = scroller.current;
    if (element === null || !hasNextPage || isFetchingNextPage) return;
    beforeOlder.current = { height: element.scrollHeight, top: element.scrollTop };
    void fetchNextPage();
  };

  const lastRowKey = rows[rows.length - 1]?.key;
  // Day headings keep their key when older messages of the same day arrive: watch the first message.
  const firstMessageKey = rows.find((row) => row.kind !== 'day')?.key;
  const shownFirst = useRef(firstMessageKey);
  useLayoutEffect(() => {
    const element = scroller.current;
    if (element === null) return;
    const kept = beforeOlder.current;
    const olderArrived = firstMessageKey !== shownFirst.current;
    shownFirst.current = firstMessageKey;
    if (kept !== null && olderArrived) {
      beforeOlder.current = null;
      element.scrollTop = element.scrollHeight - kept.height + kept.top;
    } else if (atBottom.current) {
      element.scrollTop = element.scrollHeight;
    }
  }, [firstMessageKey, lastRowKey, typists, streaming?.text]);
  // A failed or empty page of older messages leaves nothing to keep the place for.
  useEffect(() => {
    if (!isFetchingNextPage) beforeOlder.current = null;
  }, [isFetchingNextPage]);

  // My own new reply always comes into view, wherever I had scrolled to.
  const pendingCount = pending.length;
  useLayoutEffect(() => {
    const element = scroller.current;
    if (element !== null && pendingCount > 0) {
      atBottom.current = true;
      element.scrollTop = element.scrollHeight;
    }
  }, [pendingCount]);

  // Pictures and players get their height when they load, after the rows were placed and scrolled to:
  // a reader at the end stays at the end.
  const followGrowth = useCallback((list: HTMLOListElement) => {
    const observer = new ResizeObserver(() => {
      const element = scroller.current;
      if (element !== null && atBottom.current) element.scrollTop = element.scrollHeight;
    });
    observer.observe(list);
    return () => observer.disconnect();
  }, []);

  const onScroll = () => {
    const element = scroller.current;
    if (element === null) return;
    // Only scrolling up leaves the end. Content growing under the reader (a picture that loaded) also
    // puts the end further away, and its scroll event may come after the growth, before we follow it.
    if (element.scrollHeight - element.scrollTop - element.clientHeight < EDGE_PX) atBottom.current = true;
    else if (element.scrollTop < lastScrollTop.current) atBottom.current = false;
    lastScrollTop.current = element.scrollTop;
    if (element.scrollTop < EDGE_PX) loadOlder();
  };

  const myName = staffNames.get(signedIn.user.id) ?? signedIn.user.name;

  return (
    <div className="chat-scroll" ref={scroller} onScroll={onScroll}>
      {messages.isError ? (
        <FormMessage tone="error">{describeFailure(messages.error).message}</FormMessage>
      ) : messages.data === undefined ? (
        <p role="status" className="chat-status">
          Carregando mensagens…
        </p>
      ) : (
        <>
          {hasNextPage ? (
            <button type="button" className="button button-small chat-older" onClick={loadOlder}>
              {isFetchingNextPage ? 'Carregando…' : 'Carregar mensagens anteriores'}
            </button>
          ) : rows.length === 0 ? (
            <p className="chat-status">Nenhuma mensagem ainda.</p>
          ) : (
            <p className="chat-status">Início da conversa</p>
          )}
          <ol
            className="message-list"
            role="log"
            aria-label="Mensagens"
            aria-live="polite"
            ref={followGrowth}
          >
            {rows.map((row) => (
              <Fragment key={row.key}>
                {row.kind === 'day' ? (
                  <li className="chat-day">
                    <span>{row.label}</span>
                  </li>
                ) : row.kind === 'message' ? (
                  <MessageBubble
                    message={row.message}
                    timeZone={timeZone}
                    staffNames={staffNames}
                    intent={intents[row.message.id] ?? row.message.intent ?? undefined}
                  />
                ) : (
                  <PendingBubble
                    reply={row.reply}
                    authorName={myName}
                    timeZone={timeZone}
                    onRetry={() => retry(row.reply)}
                  />
                )}
              </Fragment>
            ))}
            {streaming === undefined ? null : <StreamingBubble text={streaming.text} />}
          </ol>
        </>
      )}
      <p className="typing-indicator" aria-live="polite">
        {typists ?? ''}
      </p>
    </div>
  );
}

function Chat({ conversationId, signedIn }: { conversationId: string; signedIn: SignedIn }) {
  const timeZone = signedIn.tenant.timezone;
  const conversation = trpc.conversations.get.useQuery({ conversationId });
  const staffNames = useStaffNames(signedIn);
  useMarkReadWhileOpen(conversation.data);
  const [showDetails, setShowDetails] = useState(false);

  if (conversation.isError) {
    return (
      <div className="chat-placeholder">
        <FormMessage tone="error">{describeFailure(conversation.error).message}</FormMessage>
        <p>
          <Link to="/conversas">Voltar para as conversas</Link>
        </p>
      </div>
    );
  }
  if (conversation.data === undefined) {
    return (
      <div className="chat-placeholder">
        <p role="status">Carregando conversa…</p>
      </div>
    );
  }
  const { clientName, clientPhone, clientId } = conversation.data;

  return (
    <div className="chat">
      <header className="chat-header">
        <div className="chat-title">
          <Link to="/conversas" className="chat-back" aria-label="Voltar para as conversas">
            ‹
          </Link>
          <span className="avatar" aria-hidden="true">
            {initialsOf(clientName)}
          </span>
          <div className="chat-who">
            <h2>{clientName}</h2>
            <Link to={`/clientes/${clientId}`} className="chat-phone">
              {formatPhone(clientPhone)}
            </Link>
          </div>
          <button
            type="button"
            className="button button-small button-quiet chat-details-toggle"
            aria-expanded={showDetails}
            onClick={() => setShowDetails((current) => !current)}
          >
            Opções
          </button>
        </div>
        <div className="chat-controls-frame" data-open={showDetails}>
          <ConversationControls
            conversation={conversation.data}
            signedIn={signedIn}
            staffNames={staffNames}
          />
        </div>
      </header>
      <MessageThread
        conversationId={conversationId}
        signedIn={signedIn}
        staffNames={staffNames}
        timeZone={timeZone}
      />
      <Composer conversationId={conversationId} />
    </div>
  );
}

/** The open conversation: header with its controls, the messages, and the reply box. */
export function ConversationView() {
  const { conversationId } = useParams();
  const signedIn = useSignedIn();
  if (conversationId === undefined || signedIn === null) return null;
  // A fresh chat per conversation: scroll position, typing and draft belong to one conversation.
  return <Chat key={conversationId} conversationId={conversationId} signedIn={signedIn} />;
}
