import type { CampaignRun } from '@agenda-cheia/contracts';
import { formatDateTime } from '../time/format';
import { runChart } from './runChart';

const WIDTH = 320;
const HEIGHT = 150;
const LABEL_SPACE = 22;

const dayMonth = new Map<string, Intl.DateTimeFormat>();

function shortDate(instant: string, timeZone: string): string {
  let formatter = dayMonth.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('pt-BR', { day: '2-digit', month: '2-digit', timeZone });
    dayMonth.set(timeZone, formatter);
  }
  return formatter.format(new Date(instant));
}

/**
 * The latest runs side by side: each bar as tall as the offers made, filled up to those that became
 * appointments. Plain SVG; the run list below carries the same figures for screen readers.
 */
export function RunsChart({ runs, timeZone }: { runs: readonly CampaignRun[]; timeZone: string }) {
  const chart = runChart(runs, { width: WIDTH, height: HEIGHT, labelSpace: LABEL_SPACE });
  const offers = chart.bars.reduce((sum, bar) => sum + bar.offers, 0);
  const booked = chart.bars.reduce((sum, bar) => sum + bar.booked, 0);
  const shown = chart.bars.length === 1 ? 'Última execução' : `Últimas ${chart.bars.length} execuções`;
  return (
    <figure className="runs-chart">
      <svg
        viewBox={`0 0 ${chart.width} ${chart.height}`}
        role="img"
        aria-label={`${shown}: ${offers === 1 ? '1 oferta' : `${offers} ofertas`}, ${booked === 1 ? '1 agendada' : `${booked} agendadas`}.`}
      >
        <line className="runs-chart-base" x1={0} x2={chart.width} y1={chart.baseY} y2={chart.baseY} />
        {chart.bars.map((bar) => (
          <g key={bar.runId}>
            <title>
              {`${formatDateTime(bar.startedAt, timeZone)}: ${bar.offers} ofertas, ${bar.booked} agendadas`}
            </title>
            <rect
              className="runs-chart-offers"
              x={bar.x}
              y={bar.offersY}
              width={bar.width}
              height={chart.baseY - bar.offersY}
              rx={3}
            />
            <rect
              className="runs-chart-booked"
              x={bar.x}
              y={bar.bookedY}
              width={bar.width}
              height={chart.baseY - bar.bookedY}
              rx={3}
            />
            <text
              className="runs-chart-value"
              x={bar.x + bar.width / 2}
              y={bar.offersY - 3}
              textAnchor="middle"
            >
              {bar.offers}
            </text>
            <text
              className="runs-chart-label"
              x={bar.x + bar.width / 2}
              y={chart.height - 6}
              textAnchor="middle"
            >
              {shortDate(bar.startedAt, timeZone)}
            </text>
          </g>
        ))}
      </svg>
      <figcaption className="runs-chart-legend">
        <span className="legend-offers">Ofertas criadas</span>
        <span className="legend-booked">Agendadas</span>
      </figcaption>
    </figure>
  );
}
