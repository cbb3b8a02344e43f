import { Link } from 'react-router';
import { trpc } from '../api/trpc';
import { kindLabels, runStatusLabels } from '../campaigns/labels';
import { RunFigures } from '../campaigns/RunFigures';
import { describeFailure } from '../forms/errors';
import { FormMessage } from '../forms/Field';
import { formatRelativeInstant } from '../time/relative';
import { useNow } from '../time/useNow';

const SHOWN = 3;

/** Painel › Últimas campanhas: the latest run of the campaigns that ran most recently, with its figures. */
export function RecentCampaignResults({ timeZone }: { timeZone: string }) {
  const now = useNow();
  const campaigns = trpc.campaigns.list.useQuery();
  const recent = (campaigns.data?.items ?? [])
    .filter((campaign) => campaign.lastRun != null)
    .sort((a, b) => (b.lastRun?.startedAt ?? '').localeCompare(a.lastRun?.startedAt ?? ''))
    .slice(0, SHOWN);
  const runs = trpc.useQueries((t) => recent.map((c) => t.campaigns.runs({ campaignId: c.id, limit: 1 })));

  return (
    <section className="panel" aria-labelledby="recent-campaigns-title">
      <div className="section-header">
        <h2 id="recent-campaigns-title">Últimas campanhas</h2>
        <Link to="/campanhas">Ver campanhas</Link>
      </div>
      {campaigns.isError ? (
        <FormMessage tone="error">{describeFailure(campaigns.error).message}</FormMessage>
      ) : campaigns.data === undefined ? (
        <p role="status">Carregando…</p>
      ) : recent.length === 0 ? (
        <p className="field-hint">
          Nenhuma campanha executada ainda.{' '}
          <Link to="/campanhas">Configure o Prazo Certo ou o Encher Agenda</Link> para chamar clientes de
          volta.
        </p>
      ) : (
        <ul className="recent-campaigns" aria-label="Últimas campanhas">
          {recent.map((campaign, index) => {
            const run = runs[index]?.data?.items[0];
            return (
              <li key={campaign.id} className="recent-campaign">
                <div className="recent-campaign-title">
                  <Link to={`/campanhas/${campaign.id}`} className="list-item-title">
                    {campaign.name}
                  </Link>
                  <span className={`tag source-${campaign.kind}`}>{kindLabels[campaign.kind]}</span>
                </div>
                {run === undefined ? (
                  <p role="status" className="field-hint">
                    Carregando…
                  </p>
                ) : (
                  <>
                    <p className="list-item-detail">
                      {formatRelativeInstant(run.startedAt, now, timeZone)} · {runStatusLabels[run.status]}
                    </p>
                    <RunFigures results={run.results} />
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
