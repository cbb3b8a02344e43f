import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalServiceKey, parseEvalSet } from '../../eval/eval-set';
import { percentage, summaryLine } from '../../eval/report';
import { evaluateFile, REPO_EVAL_SET, runEvalCli } from '../../eval/run-eval';
import { scoreEvalSet } from '../../eval/score';
import { type Understanding } from './types';

const KEYS = ['corte', 'mao_e_pe'];
const line = (fields: Record<string, unknown>) =>
  JSON.stringify({ text: 'oi', now: '2026-11-20T10:00:00-03:00', intent: 'hello', ...fields });

describe('the evaluation of the offline understanding on the repo set (quality gate)', () => {
  it('meets the targets: intent ≥ 90%, service ≥ 90%, start ≥ 85% over at least 220 messages', async () => {
    const outcome = await evaluateFile(REPO_EVAL_SET);
    if (!outcome.ok) throw new Error(outcome.error);
    const { report } = outcome;
    expect(report.messages).toBeGreaterThanOrEqual(220);
    expect(report.intent.correct / report.intent.total).toBeGreaterThanOrEqual(0.9);
    expect(report.service.correct / report.service.total).toBeGreaterThanOrEqual(0.9);
    expect(report.start.correct / report.start.total).toBeGreaterThanOrEqual(0.85);
  });
});

describe('evaluation files', () => {
  it('reads a valid line, keeping absent fields absent', () => {
    const parsed = parseEvalSet(
      `${line({ service: 'Mão-e-pé', start: '2026-11-21T15:00' })}\n\n${line({})}\n`,
      KEYS,
    );
    expect(parsed.ok && parsed.cases.map((c) => [c.line, c.service, c.start])).toEqual([
      [1, 'Mão-e-pé', '2026-11-21T15:00'],
      [3, undefined, undefined],
    ]);
  });

  it('reports every bad line by its number', () => {
    const content = [
      line({}),
      '{not json',
      line({ intent: 'greeting' }),
      line({ service: 'massagem' }),
      line({ start: '2026-02-30' }),
      line({ now: '2026-11-20T10:00:00' }),
      line({ extra: true }),
    ].join('\n');
    const parsed = parseEvalSet(content, KEYS);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems.map((problem) => problem.line)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(parsed.problems[0]?.message).toMatch(/not valid JSON/);
    expect(parsed.problems[1]?.message).toMatch(/"intent" must be one of booking/);
    expect(parsed.problems[2]?.message).toMatch(
      /"service" must be null or a demo catalogue key: corte, mao_e_pe/,
    );
    expect(parsed.problems[3]?.message).toMatch(/"start" is not a calendar date/);
    expect(parsed.problems[4]?.message).toMatch(/"now" must be an ISO date-time with its offset/);
    expect(parsed.problems[5]?.message).toMatch(/extra/);
  });

  it('refuses an empty file', () => {
    expect(parseEvalSet('\n\n', KEYS)).toEqual({
      ok: false,
      problems: [{ line: 0, message: 'the file has no messages' }],
    });
  });

  it('compares service keys leniently', () => {
    expect(canonicalServiceKey('Mão-e-pé')).toBe('mao_e_pe');
    expect(canonicalServiceKey('mao e pe')).toBe('mao_e_pe');
  });
});

describe('scoring', () => {
  const answer = (overrides: Partial<Understanding>): Understanding => ({
    intent: 'booking',
    serviceIds: [],
    when: null,
    consent: null,
    optOut: false,
    asksPrice: false,
    ...overrides,
  });
  const base = { line: 1, text: 'x', now: new Date(), intent: 'booking' as const };

  it('compares only the date of a date-only label, and both parts of a date-time label', () => {
    const when = { date: '2026-11-21', time: '15:00', partOfDay: null, flexible: false, daySaid: true };
    const report = scoreEvalSet(
      [
        { ...base, start: '2026-11-21' },
        { ...base, start: '2026-11-21T15:00' },
        { ...base, start: '2026-11-21T16:00' },
        { ...base, start: null },
      ],
      () => answer({ when }),
    );
    expect(report.start).toEqual({ correct: 2, total: 4 });
  });

  it('scores the first service found, null against none, and skips lines without the field', () => {
    const report = scoreEvalSet(
      [{ ...base, service: 'mao-e-pe' }, { ...base, service: null }, { ...base }],
      () => answer({ serviceIds: ['mao_e_pe', 'corte'] }),
    );
    expect(report.service).toEqual({ correct: 1, total: 2 });
    expect(report.intentByLabel.booking).toEqual({ correct: 3, total: 3 });
  });

  it('ends with the one summary line', () => {
    const report = scoreEvalSet([{ ...base, service: null, start: null }], () => answer({ intent: 'hello' }));
    expect(summaryLine(report)).toBe('intent: 0.0% service: 100.0% start: 100.0% (1 messages)');
    expect(percentage({ correct: 0, total: 0 })).toBe('n/a');
  });
});

describe('the pnpm eval command', () => {
  async function run(args: string[], cwd: string) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runEvalCli(args, {
      cwd,
      out: (text) => out.push(text),
      err: (text) => err.push(text),
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('scores a file given relative to where the user ran it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'agenda-eval-'));
    await writeFile(join(dir, 'mine.jsonl'), `${line({ service: null, start: null })}\n`);
    const result = await run(['--file', 'mine.jsonl'], dir);
    expect(result.code).toBe(0);
    expect(result.out.split('\n').at(-1)).toBe('intent: 100.0% service: 100.0% start: 100.0% (1 messages)');
  });

  it('names the bad lines and fails without a stack trace', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'agenda-eval-'));
    await writeFile(join(dir, 'bad.jsonl'), `${line({})}\n${line({ intent: 'nope' })}\n`);
    const result = await run(['--file=bad.jsonl'], dir);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`${join(dir, 'bad.jsonl')}:2: "intent" must be one of`);
    expect(result.err).not.toMatch(/\n\s+at /);
  });

  it('says so when the file does not exist, and refuses unknown arguments', async () => {
    expect((await run(['--file', 'missing.jsonl'], tmpdir())).err).toMatch(
      /cannot read .*missing\.jsonl: no such file/,
    );
    expect(await run(['--fast'], tmpdir())).toMatchObject({
      code: 2,
      err: expect.stringMatching(/unknown argument: --fast/) as unknown,
    });
  });
});
