// Root scripts (`pnpm typecheck`, `pnpm lint`, `pnpm dev`, `pnpm bench`) run the Turborepo task of the
// same name; a root script calling `turbo run X` directly would be flagged by turbo as a loop.
import { turbo } from './bootstrap.mjs';

const [task, ...rest] = process.argv.slice(2);
const extra = task === 'dev' ? ['--filter=@agenda-cheia/api', '--filter=@agenda-cheia/web'] : [];
const concurrency = task === 'bench' ? ['--concurrency=1'] : [];
process.exit(turbo(['run', task, ...extra, ...concurrency, ...rest]));
