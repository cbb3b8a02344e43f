import { updateTenantInput, type Tenant } from '@agenda-cheia/contracts';
import { useState, type FormEvent } from 'react';
import { trpc } from '../api/trpc';
import {
  describeFailure,
  fieldErrorsByLeaf,
  fieldErrorsByPath,
  fieldValue,
  type FieldErrors,
} from '../forms/errors';
import { ImagePicker } from '../files/ImagePicker';
import { useFileUpload } from '../files/useFileUpload';
import { CheckboxField, FormMessage, SelectField, TextField } from '../forms/Field';
import { brazilianTimeZones } from '../forms/timeZones';
import { initialsOf } from '../inbox/labels';
import { useSignedIn } from '../session/useSignedIn';

const slotSteps = [5, 10, 15, 20, 30, 60].map((minutes) => ({
  value: String(minutes),
  label: `A cada ${minutes} minutos`,
}));

const notices = [
  { value: '0', label: 'Sem antecedência mínima' },
  { value: '30', label: '30 minutos' },
  { value: '60', label: '1 hora' },
  { value: '120', label: '2 horas' },
  { value: '240', label: '4 horas' },
  { value: '720', label: '12 horas' },
  { value: '1440', label: '1 dia' },
  { value: '2880', label: '2 dias' },
];

/** The current value stays selectable even when it is not one of the usual choices. */
function withCurrent(options: { value: string; label: string }[], value: string, label: string) {
  return options.some((option) => option.value === value) ? options : [...options, { value, label }];
}

/** The business as every screen reads it (the shell's header shows its name and logo). */
function useApplyTenant() {
  const utils = trpc.useUtils();
  return (updated: Tenant) => {
    utils.auth.me.setData(undefined, (current) =>
      current === undefined ? current : { ...current, tenant: updated },
    );
    utils.tenant.get.setData(undefined, updated);
  };
}

/** The logo is saved as soon as it is uploaded or removed: a picture needs no "Salvar". */
function LogoSettings({ tenant, canManage }: { tenant: Tenant; canManage: boolean }) {
  const applyTenant = useApplyTenant();
  const upload = useFileUpload('logo');
  const update = trpc.tenant.update.useMutation({ onSuccess: applyTenant });
  const problem = update.error === null ? null : describeFailure(update.error);
  return (
    <section className="panel" aria-label="Logo do negócio">
      <ImagePicker
        label="Logo"
        actions={{ add: 'Enviar logo', change: 'Trocar logo', remove: 'Remover logo' }}
        purpose="logo"
        fileId={tenant.logoFileId}
        upload={upload}
        onChange={(logoFileId) => update.mutate({ logoFileId })}
        readOnly={!canManage}
        shape="square"
        placeholder={
          <span className="image-picker-initials" aria-hidden="true">
            {initialsOf(tenant.name)}
          </span>
        }
        hint="Aparece no topo do painel. Imagem quadrada, JPG, PNG, WebP ou GIF."
      />
      {problem === null ? null : <FormMessage tone="error">{problem.message}</FormMessage>}
      {update.isSuccess && upload.state.phase !== 'uploading' ? (
        <FormMessage tone="success">
          {update.variables.logoFileId === null ? 'Logo removido.' : 'Logo salvo.'}
        </FormMessage>
      ) : null}
    </section>
  );
}

function BusinessForm({ tenant, canManage }: { tenant: Tenant; canManage: boolean }) {
  const utils = trpc.useUtils();
  const applyTenant = useApplyTenant();
  const update = trpc.tenant.update.useMutation({
    onSuccess: (updated) => {
      applyTenant(updated);
      // Times on every screen depend on the zone.
      void utils.schedule.invalidate();
    },
  });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const problem = update.error === null ? null : describeFailure(update.error);
  const fieldErrors = fieldErrorsByLeaf({ ...problem?.fieldErrors, ...clientErrors });
  const { settings } = tenant;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = updateTenantInput.safeParse({
      name: fieldValue(form, 'name'),
      timezone: fieldValue(form, 'timezone'),
      settings: {
        slotStepMin: Number(fieldValue(form, 'slotStepMin')),
        minNoticeMin: Number(fieldValue(form, 'minNoticeMin')),
        horizonDays: Number(fieldValue(form, 'horizonDays')),
        autoApprove: form.get('autoApprove') === 'on',
      },
    });
    if (!parsed.success) {
      update.reset();
      setClientErrors(fieldErrorsByPath(parsed.error.issues));
      return;
    }
    setClientErrors({});
    update.mutate(parsed.data);
  };

  return (
    <form className="form panel" onSubmit={submit} noValidate aria-label="Dados do negócio">
      <fieldset className="fieldset" disabled={!canManage}>
        <TextField
          label="Nome do negócio"
          name="name"
          defaultValue={tenant.name}
          required
          errors={fieldErrors.name}
        />
        <SelectField
          label="Fuso horário"
          name="timezone"
          defaultValue={tenant.timezone}
          options={withCurrent([...brazilianTimeZones], tenant.timezone, tenant.timezone)}
          hint="Todos os horários da agenda são mostrados neste fuso, em qualquer aparelho."
          errors={fieldErrors.timezone}
        />
        <SelectField
          label="Intervalo entre horários oferecidos"
          name="slotStepMin"
          defaultValue={String(settings.slotStepMin)}
          options={withCurrent(
            slotSteps,
            String(settings.slotStepMin),
            `A cada ${settings.slotStepMin} minutos`,
          )}
          hint="De quanto em quanto tempo os horários livres começam (09:00, 09:15, 09:30…)."
          errors={fieldErrors.slotStepMin}
        />
        <SelectField
          label="Antecedência mínima"
          name="minNoticeMin"
          defaultValue={String(settings.minNoticeMin)}
          options={withCurrent(notices, String(settings.minNoticeMin), `${settings.minNoticeMin} minutos`)}
          hint="Clientes não conseguem marcar um horário que comece antes disso."
          errors={fieldErrors.minNoticeMin}
        />
        <TextField
          label="Agenda aberta para os próximos (dias)"
          name="horizonDays"
          type="number"
          inputMode="numeric"
          min={1}
          max={365}
          defaultValue={settings.horizonDays}
          hint="Até quantos dias à frente os clientes podem marcar."
          errors={fieldErrors.horizonDays}
        />
        <CheckboxField
          label="Aprovar pedidos automaticamente"
          name="autoApprove"
          defaultChecked={settings.autoApprove}
          hint="Ligado: o pedido de um cliente vira agendamento na hora, se o horário estiver livre. Desligado: cada pedido espera a sua aprovação."
        />
      </fieldset>
      {problem === null ? null : <FormMessage tone="error">{problem.message}</FormMessage>}
      {update.isSuccess ? <FormMessage tone="success">Configurações salvas.</FormMessage> : null}
      {canManage ? (
        <button type="submit" className="button button-primary" disabled={update.isPending}>
          {update.isPending ? 'Salvando…' : 'Salvar'}
        </button>
      ) : null}
    </form>
  );
}

export function BusinessSettings() {
  const signedIn = useSignedIn();
  const tenant = trpc.tenant.get.useQuery();
  if (tenant.isError) return <FormMessage tone="error">{describeFailure(tenant.error).message}</FormMessage>;
  if (tenant.data === undefined || signedIn === null) return <p role="status">Carregando…</p>;
  return (
    <>
      <LogoSettings tenant={tenant.data} canManage={signedIn.canManage} />
      <BusinessForm key={tenant.data.id} tenant={tenant.data} canManage={signedIn.canManage} />
    </>
  );
}
