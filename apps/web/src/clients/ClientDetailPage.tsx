import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { trpc, type RouterOutputs } from '../api/trpc';
import { StatusBadge } from '../appointments/status';
import { describeFailure } from '../forms/errors';
import { FormMessage } from '../forms/Field';
import { formatCents } from '../forms/money';
import { formatPhone } from '../forms/phone';
import { useSignedIn } from '../session/useSignedIn';
import { formatDate, formatLocalDate, formatTime } from '../time/format';
import { ConfirmDialog } from '../ui/Dialog';
import { ClientForm } from './ClientForm';

type ClientView = RouterOutputs['clients']['get'];

function DeleteClientDialog({ client, onClose }: { client: ClientView['client']; onClose: () => void }) {
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const remove = trpc.clients.delete.useMutation({
    onSuccess: async () => {
      await Promise.all([utils.clients.list.invalidate(), utils.schedule.calendar.invalidate()]);
      void navigate('/clientes', { replace: true });
    },
  });
  return (
    <ConfirmDialog
      title="Excluir cliente"
      confirmLabel="Excluir"
      pendingLabel="Excluindo…"
      pending={remove.isPending}
      error={remove.error === null ? null : describeFailure(remove.error).message}
      onConfirm={() => remove.mutate({ id: client.id })}
      onClose={onClose}
    >
      <p>
        Excluir <strong>{client.name}</strong>? O cadastro e todo o histórico de atendimentos serão apagados.
        Não é possível desfazer.
      </p>
    </ConfirmDialog>
  );
}

function History({ history, timeZone }: { history: ClientView['history']; timeZone: string }) {
  if (history.length === 0) return <p className="field-hint">Nenhum atendimento ainda.</p>;
  return (
    <ul className="item-list" aria-label="Histórico de atendimentos">
      {history.map((appointment) => (
        <li key={appointment.id} className="list-item">
          <div className="list-item-main">
            <span className="list-item-title">
              {formatDate(appointment.start, timeZone)} às {formatTime(appointment.start, timeZone)} ·{' '}
              {appointment.serviceName}
            </span>
            <span className="list-item-detail">
              {appointment.professionalName} · {formatCents(appointment.finalPriceCents)}
              {appointment.cancelReason === null ? '' : ` · Motivo: ${appointment.cancelReason}`}
            </span>
          </div>
          <StatusBadge status={appointment.status} />
        </li>
      ))}
    </ul>
  );
}

export function ClientDetailPage() {
  const { clientId = '' } = useParams();
  const signedIn = useSignedIn();
  const view = trpc.clients.get.useQuery({ id: clientId });
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);

  const breadcrumb = (
    <p className="breadcrumb">
      <Link to="/clientes">Clientes</Link>
    </p>
  );
  if (view.isError) {
    return (
      <section className="page">
        {breadcrumb}
        <FormMessage tone="error">{describeFailure(view.error).message}</FormMessage>
      </section>
    );
  }
  if (view.data === undefined || signedIn === null) return <p role="status">Carregando cliente…</p>;
  const { client, history } = view.data;
  const timeZone = signedIn.tenant.timezone;

  return (
    <section className="page">
      <title>{`${client.name} · Clientes · Agenda Cheia`}</title>
      {breadcrumb}
      <h1>{client.name}</h1>
      {editing ? (
        <ClientForm client={client} onSaved={() => setEditing(false)} onCancel={() => setEditing(false)} />
      ) : (
        <div className="panel">
          <dl className="details">
            <dt>Telefone</dt>
            <dd>
              <a href={`tel:${client.phone}`}>{formatPhone(client.phone)}</a>
            </dd>
            <dt>E-mail</dt>
            <dd>{client.email ?? 'Não informado'}</dd>
            <dt>Aniversário</dt>
            <dd>{client.birthday === null ? 'Não informado' : formatLocalDate(client.birthday)}</dd>
            <dt>Campanhas</dt>
            <dd>{client.campaignOptOut ? 'Não recebe campanhas' : 'Recebe campanhas'}</dd>
            <dt>Última visita</dt>
            <dd>{client.lastVisitAt == null ? 'Nenhuma ainda' : formatDate(client.lastVisitAt, timeZone)}</dd>
            <dt>Observações</dt>
            <dd className="details-notes">{client.notes ?? 'Nenhuma'}</dd>
          </dl>
          <div className="form-actions">
            <button type="button" className="button" onClick={() => setEditing(true)}>
              Editar
            </button>
            <button type="button" className="button button-danger-quiet" onClick={() => setDeleting(true)}>
              Excluir cliente
            </button>
          </div>
        </div>
      )}
      <h2>Histórico</h2>
      <History history={history} timeZone={timeZone} />
      {deleting ? <DeleteClientDialog client={client} onClose={() => setDeleting(false)} /> : null}
    </section>
  );
}
