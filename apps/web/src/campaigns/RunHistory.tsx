import type { CampaignRun } from '@agenda-cheia/contracts';
import { formatDateTime } from '../time/format';
import { runStatusLabels, triggerLabels } from './labels';
import { RunFigures } from './RunFigures';

/** Each run, newest first: when, how it started, how it ended and its funnel. */
export function RunHistory({ runs, timeZone }: { runs: readonly CampaignRun[]; timeZone: string }) {
  return (
    <ol className="run-list" aria-label="Execuções">
      {runs.map((run) => {
        const when = formatDateTime(run.startedAt, timeZone);
        return (
          <li key={run.id} className="run-item" aria-label={`Execução de ${when}`} data-status={run.status}>
            <div className="run-head">
              <time dateTime={run.startedAt}>{when}</time>
              <span className="tag">{triggerLabels[run.trigger]}</span>
              <span className={`run-status run-status-${run.status}`}>{runStatusLabels[run.status]}</span>
            </div>
            <RunFigures results={run.results} />
            {run.status === 'failed' && run.error !== null ? (
              <p className="field-error">Motivo: {run.error}</p>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
