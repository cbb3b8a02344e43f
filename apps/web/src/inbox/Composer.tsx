import { useState, type ChangeEvent, type FormEvent, type KeyboardEvent } from 'react';
import { describeFile, fileKindOf } from '../files/fileKinds';
import { FileKindIcon, PaperclipIcon } from '../files/icons';
import { acceptFor, contentTypeOf, formatBytes } from '../files/upload';
import type { UploadState } from '../files/useFileUpload';
import { useComposerAttachment } from './useComposerAttachment';
import { useTypingAnnouncer } from './typing';
import { useSendReply } from './useSendReply';

const attachmentAccept = acceptFor('attachment');

/** The chosen file above the reply box: preview, how far it got, and the way to take it out. */
function AttachmentTray(props: {
  state: Exclude<UploadState, { phase: 'idle' }>;
  preview: string | null;
  onRemove: () => void;
}) {
  const { state, preview } = props;
  const { file } = state;
  const type = contentTypeOf(file);
  return (
    <div className="composer-attachment" data-phase={state.phase}>
      <div className="composer-attachment-preview">
        {preview === null ? (
          <span className="file-icon">
            <FileKindIcon kind={fileKindOf(type)} />
          </span>
        ) : (
          <img src={preview} alt={`Prévia de ${file.name}`} />
        )}
      </div>
      <div className="composer-attachment-main">
        <span className="file-name">{file.name}</span>
        {state.phase === 'uploading' ? (
          <>
            <progress
              max={100}
              value={Math.round(state.progress * 100)}
              aria-label={`Enviando ${file.name}`}
            />
            <span className="file-size" aria-hidden="true">
              Enviando… {Math.round(state.progress * 100)}%
            </span>
          </>
        ) : state.phase === 'done' ? (
          <span className="file-size">Anexado · {describeFile({ mimeType: type, size: file.size })}</span>
        ) : (
          <span className="file-problem" role="alert">
            {state.error}
          </span>
        )}
      </div>
      <button
        type="button"
        className="button button-quiet composer-attachment-remove"
        onClick={props.onRemove}
        aria-label={`Remover anexo ${file.name} (${formatBytes(file.size)})`}
        title="Remover anexo"
      >
        ✕
      </button>
    </div>
  );
}

/** The reply box: Enter sends, Shift+Enter starts a new line; a file (image, PDF, audio) may go along. */
export function Composer({ conversationId }: { conversationId: string }) {
  const [text, setText] = useState('');
  const { send } = useSendReply();
  const typing = useTypingAnnouncer(conversationId);
  const attachment = useComposerAttachment();
  const { phase } = attachment.state;
  // With a file the text is optional; a file still uploading (or failed) must finish or go first.
  const canSend = phase === 'idle' ? text.trim() !== '' : phase === 'done';

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!canSend) return;
    typing.onStop();
    send(conversationId, text.trim(), attachment.take());
    setText('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Choosing the same file again (after removing it) must fire another change.
    event.target.value = '';
    if (file !== undefined) attachment.choose(file);
  };

  return (
    <form className="composer" onSubmit={submit}>
      {attachment.state.phase === 'idle' ? null : (
        <AttachmentTray state={attachment.state} preview={attachment.preview} onRemove={attachment.remove} />
      )}
      <label className="button composer-attach" title="Anexar imagem, PDF ou áudio">
        <PaperclipIcon />
        <input
          type="file"
          className="visually-hidden"
          accept={attachmentAccept}
          onChange={onFile}
          aria-label="Anexar"
        />
      </label>
      <label htmlFor={`reply-${conversationId}`} className="visually-hidden">
        Mensagem
      </label>
      <textarea
        id={`reply-${conversationId}`}
        rows={1}
        placeholder={phase === 'idle' ? 'Escreva uma mensagem' : 'Legenda (opcional)'}
        value={text}
        maxLength={4096}
        onChange={(event) => {
          setText(event.target.value);
          typing.onTyping(event.target.value);
        }}
        onBlur={typing.onStop}
        onKeyDown={onKeyDown}
      />
      <button type="submit" className="button button-primary" disabled={!canSend}>
        Enviar
      </button>
    </form>
  );
}
