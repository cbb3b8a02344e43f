import type { Conversation } from '@agenda-cheia/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { trpc } from '../api/trpc';
import { describeFailure } from '../forms/errors';
import { FormMessage } from '../forms/Field';
import type { SignedIn } from '../session/useSignedIn';
import { applyConversation } from './inboxCache';
import {
  conversationStatusLabels,
  MODE_EXPLANATION,
  modeLabels,
  type ConversationMode,
  type ConversationStatus,
} from './labels';

const statuses: readonly ConversationStatus[] = ['open', 'pending', 'closed'];
const modes: readonly ConversationMode[] = ['ai', 'human'];

/** Who handles the conversation, whether it is settled, and whether the AI answers it. */
export function ConversationControls(props: {
  conversation: Conversation;
  signedIn: SignedIn;
  staffNames: ReadonlyMap<string, string>;
}) {
  const { conversation, signedIn, staffNames } = props;
  const me = signedIn.user;
  const queryClient = useQueryClient();
  const modeHintId = useId();
  // The answer is applied at once; the realtime event that follows says the same.
  const onSuccess = (updated: Conversation) => applyConversation(queryClient, updated);
  const assign = trpc.conversations.assign.useMutation({ onSuccess });
  const setStatus = trpc.conversations.setStatus.useMutation({ onSuccess });
  const setMode = trpc.conversations.setMode.useMutation({ onSuccess });
  const error = assign.error ?? setStatus.error ?? setMode.error;
  const busy = assign.isPending || setStatus.isPending || setMode.isPending;
  const conversationId = conversation.id;

  const assignee =
    conversation.assigneeId === null
      ? 'Ninguém'
      : conversation.assigneeId === me.id
        ? 'Você'
        : (staffNames.get(conversation.assigneeId) ?? 'Outra pessoa da equipe');

  return (
    <div className="chat-controls">
      <div className="chat-control">
        {signedIn.canManage ? (
          <label className="inline-field">
            <span>Responsável</span>
            <select
              value={conversation.assigneeId ?? ''}
              disabled={busy}
              onChange={(event) =>
                assign.mutate({
                  conversationId,
                  userId: event.target.value === '' ? null : event.target.value,
                })
              }
            >
              <option value="">Ninguém</option>
              {[...staffNames].map(([id, name]) => (
                <option key={id} value={id}>
                  {id === me.id ? `${name} (você)` : name}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <span className="inline-field">
            <span>Responsável</span> <strong>{assignee}</strong>
          </span>
        )}
        {conversation.assigneeId === me.id ? (
          signedIn.canManage ? null : (
            <button
              type="button"
              className="button button-small"
              disabled={busy}
              onClick={() => assign.mutate({ conversationId, userId: null })}
            >
              Liberar
            </button>
          )
        ) : (
          <button
            type="button"
            className="button button-small button-primary"
            disabled={busy}
            onClick={() => assign.mutate({ conversationId, userId: me.id })}
          >
            Assumir
          </button>
        )}
      </div>
      <label className="inline-field chat-control">
        <span>Situação</span>
        <select
          value={conversation.status}
          disabled={busy}
          onChange={(event) => {
            const status = statuses.find((s) => s === event.target.value);
            if (status !== undefined) setStatus.mutate({ conversationId, status });
          }}
        >
          {statuses.map((status) => (
            <option key={status} value={status}>
              {conversationStatusLabels[status]}
            </option>
          ))}
        </select>
      </label>
      <div className="chat-control">
        <div className="segmented" role="group" aria-label="Quem responde" aria-describedby={modeHintId}>
          {modes.map((mode) => (
            <button
              key={mode}
              type="button"
              aria-pressed={conversation.mode === mode}
              disabled={busy}
              onClick={() => {
                if (conversation.mode !== mode) setMode.mutate({ conversationId, mode });
              }}
            >
              {modeLabels[mode]}
            </button>
          ))}
        </div>
        <span id={modeHintId} className="field-hint chat-mode-hint">
          {MODE_EXPLANATION}
        </span>
      </div>
      {error === null ? null : <FormMessage tone="error">{describeFailure(error).message}</FormMessage>}
    </div>
  );
}
