// `pnpm test:n8n`: imports the shipped workflows (docs/n8n/workflows) into a real n8n 2.8.4 and drives
// WhatsApp traffic through them against a real Agenda Cheia API. Opt-in and heavy (n8n is ~2.3 GB,
// installed once outside the workspace), so it is not part of `npm test`.
//
//   node tooling/n8n/run.mjs [--keep] [--no-build]
//     --keep      keep the temporary folder (API data, n8n folder, logs) even when everything passed
//     --no-build  use the existing apps/api/dist instead of building the API first
//   AGENDA_CHEIA_N8N_DIR   where n8n is installed (default ~/.cache/agenda-cheia/n8n-2.8.4)
//
// Every process it starts listens on 127.0.0.1 and talks only to 127.0.0.1: the WhatsApp providers
// (Evolution API, Meta's Graph API) are played by a local receiver.
import { spawn } from 'node:child_process';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
  openSync,
  closeSync,
} from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { WORKFLOWS, repoRoot, staleWorkflows, workflowsDir } from './build-workflows.mjs';

const N8N_VERSION = '2.8.4';
const PNPM = 'pnpm@12.21.0';
const INSTALL_TIMEOUT_MS = 20 * 60_000;
const RUN_TIMEOUT_MS = 10 * 60_000; // everything after the install
const REQUEST_TIMEOUT_MS = 20_000;

const args = new Set(process.argv.slice(2));
const keep = args.has('--keep');
const cacheDir =
  process.env.AGENDA_CHEIA_N8N_DIR ?? path.join(os.homedir(), '.cache', 'agenda-cheia', `n8n-${N8N_VERSION}`);
const n8nBin = path.join(cacheDir, 'node_modules', '.bin', 'n8n');
const installMarker = path.join(cacheDir, '.agenda-cheia-install-complete');

// ---------------------------------------------------------------------------------------------------------
// Output and bookkeeping

const started = Date.now();
const results = { passed: 0, failed: 0 };
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const transcript = [];
const say = (line) => {
  transcript.push(line);
  process.stdout.write(`${line}\n`);
};
const step = (title) => say(`\n▶ ${title}  [${elapsed()}]`);

async function check(name, fn) {
  const t0 = Date.now();
  try {
    const detail = await fn();
    results.passed += 1;
    say(`  ✔ ${name}${detail ? ` — ${detail}` : ''} (${Date.now() - t0} ms)`);
    return true;
  } catch (error) {
    results.failed += 1;
    say(`  ✘ ${name}\n      ${String(error?.message ?? error).replaceAll('\n', '\n      ')}`);
    return false;
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(description, fn, { timeoutMs = 15_000, intervalMs = 250 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs / 1000} s waiting for ${description}${last ? `: ${last.message}` : ''}`,
      );
    }
    await sleep(intervalMs);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Processes: each is started in its own process group and stopped (group-wide, by its pid) at the end.

const children = new Set();
let tmpDir;

function startProcess(name, command, commandArgs, { cwd, env, logFile }) {
  const fd = openSync(logFile, 'a');
  const child = spawn(command, commandArgs, { cwd, env, detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const entry = { name, child, exited: false, code: null };
  entry.done = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      entry.exited = true;
      entry.code = code ?? signal;
      children.delete(entry);
      resolve(entry.code);
    });
    child.once('error', (error) => {
      entry.exited = true;
      entry.code = error.message;
      children.delete(entry);
      resolve(entry.code);
    });
  });
  children.add(entry);
  return entry;
}

async function stopProcess(entry, graceMs = 15_000) {
  if (entry.exited) return;
  const signalGroup = (signal) => {
    try {
      process.kill(-entry.child.pid, signal);
    } catch {
      /* already gone */
    }
  };
  signalGroup('SIGTERM');
  const stopped = await Promise.race([entry.done.then(() => true), sleep(graceMs).then(() => false)]);
  if (!stopped) {
    signalGroup('SIGKILL');
    await Promise.race([entry.done, sleep(5_000)]);
  }
  signalGroup('SIGKILL'); // whatever the leader left behind in its group (n8n's task runner)
}

async function run(name, command, commandArgs, { cwd, env, logFile, timeoutMs }) {
  const entry = startProcess(name, command, commandArgs, { cwd, env, logFile });
  const finished = await Promise.race([entry.done.then(() => true), sleep(timeoutMs).then(() => false)]);
  if (!finished) {
    await stopProcess(entry, 2_000);
    throw new Error(`${name} did not finish within ${timeoutMs / 1000} s (log: ${logFile})`);
  }
  if (entry.code !== 0)
    throw new Error(`${name} failed (exit ${entry.code}); log: ${logFile}\n${tail(logFile, 15)}`);
}

function tail(file, lines = 30) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

let cleaningUp;
async function cleanup() {
  cleaningUp ??= (async () => {
    await Promise.all([...children].map((entry) => stopProcess(entry)));
    await receiver?.close();
  })();
  return cleaningUp;
}

async function finish(code) {
  await cleanup();
  if (tmpDir) {
    if (code === 0 && !keep) rmSync(tmpDir, { recursive: true, force: true });
    else say(`\nLogs and data kept in ${tmpDir} (this output: run.log)`);
  }
  say(`\nn8n workflow test took ${elapsed()}`);
  say(`${results.passed} passed, ${results.failed} failed`);
  if (tmpDir && existsSync(tmpDir)) writeFileSync(path.join(tmpDir, 'run.log'), `${transcript.join('\n')}\n`);
  process.exit(code);
}

// Output piped into `head` (a closed pipe) must not kill this process before it stops its children.
process.stdout.on('error', () => {});
process.stderr.on('error', () => {});
// Last resort when this process dies anyway: no API, n8n or task runner outlives it.
process.on('exit', () => {
  for (const entry of children) {
    try {
      process.kill(-entry.child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
});
process.on('uncaughtException', (error) => {
  results.failed += 1;
  say(`\n✘ unexpected: ${error?.stack ?? error}`);
  void finish(1);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    say(`\n${signal}: stopping everything that was started`);
    results.failed += 1;
    void finish(1);
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A small environment: nothing of the caller's (database URLs, proxies, keys) leaks into the children. */
function baseEnv(extra) {
  const keepVars = ['PATH', 'HOME', 'LANG', 'TZ', 'TMPDIR', 'SystemRoot'];
  const env = Object.fromEntries(keepVars.filter((k) => process.env[k]).map((k) => [k, process.env[k]]));
  return Object.fromEntries(Object.entries({ ...env, ...extra }).filter(([, v]) => v !== undefined));
}

// ---------------------------------------------------------------------------------------------------------
// HTTP helpers (127.0.0.1 only)

async function request(url, { method = 'POST', headers = {}, body, json } = {}) {
  assert(new URL(url).hostname === '127.0.0.1', `refusing to call ${url}`);
  const init = { method, headers: { ...headers }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) };
  if (json !== undefined) {
    init.body = JSON.stringify(json);
    init.headers['content-type'] = 'application/json';
  } else if (body !== undefined) {
    init.body = body;
    init.headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(url, init);
  const text = await response.text();
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, text, json: parsed };
}

// ---------------------------------------------------------------------------------------------------------
// The local receiver: plays Evolution API (/evolution/...) and Meta's Graph API (/graph/v20.0/...).

let receiver;
function startReceiver(port) {
  const calls = [];
  let counter = 0;
  const failedOnce = new Set();
  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      let body;
      try {
        body = JSON.parse(raw);
      } catch {
        body = undefined;
      }
      const call = { method: req.method, path: req.url, headers: req.headers, raw, body };
      calls.push(call);
      const send = (status, payload) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      // A text carrying this marker fails once, like a provider hiccup.
      if (raw.includes('[simulate-provider-error]') && !failedOnce.has(raw)) {
        failedOnce.add(raw);
        call.answered = 500;
        return send(500, { status: 500, error: 'Internal Server Error', response: { message: 'simulated' } });
      }
      counter += 1;
      if (req.method === 'POST' && /^\/evolution\/message\/send(Text|Media)\/[^/]+$/.test(req.url)) {
        call.answered = 201;
        return send(201, {
          key: {
            remoteJid: `${body?.number}@s.whatsapp.net`,
            fromMe: true,
            id: `3EB0TEST${String(counter).padStart(8, '0')}`,
          },
          message: { conversation: body?.text },
          messageTimestamp: Math.floor(Date.now() / 1000),
          status: 'PENDING',
        });
      }
      if (req.method === 'POST' && /^\/graph\/v20\.0\/[^/]+\/messages$/.test(req.url)) {
        call.answered = 200;
        return send(200, {
          messaging_product: 'whatsapp',
          contacts: [{ input: body?.to, wa_id: body?.to }],
          messages: [{ id: `wamid.TEST${String(counter).padStart(8, '0')}` }],
        });
      }
      call.answered = 404;
      return send(404, { error: 'not found' });
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () =>
      resolve({
        calls,
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise((done) => server.close(() => done())),
      }),
    );
  });
}

// ---------------------------------------------------------------------------------------------------------
// Main

const watchdog = setTimeout(() => {
  say(`\n✘ the test did not finish within its time limit; stopping`);
  results.failed += 1;
  void finish(1);
}, INSTALL_TIMEOUT_MS + RUN_TIMEOUT_MS);
watchdog.unref();

try {
  await main();
  await finish(results.failed === 0 ? 0 : 1);
} catch (error) {
  results.failed += 1;
  say(`\n✘ ${error?.stack ?? error}`);
  await finish(1);
}

async function main() {
  say(`Agenda Cheia × n8n ${N8N_VERSION}: shipped workflows in a real n8n (127.0.0.1 only)`);

  step('Checks before starting');
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (!(major > 20 || (major === 20 && minor >= 19)) || major > 24) {
    throw new Error(`n8n ${N8N_VERSION} needs Node 20.19 to 24.x; this is ${process.versions.node}`);
  }
  await check(
    'docs/n8n/workflows match tooling/n8n/code (node tooling/n8n/build-workflows.mjs)',
    async () => {
      const stale = await staleWorkflows();
      assert(stale.length === 0, `out of date: ${stale.join(', ')}`);
    },
  );
  await check('each workflow has its stable id and webhook path', async () => {
    for (const spec of Object.values(WORKFLOWS)) {
      const workflow = JSON.parse(readFileSync(path.join(workflowsDir, spec.file), 'utf8'));
      assert(workflow.id === spec.id, `${spec.file}: id ${workflow.id}`);
      const paths = workflow.nodes
        .filter((n) => n.type === 'n8n-nodes-base.webhook')
        .map((n) => n.parameters.path);
      assert(paths.length > 0 && paths.every((p) => p === spec.path), `${spec.file}: webhook paths ${paths}`);
      assert(
        workflow.nodes.filter((n) => n.type === 'n8n-nodes-base.webhook').every((n) => n.webhookId),
        `${spec.file}: webhook without webhookId`,
      );
    }
  });
  if (results.failed > 0) throw new Error('fix the workflow files first');

  step(`n8n ${N8N_VERSION} (cached in ${cacheDir})`);
  await installN8n();

  tmpDir = mkdtempSync(path.join(os.tmpdir(), 'agenda-cheia-n8n-'));
  const logs = {
    build: path.join(tmpDir, 'api-build.log'),
    api: path.join(tmpDir, 'api.log'),
    cli: path.join(tmpDir, 'n8n-cli.log'),
    n8n: path.join(tmpDir, 'n8n.log'),
  };
  say(`  temporary folder: ${tmpDir}`);

  step('Agenda Cheia API build');
  if (args.has('--no-build')) say('  --no-build: using the existing apps/api/dist');
  else {
    // The pnpm that runs `pnpm test:n8n` (a script or a native binary), else npx.
    const execPath = process.env.npm_execpath ?? '';
    const pnpm = !path.basename(execPath).startsWith('pnpm')
      ? ['npx', ['--yes', PNPM]]
      : /\.[cm]?js$/.test(execPath)
        ? [process.execPath, [execPath]]
        : [execPath, []];
    await run('API build', pnpm[0], [...pnpm[1], '--filter', '@agenda-cheia/api', 'build'], {
      cwd: repoRoot,
      env: { ...process.env },
      logFile: logs.build,
      timeoutMs: 180_000,
    });
    say('  built apps/api/dist');
  }
  const apiMain = path.join(repoRoot, 'apps/api/dist/main.js');
  assert(
    existsSync(apiMain),
    `${apiMain} is missing: build the API (npx ${PNPM} --filter @agenda-cheia/api build)`,
  );

  const [apiPort, n8nPort, brokerPort, receiverPort] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  const api = `http://127.0.0.1:${apiPort}`;
  const n8n = `http://127.0.0.1:${n8nPort}`;
  const hooks = {
    evolution: `${n8n}/webhook/${WORKFLOWS.inboundEvolution.path}`,
    cloud: `${n8n}/webhook/${WORKFLOWS.inboundCloud.path}`,
    outbound: `${n8n}/webhook/${WORKFLOWS.outbound.path}`,
  };

  step('Local receiver standing in for Evolution API and the Graph API');
  receiver = await startReceiver(receiverPort);
  say(`  listening on ${receiver.url}`);

  // tRPC over HTTP with plain JSON, as the owner.
  let ownerToken;
  const trpc = async (procedure, input, kind = 'mutation') => {
    const headers = ownerToken ? { authorization: `Bearer ${ownerToken}` } : {};
    const response =
      kind === 'query'
        ? await request(`${api}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input ?? {}))}`, {
            method: 'GET',
            headers,
          })
        : await request(`${api}/trpc/${procedure}`, { headers, json: input ?? {} });
    if (response.status !== 200 || !response.json?.result) {
      const error = new Error(`${procedure}: HTTP ${response.status} ${response.text.slice(0, 300)}`);
      error.response = response;
      throw error;
    }
    return response.json.result.data;
  };

  const bringUpApi = async () => {
    const apiProcess = startProcess('API', process.execPath, [apiMain], {
      cwd: repoRoot,
      env: baseEnv({
        NODE_ENV: 'production',
        PORT: String(apiPort),
        HOST: '127.0.0.1',
        DATA_DIR: path.join(tmpDir, 'api-data'),
        SEED_DEMO: 'false',
        LOG_LEVEL: 'warn',
        BCRYPT_COST: '10',
      }),
      logFile: logs.api,
    });
    await until(
      'the API to be ready',
      async () => {
        if (apiProcess.exited) throw new Error(`the API exited (${apiProcess.code})`);
        return (await request(`${api}/api/ready`, { method: 'GET' })).status === 200;
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    ).catch((error) => {
      throw new Error(`${error.message}\n${tail(logs.api)}`);
    });
    say(`  [api] ready on ${api} (fresh embedded database)`);
    const registered = await trpc('auth.register', {
      businessName: 'Salão Teste n8n',
      name: 'Dona do Salão',
      email: `n8n-${randomBytes(4).toString('hex')}@example.com`,
      password: '12345678',
    });
    ownerToken = registered.accessToken;
    const created = await trpc('integrations.create', { kind: 'n8n', outboundUrl: hooks.outbound });
    assert(
      created.inboundToken && created.signingSecret,
      'integrations.create did not return the inbound token and signing secret',
    );
    say('  [api] registered a business and created its n8n integration (inbound token + signing secret)');
    return created;
  };

  const n8nFolder = path.join(tmpDir, 'n8n');
  mkdirSync(n8nFolder, { recursive: true });
  // The CLI only needs the folder and the database; the workflow variables matter to `n8n start` only.
  const cli = (commandArgs) =>
    run(`n8n ${commandArgs[0]}`, n8nBin, commandArgs, {
      cwd: tmpDir,
      env: baseEnv({
        N8N_USER_FOLDER: n8nFolder,
        DB_TYPE: 'sqlite',
        N8N_DIAGNOSTICS_ENABLED: 'false',
        N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
      }),
      logFile: logs.cli,
      timeoutMs: 120_000,
    });

  // Test-only copies whose Code node throws: an execution that fails must answer 5xx, never n8n's empty 200.
  const broken = {
    outbound: { from: WORKFLOWS.outbound, id: 'AgendaCheiaTstO1', path: 'agenda-cheia-test-broken-outbound' },
    inbound: {
      from: WORKFLOWS.inboundEvolution,
      id: 'AgendaCheiaTstI1',
      path: 'agenda-cheia-test-broken-inbound',
    },
  };
  const prepareN8n = async () => {
    await cli(['import:workflow', '--separate', `--input=${workflowsDir}`]);
    say(
      `  [n8n] imported ${Object.values(WORKFLOWS)
        .map((w) => w.file)
        .join(', ')}`,
    );
    const brokenDir = path.join(tmpDir, 'broken-workflows');
    mkdirSync(brokenDir);
    for (const variant of Object.values(broken)) {
      const workflow = JSON.parse(readFileSync(path.join(workflowsDir, variant.from.file), 'utf8'));
      workflow.id = variant.id;
      workflow.name = `TEST ONLY: ${workflow.name} with a failing Code node`;
      for (const node of workflow.nodes) {
        if (node.type === 'n8n-nodes-base.webhook') {
          node.parameters.path = variant.path;
          node.webhookId = randomUUID();
        }
        if (
          node.type === 'n8n-nodes-base.code' &&
          /^(Verify signature|Map Evolution event)$/.test(node.name)
        ) {
          node.parameters.jsCode = "throw new Error('simulated failure in a Code node');";
        }
      }
      writeFileSync(path.join(brokenDir, `${variant.id}.json`), JSON.stringify(workflow));
    }
    await cli(['import:workflow', '--separate', `--input=${brokenDir}`]);
    say(
      `  [n8n] imported two test-only copies with a failing Code node (${broken.outbound.id}, ${broken.inbound.id})`,
    );
    for (const id of [...Object.values(WORKFLOWS).map((w) => w.id), broken.outbound.id, broken.inbound.id]) {
      await cli(['publish:workflow', `--id=${id}`]);
      say(`  [n8n] published ${id}`);
    }
  };
  for (const variant of Object.values(broken)) variant.url = `${n8n}/webhook/${variant.path}`;

  step('In parallel: start the Agenda Cheia API | import and publish the workflows with the n8n CLI');
  const [integration] = await Promise.all([bringUpApi(), prepareN8n()]);
  const { inboundToken, signingSecret } = integration;

  const conversations = async () => (await trpc('conversations.list', { limit: 100 }, 'query')).items;
  const messagesOf = async (conversationId) =>
    (await trpc('messages.list', { conversationId, limit: 100 }, 'query')).items;
  const conversationOf = async (phone) => (await conversations()).find((c) => c.clientPhone === phone);
  const allTexts = async () => {
    const texts = [];
    for (const c of await conversations()) for (const m of await messagesOf(c.id)) texts.push(m.text);
    return texts;
  };

  const secrets = {
    evolutionWebhookToken: `evo-${randomBytes(8).toString('hex')}`,
    evolutionApiKey: `evo-key-${randomBytes(8).toString('hex')}`,
    appSecret: `app-secret-${randomBytes(8).toString('hex')}`,
    verifyToken: `verify-${randomBytes(8).toString('hex')}`,
    accessToken: `EAAG-test-${randomBytes(8).toString('hex')}`,
  };
  const n8nEnv = (extra = {}) =>
    baseEnv({
      N8N_USER_FOLDER: n8nFolder,
      DB_TYPE: 'sqlite',
      N8N_PORT: String(n8nPort),
      N8N_LISTEN_ADDRESS: '127.0.0.1',
      N8N_HOST: '127.0.0.1',
      WEBHOOK_URL: `${n8n}/`,
      N8N_RUNNERS_BROKER_PORT: String(brokerPort),
      N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
      N8N_DIAGNOSTICS_ENABLED: 'false',
      N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
      N8N_TEMPLATES_ENABLED: 'false',
      N8N_PERSONALIZATION_ENABLED: 'false',
      N8N_SECURE_COOKIE: 'false',
      N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
      // What the workflows need (docs/n8n/README.md):
      N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
      NODE_FUNCTION_ALLOW_BUILTIN: 'crypto',
      AGENDA_CHEIA_API_URL: api,
      AGENDA_CHEIA_INBOUND_TOKEN: inboundToken,
      AGENDA_CHEIA_SIGNING_SECRET: signingSecret,
      WHATSAPP_PROVIDER: 'evolution',
      EVOLUTION_API_URL: `${receiver.url}/evolution`,
      EVOLUTION_INSTANCE: 'salao-teste',
      EVOLUTION_API_KEY: secrets.evolutionApiKey,
      EVOLUTION_WEBHOOK_TOKEN: secrets.evolutionWebhookToken,
      WHATSAPP_VERIFY_TOKEN: secrets.verifyToken,
      WHATSAPP_APP_SECRET: secrets.appSecret,
      WHATSAPP_GRAPH_API_URL: `${receiver.url}/graph/v20.0`,
      WHATSAPP_PHONE_NUMBER_ID: '109876543210987',
      WHATSAPP_ACCESS_TOKEN: secrets.accessToken,
      ...extra,
    });

  step('n8n: start with the workflow variables');
  let n8nProcess;
  const startN8n = async (extra) => {
    n8nProcess = startProcess('n8n', n8nBin, ['start'], {
      cwd: tmpDir,
      env: n8nEnv(extra),
      logFile: logs.n8n,
    });
    // /healthz/readiness turns ok before the webhooks are registered: wait for the webhooks themselves.
    await until(
      'the production webhooks to be registered',
      async () => {
        if (n8nProcess.exited) throw new Error(`n8n exited (${n8nProcess.code})`);
        // While starting, n8n answers "n8n is starting up" or its editor's 404 page: only an answer of the
        // workflow itself (JSON with `ok`, whatever the status) means the webhook is registered.
        const answers = await Promise.all(
          [...Object.values(hooks), broken.outbound.url, broken.inbound.url].map((url) =>
            request(url, { json: {} }).catch(() => ({ status: 0 })),
          ),
        );
        return answers.every((a) => a.status !== 404 && typeof a.json?.ok === 'boolean');
      },
      { timeoutMs: 120_000, intervalMs: 500 },
    ).catch((error) => {
      throw new Error(`${error.message}\n${tail(logs.n8n)}`);
    });
  };
  await startN8n();
  say(`  n8n ready on ${n8n} (webhooks answer)`);

  // ------------------------------------------------------------------------------------------------------
  step('Inbound: Evolution API → n8n → Agenda Cheia');
  const evolution = (payload, token = secrets.evolutionWebhookToken) =>
    request(`${hooks.evolution}${token ? `?token=${encodeURIComponent(token)}` : ''}`, { json: payload });
  const evolutionUpsert = ({ id, jid, fromMe = false, pushName, message, extraKey = {} }) => ({
    event: 'messages.upsert',
    instance: 'salao-teste',
    data: {
      key: { remoteJid: jid, fromMe, id, ...extraKey },
      pushName,
      status: 'DELIVERY_ACK',
      message,
      messageType: Object.keys(message)[0],
      messageTimestamp: Math.floor(Date.now() / 1000),
      instanceId: 'c0ffee00-0000-4000-8000-000000000001',
      source: 'android',
    },
    destination: hooks.evolution,
    date_time: new Date().toISOString(),
    sender: '5511900000000@s.whatsapp.net',
    server_url: 'http://127.0.0.1:8080',
    apikey: 'instance-token',
  });
  const maria = { phone: '+5511988887777', jid: '5511988887777@s.whatsapp.net', name: 'Maria Souza' };
  const evoId = () => `3EB0${randomBytes(8).toString('hex').toUpperCase()}`;
  const firstText = `Oi! Quero marcar um corte amanhã às 15h ${randomBytes(3).toString('hex')}`;
  const firstId = evoId();

  const evolutionStored = await check('MESSAGES_UPSERT text (message.conversation) is stored', async () => {
    const response = await evolution(
      evolutionUpsert({
        id: firstId,
        jid: maria.jid,
        pushName: maria.name,
        message: { conversation: firstText },
      }),
    );
    assert(response.status === 200, `n8n answered ${response.status}: ${response.text}`);
    const result = response.json?.forwarded?.[0];
    assert(
      result?.route === 'message-received' && result.status === 202,
      `API result: ${JSON.stringify(result)}`,
    );
    const conversation = await conversationOf(maria.phone);
    assert(conversation, `no conversation for ${maria.phone}`);
    assert(conversation.clientName === maria.name, `client name ${conversation.clientName}`);
    const stored = (await messagesOf(conversation.id)).find((m) => m.text === firstText);
    assert(
      stored?.direction === 'inbound' && stored.channel === 'whatsapp',
      `stored: ${JSON.stringify(stored)}`,
    );
    return `conversation ${conversation.id.slice(0, 8)}…, client "${conversation.clientName}" ${conversation.clientPhone}`;
  });

  await check('the same event again is stored once (API answers 200 duplicate)', async () => {
    const response = await evolution(
      evolutionUpsert({
        id: firstId,
        jid: maria.jid,
        pushName: maria.name,
        message: { conversation: firstText },
      }),
    );
    const result = response.json?.forwarded?.[0];
    assert(response.status === 200 && result?.status === 200, `n8n ${response.status}: ${response.text}`);
    assert(result.response?.duplicate === true, `API answer: ${JSON.stringify(result.response)}`);
    const conversation = await conversationOf(maria.phone);
    const copies = (await messagesOf(conversation.id)).filter((m) => m.text === firstText);
    assert(copies.length === 1, `${copies.length} copies stored`);
  });

  await check('extendedTextMessage.text, image caption and document caption are stored', async () => {
    const texts = {
      extended: `Pode ser às 16h? ${randomBytes(3).toString('hex')}`,
      image: `Quero esse corte da foto ${randomBytes(3).toString('hex')}`,
      document: `Segue o comprovante ${randomBytes(3).toString('hex')}`,
    };
    const messages = [
      { extendedTextMessage: { text: texts.extended, contextInfo: {} } },
      {
        imageMessage: { caption: texts.image, mimetype: 'image/jpeg', url: 'https://mmg.whatsapp.net/x.enc' },
      },
      {
        documentWithCaptionMessage: {
          message: {
            documentMessage: { caption: texts.document, fileName: 'pix.pdf', mimetype: 'application/pdf' },
          },
        },
      },
    ];
    for (const message of messages) {
      const response = await evolution(
        evolutionUpsert({ id: evoId(), jid: maria.jid, pushName: maria.name, message }),
      );
      assert(response.json?.forwarded?.[0]?.status === 202, `n8n ${response.status}: ${response.text}`);
    }
    const conversation = await conversationOf(maria.phone);
    const stored = (await messagesOf(conversation.id)).map((m) => m.text);
    for (const [kind, text] of Object.entries(texts))
      assert(stored.includes(text), `${kind} text not stored`);
  });

  await check('media with message.mediaUrl keeps the URL; a @lid chat uses key.senderPn', async () => {
    const caption = `Olha a unha que eu quero ${randomBytes(3).toString('hex')}`;
    const mediaUrl = `${receiver.url}/media/unha-${randomBytes(3).toString('hex')}.jpg`;
    const withMedia = await evolution({
      ...evolutionUpsert({
        id: evoId(),
        jid: maria.jid,
        pushName: maria.name,
        message: { imageMessage: { caption, mimetype: 'image/jpeg' }, mediaUrl },
      }),
    });
    assert(withMedia.json?.forwarded?.[0]?.status === 202, `n8n ${withMedia.status}: ${withMedia.text}`);
    const conversation = await conversationOf(maria.phone);
    const stored = (await messagesOf(conversation.id)).find((m) => m.text === caption);
    assert(
      stored?.media?.url === mediaUrl && stored.media.mimeType === 'image/jpeg',
      `stored ${JSON.stringify(stored)}`,
    );

    const lidText = `Oi, sou a Bia ${randomBytes(3).toString('hex')}`;
    const lid = await evolution(
      evolutionUpsert({
        id: evoId(),
        jid: '184467440737095@lid',
        pushName: 'Bia',
        message: { conversation: lidText },
        extraKey: { senderPn: '5531988881111@s.whatsapp.net' },
      }),
    );
    assert(lid.json?.forwarded?.[0]?.status === 202, `n8n ${lid.status}: ${lid.text}`);
    const bia = await conversationOf('+5531988881111');
    assert(
      bia && (await messagesOf(bia.id)).some((m) => m.text === lidText),
      'the @lid message is not stored',
    );
  });

  await check('a fromMe event is skipped (nothing stored)', async () => {
    const text = `mensagem enviada pelo próprio salão ${randomBytes(3).toString('hex')}`;
    const response = await evolution(
      evolutionUpsert({
        id: evoId(),
        jid: maria.jid,
        fromMe: true,
        pushName: 'Salão',
        message: { conversation: text },
      }),
    );
    assert(response.status === 200, `n8n answered ${response.status}: ${response.text}`);
    assert(response.json?.forwarded?.length === 0, `forwarded: ${JSON.stringify(response.json?.forwarded)}`);
    assert(
      /fromMe/.test(JSON.stringify(response.json?.skipped)),
      `skipped: ${JSON.stringify(response.json?.skipped)}`,
    );
    assert(!(await allTexts()).includes(text), 'the fromMe text was stored');
  });

  await check('a group (@g.us) event is skipped (nothing stored)', async () => {
    const text = `bom dia grupo ${randomBytes(3).toString('hex')}`;
    const response = await evolution(
      evolutionUpsert({
        id: evoId(),
        jid: '120363025246125888@g.us',
        pushName: 'Participante',
        message: { conversation: text },
        extraKey: { participant: '5511977776666@s.whatsapp.net' },
      }),
    );
    assert(response.status === 200, `n8n answered ${response.status}: ${response.text}`);
    assert(response.json?.forwarded?.length === 0, `forwarded: ${JSON.stringify(response.json?.forwarded)}`);
    assert(!(await allTexts()).includes(text), 'the group text was stored');
    assert(!(await conversationOf('+5511977776666')), 'a conversation was created for the group participant');
  });

  await check('without the webhook token (EVOLUTION_WEBHOOK_TOKEN) → 401, nothing stored', async () => {
    const text = `sem token ${randomBytes(3).toString('hex')}`;
    const event = evolutionUpsert({
      id: evoId(),
      jid: maria.jid,
      pushName: maria.name,
      message: { conversation: text },
    });
    const missing = await evolution(event, '');
    const wrong = await evolution(event, 'wrong-token');
    assert(missing.status === 401 && wrong.status === 401, `answers ${missing.status}, ${wrong.status}`);
    assert(!(await allTexts()).includes(text), 'stored anyway');
  });

  // ------------------------------------------------------------------------------------------------------
  step('Inbound: WhatsApp Cloud API → n8n → Agenda Cheia');
  const signMeta = (raw, secret = secrets.appSecret) =>
    `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
  const cloud = (payload, { sign = true } = {}) => {
    const raw = JSON.stringify(payload);
    return request(hooks.cloud, { body: raw, headers: sign ? { 'x-hub-signature-256': signMeta(raw) } : {} });
  };
  const cloudEnvelope = (value) => ({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '5511933334444', phone_number_id: '109876543210987' },
              ...value,
            },
          },
        ],
      },
    ],
  });
  const joao = { waId: '5521977776666', phone: '+5521977776666', name: 'João Pereira' };
  const wamid = () => `wamid.HBgN${randomBytes(12).toString('hex').toUpperCase()}`;

  await check("Meta's GET verification echoes hub.challenge only with WHATSAPP_VERIFY_TOKEN", async () => {
    const query = (token) =>
      `?hub.mode=subscribe&hub.verify_token=${encodeURIComponent(token)}&hub.challenge=1158201444`;
    const good = await request(`${hooks.cloud}${query(secrets.verifyToken)}`, { method: 'GET' });
    const bad = await request(`${hooks.cloud}${query('wrong')}`, { method: 'GET' });
    assert(good.status === 200 && good.text === '1158201444', `good token: ${good.status} ${good.text}`);
    assert(bad.status === 403, `wrong token: ${bad.status} ${bad.text}`);
  });

  const cloudTexts = {
    text: `Olá, vocês têm horário sábado? ${randomBytes(3).toString('hex')}`,
    button: 'Sim',
  };
  await check(
    'messages[] (text + button reply in one webhook) are stored, name from contacts[]',
    async () => {
      const response = await cloud(
        cloudEnvelope({
          contacts: [{ profile: { name: joao.name }, wa_id: joao.waId }],
          messages: [
            {
              from: joao.waId,
              id: wamid(),
              timestamp: String(Math.floor(Date.now() / 1000)),
              type: 'text',
              text: { body: cloudTexts.text },
            },
            {
              from: joao.waId,
              id: wamid(),
              timestamp: String(Math.floor(Date.now() / 1000) + 1),
              type: 'button',
              context: { from: '5511933334444', id: wamid() },
              button: { text: cloudTexts.button, payload: 'CONFIRMAR' },
            },
          ],
        }),
      );
      assert(response.status === 200, `n8n answered ${response.status}: ${response.text}`);
      const statuses = response.json?.forwarded?.map((r) => r.status);
      assert(
        JSON.stringify(statuses) === '[202,202]',
        `API results: ${JSON.stringify(response.json?.forwarded)}`,
      );
      const conversation = await conversationOf(joao.phone);
      assert(conversation?.clientName === joao.name, `conversation: ${JSON.stringify(conversation)}`);
      const stored = (await messagesOf(conversation.id)).map((m) => m.text);
      assert(
        stored.includes(cloudTexts.text) && stored.includes(cloudTexts.button),
        `stored: ${JSON.stringify(stored)}`,
      );
      return `client "${conversation.clientName}" ${conversation.clientPhone}`;
    },
  );

  await check(
    'a webhook without a valid X-Hub-Signature-256 (WHATSAPP_APP_SECRET) → 401, nothing stored',
    async () => {
      const text = `não assinado ${randomBytes(3).toString('hex')}`;
      const payload = cloudEnvelope({
        contacts: [{ profile: { name: joao.name }, wa_id: joao.waId }],
        messages: [
          { from: joao.waId, id: wamid(), timestamp: '1717000000', type: 'text', text: { body: text } },
        ],
      });
      const unsigned = await cloud(payload, { sign: false });
      const raw = JSON.stringify(payload);
      const forged = await request(hooks.cloud, {
        body: raw,
        headers: { 'x-hub-signature-256': signMeta(raw, 'x') },
      });
      assert(
        unsigned.status === 401 && forged.status === 401,
        `answers ${unsigned.status}, ${forged.status}`,
      );
      assert(!(await allTexts()).includes(text), 'stored anyway');
    },
  );

  // ------------------------------------------------------------------------------------------------------
  step('Outbound: Agenda Cheia → n8n (signature verified) → Evolution API');
  const outboundEvent = (overrides = {}) => ({
    event: 'send_message',
    message_id: randomUUID(),
    conversation_id: randomUUID(),
    client: { id: randomUUID(), name: maria.name, phone: maria.phone },
    channel: 'whatsapp',
    text: `Olá, Maria! Seu corte está confirmado para amanhã às 15h ✂️ ${randomBytes(3).toString('hex')}`,
    ...overrides,
  });
  const signAgenda = (raw, secret = signingSecret) =>
    `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
  const postOutbound = (raw, signature, messageId) =>
    request(hooks.outbound, {
      body: raw,
      headers: { ...(signature ? { 'x-agenda-signature': signature } : {}), 'idempotency-key': messageId },
    });
  const callsWith = (text) => receiver.calls.filter((c) => c.raw.includes(text));

  const outbound = outboundEvent();
  const outboundRaw = JSON.stringify(outbound);
  await check(
    'signed send_message → Evolution stand-in gets { number, text } → 200 to Agenda Cheia',
    async () => {
      const response = await postOutbound(outboundRaw, signAgenda(outboundRaw), outbound.message_id);
      assert(
        response.status === 200 && response.json?.ok === true,
        `n8n answered ${response.status}: ${response.text}`,
      );
      const calls = callsWith(outbound.text);
      assert(calls.length === 1, `${calls.length} calls to the stand-in`);
      const [call] = calls;
      assert(call.path === '/evolution/message/sendText/salao-teste', `path ${call.path}`);
      assert(call.headers.apikey === secrets.evolutionApiKey, 'apikey header missing or wrong');
      assert(
        JSON.stringify(call.body) === JSON.stringify({ number: '5511988887777', text: outbound.text }),
        `body ${call.raw}`,
      );
      assert(response.json.provider_message_id?.startsWith('3EB0TEST'), `answer ${response.text}`);
      return `POST ${call.path} ${call.raw}`;
    },
  );

  await check(
    'the same message again (a retry after a lost answer) → 200 duplicate, not sent twice',
    async () => {
      const response = await postOutbound(outboundRaw, signAgenda(outboundRaw), outbound.message_id);
      assert(
        response.status === 200 && response.json?.duplicate === true,
        `n8n answered ${response.status}: ${response.text}`,
      );
      assert(
        callsWith(outbound.text).length === 1,
        `${callsWith(outbound.text).length} calls to the stand-in`,
      );
    },
  );

  await check('bad, missing or foreign signature / tampered body → 401, nothing sent', async () => {
    const event = outboundEvent();
    const raw = JSON.stringify(event);
    const tampered = raw.replace('"Olá', '"Oi');
    const answers = [
      (await postOutbound(raw, signAgenda(raw, 'not-the-secret'), event.message_id)).status,
      (await postOutbound(raw, undefined, event.message_id)).status,
      (await postOutbound(raw, 'sha256=deadbeef', event.message_id)).status,
      (await postOutbound(tampered, signAgenda(raw), event.message_id)).status,
      (await postOutbound(`${raw} `, signAgenda(raw), event.message_id)).status,
    ];
    assert(
      answers.every((s) => s === 401),
      `answers ${answers.join(', ')}`,
    );
    await sleep(300);
    assert(callsWith(event.text.slice(10)).length === 0, 'something reached the stand-in');
    return `answers ${answers.join(', ')}`;
  });

  await check('a provider error → 502 (Agenda Cheia retries) and the retry is sent', async () => {
    const event = outboundEvent({
      text: `Lembrete do seu horário [simulate-provider-error] ${randomBytes(3).toString('hex')}`,
    });
    const raw = JSON.stringify(event);
    const first = await postOutbound(raw, signAgenda(raw), event.message_id);
    assert(first.status === 502 && first.json?.ok === false, `first attempt: ${first.status} ${first.text}`);
    const second = await postOutbound(raw, signAgenda(raw), event.message_id);
    assert(
      second.status === 200 && second.json?.ok === true && !second.json.duplicate,
      `retry: ${second.status} ${second.text}`,
    );
    assert(callsWith(event.text).length === 2, `${callsWith(event.text).length} calls to the stand-in`);
  });

  await check("the API's own signed ping (integrations.test) → ok", async () => {
    const result = await trpc('integrations.test', { id: integration.id });
    assert(result.ok === true && result.status === 200, JSON.stringify(result));
    return `HTTP ${result.status} in ${result.latencyMs} ms`;
  });

  // End to end through the API when its outbound queue and messages.send exist.
  let apiOutbound;
  const mariaConversation = evolutionStored ? await conversationOf(maria.phone) : undefined;
  const sendThroughApi = async (text) =>
    trpc('messages.send', { conversationId: mariaConversation.id, text, clientMessageId: randomUUID() });
  let hasSend = false;
  let sendError;
  if (mariaConversation) {
    try {
      apiOutbound = await sendThroughApi(
        `Oi Maria, temos horário às 15h. Confirma? ${randomBytes(3).toString('hex')}`,
      );
      hasSend = true;
    } catch (error) {
      const code = error.response?.json?.error?.data?.code;
      if (code !== 'NOT_FOUND' || !/procedure/i.test(error.message)) sendError = error;
    }
  }
  if (sendError) {
    await check('messages.send (tRPC) accepts a reply', () => {
      throw sendError;
    });
  } else if (!hasSend) {
    say('  · messages.send is not in the API yet: the outbound path above was driven with signed posts');
  } else {
    await check(
      'messages.send → API queue → n8n → Evolution stand-in; the message becomes "sent"',
      async () => {
        const call = await until(
          'the stand-in to receive the message',
          () => callsWith(apiOutbound.text)[0],
          {
            timeoutMs: 30_000,
          },
        );
        assert(
          call.body?.number === '5511988887777' && call.body.text === apiOutbound.text,
          `body ${call.raw}`,
        );
        const sent = await until('the message to be "sent"', async () => {
          const m = (await messagesOf(mariaConversation.id)).find((x) => x.id === apiOutbound.id);
          return m?.status === 'sent' || m?.status === 'delivered' ? m : undefined;
        });
        return `message ${sent.id.slice(0, 8)}… ${sent.status}`;
      },
    );
  }

  // ------------------------------------------------------------------------------------------------------
  step('Failures answer 5xx, never an empty 200 (test-only copies whose Code node throws)');
  await check('outbound: a failing Code node → 500 with the error, nothing sent', async () => {
    const event = outboundEvent();
    const raw = JSON.stringify(event);
    const response = await request(broken.outbound.url, {
      body: raw,
      headers: { 'x-agenda-signature': signAgenda(raw), 'idempotency-key': event.message_id },
    });
    assert(response.status === 500, `n8n answered ${response.status}: ${response.text}`);
    assert(/simulated failure/.test(response.json?.error ?? ''), `body ${response.text}`);
    assert(callsWith(event.text).length === 0, 'something reached the stand-in');
    return `500 ${response.text}`;
  });
  await check('inbound: a failing Code node → 500 (the provider retries), nothing stored', async () => {
    const text = `falha simulada ${randomBytes(3).toString('hex')}`;
    const response = await request(`${broken.inbound.url}?token=${secrets.evolutionWebhookToken}`, {
      json: evolutionUpsert({
        id: evoId(),
        jid: maria.jid,
        pushName: maria.name,
        message: { conversation: text },
      }),
    });
    assert(response.status === 500, `n8n answered ${response.status}: ${response.text}`);
    assert(!(await allTexts()).includes(text), 'stored anyway');
  });

  // ------------------------------------------------------------------------------------------------------
  step('Statuses: Cloud API statuses[] → n8n → Agenda Cheia message-status');
  await check('statuses[] is forwarded to /message-status and the API answer is reported', async () => {
    const target = apiOutbound?.id;
    const response = await cloud(
      cloudEnvelope({
        statuses: [
          {
            id: wamid(),
            status: 'delivered',
            timestamp: String(Math.floor(Date.now() / 1000)),
            recipient_id: joao.waId,
            ...(target ? { biz_opaque_callback_data: target } : {}),
            conversation: { id: 'c1', origin: { type: 'service' } },
            pricing: { billable: true, pricing_model: 'CBP', category: 'service' },
          },
        ],
      }),
    );
    assert(response.status === 200, `n8n answered ${response.status}: ${response.text}`);
    const result = response.json?.forwarded?.[0];
    assert(result?.route === 'message-status', `forwarded: ${JSON.stringify(response.json?.forwarded)}`);
    if (target) {
      assert(result.status === 200, `API answered ${result.status}: ${JSON.stringify(result.response)}`);
      const m = await until('the message to be "delivered"', async () =>
        (await messagesOf(mariaConversation.id)).find((x) => x.id === target && x.status === 'delivered'),
      );
      return `message ${m.id.slice(0, 8)}… delivered`;
    }
    // No outbound message exists in the API yet: the route answers 404 "message not found", relayed in the body.
    assert(
      result.status === 404 && result.response?.error?.code,
      `API answered ${result.status}: ${JSON.stringify(result.response)}`,
    );
    return `API answered ${result.status} ${result.response.error.code} (no outbound message to update yet), relayed`;
  });

  await check('Evolution MESSAGES_UPDATE is forwarded to /message-status too', async () => {
    const response = await evolution({
      event: 'messages.update',
      instance: 'salao-teste',
      data: {
        keyId: '3EB0TEST00000001',
        remoteJid: maria.jid,
        fromMe: true,
        status: 'READ',
        instanceId: 'x',
      },
      date_time: new Date().toISOString(),
    });
    const result = response.json?.forwarded?.[0];
    assert(
      response.status === 200 && result?.route === 'message-status',
      `n8n ${response.status}: ${response.text}`,
    );
    assert(
      [200, 404].includes(result.status),
      `API answered ${result.status}: ${JSON.stringify(result.response)}`,
    );
    return `API answered ${result.status}`;
  });

  // ------------------------------------------------------------------------------------------------------
  step('Outbound with WHATSAPP_PROVIDER=cloud (n8n restarted) → Graph API stand-in');
  await stopProcess(n8nProcess);
  await startN8n({ WHATSAPP_PROVIDER: 'cloud' });
  say('  n8n restarted with WHATSAPP_PROVIDER=cloud');
  await check('signed send_message → POST {phone_number_id}/messages with bearer token → 200', async () => {
    const event = outboundEvent({ client: { id: randomUUID(), name: joao.name, phone: joao.phone } });
    const raw = JSON.stringify(event);
    const response = await postOutbound(raw, signAgenda(raw), event.message_id);
    assert(
      response.status === 200 && response.json?.ok === true,
      `n8n answered ${response.status}: ${response.text}`,
    );
    const [call, ...more] = callsWith(event.text);
    assert(call && more.length === 0, `${callsWith(event.text).length} calls to the stand-in`);
    assert(call.path === '/graph/v20.0/109876543210987/messages', `path ${call.path}`);
    assert(call.headers.authorization === `Bearer ${secrets.accessToken}`, 'bearer token missing or wrong');
    const expected = {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: joao.waId,
      biz_opaque_callback_data: event.message_id,
      type: 'text',
      text: { body: event.text, preview_url: false },
    };
    assert(JSON.stringify(call.body) === JSON.stringify(expected), `body ${call.raw}`);
    assert(response.json.provider_message_id?.startsWith('wamid.TEST'), `answer ${response.text}`);
    return `POST ${call.path}`;
  });

  await check('campaign message outside the 24-hour window → approved template (Cloud API)', async () => {
    const marker = `Oferta ${randomUUID().slice(0, 8)}`;
    const event = outboundEvent({
      client: { id: randomUUID(), name: joao.name, phone: joao.phone },
      window_open: false,
      template: { name: 'oferta_horario', language: 'pt_BR', params: [marker, 'Corte feminino'] },
    });
    const raw = JSON.stringify(event);
    const response = await postOutbound(raw, signAgenda(raw), event.message_id);
    assert(response.status === 200, `n8n answered ${response.status}: ${response.text}`);
    const [call, ...more] = callsWith(marker);
    assert(call && more.length === 0, `${callsWith(marker).length} calls to the stand-in`);
    assert(call.body.type === 'template', `type ${call.body.type}`);
    assert(call.body.template.name === 'oferta_horario', `template ${call.raw}`);
    assert(call.body.template.language.code === 'pt_BR', `language ${call.raw}`);
    const params = call.body.template.components[0].parameters.map((p) => p.text);
    assert(JSON.stringify(params) === JSON.stringify([marker, 'Corte feminino']), `params ${call.raw}`);
    return `template ${call.body.template.name}`;
  });

  await check('bad signature → 401, nothing sent (Cloud API)', async () => {
    const event = outboundEvent();
    const raw = JSON.stringify(event);
    const response = await postOutbound(raw, signAgenda(raw, 'nope'), event.message_id);
    assert(response.status === 401, `n8n answered ${response.status}`);
    await sleep(300);
    assert(callsWith(event.text).length === 0, 'something reached the stand-in');
  });

  // ------------------------------------------------------------------------------------------------------
  step('n8n without N8N_BLOCK_ENV_ACCESS_IN_NODE=false and NODE_FUNCTION_ALLOW_BUILTIN=crypto (restarted)');
  await stopProcess(n8nProcess);
  await startN8n({ N8N_BLOCK_ENV_ACCESS_IN_NODE: undefined, NODE_FUNCTION_ALLOW_BUILTIN: undefined });
  say('  n8n restarted with its defaults for both');
  await check(
    'outbound → 500 naming both settings, nothing sent (the API keeps the message queued)',
    async () => {
      const event = outboundEvent();
      const raw = JSON.stringify(event);
      const response = await postOutbound(raw, signAgenda(raw), event.message_id);
      assert(response.status === 500, `n8n answered ${response.status}: ${response.text}`);
      const error = response.json?.error ?? '';
      assert(
        /N8N_BLOCK_ENV_ACCESS_IN_NODE=false/.test(error) && /NODE_FUNCTION_ALLOW_BUILTIN=crypto/.test(error),
        error,
      );
      await sleep(300);
      assert(callsWith(event.text).length === 0, 'something reached the stand-in');
      return error;
    },
  );
  await check(
    'inbound (Evolution, Cloud) → 500 naming N8N_BLOCK_ENV_ACCESS_IN_NODE, nothing stored',
    async () => {
      const text = `sem variáveis ${randomBytes(3).toString('hex')}`;
      const evo = await evolution(
        evolutionUpsert({
          id: evoId(),
          jid: maria.jid,
          pushName: maria.name,
          message: { conversation: text },
        }),
      );
      const meta = await cloud(
        cloudEnvelope({
          messages: [
            { from: joao.waId, id: wamid(), timestamp: '1717000000', type: 'text', text: { body: text } },
          ],
        }),
      );
      for (const response of [evo, meta]) {
        assert(response.status === 500, `n8n answered ${response.status}: ${response.text}`);
        assert(/N8N_BLOCK_ENV_ACCESS_IN_NODE=false/.test(response.json?.error ?? ''), response.text);
      }
      assert(!(await allTexts()).includes(text), 'stored anyway');
    },
  );

  step('Stopping');
  const everything = receiver.calls.map((c) => c.path);
  say(`  the stand-in received ${everything.length} calls: ${[...new Set(everything)].join(', ')}`);
}

// ---------------------------------------------------------------------------------------------------------

async function installN8n() {
  if (existsSync(installMarker) && existsSync(n8nBin)) {
    say(`  already installed (${installMarker})`);
    return;
  }
  mkdirSync(cacheDir, { recursive: true });
  const manifest = {
    name: 'agenda-cheia-n8n-cache',
    private: true,
    description: 'n8n for tooling/n8n/run.mjs, kept outside the Agenda Cheia workspace',
    dependencies: { n8n: N8N_VERSION },
    // n8n's default xlsx comes from outside the npm registry.
    overrides: { xlsx: '0.18.5' },
  };
  writeFileSync(path.join(cacheDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const logFile = path.join(cacheDir, 'install.log');
  say(`  installing n8n@${N8N_VERSION} with npm (first run only: ~5-7 min, ~2.3 GB); log: ${logFile}`);
  const ticker = setInterval(() => say(`  … still installing [${elapsed()}]`), 30_000);
  try {
    await run('npm install n8n', 'npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: cacheDir,
      env: { ...process.env },
      logFile,
      timeoutMs: INSTALL_TIMEOUT_MS,
    });
  } finally {
    clearInterval(ticker);
  }
  assert(existsSync(n8nBin), `${n8nBin} is missing after npm install`);
  writeFileSync(installMarker, `n8n@${N8N_VERSION} installed ${new Date().toISOString()}\n`);
  say('  installed');
}
