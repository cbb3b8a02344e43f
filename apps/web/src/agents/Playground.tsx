import type { AgentConfig } from '@agenda-cheia/contracts';
import type { Unsubscribable } from '@trpc/server/observable';
import {
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
} from 'react';
import { trpc } from '../api/trpc';
import { describeFailure } from '../forms/errors';
import { FormMessage } from '../forms/Field';
import { engineLabels, intentLabels, toolLabels } from './labels';
import {
  emptyPlaygroundChat,
  playgroundInputOf,
  withChunk,
  withClientMessage,
  withEndedStream,
  withFailure,
  type PlaygroundTurn,
  type ToolNote,
} from './playgroundChat';

function toolName(name: string): string {
  return name in toolLabels ? toolLabels[name as keyof typeof toolLabels] : name;
}

function ToolNotes({ tools }: { tools: readonly ToolNote[] }) {
  if (tools.length === 0) return null;
  return (
    <ul className="playground-tools" aria-label="O que o agente consultou">
      {tools.map((tool, index) => (
        <li key={index}>
          <span className="playground-tool-name">{toolName(tool.name)}</span>
          {tool.summary === '' ? null : `: ${tool.summary}`}
        </li>
      ))}
    </ul>
  );
}

function Turn({ turn }: { turn: PlaygroundTurn }) {
  if (turn.role === 'client') {
    return (
      <li className="playground-message playground-client">
        <span className="playground-author">Você (como cliente)</span>
        <p>{turn.text}</p>
      </li>
    );
  }
  return (
    <li className="playground-message playground-agent">
      <span className="playground-author">Agente</span>
      <p>{turn.text}</p>
      <ToolNotes tools={turn.tools ?? []} />
      <span className="playground-meta">
        {turn.intent === undefined ? null : (
          <span className="intent-tag">
            <span className="visually-hidden">Intenção detectada: </span>
            {intentLabels[turn.intent]}
          </span>
        )}
        {turn.engine === undefined ? null : (
          <span className={`engine-tag engine-${turn.engine}`} title="Quem escreveu a resposta">
            <span className="visually-hidden">Respondido por: </span>
            {engineLabels[turn.engine]}
          </span>
        )}
      </span>
    </li>
  );
}

/**
 * Configurações › Agentes › Testar: the owner writes as a client and watches the agent answer, streamed
 * as it is written, with what it understood and which engine answered. It reads the real agenda, but
 * nothing is sent to anyone and nothing is booked.
 */
export function Playground({ agents }: { agents: readonly AgentConfig[] }) {
  const { client } = trpc.useUtils();
  const [agentId, setAgentId] = useState('');
  const [chat, setChat] = useState(emptyPlaygroundChat);
  const [draft, setDraft] = useState('');
  const subscription = useRef<Unsubscribable | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const inputId = useId();
  const agentSelectId = useId();
  const writing = chat.reply !== null;

  useEffect(() => () => subscription.current?.unsubscribe(), []);

  // Follow the conversation as it grows, as a chat does.
  const lastText = chat.reply?.text ?? chat.turns.at(-1)?.text;
  useLayoutEffect(() => {
    const element = scroller.current;
    if (element !== null) element.scrollTop = element.scrollHeight;
  }, [chat.turns.length, lastText]);

  const restart = () => {
    subscription.current?.unsubscribe();
    subscription.current = null;
    setChat(emptyPlaygroundChat);
  };

  const send = (event?: FormEvent) => {
    event?.preventDefault();
    const text = draft.trim();
    if (text === '' || writing) return;
    const next = withClientMessage(chat, text);
    setChat(next);
    setDraft('');
    subscription.current?.unsubscribe();
    subscription.current = client.agents.playground.subscribe(
      playgroundInputOf(next, agentId === '' ? undefined : agentId),
      {
        onData: (chunk) => setChat((current) => withChunk(current, chunk)),
        onError: (error) => {
          subscription.current = null;
          setChat((current) => withFailure(current, describeFailure(error).message));
        },
        onComplete: () => {
          subscription.current = null;
          setChat((current) => withEndedStream(current));
        },
      },
    );
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };

  return (
    <section className="panel playground" aria-labelledby="playground-title">
      <div className="section-header">
        <h2 id="playground-title">Testar o agente</h2>
        <div className="playground-controls">
          <label htmlFor={agentSelectId} className="visually-hidden">
            Agente testado
          </label>
          <select
            id={agentSelectId}
            value={agentId}
            onChange={(event) => {
              setAgentId(event.target.value);
              restart();
            }}
          >
            <option value="">O que atende os clientes</option>
            {agents.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.name}
                {agent.active ? '' : ' (inativo)'}
              </option>
            ))}
          </select>
          <button type="button" className="button button-small button-quiet" onClick={restart}>
            Recomeçar
          </button>
        </div>
      </div>
      <p className="notice playground-notice">
        Escreva como se fosse um cliente. É só um teste: nada é enviado aos clientes e nenhum horário é
        reservado.
      </p>
      <div className="playground-scroll" ref={scroller}>
        {chat.turns.length === 0 ? (
          <p className="playground-empty">Ex.: “Oi, queria marcar um corte amanhã à tarde.”</p>
        ) : null}
        <ol className="playground-log" role="log" aria-label="Conversa de teste" aria-live="polite">
          {chat.turns.map((turn) => (
            <Turn key={turn.id} turn={turn} />
          ))}
          {chat.reply === null ? null : (
            <li className="playground-message playground-agent playground-writing" aria-busy="true">
              <span className="playground-author">Agente</span>
              <p>
                {chat.reply.text}
                <span className="writing-dots" aria-hidden="true" />
                <span className="visually-hidden">escrevendo…</span>
              </p>
              <ToolNotes tools={chat.reply.tools} />
            </li>
          )}
        </ol>
      </div>
      {chat.error === null ? null : <FormMessage tone="error">{chat.error}</FormMessage>}
      <form className="playground-composer" onSubmit={send}>
        <label htmlFor={inputId} className="visually-hidden">
          Mensagem do cliente
        </label>
        <textarea
          id={inputId}
          rows={1}
          maxLength={2000}
          placeholder="Escreva como cliente"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="button button-primary" disabled={writing || draft.trim() === ''}>
          {writing ? 'Respondendo…' : 'Enviar'}
        </button>
      </form>
    </section>
  );
}
