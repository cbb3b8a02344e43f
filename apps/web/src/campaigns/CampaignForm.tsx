import {
  campaignKinds,
  campaignPlaceholders,
  createCampaignInput,
  defaultCampaignSchedules,
  defaultCampaignTemplates,
  DEFAULT_TIMEZONE,
  type Campaign,
  type CampaignKind,
} from '@agenda-cheia/contracts';
import { useId, useRef, useState, type FormEvent } from 'react';
import { trpc } from '../api/trpc';
import { useTenantToday } from '../dashboard/useTenantToday';
import {
  describeFailure,
  detailsOf,
  fieldErrorsByLeaf,
  fieldErrorsByPath,
  fieldValue,
  type FieldErrors,
} from '../forms/errors';
import { CheckboxField, FormMessage, SelectField, TextField } from '../forms/Field';
import { formatCents } from '../forms/money';
import { useSignedIn } from '../session/useSignedIn';
import { formatLocalDate } from '../time/format';
import { addLocalDays } from '../time/wallClock';
import { kindDescriptions, kindLabels } from './labels';
import {
  discountedCents,
  discountText,
  insertPlaceholder,
  placeholderLabels,
  previewTemplate,
  unknownPlaceholders,
  type CampaignPlaceholder,
} from './messageTemplate';
import {
  cronForPreset,
  describeSchedule,
  presetOfCron,
  schedulePresets,
  type SchedulePresetId,
} from './schedulePresets';

const scheduleOptions = [
  ...schedulePresets.map((preset) => ({ value: preset.id, label: preset.label })),
  { value: 'custom', label: 'Personalizado (cron)' },
];

const daysAheadLabels: Record<CampaignKind, { label: string; hint: string }> = {
  prazo_certo: {
    label: 'Clientes que precisam voltar nos próximos (dias)',
    hint: 'Inclui quem já passou do prazo de retorno.',
  },
  encher_agenda: {
    label: 'Horários vagos dos próximos (dias)',
    hint: 'Até quantos dias à frente procurar horários livres para oferecer.',
  },
};

const weekdayLong = new Intl.DateTimeFormat('pt-BR', { weekday: 'long', timeZone: 'UTC' });

/** A day as the offers write it ("terça-feira, 24/11"), for the preview. */
function offerDay(date: string): string {
  return `${weekdayLong.format(new Date(`${date}T12:00:00Z`))}, ${formatLocalDate(date).slice(0, 5)}`;
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

/** The message with its placeholder chips and a preview of what one client would read. */
function MessageField(props: {
  value: string;
  onChange: (value: string) => void;
  errors: string[] | undefined;
  previewValues: Record<CampaignPlaceholder, string>;
}) {
  const id = useId();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const invalid = props.errors !== undefined && props.errors.length > 0;

  const insert = (placeholder: CampaignPlaceholder) => {
    const element = textarea.current;
    const end = props.value.length;
    const selection =
      element === null ? { start: end, end } : { start: element.selectionStart, end: element.selectionEnd };
    const next = insertPlaceholder(props.value, selection, placeholder);
    props.onChange(next.text);
    // After React has put the new text in: the caret goes right after the placeholder.
    requestAnimationFrame(() => element?.setSelectionRange(next.caret, next.caret));
  };

  return (
    <div className="field">
      <label htmlFor={id}>Mensagem</label>
      <textarea
        id={id}
        ref={textarea}
        name="template"
        rows={5}
        maxLength={1000}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        aria-describedby={`${id}-hint${invalid ? ` ${id}-error` : ''}`}
        aria-invalid={invalid || undefined}
      />
      <p className="field-hint" id={`${id}-hint`}>
        Toque num marcador para inseri-lo onde está o cursor; cada cliente recebe os seus dados.
      </p>
      <div className="placeholder-chips" role="group" aria-label="Inserir marcador na mensagem">
        {campaignPlaceholders.map((placeholder) => (
          <button
            key={placeholder}
            type="button"
            className="chip chip-small"
            title={placeholderLabels[placeholder]}
            aria-label={`Inserir {${placeholder}}: ${placeholderLabels[placeholder]}`}
            // Keeps the focus (and the caret) in the message while the chip is pressed.
            onPointerDown={(event) => event.preventDefault()}
            onClick={() => insert(placeholder)}
          >
            {`{${placeholder}}`}
          </button>
        ))}
      </div>
      {invalid ? (
        <p className="field-error" id={`${id}-error`}>
          {props.errors?.join(' ')}
        </p>
      ) : null}
      <div className="template-preview">
        <span className="template-preview-label">Prévia</span>
        <p>{previewTemplate(props.value, props.previewValues)}</p>
      </div>
    </div>
  );
}

/**
 * Creating or editing a campaign: who it looks for, what it offers, what it says and when it runs (on the
 * salon's clock). The kind is chosen once, when creating.
 */
export function CampaignForm(props: {
  campaign: Campaign | null;
  onSaved: (campaign: Campaign) => void;
  onCancel: () => void;
}) {
  const { campaign } = props;
  const signedIn = useSignedIn();
  const timeZone = signedIn?.tenant.timezone ?? DEFAULT_TIMEZONE;
  const today = useTenantToday(timeZone);
  const utils = trpc.useUtils();
  const services = trpc.services.list.useQuery({ includeArchived: false });
  const professionals = trpc.professionals.list.useQuery();
  const onSuccess = async (saved: Campaign) => {
    await Promise.all([utils.campaigns.list.invalidate(), utils.campaigns.get.invalidate({ id: saved.id })]);
    props.onSaved(saved);
  };
  const create = trpc.campaigns.create.useMutation({ onSuccess });
  const update = trpc.campaigns.update.useMutation({ onSuccess });
  const mutation = campaign === null ? create : update;

  const initialKind = campaign?.kind ?? 'prazo_certo';
  const [kind, setKind] = useState<CampaignKind>(initialKind);
  const [template, setTemplate] = useState(
    campaign?.config.template ?? defaultCampaignTemplates[initialKind],
  );
  const [templateEdited, setTemplateEdited] = useState(campaign !== null);
  const initialSchedule = campaign?.config.schedule ?? defaultCampaignSchedules[initialKind];
  const [preset, setPreset] = useState<SchedulePresetId>(presetOfCron(initialSchedule));
  const [customCron, setCustomCron] = useState(initialSchedule);
  const [discount, setDiscount] = useState(String(campaign?.config.discountPercent ?? 10));
  const [serviceIds, setServiceIds] = useState<readonly string[]>(campaign?.config.serviceIds ?? []);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});

  const problem = mutation.error === null ? null : describeFailure(mutation.error);
  // The server names the field of a schedule or template it refused (`details.field`).
  const serverField = detailsOf(mutation.error)?.field;
  const fieldErrors = fieldErrorsByLeaf({
    ...problem?.fieldErrors,
    ...(typeof serverField === 'string' && problem !== null ? { [serverField]: [problem.message] } : {}),
    ...clientErrors,
  });

  const chooseKind = (next: CampaignKind) => {
    setKind(next);
    if (!templateEdited) setTemplate(defaultCampaignTemplates[next]);
    if (preset !== 'custom') setPreset(presetOfCron(defaultCampaignSchedules[next]));
  };

  // Prazo Certo recalls services with a return cycle; Encher Agenda offers any service.
  const eligibleServices = (services.data?.items ?? []).filter(
    (service) => kind === 'encher_agenda' || service.returnCycleDays !== null,
  );
  const activeProfessionals = (professionals.data?.items ?? []).filter((p) => p.active);
  const discountPercent = Math.min(90, Math.max(0, Math.trunc(Number(discount) || 0)));
  const sampleService =
    eligibleServices.find((service) => serviceIds.includes(service.id)) ?? eligibleServices[0];
  const previewValues: Record<CampaignPlaceholder, string> = {
    nome: 'Maria',
    servico: sampleService?.name ?? 'Corte feminino',
    data: offerDay(addLocalDays(today, 1)),
    hora: '10:00',
    profissional: activeProfessionals[0]?.name ?? 'Ana',
    desconto: discountText(discountPercent),
    preco: formatCents(discountedCents(sampleService?.priceCents ?? 8000, discountPercent)),
    negocio: signedIn?.tenant.name ?? '',
  };
  const customDescription = preset === 'custom' ? describeSchedule(customCron) : null;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = createCampaignInput.safeParse({
      kind,
      name: fieldValue(form, 'name'),
      config: {
        discountPercent: Number(discount || '0'),
        daysAhead: Number(fieldValue(form, 'daysAhead')),
        // Only what is on screen: a service picked before switching to Prazo Certo may have no cycle.
        serviceIds: serviceIds.filter((id) => eligibleServices.some((service) => service.id === id)),
        professionalIds: form.getAll('professionalIds').filter(isString),
        cooldownDays: Number(fieldValue(form, 'cooldownDays')),
        maxOffersPerRun: Number(fieldValue(form, 'maxOffersPerRun')),
        offerExpiryHours: Number(fieldValue(form, 'offerExpiryHours')),
        template: template.trim(),
        schedule: cronForPreset(preset, customCron),
      },
      enabled: form.get('enabled') === 'on',
    });
    const errors = parsed.success ? {} : fieldErrorsByLeaf(fieldErrorsByPath(parsed.error.issues));
    const unknown = unknownPlaceholders(template);
    if (unknown.length > 0) {
      errors.template = [
        `Marcador desconhecido: ${unknown.map((name) => `{${name}}`).join(', ')}. Use os marcadores abaixo.`,
      ];
    }
    if (!parsed.success || Object.keys(errors).length > 0) {
      mutation.reset();
      setClientErrors(errors);
      return;
    }
    setClientErrors({});
    const { name, config, enabled } = parsed.data;
    if (campaign === null) create.mutate(parsed.data);
    else update.mutate({ id: campaign.id, name, config, enabled });
  };

  const title = campaign === null ? 'Nova campanha' : `Editar ${campaign.name}`;
  const daysAhead = daysAheadLabels[kind];
  return (
    <form className="form panel campaign-form" onSubmit={submit} noValidate aria-label={title}>
      {campaign === null ? null : <h2>{title}</h2>}
      {campaign === null ? (
        <fieldset className="choice-group">
          <legend>Tipo</legend>
          <div className="kind-choices">
            {campaignKinds.map((value) => (
              <label key={value} className="kind-choice">
                <input
                  type="radio"
                  name="kind"
                  value={value}
                  checked={kind === value}
                  onChange={() => chooseKind(value)}
                />
                <span>
                  <span className="kind-choice-name">{kindLabels[value]}</span>
                  <span className="field-hint">{kindDescriptions[value]}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      ) : (
        <p className="field-hint">
          {kindLabels[kind]}: {kindDescriptions[kind]}
        </p>
      )}
      <TextField
        label="Nome"
        name="name"
        defaultValue={campaign?.name ?? ''}
        placeholder={kind === 'prazo_certo' ? 'Ex.: Retorno do corte' : 'Ex.: Horários vagos da semana'}
        autoComplete="off"
        required
        errors={fieldErrors.name}
      />
      <div className="form-row">
        <TextField
          label="Desconto (%)"
          name="discountPercent"
          type="number"
          inputMode="numeric"
          min={0}
          max={90}
          value={discount}
          onChange={(event) => setDiscount(event.target.value)}
          hint="0 para oferecer sem desconto."
          errors={fieldErrors.discountPercent}
        />
        <TextField
          label={daysAhead.label}
          name="daysAhead"
          type="number"
          inputMode="numeric"
          min={1}
          max={60}
          defaultValue={campaign?.config.daysAhead ?? 7}
          hint={daysAhead.hint}
          errors={fieldErrors.daysAhead}
        />
      </div>
      <fieldset className="choice-group">
        <legend>Serviços</legend>
        <p className="field-hint">
          Nenhum marcado: todos{kind === 'prazo_certo' ? ' os que têm retorno definido' : ''}.
        </p>
        {services.data === undefined ? (
          <p role="status">Carregando serviços…</p>
        ) : eligibleServices.length === 0 ? (
          <p className="field-hint">
            {kind === 'prazo_certo'
              ? 'Nenhum serviço com retorno definido: preencha “Retorno a cada N dias” em Configurações › Serviços.'
              : 'Nenhum serviço cadastrado ainda.'}
          </p>
        ) : (
          <div className="checkbox-list">
            {eligibleServices.map((service) => (
              <label key={service.id} className="inline-check">
                <input
                  type="checkbox"
                  checked={serviceIds.includes(service.id)}
                  onChange={(event) =>
                    setServiceIds((current) =>
                      event.target.checked
                        ? [...current, service.id]
                        : current.filter((id) => id !== service.id),
                    )
                  }
                />
                {service.name}
              </label>
            ))}
          </div>
        )}
        {fieldErrors.serviceIds === undefined ? null : (
          <p className="field-error">{fieldErrors.serviceIds.join(' ')}</p>
        )}
      </fieldset>
      <fieldset className="choice-group">
        <legend>Profissionais</legend>
        <p className="field-hint">
          {kind === 'prazo_certo'
            ? 'Nenhum marcado: todos. Marcados: só clientes cuja última visita foi com eles.'
            : 'Nenhum marcado: os horários vagos de todos.'}
        </p>
        {professionals.data === undefined ? (
          <p role="status">Carregando profissionais…</p>
        ) : (
          <div className="checkbox-list">
            {activeProfessionals.map((professional) => (
              <label key={professional.id} className="inline-check">
                <input
                  type="checkbox"
                  name="professionalIds"
                  value={professional.id}
                  defaultChecked={campaign?.config.professionalIds.includes(professional.id) ?? false}
                />
                {professional.name}
              </label>
            ))}
          </div>
        )}
      </fieldset>
      <div className="form-row">
        <TextField
          label="Não chamar de novo por (dias)"
          name="cooldownDays"
          type="number"
          inputMode="numeric"
          min={0}
          max={365}
          defaultValue={campaign?.config.cooldownDays ?? 14}
          hint="Quem recebeu oferta de qualquer campanha neste período fica de fora."
          errors={fieldErrors.cooldownDays}
        />
        <TextField
          label="Máximo de ofertas por execução"
          name="maxOffersPerRun"
          type="number"
          inputMode="numeric"
          min={1}
          max={1000}
          defaultValue={campaign?.config.maxOffersPerRun ?? 30}
          errors={fieldErrors.maxOffersPerRun}
        />
      </div>
      <TextField
        label="Prazo para o cliente responder (horas)"
        name="offerExpiryHours"
        type="number"
        inputMode="numeric"
        min={1}
        max={168}
        defaultValue={campaign?.config.offerExpiryHours ?? 24}
        hint="O horário fica separado até a resposta; depois disso é liberado."
        errors={fieldErrors.offerExpiryHours}
      />
      <MessageField
        value={template}
        onChange={(value) => {
          setTemplate(value);
          setTemplateEdited(true);
        }}
        errors={fieldErrors.template}
        previewValues={previewValues}
      />
      <SelectField
        label="Quando executar"
        name="schedulePreset"
        value={preset}
        options={scheduleOptions}
        onChange={(event) => setPreset(event.target.value as SchedulePresetId)}
        hint={`No horário do salão (${timeZone}).`}
        errors={preset === 'custom' ? undefined : fieldErrors.schedule}
      />
      {preset === 'custom' ? (
        <TextField
          label="Expressão cron"
          name="customCron"
          value={customCron}
          onChange={(event) => setCustomCron(event.target.value)}
          autoComplete="off"
          spellCheck={false}
          inputMode="text"
          hint={
            customDescription ??
            'Minuto, hora, dia do mês, mês e dia da semana. Ex.: 30 10 * * 2 (toda terça-feira às 10:30).'
          }
          errors={fieldErrors.schedule}
        />
      ) : null}
      <CheckboxField
        label="Ativa"
        name="enabled"
        defaultChecked={campaign?.enabled ?? true}
        hint="Executa sozinha nos horários escolhidos. Desligada, só executa quando você tocar em “Executar agora”."
      />
      {problem === null ? null : <FormMessage tone="error">{problem.message}</FormMessage>}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={mutation.isPending}>
          {mutation.isPending ? 'Salvando…' : campaign === null ? 'Criar campanha' : 'Salvar'}
        </button>
        <button type="button" className="button" onClick={props.onCancel}>
          Cancelar
        </button>
      </div>
    </form>
  );
}
