import { type EvalReport, type Tally } from './score';

export function percentage(tally: Tally): string {
  return tally.total === 0 ? 'n/a' : `${((100 * tally.correct) / tally.total).toFixed(1)}%`;
}

/** The one line every run ends with. */
export function summaryLine(report: EvalReport): string {
  return `intent: ${percentage(report.intent)} service: ${percentage(report.service)} start: ${percentage(report.start)} (${report.messages} messages)`;
}

const WORST_MISSES = 20;

/**
 * The printed report: per-intent accuracy, then (verbose) the worst misses, most wrong fields first, and
 * always the summary line last.
 */
export function formatReport(report: EvalReport, options: { verbose: boolean }): string {
  const lines: string[] = ['intent accuracy by label:'];
  const labels = Object.entries(report.intentByLabel).sort(([, a], [, b]) => b.total - a.total);
  for (const [intent, tally] of labels) {
    lines.push(
      `  ${intent.padEnd(13)} ${`${tally.correct}/${tally.total}`.padStart(7)}  ${percentage(tally).padStart(6)}`,
    );
  }
  lines.push(
    `service: ${report.service.correct}/${report.service.total}, start: ${report.start.correct}/${report.start.total}`,
  );
  if (options.verbose && report.misses.length > 0) {
    const worst = [...report.misses]
      .sort((a, b) => b.wrong.length - a.wrong.length || a.line - b.line)
      .slice(0, WORST_MISSES);
    lines.push('', `misses (${worst.length} of ${report.misses.length}, most wrong fields first):`);
    for (const miss of worst) {
      lines.push(`  line ${miss.line}: ${JSON.stringify(miss.text)}`);
      for (const field of miss.wrong)
        lines.push(`    ${field.field}: expected ${field.expected}, got ${field.got}`);
    }
  }
  lines.push('', summaryLine(report));
  return lines.join('\n');
}
