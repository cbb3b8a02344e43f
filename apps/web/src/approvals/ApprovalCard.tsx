import type { AuthRequest } from '@agenda-cheia/contracts';
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { FormMessage } from '../forms/Field';
import { formatCents } from '../forms/money';
import { formatTime, formatTimeRange, formatWeekdayDate } from '../time/format';
import { formatDeadline } from '../time/relative';
import { consentLabels, sourceLabels } from './labels';

export type Decision = 'approve' | 'reject';

/** "Maria Silva, ter., 24/11 às 10:15": how a decision's outcome names the request. */
export function describeRequest(request: AuthRequest, timeZone: string): string {
  return `${request.clientName}, ${formatWeekdayDate(request.start, timeZone)} às ${formatTime(request.start, timeZone)}`;
}

function OfferPrice({ request }: { request: AuthRequest }) {
  const offer = request.offer;
  if (offer == null || offer.discountPercent === 0) {
    return (
      <span className="approval-price">{formatCents(offer?.finalPriceCents ?? request.priceCents)}</span>
    );
  }
  return (
    <span className="approval-price">
      <s aria-label={`de ${formatCents(offer.priceCents)}`}>{formatCents(offer.priceCents)}</s>{' '}
      <strong>{formatCents(offer.finalPriceCents)}</strong>{' '}
      <span className="approval-discount">({offer.discountPercent}% de desconto)</span>
    </span>
  );
}

/**
 * One request awaiting the owner: who, what, when, the offer and where the client stands. While the
 * decision travels the buttons stay disabled; the card leaves only once the server has answered.
 */
export function ApprovalCard(props: {
  request: AuthRequest;
  timeZone: string;
  now: number;
  deciding: Decision | undefined;
  failure: string | undefined;
  onDecide: (decision: Decision, notes: string) => void;
}) {
  const { request, timeZone, now, deciding } = props;
  const [rejecting, setRejecting] = useState(false);
  const [notes, setNotes] = useState('');
  const notesId = useId();
  const busy = deciding !== undefined;
  const name = request.clientName;

  const confirmRejection = (event: FormEvent) => {
    event.preventDefault();
    props.onDecide('reject', notes.trim());
  };

  return (
    <li className="approval" aria-label={`Pedido de ${name}`} aria-busy={busy}>
      <div className="approval-when">
        <span>
          {formatWeekdayDate(request.start, timeZone)} ·{' '}
          <strong>{formatTimeRange(request.start, request.end, timeZone)}</strong>
        </span>
        <span className={`tag source-tag source-${request.source}`}>{sourceLabels[request.source]}</span>
      </div>
      <Link to={`/clientes/${request.clientId}`} className="list-item-title approval-client">
        {name}
      </Link>
      <span className="list-item-detail">
        {request.serviceName} · {request.professionalName}
      </span>
      <OfferPrice request={request} />
      <div className="approval-status">
        <span className={`consent consent-${request.clientConsent}`}>
          {consentLabels[request.clientConsent]}
        </span>
        <span className="approval-expiry">Expira {formatDeadline(request.expiresAt, now, timeZone)}</span>
      </div>
      {props.failure === undefined ? null : <FormMessage tone="error">{props.failure}</FormMessage>}
      {rejecting ? (
        <form className="approval-reject" onSubmit={confirmRejection}>
          <label htmlFor={notesId}>Motivo da recusa (opcional)</label>
          <textarea
            id={notesId}
            rows={2}
            maxLength={500}
            value={notes}
            disabled={busy}
            placeholder="Ex.: a Ana está de folga neste dia"
            onChange={(event) => setNotes(event.target.value)}
          />
          <p className="field-hint">O cliente recebe este motivo junto com o aviso.</p>
          <div className="approval-actions">
            <button type="submit" className="button button-small button-danger" disabled={busy}>
              {deciding === 'reject' ? 'Recusando…' : 'Confirmar recusa'}
            </button>
            <button
              type="button"
              className="button button-small button-quiet"
              disabled={busy}
              onClick={() => setRejecting(false)}
            >
              Voltar
            </button>
          </div>
        </form>
      ) : (
        <div className="approval-actions">
          <button
            type="button"
            className="button button-small button-primary"
            disabled={busy}
            onClick={() => props.onDecide('approve', '')}
            aria-label={`Aprovar o pedido de ${name}`}
          >
            {deciding === 'approve' ? 'Aprovando…' : 'Aprovar'}
          </button>
          <button
            type="button"
            className="button button-small"
            disabled={busy}
            onClick={() => setRejecting(true)}
            aria-label={`Recusar o pedido de ${name}`}
          >
            Recusar
          </button>
        </div>
      )}
    </li>
  );
}
