import { runEvalCli } from '../run-eval';

// pnpm sets INIT_CWD to the directory the user ran `pnpm eval` from; `--file` paths are relative to it.
const cwd = process.env.INIT_CWD ?? process.cwd();

process.exitCode = await runEvalCli(process.argv.slice(2), {
  cwd,
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
});
