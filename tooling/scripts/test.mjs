// `npm test`: every test of every package, including PostgreSQL, Redis and browser tests.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { checkNode, fail, install, root, say, turbo } from './bootstrap.mjs';

const CHROMIUM = '/usr/bin/chromium';
// Every workspace package with a test script: a new package's tests count without editing this list.
const packageDirs = ['apps', 'packages', 'tooling'].flatMap((group) =>
  readdirSync(path.join(root, group), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `${group}/${entry.name}`)
    .filter((dir) => {
      const manifest = path.join(root, dir, 'package.json');
      return existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).scripts?.test !== undefined;
    }),
);

function reachable(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

checkNode();
install();

if (!(await reachable(5432))) {
  fail(
    'PostgreSQL is not reachable at 127.0.0.1:5432. The tests create their own databases there (trust auth).\n' +
      'Start it (e.g. `pg_ctlcluster 15 main start`) or point TEST_DATABASE_URL at another server.',
  );
}

const hasChromium = existsSync(CHROMIUM);
const filters = hasChromium ? [] : ['--filter=!@agenda-cheia/e2e'];
const resultFile = 'test-results/vitest.json';
for (const dir of packageDirs) rmSync(path.join(root, dir, resultFile), { force: true });

const status = turbo([
  'run',
  'test',
  '--concurrency=1',
  '--continue',
  ...filters,
  '--',
  '--reporter=default',
  '--reporter=json',
  `--outputFile=${resultFile}`,
]);

let passed = 0;
let failed = 0;
let skipped = 0;
for (const dir of packageDirs) {
  const file = path.join(root, dir, resultFile);
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}

say('');
if (!hasChromium) {
  say(
    `Browser tests skipped: Chromium not found at ${CHROMIUM}. Install it with: sudo apt-get install -y chromium`,
  );
}
if (status !== 0 && failed === 0) failed = 1;
say(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(status === 0 && failed === 0 ? 0 : 1);
