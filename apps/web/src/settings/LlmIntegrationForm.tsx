import { createLlmIntegrationInput } from '@agenda-cheia/contracts';
import { useState, type FormEvent } from 'react';
import { trpc } from '../api/trpc';
import {
  describeFailure,
  fieldErrorsFromIssues,
  fieldValue,
  optionalFieldValue,
  type FieldErrors,
} from '../forms/errors';
import { FormMessage, TextField } from '../forms/Field';

/** A tenant's own language model: any OpenAI-compatible endpoint, used by the agents instead of the default. */
export function LlmIntegrationForm(props: { onCreated: () => void; onCancel: () => void }) {
  const utils = trpc.useUtils();
  const create = trpc.integrations.createLlm.useMutation({
    onSuccess: async () => {
      await utils.integrations.list.invalidate();
      props.onCreated();
    },
  });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const problem = create.error === null ? null : describeFailure(create.error);
  const fieldErrors = { ...problem?.fieldErrors, ...clientErrors };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = createLlmIntegrationInput.safeParse({
      name: optionalFieldValue(form, 'name'),
      baseUrl: fieldValue(form, 'baseUrl').trim(),
      apiKey: fieldValue(form, 'apiKey').trim(),
      model: fieldValue(form, 'model').trim(),
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
    <form className="form panel" onSubmit={submit} noValidate aria-label="Novo LLM próprio">
      <h2>LLM próprio</h2>
      <p className="field-hint">
        Use a sua conta de IA (OpenAI, Gemini, Groq, Ollama…): qualquer endereço compatível com a API da
        OpenAI. Os agentes passam a responder com ele.
      </p>
      <TextField label="Nome" name="name" placeholder="Meu LLM" hint="Opcional." errors={fieldErrors.name} />
      <TextField
        label="URL do provedor"
        name="baseUrl"
        type="url"
        inputMode="url"
        placeholder="https://api.openai.com/v1"
        autoComplete="off"
        required
        errors={fieldErrors.baseUrl}
      />
      <TextField
        label="Chave da API"
        name="apiKey"
        type="password"
        autoComplete="new-password"
        spellCheck={false}
        hint="Guardada cifrada e nunca mostrada de novo. Deixe vazia se o provedor não pede chave."
        errors={fieldErrors.apiKey}
      />
      <TextField
        label="Modelo"
        name="model"
        placeholder="gpt-4o-mini"
        autoComplete="off"
        spellCheck={false}
        hint="Depois de adicionar, “Testar” mostra os modelos que o provedor oferece."
        required
        errors={fieldErrors.model}
      />
      {problem === null ? null : <FormMessage tone="error">{problem.message}</FormMessage>}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? 'Adicionando…' : 'Adicionar LLM'}
        </button>
        <button type="button" className="button" onClick={props.onCancel}>
          Cancelar
        </button>
      </div>
    </form>
  );
}
