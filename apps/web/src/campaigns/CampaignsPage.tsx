import { DEFAULT_TIMEZONE, type Campaign } from '@agenda-cheia/contracts';
import { Link } from 'react-router';
import { trpc } from '../api/trpc';
import { describeFailure } from '../forms/errors';
import { FormMessage } from '../forms/Field';
import { useSignedIn } from '../session/useSignedIn';
import { formatRelativeInstant } from '../time/relative';
import { useNow } from '../time/useNow';
import './campaigns.css';
import { isRunning } from './campaignsCache';
import { kindLabels, runStatusLabel } from './labels';
import { RunNowResult } from './RunNowResult';
import { describeSchedule } from './schedulePresets';
import { useRunCampaign } from './useRunCampaign';

/** "Todo dia às 09:00 · 10% de desconto · até 30 ofertas" */
export function describeCampaign(campaign: Campaign): string {
  const { config } = campaign;
  const when = campaign.enabled
    ? (describeSchedule(config.schedule) ?? `Agendamento ${config.schedule}`)
    : 'Só executa com “Executar agora”';
  const discount = config.discountPercent > 0 ? `${config.discountPercent}% de desconto` : 'sem desconto';
  return `${when} · ${discount} · até ${config.maxOffersPerRun} ofertas`;
}

function CampaignItem(props: { campaign: Campaign; canManage: boolean; now: number; timeZone: string }) {
  const { campaign, now, timeZone } = props;
  const runner = useRunCampaign(campaign);
  const last = campaign.lastRun ?? null;
  const running = runner.isPending || isRunning(campaign);
  return (
    <li className="list-item campaign-item">
      <div className="list-item-main">
        <span className="campaign-item-title">
          <Link className="list-item-title" to={`/campanhas/${campaign.id}`}>
            {campaign.name}
          </Link>
          <span className={`tag source-${campaign.kind}`}>{kindLabels[campaign.kind]}</span>
          {campaign.enabled ? null : <span className="tag">Pausada</span>}
        </span>
        <span className="list-item-detail">{describeCampaign(campaign)}</span>
        <span className="list-item-detail">
          {running
            ? 'Executando agora…'
            : last === null
              ? 'Nunca executada'
              : `Última execução ${formatRelativeInstant(last.startedAt, now, timeZone)} · ${runStatusLabel(last.status)}`}
        </span>
        <RunNowResult result={runner.result} error={runner.error} />
      </div>
      <div className="list-item-actions">
        {props.canManage ? (
          <button
            type="button"
            className="button button-small button-primary"
            disabled={runner.isPending}
            onClick={() => runner.run()}
            aria-label={`Executar agora: ${campaign.name}`}
          >
            {runner.isPending ? 'Executando…' : 'Executar agora'}
          </button>
        ) : null}
        <Link className="button button-small" to={`/campanhas/${campaign.id}`}>
          Resultados
        </Link>
      </div>
    </li>
  );
}

/** Campanhas: Prazo Certo and Encher Agenda, what each does, when it runs and how its last run went. */
export function CampaignsPage() {
  const signedIn = useSignedIn();
  const canManage = signedIn?.canManage ?? false;
  const timeZone = signedIn?.tenant.timezone ?? DEFAULT_TIMEZONE;
  const now = useNow();
  const campaigns = trpc.campaigns.list.useQuery();

  return (
    <section className="page page-wide">
      <title>Campanhas · Agenda Cheia</title>
      <div className="section-header">
        <h1>Campanhas</h1>
        {canManage ? (
          <Link className="button button-primary" to="/campanhas/nova">
            Nova campanha
          </Link>
        ) : null}
      </div>
      <p className="page-lead">
        Ofertas pelo WhatsApp nos horários que você escolher. Cada oferta separa um horário até o cliente
        responder, e aparece no Painel para a sua aprovação.
      </p>
      {campaigns.isError ? (
        <FormMessage tone="error">{describeFailure(campaigns.error).message}</FormMessage>
      ) : campaigns.data === undefined ? (
        <p role="status">Carregando campanhas…</p>
      ) : campaigns.data.items.length === 0 ? (
        <div className="empty-state">
          <p>Nenhuma campanha ainda.</p>
          {canManage ? (
            <p>
              Comece pelo <Link to="/campanhas/nova">Prazo Certo</Link>: ele chama de volta quem já está na
              hora de repetir um serviço.
            </p>
          ) : null}
        </div>
      ) : (
        <ul className="item-list" aria-label="Campanhas">
          {campaigns.data.items.map((campaign) => (
            <CampaignItem
              key={campaign.id}
              campaign={campaign}
              canManage={canManage}
              now={now}
              timeZone={timeZone}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
