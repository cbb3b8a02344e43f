import { DEFAULT_TIMEZONE, type Campaign } from '@agenda-cheia/contracts';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { trpc } from '../api/trpc';
import { describeFailure } from '../forms/errors';
import { FormMessage } from '../forms/Field';
import { useSignedIn } from '../session/useSignedIn';
import { ConfirmDialog } from '../ui/Dialog';
import './campaigns.css';
import { CampaignForm } from './CampaignForm';
import { kindDescriptions, kindLabels } from './labels';
import { RunFigures } from './RunFigures';
import { RunHistory } from './RunHistory';
import { RunNowResult } from './RunNowResult';
import { RunsChart } from './RunsChart';
import { describeSchedule } from './schedulePresets';
import { useRunCampaign } from './useRunCampaign';

const RUNS_SHOWN = 20;

/** "todo dia às 09:00", to go inside a sentence. */
function scheduleInWords(cron: string): string {
  const words = describeSchedule(cron);
  return words === null ? `agendamento ${cron}` : words.charAt(0).toLowerCase() + words.slice(1);
}

function namesOf(ids: readonly string[], items: readonly { id: string; name: string }[] | undefined): string {
  if (ids.length === 0) return 'Todos';
  if (items === undefined) return '…';
  return items
    .filter((item) => ids.includes(item.id))
    .map((item) => item.name)
    .join(', ');
}

/** What the campaign does, in the owner's words, with "Executar agora". */
function CampaignSummary(props: {
  campaign: Campaign;
  canManage: boolean;
  timeZone: string;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { campaign, canManage, timeZone } = props;
  const { config } = campaign;
  const services = trpc.services.list.useQuery({ includeArchived: true });
  const professionals = trpc.professionals.list.useQuery();
  const runner = useRunCampaign(campaign);
  const [professionalId, setProfessionalId] = useState('');
  const activeProfessionals = (professionals.data?.items ?? []).filter((p) => p.active);

  return (
    <section className="panel" aria-labelledby="campaign-summary-title">
      <h2 id="campaign-summary-title">Como funciona</h2>
      <dl className="details">
        <dt>Quando</dt>
        <dd>
          {campaign.enabled
            ? `${describeSchedule(config.schedule) ?? config.schedule} (horário de ${timeZone})`
            : 'Pausada: só executa com “Executar agora”.'}
        </dd>
        <dt>Procura</dt>
        <dd>
          {campaign.kind === 'prazo_certo'
            ? `Clientes que precisam voltar nos próximos ${config.daysAhead} dias`
            : `Horários vagos dos próximos ${config.daysAhead} dias`}
        </dd>
        <dt>Desconto</dt>
        <dd>{config.discountPercent > 0 ? `${config.discountPercent}%` : 'Sem desconto'}</dd>
        <dt>Serviços</dt>
        <dd>{namesOf(config.serviceIds, services.data?.items)}</dd>
        <dt>Profissionais</dt>
        <dd>{namesOf(config.professionalIds, professionals.data?.items)}</dd>
        <dt>Limites</dt>
        <dd>
          Até {config.maxOffersPerRun} ofertas por execução; não chama de novo por {config.cooldownDays} dias;
          o cliente tem {config.offerExpiryHours} h para responder.
        </dd>
        <dt>Mensagem</dt>
        <dd className="details-notes">{config.template}</dd>
      </dl>
      {canManage ? (
        <>
          <div className="form-actions run-now">
            {campaign.kind === 'encher_agenda' ? (
              <label className="inline-field">
                <span>Horários de</span>
                <select value={professionalId} onChange={(event) => setProfessionalId(event.target.value)}>
                  <option value="">Todos</option>
                  {activeProfessionals.map((professional) => (
                    <option key={professional.id} value={professional.id}>
                      {professional.name}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
            <button
              type="button"
              className="button button-primary"
              disabled={runner.isPending}
              onClick={() => runner.run(professionalId === '' ? {} : { professionalId })}
            >
              {runner.isPending ? 'Executando…' : 'Executar agora'}
            </button>
            <button type="button" className="button" onClick={props.onEdit}>
              Editar
            </button>
            <button type="button" className="button button-danger-quiet" onClick={props.onDelete}>
              Excluir
            </button>
          </div>
          <RunNowResult result={runner.result} error={runner.error} />
        </>
      ) : null}
    </section>
  );
}

function DeleteCampaignDialog({ campaign, onClose }: { campaign: Campaign; onClose: () => void }) {
  const utils = trpc.useUtils();
  const navigate = useNavigate();
  const remove = trpc.campaigns.delete.useMutation({
    onSuccess: async () => {
      await utils.campaigns.list.invalidate();
      void navigate('/campanhas');
    },
  });
  return (
    <ConfirmDialog
      title="Excluir campanha"
      confirmLabel="Excluir"
      pendingLabel="Excluindo…"
      pending={remove.isPending}
      error={remove.error === null ? null : describeFailure(remove.error).message}
      onConfirm={() => remove.mutate({ id: campaign.id })}
      onClose={onClose}
    >
      <p>
        Excluir <strong>{campaign.name}</strong> e o histórico de execuções? As ofertas já feitas continuam
        valendo, e os agendamentos que elas geraram ficam na agenda.
      </p>
    </ConfirmDialog>
  );
}

/** One campaign: what it does, its totals, its runs (chart and list) and, for managers, run and edit. */
export function CampaignPage() {
  const { campaignId = '' } = useParams();
  const signedIn = useSignedIn();
  const canManage = signedIn?.canManage ?? false;
  const timeZone = signedIn?.tenant.timezone ?? DEFAULT_TIMEZONE;
  const campaign = trpc.campaigns.get.useQuery({ id: campaignId });
  const stats = trpc.campaigns.stats.useQuery({ id: campaignId });
  const runs = trpc.campaigns.runs.useQuery({ campaignId, limit: RUNS_SHOWN });
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);

  if (campaign.isError) {
    return (
      <section className="page">
        <p className="breadcrumb">
          <Link to="/campanhas">Campanhas</Link>
        </p>
        <FormMessage tone="error">{describeFailure(campaign.error).message}</FormMessage>
      </section>
    );
  }
  if (campaign.data === undefined) {
    return (
      <section className="page">
        <p role="status">Carregando campanha…</p>
      </section>
    );
  }
  const current = campaign.data;
  const runItems = runs.data?.items ?? [];

  return (
    <section className="page page-wide">
      <title>{`${current.name} · Campanhas · Agenda Cheia`}</title>
      <p className="breadcrumb">
        <Link to="/campanhas">Campanhas</Link>
      </p>
      <h1 className="campaign-title">
        {current.name}
        <span className={`tag source-${current.kind}`}>{kindLabels[current.kind]}</span>
        {current.enabled ? null : <span className="tag">Pausada</span>}
      </h1>
      <p className="page-lead">{kindDescriptions[current.kind]}</p>
      {editing ? (
        <CampaignForm
          campaign={current}
          onSaved={() => setEditing(false)}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <CampaignSummary
          campaign={current}
          canManage={canManage}
          timeZone={timeZone}
          onEdit={() => setEditing(true)}
          onDelete={() => setDeleting(true)}
        />
      )}
      <section className="panel" aria-labelledby="campaign-results-title">
        <div className="section-header">
          <h2 id="campaign-results-title">Resultados</h2>
          {stats.data === undefined ? null : (
            <span className="field-hint">
              {stats.data.runs === 1 ? 'Em 1 execução' : `Em ${stats.data.runs} execuções`}
            </span>
          )}
        </div>
        {stats.isError ? (
          <FormMessage tone="error">{describeFailure(stats.error).message}</FormMessage>
        ) : stats.data === undefined ? (
          <p role="status">Carregando…</p>
        ) : (
          <RunFigures results={stats.data} />
        )}
      </section>
      <section className="panel" aria-labelledby="campaign-runs-title">
        <h2 id="campaign-runs-title">Execuções</h2>
        {runs.isError ? (
          <FormMessage tone="error">{describeFailure(runs.error).message}</FormMessage>
        ) : runs.data === undefined ? (
          <p role="status">Carregando…</p>
        ) : runItems.length === 0 ? (
          <p className="field-hint">
            Nenhuma execução ainda.
            {current.enabled ? ` Ela executa sozinha: ${scheduleInWords(current.config.schedule)}.` : ''}
          </p>
        ) : (
          <>
            <RunsChart runs={runItems} timeZone={timeZone} />
            <RunHistory runs={runItems} timeZone={timeZone} />
          </>
        )}
      </section>
      {deleting ? <DeleteCampaignDialog campaign={current} onClose={() => setDeleting(false)} /> : null}
    </section>
  );
}
