import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTypingAnnouncer } from './typing';
import { useSendReply } from './useSendReply';

/** The reply box: Enter sends, Shift+Enter starts a new line. */
export function Composer({ conversationId }: { conversationId: string }) {
  const [text, setText] = useState('');
  const { send } = useSendReply();
  const typing = useTypingAnnouncer(conversationId);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const reply = text.trim();
    if (reply === '') return;
    typing.onStop();
    send(conversationId, reply);
    setText('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };

  return (
    <form className="composer" onSubmit={submit}>
      <label htmlFor={`reply-${conversationId}`} className="visually-hidden">
        Mensagem
      </label>
      <textarea
        id={`reply-${conversationId}`}
        rows={1}
        placeholder="Escreva uma mensagem"
        value={text}
        maxLength={4096}
        onChange={(event) => {
          setText(event.target.value);
          typing.onTyping(event.target.value);
        }}
        onBlur={typing.onStop}
        onKeyDown={onKeyDown}
      />
      <button type="submit" className="button button-primary" disabled={text.trim() === ''}>
        Enviar
      </button>
    </form>
  );
}
