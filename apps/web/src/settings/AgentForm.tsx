import { agentTools, createAgentConfigInput, type AgentConfig } from '@agenda-cheia/contracts';
import { useState, type FormEvent } from 'react';
import { engineLabels, toolLabels } from '../agents/labels';
import { trpc } from '../api/trpc';
import {
  describeFailure,
  fieldErrorsFromIssues,
  fieldValue,
  optionalFieldValue,
  type FieldErrors,
} from '../forms/errors';
import { CheckboxField, FormMessage, TextAreaField, TextField } from '../forms/Field';

function isTool(value: unknown): value is AgentConfig['enabledTools'][number] {
  return typeof value === 'string' && (agentTools as readonly string[]).includes(value);
}

/** An agent's persona, greeting, model and what it may do on its own. */
export function AgentForm(props: {
  agent: AgentConfig | null;
  defaultModel: string | null;
  onDone: () => void;
}) {
  const { agent } = props;
  const utils = trpc.useUtils();
  const onSuccess = async () => {
    await utils.agents.list.invalidate();
    props.onDone();
  };
  const create = trpc.agents.create.useMutation({ onSuccess });
  const update = trpc.agents.update.useMutation({ onSuccess });
  const mutation = agent === null ? create : update;
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const problem = mutation.error === null ? null : describeFailure(mutation.error);
  const fieldErrors = { ...problem?.fieldErrors, ...clientErrors };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const temperature = fieldValue(form, 'temperature').replace(',', '.');
    const parsed = createAgentConfigInput.safeParse({
      name: fieldValue(form, 'name'),
      persona: fieldValue(form, 'persona'),
      greeting: fieldValue(form, 'greeting'),
      model: optionalFieldValue(form, 'model') ?? null,
      temperature: temperature === '' ? Number.NaN : Number(temperature),
      enabledTools: form.getAll('enabledTools').filter(isTool),
      active: form.get('active') === 'on',
      isDefault: form.get('isDefault') === 'on',
    });
    if (!parsed.success) {
      mutation.reset();
      setClientErrors(fieldErrorsFromIssues(parsed.error.issues));
      return;
    }
    setClientErrors({});
    if (agent === null) create.mutate(parsed.data);
    else update.mutate({ ...parsed.data, id: agent.id });
  };

  const title = agent === null ? 'Novo agente' : `Editar ${agent.name}`;
  return (
    <form className="form panel" onSubmit={submit} noValidate aria-label={title}>
      <h2>{title}</h2>
      <TextField
        label="Nome"
        name="name"
        defaultValue={agent?.name ?? ''}
        placeholder="Ex.: Bia, a assistente do salão"
        autoComplete="off"
        required
        errors={fieldErrors.name}
      />
      <TextAreaField
        label="Persona"
        name="persona"
        rows={4}
        maxLength={4000}
        defaultValue={agent?.persona ?? ''}
        placeholder="Ex.: Simpática e direta, trata o cliente por você, usa no máximo um emoji por mensagem."
        hint="Como o agente fala e se comporta. Vale para as respostas da IA."
        errors={fieldErrors.persona}
      />
      <TextAreaField
        label="Saudação"
        name="greeting"
        rows={2}
        maxLength={500}
        defaultValue={agent?.greeting ?? ''}
        placeholder="Ex.: Oi! Aqui é a Bia, do Salão Bela Vista. Como posso ajudar?"
        hint="A primeira mensagem para quem escreve pela primeira vez. Vazia: uma saudação padrão."
        errors={fieldErrors.greeting}
      />
      <div className="form-row">
        <TextField
          label="Modelo"
          name="model"
          defaultValue={agent?.model ?? ''}
          placeholder={props.defaultModel ?? 'gpt-4o-mini'}
          autoComplete="off"
          spellCheck={false}
          hint={
            props.defaultModel === null
              ? 'Vazio: o modelo padrão. Sem IA configurada, responde o assistente offline.'
              : `Vazio: o da integração LLM (${props.defaultModel}).`
          }
          errors={fieldErrors.model}
        />
        <TextField
          label="Temperatura"
          name="temperature"
          type="number"
          inputMode="decimal"
          min={0}
          max={2}
          step={0.1}
          defaultValue={agent?.temperature ?? 0.3}
          hint="De 0 a 2. Baixa: respostas mais previsíveis; alta: mais variadas."
          errors={fieldErrors.temperature}
        />
      </div>
      <fieldset className="choice-group">
        <legend>O que o agente pode fazer sozinho</legend>
        <div className="checkbox-list tool-list">
          {agentTools.map((tool) => (
            <label key={tool} className="inline-check">
              <input
                type="checkbox"
                name="enabledTools"
                value={tool}
                defaultChecked={agent?.enabledTools.includes(tool) ?? true}
              />
              {toolLabels[tool]}
            </label>
          ))}
        </div>
        <p className="field-hint">
          Pedidos de agendamento sempre esperam a sua aprovação no Painel (a menos que a aprovação automática
          esteja ligada em Negócio). Sem IA, as respostas vêm do assistente {engineLabels.offline}.
        </p>
        {fieldErrors.enabledTools === undefined ? null : (
          <p className="field-error">{fieldErrors.enabledTools.join(' ')}</p>
        )}
      </fieldset>
      <CheckboxField
        label="Ativo"
        name="active"
        defaultChecked={agent?.active ?? true}
        hint="Agentes inativos não atendem; ainda podem ser testados abaixo."
      />
      <CheckboxField
        label="Padrão"
        name="isDefault"
        defaultChecked={agent?.isDefault ?? false}
        hint="O agente padrão ativo é quem atende os clientes no modo IA."
      />
      {problem === null ? null : <FormMessage tone="error">{problem.message}</FormMessage>}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={mutation.isPending}>
          {mutation.isPending ? 'Salvando…' : agent === null ? 'Criar agente' : 'Salvar agente'}
        </button>
        <button type="button" className="button" onClick={props.onDone}>
          Cancelar
        </button>
      </div>
    </form>
  );
}
