import { createProfessionalInput, type Professional } from '@agenda-cheia/contracts';
import { useState, type FormEvent } from 'react';
import { trpc, type RouterOutputs } from '../api/trpc';
import {
  describeFailure,
  fieldErrorsFromIssues,
  fieldValue,
  optionalFieldValue,
  type FieldErrors,
} from '../forms/errors';
import { ImagePicker } from '../files/ImagePicker';
import { useFileUpload } from '../files/useFileUpload';
import { CheckboxField, FormMessage, TextField } from '../forms/Field';
import { formatPhone } from '../forms/phone';
import { professionalColors } from './colors';

interface ProfessionalFormProps {
  professional: Professional | null;
  /** Colours already taken, so a new professional gets one that stands apart on the calendar. */
  usedColors: readonly string[];
  onSaved: (professional: RouterOutputs['professionals']['create']) => void;
  onCancel?: () => void;
  disabled?: boolean;
}

export function ProfessionalForm({
  professional,
  usedColors,
  onSaved,
  onCancel,
  disabled,
}: ProfessionalFormProps) {
  const utils = trpc.useUtils();
  const services = trpc.services.list.useQuery({ includeArchived: false });
  const onSuccess = async (saved: Professional) => {
    await Promise.all([utils.professionals.list.invalidate(), utils.schedule.calendar.invalidate()]);
    onSaved(saved);
  };
  const create = trpc.professionals.create.useMutation({ onSuccess });
  const update = trpc.professionals.update.useMutation({ onSuccess });
  const mutation = professional === null ? create : update;
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const problem = mutation.error === null ? null : describeFailure(mutation.error);
  const fieldErrors = { ...problem?.fieldErrors, ...clientErrors };
  // Saved with the other fields: a photo chosen and not saved is only a preview.
  const [photoFileId, setPhotoFileId] = useState(professional?.photoFileId ?? null);
  const photoUpload = useFileUpload('avatar');
  const photoUploading = photoUpload.state.phase === 'uploading';

  const initialColor =
    professional?.color ??
    professionalColors.find((color) => !usedColors.includes(color.value))?.value ??
    professionalColors[0]?.value;
  const colorOptions =
    professional === null || professionalColors.some((c) => c.value === professional.color)
      ? professionalColors
      : [...professionalColors, { value: professional.color, label: 'Cor atual' }];

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (photoUploading) return;
    const form = new FormData(event.currentTarget);
    const parsed = createProfessionalInput.safeParse({
      name: fieldValue(form, 'name'),
      phone: optionalFieldValue(form, 'phone') ?? null,
      color: fieldValue(form, 'color'),
      active: professional === null ? true : form.get('active') === 'on',
      serviceIds: form.getAll('serviceIds').filter((id): id is string => typeof id === 'string'),
      photoFileId,
    });
    if (!parsed.success) {
      mutation.reset();
      setClientErrors(fieldErrorsFromIssues(parsed.error.issues));
      return;
    }
    setClientErrors({});
    if (professional === null) create.mutate(parsed.data);
    else update.mutate({ ...parsed.data, id: professional.id });
  };

  const title = professional === null ? 'Novo profissional' : 'Dados do profissional';
  return (
    <form className="form panel" onSubmit={submit} noValidate aria-label={title}>
      <h2>{title}</h2>
      <fieldset className="fieldset" disabled={disabled}>
        <ImagePicker
          label="Foto"
          actions={{ add: 'Adicionar foto', change: 'Trocar foto', remove: 'Remover foto' }}
          purpose="avatar"
          fileId={photoFileId}
          upload={photoUpload}
          onChange={setPhotoFileId}
          readOnly={disabled === true}
          shape="round"
          placeholder={
            <span className="image-picker-initials" aria-hidden="true">
              📷
            </span>
          }
          hint="Opcional. Salva junto com os dados."
        />
        <TextField
          label="Nome"
          name="name"
          defaultValue={professional?.name}
          autoComplete="off"
          required
          errors={fieldErrors.name}
        />
        <TextField
          label="Telefone"
          name="phone"
          type="tel"
          inputMode="tel"
          autoComplete="off"
          defaultValue={
            professional?.phone === null || professional === null ? '' : formatPhone(professional.phone)
          }
          hint="Opcional. DDD + número, ex.: (11) 98765-4321."
          errors={fieldErrors.phone}
        />
        <fieldset className="choice-group">
          <legend>Cor na agenda</legend>
          <div className="swatches">
            {colorOptions.map((color) => (
              <label key={color.value} className="swatch" title={color.label}>
                <input
                  type="radio"
                  name="color"
                  value={color.value}
                  defaultChecked={color.value === initialColor}
                  aria-label={color.label}
                />
                <span style={{ backgroundColor: color.value }} aria-hidden="true" />
              </label>
            ))}
          </div>
          {fieldErrors.color === undefined ? null : (
            <p className="field-error">{fieldErrors.color.join(' ')}</p>
          )}
        </fieldset>
        <fieldset className="choice-group">
          <legend>Serviços que realiza</legend>
          {services.data === undefined ? (
            <p role="status">Carregando serviços…</p>
          ) : services.data.items.length === 0 ? (
            <p className="field-hint">Cadastre serviços na aba Serviços para escolher aqui.</p>
          ) : (
            <div className="checkbox-list">
              {services.data.items.map((service) => (
                <label key={service.id} className="inline-check">
                  <input
                    type="checkbox"
                    name="serviceIds"
                    value={service.id}
                    defaultChecked={professional?.serviceIds.includes(service.id) ?? false}
                  />
                  {service.name}
                </label>
              ))}
            </div>
          )}
        </fieldset>
        {professional === null ? null : (
          <CheckboxField
            label="Ativo"
            name="active"
            defaultChecked={professional.active}
            hint="Profissionais inativos não aparecem na agenda nem recebem agendamentos."
          />
        )}
      </fieldset>
      {problem === null ? null : <FormMessage tone="error">{problem.message}</FormMessage>}
      {professional !== null && update.isSuccess ? (
        <FormMessage tone="success">Dados salvos.</FormMessage>
      ) : null}
      {disabled === true ? null : (
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={mutation.isPending || photoUploading}
          >
            {mutation.isPending
              ? 'Salvando…'
              : photoUploading
                ? 'Enviando foto…'
                : professional === null
                  ? 'Cadastrar profissional'
                  : 'Salvar'}
          </button>
          {onCancel === undefined ? null : (
            <button type="button" className="button" onClick={onCancel}>
              Cancelar
            </button>
          )}
        </div>
      )}
    </form>
  );
}
