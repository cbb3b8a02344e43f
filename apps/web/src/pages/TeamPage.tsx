import { createUserInput } from '@agenda-cheia/contracts';
import { useState, type FormEvent } from 'react';
import { trpc } from '../api/trpc';
import { describeFailure, fieldErrorsFromIssues, fieldValue, type FieldErrors } from '../forms/errors';
import { FormMessage, SelectField, TextField } from '../forms/Field';
import { roleLabels } from '../shell/navigation';

const memberRoles = [
  { value: 'staff', label: roleLabels.staff },
  { value: 'admin', label: roleLabels.admin },
] as const;

function TeamList() {
  const team = trpc.users.list.useQuery();
  if (team.isPending) return <p role="status">Carregando equipe…</p>;
  if (team.isError) return <FormMessage tone="error">{describeFailure(team.error).message}</FormMessage>;
  return (
    <ul className="team-list" aria-label="Membros da equipe">
      {team.data.items.map((member) => (
        <li key={member.id} className="team-member">
          <span className="team-member-name">{member.name}</span>
          <span className="team-member-email">{member.email}</span>
          <span className="badge">{roleLabels[member.role]}</span>
        </li>
      ))}
    </ul>
  );
}

function AddMemberForm() {
  const utils = trpc.useUtils();
  const create = trpc.users.create.useMutation({ onSuccess: () => utils.users.list.invalidate() });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});

  const problem = create.error === null ? null : describeFailure(create.error);
  const fieldErrors = { ...problem?.fieldErrors, ...clientErrors };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const parsed = createUserInput.safeParse({
      name: fieldValue(form, 'name'),
      email: fieldValue(form, 'email'),
      password: fieldValue(form, 'password'),
      role: fieldValue(form, 'role'),
    });
    if (!parsed.success) {
      create.reset();
      setClientErrors(fieldErrorsFromIssues(parsed.error.issues));
      return;
    }
    setClientErrors({});
    create.mutate(parsed.data, { onSuccess: () => formElement.reset() });
  };

  return (
    <form className="form panel" onSubmit={submit} noValidate aria-labelledby="add-member-title">
      <h2 id="add-member-title">Adicionar membro</h2>
      <TextField label="Nome" name="name" autoComplete="off" required errors={fieldErrors.name} />
      <TextField
        label="E-mail"
        name="email"
        type="email"
        autoComplete="off"
        required
        errors={fieldErrors.email}
      />
      <TextField
        label="Senha inicial"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="Pelo menos 8 caracteres. A pessoa pode trocá-la depois em Meu perfil."
        errors={fieldErrors.password}
      />
      <SelectField
        label="Papel"
        name="role"
        defaultValue="staff"
        options={memberRoles}
        errors={fieldErrors.role}
      />
      {problem === null ? null : <FormMessage tone="error">{problem.message}</FormMessage>}
      {create.isSuccess ? (
        <FormMessage tone="success">{create.data.name} agora faz parte da equipe.</FormMessage>
      ) : null}
      <button type="submit" className="button button-primary" disabled={create.isPending}>
        {create.isPending ? 'Adicionando…' : 'Adicionar'}
      </button>
    </form>
  );
}

export function TeamPage() {
  const me = trpc.auth.me.useQuery();
  if (me.data === undefined) return null;
  const canManage = me.data.user.role !== 'staff';

  return (
    <section className="page">
      <title>Equipe · Agenda Cheia</title>
      <h1>Equipe</h1>
      {canManage ? (
        <>
          <TeamList />
          <AddMemberForm />
        </>
      ) : (
        <div className="empty-state">
          <p>Somente proprietários e administradores podem ver e gerenciar a equipe.</p>
        </div>
      )}
    </section>
  );
}
