// Shared by `npm start` and `npm test`: a fresh machine needs only Node and npm.
// pnpm comes pinned through npx (no global install, no corepack), then installs the workspace.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PNPM_VERSION = '12.21.0';
const MIN_NODE = [20, 19];

export function say(line) {
  process.stdout.write(`${line}\n`);
}

export function fail(message) {
  process.stderr.write(`\n${message}\n\n`);
  process.exit(1);
}

export function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < MIN_NODE[0] || (major === MIN_NODE[0] && minor < MIN_NODE[1])) {
    fail(`Agenda Cheia needs Node ${MIN_NODE.join('.')} or newer; this is ${process.versions.node}.`);
  }
}

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', ...options.env },
  });
  if (result.error) fail(`Could not run ${command}: ${result.error.message}`);
  return result.status ?? 1;
}

export function pnpm(args, options) {
  return run('npx', ['--yes', `pnpm@${PNPM_VERSION}`, ...args], options);
}

export function turbo(args, options) {
  return pnpm(['exec', 'turbo', ...args], options);
}

export function install() {
  // Warm: about a second, and it changes nothing when the lockfile is already satisfied.
  if (pnpm(['install', '--frozen-lockfile', '--prefer-offline', '--reporter=append-only']) !== 0) {
    fail('Installing dependencies failed (see above).');
  }
}
