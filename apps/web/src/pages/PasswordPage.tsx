import { changePasswordInput } from '@agenda-cheia/contracts';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { trpc } from '../api/trpc';
import { describeFailure, fieldErrorsFromIssues, fieldValue, type FieldErrors } from '../forms/errors';
import { FormMessage, TextField } from '../forms/Field';

export function PasswordPage() {
  const change = trpc.users.changePassword.useMutation();
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});

  const problem = change.error === null ? null : describeFailure(change.error);
  const fieldErrors = { ...problem?.fieldErrors, ...clientErrors };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const parsed = changePasswordInput.safeParse({
      currentPassword: fieldValue(form, 'currentPassword'),
      newPassword: fieldValue(form, 'newPassword'),
    });
    const errors = parsed.success ? {} : fieldErrorsFromIssues(parsed.error.issues);
    if (fieldValue(form, 'confirmPassword') !== fieldValue(form, 'newPassword')) {
      errors.confirmPassword = ['As senhas não coincidem.'];
    }
    if (!parsed.success || Object.keys(errors).length > 0) {
      change.reset();
      setClientErrors(errors);
      return;
    }
    setClientErrors({});
    change.mutate(parsed.data, { onSuccess: () => formElement.reset() });
  };

  return (
    <section className="page">
      <title>Alterar senha · Agenda Cheia</title>
      <p className="breadcrumb">
        <Link to="/perfil">Meu perfil</Link>
      </p>
      <h1>Alterar senha</h1>
      <form className="form panel" onSubmit={submit} noValidate>
        <TextField
          label="Senha atual"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          errors={fieldErrors.currentPassword}
        />
        <TextField
          label="Nova senha"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          hint="Pelo menos 8 caracteres."
          errors={fieldErrors.newPassword}
        />
        <TextField
          label="Confirme a senha"
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
          errors={fieldErrors.confirmPassword}
        />
        {problem === null ? null : <FormMessage tone="error">{problem.message}</FormMessage>}
        {change.isSuccess ? (
          <FormMessage tone="success">
            Senha alterada. As sessões abertas em outros aparelhos foram encerradas; esta continua ativa.
          </FormMessage>
        ) : null}
        <button type="submit" className="button button-primary" disabled={change.isPending}>
          {change.isPending ? 'Salvando…' : 'Alterar senha'}
        </button>
      </form>
    </section>
  );
}
