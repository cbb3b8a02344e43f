import { createIntegrationInput } from '@agenda-cheia/contracts';
import { useState, type FormEvent } from 'react';
import { trpc, type RouterOutputs } from '../api/trpc';
import {
  describeFailure,
  fieldErrorsFromIssues,
  fieldValue,
  optionalFieldValue,
  type FieldErrors,
} from '../forms/errors';
import { FormMessage, TextField } from '../forms/Field';
import { useSignedIn } from '../session/useSignedIn';
import { CopyField } from '../ui/CopyField';
import { ConfirmDialog } from '../ui/Dialog';
import { LlmIntegrationForm } from './LlmIntegrationForm';

type Integration = RouterOutputs['integrations']['list']['items'][number];
type CreatedIntegration = RouterOutputs['integrations']['create'];
type TestResult = RouterOutputs['integrations']['test'];

const WEBHOOK_BASE = '/api/v1/webhooks/n8n';

function NewIntegrationForm(props: {
  onCreated: (created: CreatedIntegration) => void;
  onCancel: () => void;
}) {
  const utils = trpc.useUtils();
  const create = trpc.integrations.create.useMutation({
    onSuccess: async (created) => {
      props.onCreated(created);
      await utils.integrations.list.invalidate();
    },
  });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const problem = create.error === null ? null : describeFailure(create.error);
  const fieldErrors = { ...problem?.fieldErrors, ...clientErrors };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = createIntegrationInput.safeParse({
      kind: 'n8n',
      name: optionalFieldValue(form, 'name'),
      outboundUrl: fieldValue(form, 'outboundUrl').trim(),
    });
    if (!parsed.success) {
      create.reset();
      setClientErrors(fieldErrorsFromIssues(parsed.error.issues));
      return;
    }
    setClientErrors({});
    create.mutate(parsed.data);
  };

  return (
    <form className="form panel" onSubmit={submit} noValidate aria-label="Nova integração n8n">
      <h2>Nova integração n8n</h2>
      <TextField label="Nome" name="name" placeholder="n8n" hint="Opcional." errors={fieldErrors.name} />
      <TextField
        label="URL de saída"
        name="outboundUrl"
        type="url"
        inputMode="url"
        placeholder="https://seu-n8n.exemplo.com/webhook/agenda-cheia"
        hint="O endereço do webhook no n8n que recebe as mensagens a enviar aos clientes."
        required
        errors={fieldErrors.outboundUrl}
      />
      {problem === null ? null : <FormMessage tone="error">{problem.message}</FormMessage>}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? 'Criando…' : 'Criar integração'}
        </button>
        <button type="button" className="button" onClick={props.onCancel}>
          Cancelar
        </button>
      </div>
    </form>
  );
}

/** The secrets of a new integration: shown here once, never again. */
function NewCredentials({ created, onDone }: { created: CreatedIntegration; onDone: () => void }) {
  return (
    <section className="panel credentials" aria-labelledby="credentials-title">
      <h2 id="credentials-title">Credenciais de “{created.name}”</h2>
      <p className="form-message form-message-warning" role="alert">
        Copie e guarde estes valores agora: eles aparecem só desta vez. Se perder, exclua a integração e crie
        outra.
      </p>
      <CopyField
        label="Token de entrada"
        value={created.inboundToken}
        hint="O n8n envia este token no cabeçalho Authorization: Bearer … ao chamar os endereços de webhook abaixo."
      />
      <CopyField
        label="Segredo de assinatura"
        value={created.signingSecret}
        hint="Cada mensagem que enviamos ao n8n traz o cabeçalho X-Agenda-Signature (HMAC SHA-256 do corpo com este segredo)."
      />
      <div className="form-actions">
        <button type="button" className="button button-primary" onClick={onDone}>
          Já guardei
        </button>
      </div>
    </section>
  );
}

function describeTest(result: TestResult): string {
  const status = result.status === null ? '' : `HTTP ${result.status}, `;
  return result.ok
    ? `Funcionou: ${status}${result.latencyMs} ms.`
    : `Falhou: ${result.error ?? 'sem resposta'} (${status}${result.latencyMs} ms).`;
}

/** The integration outbound messages go through: the newest active n8n one with a URL, as the server picks it. */
function sendingIntegrationOf(items: readonly Integration[]): Integration | undefined {
  return items
    .filter((item) => item.kind === 'n8n' && item.active && item.outboundUrl !== null)
    .reduce<Integration | undefined>(
      (newest, item) => (newest === undefined || item.createdAt > newest.createdAt ? item : newest),
      undefined,
    );
}

/** The models an LLM endpoint offers, as "Testar" found them; one click makes one the integration's. */
function ModelList(props: {
  models: readonly string[];
  current: string | null;
  onChoose: (model: string) => void;
}) {
  if (props.models.length === 0) return <p className="field-hint">O provedor não listou nenhum modelo.</p>;
  return (
    <div className="model-list">
      <span className="field-hint">
        {props.models.length === 1 ? '1 modelo disponível' : `${props.models.length} modelos disponíveis`};
        toque para usar:
      </span>
      <ul aria-label="Modelos disponíveis">
        {props.models.map((model) => (
          <li key={model}>
            <button
              type="button"
              className="chip chip-small"
              aria-pressed={model === props.current}
              onClick={() => props.onChoose(model)}
            >
              {model}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function IntegrationItem(props: { integration: Integration; sending: boolean; onDelete: () => void }) {
  const { integration, onDelete } = props;
  const utils = trpc.useUtils();
  const update = trpc.integrations.update.useMutation({
    onSuccess: () => utils.integrations.list.invalidate(),
  });
  const test = trpc.integrations.test.useMutation();
  const problem = update.error ?? test.error;
  const isLlm = integration.kind === 'llm';

  return (
    <li className="list-item integration-item">
      <div className="list-item-main">
        <span className="list-item-title">
          {integration.name}
          <span className="tag">{isLlm ? 'LLM' : 'WhatsApp'}</span>
          <span className="tag">{integration.active ? 'Ativa' : 'Inativa'}</span>
          {props.sending ? <span className="tag tag-primary">Envia as respostas</span> : null}
        </span>
        <span className="list-item-detail">
          {isLlm
            ? `${integration.baseUrl ?? ''} · modelo ${integration.model ?? '—'}${integration.hasApiKey === true ? ' · com chave' : ''}`
            : (integration.outboundUrl ?? 'Sem URL de saída')}
        </span>
        {test.data === undefined ? null : (
          <FormMessage tone={test.data.ok ? 'success' : 'error'}>{describeTest(test.data)}</FormMessage>
        )}
        {isLlm && test.data?.models !== undefined ? (
          <ModelList
            models={test.data.models}
            current={integration.model ?? null}
            onChoose={(model) => update.mutate({ id: integration.id, model })}
          />
        ) : null}
        {problem === null ? null : <FormMessage tone="error">{describeFailure(problem).message}</FormMessage>}
      </div>
      <div className="list-item-actions">
        <label className="inline-check">
          <input
            type="checkbox"
            checked={integration.active}
            disabled={update.isPending}
            onChange={(event) => update.mutate({ id: integration.id, active: event.target.checked })}
            aria-label={`Ativa: ${integration.name}`}
          />
          Ativa
        </label>
        <button
          type="button"
          className="button button-small"
          disabled={test.isPending}
          onClick={() => test.mutate({ id: integration.id })}
          aria-label={`Testar ${integration.name}`}
        >
          {test.isPending ? 'Testando…' : 'Testar'}
        </button>
        <button
          type="button"
          className="button button-small button-danger-quiet"
          onClick={onDelete}
          aria-label={`Excluir ${integration.name}`}
        >
          Excluir
        </button>
      </div>
    </li>
  );
}

function DeleteIntegrationDialog({
  integration,
  onClose,
}: {
  integration: Integration;
  onClose: () => void;
}) {
  const utils = trpc.useUtils();
  const remove = trpc.integrations.delete.useMutation({
    onSuccess: async () => {
      await utils.integrations.list.invalidate();
      onClose();
    },
  });
  return (
    <ConfirmDialog
      title="Excluir integração"
      confirmLabel="Excluir"
      pendingLabel="Excluindo…"
      pending={remove.isPending}
      error={remove.error === null ? null : describeFailure(remove.error).message}
      onConfirm={() => remove.mutate({ id: integration.id })}
      onClose={onClose}
    >
      {integration.kind === 'llm' ? (
        <p>
          Excluir <strong>{integration.name}</strong>? Os agentes voltam a responder com a IA padrão (ou com o
          assistente offline, se não houver nenhuma).
        </p>
      ) : (
        <p>
          Excluir <strong>{integration.name}</strong>? O n8n deixa de poder enviar mensagens com o token desta
          integração, e as respostas deixam de ser entregues por ela.
        </p>
      )}
    </ConfirmDialog>
  );
}

function WebhookAddresses() {
  const origin = window.location.origin;
  return (
    <section className="panel webhook-addresses" aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">Endereços para o n8n</h2>
      <p className="field-hint">
        Configure o n8n para chamar estes endereços (método POST, com o token de entrada) quando chegar uma
        mensagem e quando mudar a situação de entrega de uma mensagem enviada.
      </p>
      <CopyField label="Mensagem recebida" value={`${origin}${WEBHOOK_BASE}/message-received`} />
      <CopyField label="Situação da mensagem" value={`${origin}${WEBHOOK_BASE}/message-status`} />
      <p>
        <a href="/api/docs" target="_blank" rel="noreferrer">
          Ver a documentação dos webhooks
        </a>
      </p>
    </section>
  );
}

/**
 * Configurações › Integrações: the n8n gateway that carries WhatsApp messages in and out, and the
 * tenant's own language model for the agents.
 */
export function IntegrationsSettings() {
  const signedIn = useSignedIn();
  const canManage = signedIn?.canManage ?? false;
  const integrations = trpc.integrations.list.useQuery(undefined, { enabled: canManage });
  const [creating, setCreating] = useState<'n8n' | 'llm' | null>(null);
  const [created, setCreated] = useState<CreatedIntegration | null>(null);
  const [deleting, setDeleting] = useState<Integration | null>(null);
  const sending = sendingIntegrationOf(integrations.data?.items ?? []);

  if (!canManage) {
    return (
      <div className="empty-state">
        <p>Somente proprietários e administradores gerenciam as integrações.</p>
      </div>
    );
  }

  return (
    <div className="settings-section">
      <div className="section-header">
        <h2>Integrações</h2>
        {creating !== null || created !== null ? null : (
          <div className="header-actions">
            <button type="button" className="button button-primary" onClick={() => setCreating('n8n')}>
              Nova integração
            </button>
            <button type="button" className="button" onClick={() => setCreating('llm')}>
              Adicionar LLM próprio
            </button>
          </div>
        )}
      </div>
      <p className="field-hint integrations-intro">
        O WhatsApp do salão chega ao Agenda Cheia por um fluxo do n8n: ele nos entrega as mensagens dos
        clientes e envia as respostas da equipe e do assistente. Com um LLM próprio, os agentes respondem com
        a sua conta de IA.
      </p>
      {created === null ? null : <NewCredentials created={created} onDone={() => setCreated(null)} />}
      {creating === 'n8n' ? (
        <NewIntegrationForm
          onCreated={(result) => {
            setCreating(null);
            setCreated(result);
          }}
          onCancel={() => setCreating(null)}
        />
      ) : null}
      {creating === 'llm' ? (
        <LlmIntegrationForm onCreated={() => setCreating(null)} onCancel={() => setCreating(null)} />
      ) : null}
      {integrations.isError ? (
        <FormMessage tone="error">{describeFailure(integrations.error).message}</FormMessage>
      ) : integrations.data === undefined ? (
        <p role="status">Carregando integrações…</p>
      ) : integrations.data.items.length === 0 ? (
        <div className="empty-state">
          <p>Nenhuma integração ainda.</p>
          <p>Sem ela, as respostas ficam registradas aqui mas não chegam ao WhatsApp dos clientes.</p>
        </div>
      ) : (
        <>
          <ul className="item-list" aria-label="Integrações">
            {integrations.data.items.map((integration) => (
              <IntegrationItem
                key={integration.id}
                integration={integration}
                sending={integration.id === sending?.id}
                onDelete={() => setDeleting(integration)}
              />
            ))}
          </ul>
          {integrations.data.items.filter((item) => item.kind === 'n8n' && item.active).length > 1 ? (
            <p className="field-hint">
              Todas as integrações ativas recebem mensagens; as respostas saem pela ativa mais recente.
            </p>
          ) : null}
        </>
      )}
      <WebhookAddresses />
      {deleting === null ? null : (
        <DeleteIntegrationDialog integration={deleting} onClose={() => setDeleting(null)} />
      )}
    </div>
  );
}
