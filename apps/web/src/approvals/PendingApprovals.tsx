import type { AuthRequest } from '@agenda-cheia/contracts';
import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import { trpc } from '../api/trpc';
import { describeFailure } from '../forms/errors';
import { FormMessage } from '../forms/Field';
import { useNow } from '../time/useNow';
import { ApprovalCard, describeRequest, type Decision } from './ApprovalCard';
import { describeDecision, describeDecisionFailure, type DecisionNotice } from './decisionOutcome';
import { awaitsOwner, withoutRequest } from './pendingApprovals';

/** Where the toasts of new requests lead: `/#aprovacoes`. */
export const APPROVALS_ANCHOR = 'aprovacoes';

const NOTICES_KEPT = 3;
/** On a phone the day's appointments come right after: a long list of requests shows its first few. */
const FIRST_SHOWN = 3;

interface Notice extends DecisionNotice {
  key: number;
}

interface InFlight {
  request: AuthRequest;
  decision: Decision;
}

/** Newest decision outcomes, each dismissable; the oldest go first. */
function useNotices() {
  const [notices, setNotices] = useState<readonly Notice[]>([]);
  const serial = useRef(0);
  return {
    notices,
    add: (notice: DecisionNotice) => {
      serial.current += 1;
      const key = serial.current;
      setNotices((current) => [{ ...notice, key }, ...current].slice(0, NOTICES_KEPT));
    },
    dismiss: (key: number) => setNotices((current) => current.filter((n) => n.key !== key)),
  };
}

function NoticeList({
  notices,
  onDismiss,
}: {
  notices: readonly Notice[];
  onDismiss: (key: number) => void;
}) {
  return (
    <ul className="decision-notices" aria-label="Decisões recentes" aria-live="polite">
      {notices.map((notice) => (
        <li key={notice.key} className={`form-message form-message-${notice.tone} decision-notice`}>
          <span>{notice.text}</span>
          <button
            type="button"
            className="toast-close"
            aria-label="Fechar aviso"
            onClick={() => onDismiss(notice.key)}
          >
            ✕
          </button>
        </li>
      ))}
    </ul>
  );
}

/**
 * Painel › Pedidos para aprovar: bookings the chat, the campaigns or the team proposed, live. Deciding is
 * honest about the server: the card stays, disabled, until the answer comes, then the answer is shown.
 */
export function PendingApprovals({ timeZone }: { timeZone: string }) {
  const utils = trpc.useUtils();
  const pending = trpc.authRequests.listPending.useQuery();
  const now = useNow(30_000);
  const [inFlight, setInFlight] = useState<ReadonlyMap<string, InFlight>>(new Map());
  const [failures, setFailures] = useState<ReadonlyMap<string, string>>(new Map());
  const { notices, add, dismiss } = useNotices();
  const [showAll, setShowAll] = useState(false);
  const { hash } = useLocation();
  const section = useRef<HTMLElement>(null);

  useEffect(() => {
    if (hash === `#${APPROVALS_ANCHOR}`) section.current?.scrollIntoView({ block: 'start' });
  }, [hash]);

  const listed = (pending.data?.items ?? []).filter((request) => awaitsOwner(request, now));
  // A request being decided stays in sight even if an event took it off the list meanwhile.
  const deciding = [...inFlight.values()]
    .map((entry) => entry.request)
    .filter((request) => !listed.some((item) => item.id === request.id));
  const items = [...listed, ...deciding].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const shown = showAll ? items : items.slice(0, FIRST_SHOWN);
  const awaitingClients = items.some((request) => request.clientConsent === 'pending');

  const forget = (id: string) => {
    utils.authRequests.listPending.setData(undefined, (list) =>
      list === undefined ? list : withoutRequest(list, id),
    );
  };

  const decide = (request: AuthRequest, decision: Decision, notes: string) => {
    const { id } = request;
    setInFlight((current) => new Map(current).set(id, { request, decision }));
    setFailures((current) => {
      const next = new Map(current);
      next.delete(id);
      return next;
    });
    const who = describeRequest(request, timeZone);
    utils.client.authRequests.decide
      .mutate({ id, decision, ...(notes === '' ? {} : { notes }) })
      .then(
        (result) => {
          forget(id);
          add(describeDecision(who, decision, result));
          if (result.status === 'booked') void utils.schedule.calendar.invalidate();
        },
        (error: unknown) => {
          const failure = describeDecisionFailure(error);
          if (failure.gone) {
            forget(id);
            add({ tone: failure.tone, text: `${failure.text} (${who})` });
            void utils.authRequests.listPending.invalidate();
          } else {
            setFailures((current) => new Map(current).set(id, failure.text));
          }
        },
      )
      .finally(() => {
        setInFlight((current) => {
          const next = new Map(current);
          next.delete(id);
          return next;
        });
        void utils.authRequests.list.invalidate();
      });
  };

  return (
    <section
      className="panel approvals"
      aria-labelledby="approvals-title"
      id={APPROVALS_ANCHOR}
      ref={section}
    >
      <div className="section-header">
        <h2 id="approvals-title" className="section-title">
          Pedidos para aprovar
          {items.length > 0 ? <span className="count-badge">{items.length}</span> : null}
        </h2>
      </div>
      <NoticeList notices={notices} onDismiss={dismiss} />
      {pending.isError ? (
        <FormMessage tone="error">{describeFailure(pending.error).message}</FormMessage>
      ) : pending.data === undefined ? (
        <p role="status">Carregando…</p>
      ) : items.length === 0 ? (
        <p className="field-hint">
          Nenhum pedido esperando sua aprovação. Eles aparecem aqui assim que chegam.
        </p>
      ) : (
        <>
          {awaitingClients ? (
            <p className="field-hint">
              Ofertas aguardando o cliente: se aprovar agora, viram agendamento assim que ele aceitar.
            </p>
          ) : null}
          <ul className="approval-list" aria-label="Pedidos para aprovar">
            {shown.map((request) => (
              <ApprovalCard
                key={request.id}
                request={request}
                timeZone={timeZone}
                now={now}
                deciding={inFlight.get(request.id)?.decision}
                failure={failures.get(request.id)}
                onDecide={(decision, notes) => decide(request, decision, notes)}
              />
            ))}
          </ul>
          {items.length > shown.length ? (
            <button type="button" className="button load-more" onClick={() => setShowAll(true)}>
              Ver mais {items.length - shown.length}{' '}
              {items.length - shown.length === 1 ? 'pedido' : 'pedidos'}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}
