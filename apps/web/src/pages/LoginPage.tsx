import { loginInput } from '@agenda-cheia/contracts';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { trpc } from '../api/trpc';
import { describeFailure, fieldErrorsFromIssues, fieldValue, type FieldErrors } from '../forms/errors';
import { FormMessage, TextField } from '../forms/Field';
import { readSessionEndReason } from '../session/store';
import { useStartSession } from '../session/useSessionActions';
import { AuthLayout } from './AuthLayout';

export function LoginPage() {
  const login = trpc.auth.login.useMutation();
  const startSession = useStartSession();
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const endedOnItsOwn = readSessionEndReason() === 'expired';

  const problem = login.error === null ? null : describeFailure(login.error);
  const fieldErrors = { ...problem?.fieldErrors, ...clientErrors };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = loginInput.safeParse({
      email: fieldValue(form, 'email'),
      password: fieldValue(form, 'password'),
    });
    if (!parsed.success) {
      login.reset();
      setClientErrors(fieldErrorsFromIssues(parsed.error.issues));
      return;
    }
    setClientErrors({});
    login.mutate(parsed.data, { onSuccess: startSession });
  };

  return (
    <AuthLayout title="Entrar">
      {endedOnItsOwn && problem === null ? (
        <FormMessage tone="error">Sua sessão expirou. Entre novamente.</FormMessage>
      ) : null}
      <form className="form" onSubmit={submit} noValidate>
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
          autoComplete="current-password"
          required
          errors={fieldErrors.password}
        />
        {problem === null ? null : <FormMessage tone="error">{problem.message}</FormMessage>}
        <button type="submit" className="button button-primary" disabled={login.isPending}>
          {login.isPending ? 'Entrando…' : 'Entrar'}
        </button>
      </form>
      <p className="auth-switch">
        Ainda não tem conta? <Link to="/criar-conta">Criar conta</Link>
      </p>
    </AuthLayout>
  );
}
