import type { CampaignResults, RunStats } from '@agenda-cheia/contracts';
import { formatCents } from '../forms/money';
import { resultLabels } from './labels';

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** A run's recorded counts in one line: "5 clientes encontrados, 5 ofertas, 4 mensagens enviadas". */
export function describeRunStats(stats: RunStats): string {
  return [
    plural(stats.clientsFound, 'cliente encontrado', 'clientes encontrados'),
    plural(stats.offersCreated, 'oferta', 'ofertas'),
    plural(stats.notificationsSent, 'mensagem enviada', 'mensagens enviadas'),
  ].join(', ');
}

/** The funnel of a run or of a whole campaign: found, offered, sent, accepted, booked, revenue. */
export function RunFigures({ results }: { results: CampaignResults }) {
  const keys: (keyof CampaignResults)[] = [
    'clientsFound',
    'offersCreated',
    'notificationsSent',
    'accepted',
    'booked',
    'revenueBookedCents',
  ];
  return (
    <dl className="run-figures">
      {keys.map((key) => (
        <div key={key} className="run-figure" data-figure={key} data-zero={results[key] === 0}>
          <dt>{resultLabels[key]}</dt>
          <dd>{key === 'revenueBookedCents' ? formatCents(results[key]) : results[key]}</dd>
        </div>
      ))}
    </dl>
  );
}
