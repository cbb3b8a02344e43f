import type { ChatIntent, Message, MessageStatus } from '@agenda-cheia/contracts';
import { Link } from 'react-router';
import { intentLabels } from '../agents/labels';
import { LocalFileView } from '../files/FileView';
import { formatTime } from '../time/format';
import { authorLabels, deliveryLabels, NO_GATEWAY } from './labels';
import { MessageMedia } from './MessageMedia';
import type { PendingReply } from './outbox';

const tickSymbols: Record<Exclude<MessageStatus, 'received'>, string> = {
  queued: '⏱',
  sent: '✓',
  delivered: '✓✓',
  read: '✓✓',
  failed: '⚠',
};

function DeliveryTicks({ status, error }: { status: MessageStatus; error: string | null }) {
  if (status === 'received') return null;
  const label =
    status === 'failed' && error !== null ? `${deliveryLabels.failed}: ${error}` : deliveryLabels[status];
  return (
    <span className={`ticks ticks-${status}`} role="img" aria-label={label} title={label}>
      {tickSymbols[status]}
    </span>
  );
}

/** Why an outbound message did not go out, in words the salon can act on. */
function DeliveryFailure({ error }: { error: string | null }) {
  if (error === NO_GATEWAY) {
    return (
      <p className="message-failure">
        Não enviada: nenhuma integração de WhatsApp configurada.{' '}
        <Link to="/configuracoes/integracoes">Configurar integração</Link>
      </p>
    );
  }
  return (
    <p className="message-failure">Não enviada: falha na entrega{error === null ? '' : ` (${error})`}.</p>
  );
}

function authorName(message: Message, staffNames: ReadonlyMap<string, string>): string | null {
  if (message.author === 'client') return null;
  if (message.author === 'staff' && message.authorUserId !== null) {
    return staffNames.get(message.authorUserId) ?? authorLabels.staff;
  }
  return authorLabels[message.author];
}

/** What the assistant understood of the client, beside its name on the reply. */
function IntentTag({ intent }: { intent: ChatIntent }) {
  return (
    <span className="intent-tag" title="O que o assistente entendeu do cliente">
      <span className="visually-hidden">Intenção: </span>
      {intentLabels[intent]}
    </span>
  );
}

export function MessageBubble(props: {
  message: Message;
  timeZone: string;
  staffNames: ReadonlyMap<string, string>;
  /** Known for the assistant's replies received live (`ai_response`). */
  intent?: ChatIntent | undefined;
}) {
  const { message, timeZone, staffNames, intent } = props;
  const author = authorName(message, staffNames);
  return (
    <li
      className={`message message-${message.direction} message-by-${message.author}`}
      data-status={message.status}
      data-message-id={message.id}
    >
      {author === null ? null : (
        <span className="message-author">
          {author}
          {intent === undefined ? null : <IntentTag intent={intent} />}
        </span>
      )}
      {message.media === null ? null : <MessageMedia media={message.media} />}
      {message.text === '' ? null : <p className="message-text">{message.text}</p>}
      <span className="message-meta">
        <time dateTime={message.createdAt}>{formatTime(message.createdAt, timeZone)}</time>
        {message.direction === 'outbound' ? (
          <DeliveryTicks status={message.status} error={message.statusError} />
        ) : null}
      </span>
      {message.status === 'failed' ? <DeliveryFailure error={message.statusError} /> : null}
    </li>
  );
}

/** The assistant's reply as it is being written (`ai_response_delta`), until the stored message replaces it. */
export function StreamingBubble({ text }: { text: string }) {
  return (
    <li className="message message-outbound message-by-ai message-streaming" aria-busy="true">
      <span className="message-author">{authorLabels.ai}</span>
      <p className="message-text">
        {text}
        <span className="writing-dots" aria-hidden="true" />
      </p>
      <span className="message-meta">escrevendo…</span>
    </li>
  );
}

/** A reply not yet stored by the server: sending, or failed with the way to try again. */
export function PendingBubble(props: {
  reply: PendingReply;
  authorName: string;
  timeZone: string;
  onRetry: () => void;
}) {
  const { reply, timeZone } = props;
  return (
    <li className="message message-outbound message-by-staff message-pending" data-status={reply.state}>
      <span className="message-author">{props.authorName}</span>
      {reply.attachment === null ? null : (
        <LocalFileView
          previewUrl={reply.attachment.previewUrl}
          mimeType={reply.attachment.mimeType}
          filename={reply.attachment.filename}
          size={reply.attachment.size}
        />
      )}
      {reply.text === '' ? null : <p className="message-text">{reply.text}</p>}
      <span className="message-meta">
        <time dateTime={reply.createdAt}>{formatTime(reply.createdAt, timeZone)}</time>
        {reply.state === 'sending' ? (
          <span className="ticks ticks-queued" role="img" aria-label="Enviando…" title="Enviando…">
            ⏱
          </span>
        ) : (
          <span className="ticks ticks-failed" role="img" aria-label="Falhou" title={reply.error ?? 'Falhou'}>
            ⚠
          </span>
        )}
      </span>
      {reply.state === 'failed' ? (
        <div className="message-failure">
          {reply.error === null ? null : <span>{reply.error} </span>}
          <button type="button" className="link-button" onClick={props.onRetry}>
            Falhou — tentar de novo
          </button>
        </div>
      ) : null}
    </li>
  );
}
