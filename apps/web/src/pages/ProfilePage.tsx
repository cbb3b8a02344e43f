import { updateProfileInput } from '@agenda-cheia/contracts';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { trpc } from '../api/trpc';
import { describeFailure, fieldErrorsFromIssues, fieldValue, type FieldErrors } from '../forms/errors';
import { FormMessage, TextField } from '../forms/Field';
import { roleLabels } from '../shell/navigation';

export function ProfilePage() {
  const utils = trpc.useUtils();
  const me = trpc.auth.me.useQuery();
  const update = trpc.users.updateProfile.useMutation({
    onSuccess: (user) => {
      utils.auth.me.setData(undefined, (current) => (current === undefined ? current : { ...current, user }));
      void utils.users.list.invalidate();
    },
  });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});

  if (me.data === undefined) return null;
  const { user } = me.data;

  const problem = update.error === null ? null : describeFailure(update.error);
  const fieldErrors = { ...problem?.fieldErrors, ...clientErrors };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = updateProfileInput.safeParse({
      name: fieldValue(form, 'name'),
      email: fieldValue(form, 'email'),
    });
    if (!parsed.success) {
      update.reset();
      setClientErrors(fieldErrorsFromIssues(parsed.error.issues));
      return;
    }
    setClientErrors({});
    update.mutate(parsed.data);
  };

  return (
    <section className="page">
      <title>Meu perfil · Agenda Cheia</title>
      <h1>Meu perfil</h1>
      <p className="page-lead">Papel na equipe: {roleLabels[user.role]}</p>
      <form className="form panel" onSubmit={submit} noValidate>
        <TextField
          label="Nome"
          name="name"
          autoComplete="name"
          defaultValue={user.name}
          required
          errors={fieldErrors.name}
        />
        <TextField
          label="E-mail"
          name="email"
          type="email"
          autoComplete="email"
          defaultValue={user.email}
          required
          errors={fieldErrors.email}
        />
        {problem === null ? null : <FormMessage tone="error">{problem.message}</FormMessage>}
        {update.isSuccess ? <FormMessage tone="success">Perfil atualizado.</FormMessage> : null}
        <button type="submit" className="button button-primary" disabled={update.isPending}>
          {update.isPending ? 'Salvando…' : 'Salvar'}
        </button>
      </form>
      <p>
        <Link to="/perfil/senha">Alterar senha</Link>
      </p>
    </section>
  );
}
