import { z } from 'zod';
import { type Intent } from '../src/understanding';

/** One labelled message of an evaluation file (see README.md for the conventions). */
export interface EvalCase {
  /** 1-based line number in the file. */
  line: number;
  text: string;
  now: Date;
  intent: Intent;
  /** Absent: not scored. Null: the message names no service. */
  service?: string | null;
  /** "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM"; absent: not scored; null: names no day or time. */
  start?: string | null;
}

export interface EvalSetProblem {
  line: number;
  message: string;
}

export type ParsedEvalSet = { ok: true; cases: EvalCase[] } | { ok: false; problems: EvalSetProblem[] };

const INTENTS = [
  'booking',
  'inquiry',
  'complaint',
  'hello',
  'confirmation',
  'cancellation',
  'unknown',
] as const;

/** Keys compare leniently: "Mão-e-pé", "mao e pe" and "mao_e_pe" are the same key. */
export function canonicalServiceKey(key: string): string {
  return key
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .trim()
    .replace(/[\s_-]+/g, '_');
}

function isCalendarDate(date: string): boolean {
  const [year = NaN, month = NaN, day = NaN] = date.split('-').map(Number);
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

function lineSchema(serviceKeys: readonly string[]) {
  const known = new Set(serviceKeys.map(canonicalServiceKey));
  return z.strictObject({
    text: z.string().trim().min(1, 'must be a non-empty message'),
    now: z.iso.datetime({
      offset: true,
      error: 'must be an ISO date-time with its offset, e.g. 2026-11-20T10:00:00-03:00',
    }),
    intent: z.enum(INTENTS, { error: `must be one of ${INTENTS.join(', ')}` }),
    service: z
      .string()
      .refine((key) => known.has(canonicalServiceKey(key)), {
        error: `must be null or a demo catalogue key: ${serviceKeys.join(', ')}`,
      })
      .nullable()
      .optional(),
    start: z
      .string()
      .regex(
        /^\d{4}-\d{2}-\d{2}(?:T(?:[01]\d|2[0-3]):[0-5]\d)?$/,
        'must be null, YYYY-MM-DD or YYYY-MM-DDTHH:MM',
      )
      .refine((start) => isCalendarDate(start.slice(0, 10)), { error: 'is not a calendar date' })
      .nullable()
      .optional(),
  });
}

/**
 * Reads a JSONL evaluation file: one JSON object per line, blank lines ignored. Every bad line is reported
 * with its number, so a file can be fixed in one pass.
 */
export function parseEvalSet(content: string, serviceKeys: readonly string[]): ParsedEvalSet {
  const schema = lineSchema(serviceKeys);
  const cases: EvalCase[] = [];
  const problems: EvalSetProblem[] = [];
  content.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      problems.push({
        line,
        message: `not valid JSON (${error instanceof Error ? error.message : String(error)})`,
      });
      return;
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const details = parsed.error.issues.map((issue) =>
        issue.path.length === 0 ? issue.message : `"${issue.path.join('.')}" ${issue.message}`,
      );
      problems.push({ line, message: details.join('; ') });
      return;
    }
    const { now, ...rest } = parsed.data;
    cases.push({ line, ...rest, now: new Date(now) });
  });
  if (problems.length > 0) return { ok: false, problems };
  if (cases.length === 0) return { ok: false, problems: [{ line: 0, message: 'the file has no messages' }] };
  return { ok: true, cases };
}
