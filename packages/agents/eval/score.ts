import { type Intent, type RequestedTime, type Understanding } from '../src/understanding';
import { canonicalServiceKey, type EvalCase } from './eval-set';

export type Understand = (evalCase: EvalCase) => Understanding;

export interface Tally {
  correct: number;
  total: number;
}

export type ScoredField = 'intent' | 'service' | 'start';

export interface Miss {
  line: number;
  text: string;
  /** Each wrong field with what the label says and what came out. */
  wrong: { field: ScoredField; expected: string; got: string }[];
}

export interface EvalReport {
  messages: number;
  intent: Tally;
  /** Accuracy per expected intent: of the messages labelled `booking`, how many came out `booking`. */
  intentByLabel: Partial<Record<Intent, Tally>>;
  service: Tally;
  start: Tally;
  misses: Miss[];
}

/**
 * Scores every case: the intent always; the service when labelled (null must come out null; otherwise the
 * first service found must be the labelled key); the start when labelled (a date-only label compares the
 * date; a date-time label needs both; null must come out null).
 */
export function scoreEvalSet(cases: readonly EvalCase[], understand: Understand): EvalReport {
  const report: EvalReport = {
    messages: cases.length,
    intent: { correct: 0, total: 0 },
    intentByLabel: {},
    service: { correct: 0, total: 0 },
    start: { correct: 0, total: 0 },
    misses: [],
  };
  for (const evalCase of cases) {
    const understood = understand(evalCase);
    const wrong: Miss['wrong'] = [];
    const byLabel = (report.intentByLabel[evalCase.intent] ??= { correct: 0, total: 0 });
    const intentRight = understood.intent === evalCase.intent;
    count(report.intent, intentRight);
    count(byLabel, intentRight);
    if (!intentRight) wrong.push({ field: 'intent', expected: evalCase.intent, got: understood.intent });

    if (evalCase.service !== undefined) {
      const got = understood.serviceIds[0] ?? null;
      const right =
        evalCase.service === null
          ? got === null
          : got !== null && canonicalServiceKey(got) === canonicalServiceKey(evalCase.service);
      count(report.service, right);
      if (!right) wrong.push({ field: 'service', expected: String(evalCase.service), got: String(got) });
    }

    if (evalCase.start !== undefined) {
      const right = startMatches(evalCase.start, understood.when);
      count(report.start, right);
      if (!right)
        wrong.push({ field: 'start', expected: String(evalCase.start), got: describeWhen(understood.when) });
    }

    if (wrong.length > 0) report.misses.push({ line: evalCase.line, text: evalCase.text, wrong });
  }
  return report;
}

function count(tally: Tally, right: boolean): void {
  tally.total += 1;
  if (right) tally.correct += 1;
}

function startMatches(expected: string | null, when: RequestedTime | null): boolean {
  if (expected === null) return when === null;
  if (when === null) return false;
  const [date, time] = expected.split('T');
  return when.date === date && (time === undefined || when.time === time);
}

function describeWhen(when: RequestedTime | null): string {
  if (when === null) return 'null';
  return when.time === null ? when.date : `${when.date}T${when.time}`;
}
