import type { AgentConfig } from '@agenda-cheia/contracts';
import { useState } from 'react';
import '../agents/agents.css';
import { Playground } from '../agents/Playground';
import { trpc } from '../api/trpc';
import { describeFailure } from '../forms/errors';
import { FormMessage } from '../forms/Field';
import { useSignedIn } from '../session/useSignedIn';
import { ConfirmDialog } from '../ui/Dialog';
import { AgentForm } from './AgentForm';

function agentSummary(agent: AgentConfig, defaultModel: string | null): string {
  const model = agent.model ?? defaultModel ?? 'modelo padrão';
  const tools = agent.enabledTools.length;
  return [
    model,
    `temperatura ${String(agent.temperature).replace('.', ',')}`,
    tools === 1 ? '1 ferramenta' : `${tools} ferramentas`,
  ].join(' · ');
}

function DeleteAgentDialog({ agent, onClose }: { agent: AgentConfig; onClose: () => void }) {
  const utils = trpc.useUtils();
  const remove = trpc.agents.delete.useMutation({
    onSuccess: async () => {
      await utils.agents.list.invalidate();
      onClose();
    },
  });
  return (
    <ConfirmDialog
      title="Excluir agente"
      confirmLabel="Excluir"
      pendingLabel="Excluindo…"
      pending={remove.isPending}
      error={remove.error === null ? null : describeFailure(remove.error).message}
      onConfirm={() => remove.mutate({ id: agent.id })}
      onClose={onClose}
    >
      <p>
        Excluir <strong>{agent.name}</strong>? Se ele atende os clientes, outro agente ativo (ou o assistente
        embutido) passa a atender.
      </p>
    </ConfirmDialog>
  );
}

/**
 * Configurações › Agentes: who answers the clients in AI mode (persona, greeting, model, tools) and the
 * playground to try an agent before letting it talk to anyone.
 */
export function AgentsSettings() {
  const signedIn = useSignedIn();
  const canManage = signedIn?.canManage ?? false;
  const agents = trpc.agents.list.useQuery();
  // The tenant's own LLM sets the model an agent without one uses (managers only see integrations).
  const integrations = trpc.integrations.list.useQuery(undefined, { enabled: canManage });
  const llm = integrations.data?.items.find((item) => item.kind === 'llm' && item.active);
  const defaultModel = llm?.model ?? null;
  const [editing, setEditing] = useState<AgentConfig | 'new' | null>(null);
  const [deleting, setDeleting] = useState<AgentConfig | null>(null);
  const items = agents.data?.items ?? [];
  const serving =
    items.find((agent) => agent.active && agent.isDefault) ?? items.find((agent) => agent.active);

  return (
    <div className="settings-section">
      <div className="section-header">
        <h2>Agentes</h2>
        {canManage && editing === null ? (
          <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
            Novo agente
          </button>
        ) : null}
      </div>
      <p className="field-hint integrations-intro">
        O agente responde os clientes no WhatsApp enquanto a conversa está no modo IA. Sem nenhum agente
        ativo, responde o assistente embutido, com todas as ferramentas.
      </p>
      {editing === null ? null : (
        <AgentForm
          key={editing === 'new' ? 'new' : editing.id}
          agent={editing === 'new' ? null : editing}
          defaultModel={defaultModel}
          onDone={() => setEditing(null)}
        />
      )}
      {agents.isError ? (
        <FormMessage tone="error">{describeFailure(agents.error).message}</FormMessage>
      ) : agents.data === undefined ? (
        <p role="status">Carregando agentes…</p>
      ) : items.length === 0 ? (
        <div className="empty-state">
          <p>Nenhum agente configurado: o assistente embutido atende.</p>
          {canManage ? <p>Crie um agente para dar a ele nome, jeito de falar e saudação.</p> : null}
        </div>
      ) : (
        <ul className="item-list" aria-label="Agentes">
          {items.map((agent) => (
            <li key={agent.id} className="list-item">
              <div className="list-item-main">
                <span className="list-item-title">
                  {agent.name}
                  {agent.id === serving?.id ? (
                    <span className="tag tag-primary">Atende os clientes</span>
                  ) : null}
                  {agent.isDefault && agent.id !== serving?.id ? <span className="tag">Padrão</span> : null}
                  {agent.active ? null : <span className="tag">Inativo</span>}
                </span>
                <span className="list-item-detail">{agentSummary(agent, defaultModel)}</span>
              </div>
              {canManage ? (
                <div className="list-item-actions">
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => setEditing(agent)}
                    aria-label={`Editar ${agent.name}`}
                  >
                    Editar
                  </button>
                  <button
                    type="button"
                    className="button button-small button-danger-quiet"
                    onClick={() => setDeleting(agent)}
                    aria-label={`Excluir ${agent.name}`}
                  >
                    Excluir
                  </button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <Playground agents={items} />
      {deleting === null ? null : <DeleteAgentDialog agent={deleting} onClose={() => setDeleting(null)} />}
    </div>
  );
}
