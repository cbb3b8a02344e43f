import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type Understanding, understand } from '../src/understanding';
import { demoServiceKeys, demoServices, DEMO_TIME_ZONE } from './demo-salon';
import { parseEvalSet, type EvalCase } from './eval-set';
import { formatReport } from './report';
import { scoreEvalSet, type EvalReport } from './score';

/** The repo's labelled set. */
export const REPO_EVAL_SET = resolve(import.meta.dirname, 'messages.jsonl');

/** What the offline layer understands of a labelled message, as the demo salon. */
export function understandDemoCase(evalCase: EvalCase): Understanding {
  return understand(evalCase.text, { now: evalCase.now, timeZone: DEMO_TIME_ZONE, services: demoServices });
}

export type EvalOutcome = { ok: true; report: EvalReport } | { ok: false; error: string };

/** Reads, validates and scores one evaluation file against the demo salon. */
export async function evaluateFile(path: string): Promise<EvalOutcome> {
  let content: string;
  try {
    content = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error);
    return { ok: false, error: `cannot read ${path}: ${reason}` };
  }
  const parsed = parseEvalSet(content, demoServiceKeys);
  if (!parsed.ok) {
    const lines = parsed.problems.map((problem) =>
      problem.line === 0 ? `${path}: ${problem.message}` : `${path}:${problem.line}: ${problem.message}`,
    );
    return { ok: false, error: [`${path} has ${parsed.problems.length} bad line(s):`, ...lines].join('\n') };
  }
  return { ok: true, report: scoreEvalSet(parsed.cases, understandDemoCase) };
}

const USAGE = 'usage: pnpm eval [--file PATH] [--verbose]';

export interface CliIo {
  /** Where relative paths start: the directory the user ran the command from. */
  cwd: string;
  out: (text: string) => void;
  err: (text: string) => void;
}

/** The `pnpm eval` command. Returns the exit code: 0 scored, 1 bad file, 2 bad arguments. */
export async function runEvalCli(args: readonly string[], io: CliIo): Promise<number> {
  let file = REPO_EVAL_SET;
  let verbose = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--verbose' || arg === '-v') {
      verbose = true;
    } else if (arg === '--file' || arg?.startsWith('--file=')) {
      const value = arg === '--file' ? args[++i] : arg.slice('--file='.length);
      if (value === undefined || value === '') {
        io.err(`--file needs a path\n${USAGE}`);
        return 2;
      }
      file = resolve(io.cwd, value);
    } else if (arg === '--help' || arg === '-h') {
      io.out(USAGE);
      return 0;
    } else if (arg !== '--') {
      io.err(`unknown argument: ${arg}\n${USAGE}`);
      return 2;
    }
  }
  const outcome = await evaluateFile(file);
  if (!outcome.ok) {
    io.err(outcome.error);
    return 1;
  }
  io.out(formatReport(outcome.report, { verbose }));
  return 0;
}
