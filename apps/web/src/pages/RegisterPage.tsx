import { DEFAULT_TIMEZONE, registerInput } from '@agenda-cheia/contracts';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { trpc } from '../api/trpc';
import { describeFailure, fieldErrorsFromIssues, fieldValue, type FieldErrors } from '../forms/errors';
import { FormMessage, SelectField, TextField } from '../forms/Field';
import { brazilianTimeZones } from '../forms/timeZones';
import { useStartSession } from '../session/useSessionActions';
import { AuthLayout } from './AuthLayout';

export function RegisterPage() {
  const register = trpc.auth.register.useMutation();
  const startSession = useStartSession();
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});

  const problem = register.error === null ? null : describeFailure(register.error);
  const fieldErrors = { ...problem?.fieldErrors, ...clientErrors };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = registerInput.safeParse({
      businessName: fieldValue(form, 'businessName'),
      name: fieldValue(form, 'name'),
      email: fieldValue(form, 'email'),
      password: fieldValue(form, 'password'),
      timezone: fieldValue(form, 'timezone'),
    });
    if (!parsed.success) {
      register.reset();
      setClientErrors(fieldErrorsFromIssues(parsed.error.issues));
      return;
    }
    setClientErrors({});
    register.mutate(parsed.data, { onSuccess: startSession });
  };

  return (
    <AuthLayout title="Criar conta">
      <form className="form" onSubmit={submit} noValidate>
        <TextField
          label="Nome do negócio"
          name="businessName"
          autoComplete="organization"
          required
          errors={fieldErrors.businessName}
        />
        <TextField label="Seu nome" name="name" autoComplete="name" required errors={fieldErrors.name} />
        <TextField
          label="E-mail"
          name="email"
          type="email"
          autoComplete="email"
          required
          errors={fieldErrors.email}
        />
        <TextField
          label="Senha"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint="Pelo menos 8 caracteres."
          errors={fieldErrors.password}
        />
        <SelectField
          label="Fuso horário"
          name="timezone"
          defaultValue={DEFAULT_TIMEZONE}
          options={brazilianTimeZones}
          errors={fieldErrors.timezone}
        />
        {problem === null ? null : <FormMessage tone="error">{problem.message}</FormMessage>}
        <button type="submit" className="button button-primary" disabled={register.isPending}>
          {register.isPending ? 'Criando conta…' : 'Criar conta'}
        </button>
      </form>
      <p className="auth-switch">
        Já tem conta? <Link to="/entrar">Entrar</Link>
      </p>
    </AuthLayout>
  );
}
