// Writes the importable n8n workflows of docs/n8n/workflows/ from the Code-node sources in ./code.
//   node tooling/n8n/build-workflows.mjs          rewrite the JSON files
//   node tooling/n8n/build-workflows.mjs --check  fail if a shipped file differs from what this would write
// Ids, node ids and webhook ids are fixed so that re-importing a workflow updates it instead of duplicating it.
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../..');
export const workflowsDir = path.join(repoRoot, 'docs/n8n/workflows');

const code = (name) => readFileSync(path.join(here, 'code', name), 'utf8');

export const WORKFLOWS = {
  inboundEvolution: {
    id: 'AgendaCheiaInEvo',
    file: 'agenda-cheia-inbound-evolution.json',
    path: 'agenda-cheia-inbound-evolution',
  },
  inboundCloud: {
    id: 'AgendaCheiaInCld',
    file: 'agenda-cheia-inbound-cloud.json',
    path: 'agenda-cheia-inbound-cloud',
  },
  outbound: { id: 'AgendaCheiaOutbd', file: 'agenda-cheia-outbound.json', path: 'agenda-cheia-outbound' },
};

const JSON_RESPONSE = {
  response: { response: { fullResponse: true, neverError: true, responseFormat: 'autodetect' } },
};

function webhook({ id, name, webhookId, path: webhookPath, method = 'POST', rawBody = false, position }) {
  return {
    id,
    name,
    type: 'n8n-nodes-base.webhook',
    typeVersion: 2.1,
    position,
    webhookId,
    parameters: {
      httpMethod: method,
      path: webhookPath,
      responseMode: 'responseNode',
      options: rawBody ? { rawBody: true } : {},
    },
  };
}

function codeNode({ id, name, source, position, notes }) {
  return {
    id,
    name,
    type: 'n8n-nodes-base.code',
    typeVersion: 2,
    position,
    parameters: { mode: 'runOnceForAllItems', language: 'javaScript', jsCode: source },
    // An unexpected error goes to the node's error output, answered 500: without it n8n answers a failed
    // execution with an empty 200, which Agenda Cheia and the providers would take for success.
    onError: 'continueErrorOutput',
    ...(notes ? { notes, notesInFlow: true } : {}),
  };
}

const ERROR_ANSWER = 'Answer 500 (workflow error)';

function errorRespond({ id, position }) {
  return {
    id,
    name: ERROR_ANSWER,
    type: 'n8n-nodes-base.respondToWebhook',
    typeVersion: 1.1,
    position,
    parameters: {
      respondWith: 'json',
      responseBody:
        "={{ JSON.stringify({ ok: false, error: 'n8n workflow error: ' + String($json.error?.message ?? $json.error ?? 'unknown') }) }}",
      options: {
        responseCode: 500,
        responseHeaders: { entries: [{ name: 'Content-Type', value: 'application/json; charset=utf-8' }] },
      },
    },
  };
}

/** The success output of a Code node, then its error output to the 500 answer. */
const codeOutputs = (...next) => ({ main: [next, [link(ERROR_ANSWER)]] });

function respond({ id, name, position, text = false }) {
  return {
    id,
    name,
    type: 'n8n-nodes-base.respondToWebhook',
    typeVersion: 1.1,
    position,
    parameters: {
      respondWith: text ? 'text' : 'json',
      responseBody: text ? '={{ $json.body }}' : '={{ JSON.stringify($json.body) }}',
      options: {
        responseCode: '={{ $json.statusCode }}',
        responseHeaders: {
          entries: [
            {
              name: 'Content-Type',
              value: text ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
            },
          ],
        },
      },
    },
  };
}

function httpPost({ id, name, position, url, headers, body, notes }) {
  return {
    id,
    name,
    type: 'n8n-nodes-base.httpRequest',
    typeVersion: 4.2,
    position,
    parameters: {
      method: 'POST',
      url,
      sendHeaders: true,
      headerParameters: { parameters: headers },
      sendBody: true,
      specifyBody: 'json',
      jsonBody: body,
      options: { ...JSON_RESPONSE, timeout: 15000 },
    },
    // Network errors become an item with `error` (the next Code node answers 502); HTTP statuses never throw.
    onError: 'continueRegularOutput',
    retryOnFail: true,
    maxTries: 2,
    waitBetweenTries: 1000,
    ...(notes ? { notes, notesInFlow: true } : {}),
  };
}

function ifForward({ id, position }) {
  return {
    id,
    name: 'Anything to forward?',
    type: 'n8n-nodes-base.if',
    typeVersion: 2.2,
    position,
    parameters: {
      conditions: {
        options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
        conditions: [
          {
            id: 'f0a1c2d3-0000-4000-8000-000000000001',
            leftValue: '={{ $json.forward }}',
            rightValue: true,
            operator: { type: 'boolean', operation: 'true', singleValue: true },
          },
        ],
        combinator: 'and',
      },
      options: {},
    },
  };
}

const link = (node, index = 0) => ({ node, type: 'main', index });

const settings = { executionOrder: 'v1', callerPolicy: 'workflowsFromSameOwner' };

// AGENDA_CHEIA_API_URL is the address of Agenda Cheia (https://app.example.com); a pasted webhook address
// (…/api/v1/webhooks/n8n or …/message-received) works too.
const API_URL =
  "={{ $env.AGENDA_CHEIA_API_URL.trim().replace(/\\/+$/, '').replace(/\\/api\\/v1\\/webhooks\\/n8n(\\/message-(received|status))?$/, '') }}/api/v1/webhooks/n8n/{{ $json.route }}";
const API_AUTH = [{ name: 'Authorization', value: '=Bearer {{ $env.AGENDA_CHEIA_INBOUND_TOKEN }}' }];
const API_BODY = '={{ JSON.stringify($json.payload) }}';

function inboundWorkflow({
  spec,
  name,
  prefix,
  mapName,
  mapSource,
  webhookId,
  extraNodes = [],
  extraConnections = {},
}) {
  const nodes = [
    webhook({
      id: `${prefix}-0001-4000-8000-000000000001`,
      name: 'WhatsApp webhook',
      webhookId,
      path: spec.path,
      rawBody: true,
      position: [0, 300],
    }),
    codeNode({
      id: `${prefix}-0002-4000-8000-000000000002`,
      name: mapName,
      source: mapSource,
      position: [240, 300],
    }),
    ifForward({ id: `${prefix}-0003-4000-8000-000000000003`, position: [480, 300] }),
    httpPost({
      id: `${prefix}-0004-4000-8000-000000000004`,
      name: 'Agenda Cheia API',
      position: [720, 200],
      url: API_URL,
      headers: API_AUTH,
      body: API_BODY,
      notes: 'POST /api/v1/webhooks/n8n/message-received or /message-status',
    }),
    codeNode({
      id: `${prefix}-0005-4000-8000-000000000005`,
      name: 'Summarize',
      source: code('inbound-summarize.js').replaceAll('__MAP_NODE__', mapName),
      position: [960, 200],
    }),
    respond({ id: `${prefix}-0006-4000-8000-000000000006`, name: 'Answer provider', position: [1200, 300] }),
    errorRespond({ id: `${prefix}-000a-4000-8000-00000000000a`, position: [1200, 20] }),
    ...extraNodes,
  ];
  return {
    id: spec.id,
    name,
    nodes,
    connections: {
      'WhatsApp webhook': { main: [[link(mapName)]] },
      [mapName]: codeOutputs(link('Anything to forward?')),
      'Anything to forward?': { main: [[link('Agenda Cheia API')], [link('Answer provider')]] },
      'Agenda Cheia API': { main: [[link('Summarize')]] },
      Summarize: codeOutputs(link('Answer provider')),
      ...extraConnections,
    },
    settings,
    pinData: {},
    active: false,
    meta: { templateCredsSetupCompleted: true },
    tags: [],
  };
}

export function buildWorkflows() {
  const inboundEvolution = inboundWorkflow({
    spec: WORKFLOWS.inboundEvolution,
    name: 'Agenda Cheia - inbound (Evolution API)',
    prefix: 'a1e70001',
    mapName: 'Map Evolution event',
    mapSource: code('evolution-map.js'),
    webhookId: '6d3c5f0e-1b7a-4c59-9a51-0e7b1a2c3d01',
  });

  const inboundCloud = inboundWorkflow({
    spec: WORKFLOWS.inboundCloud,
    name: 'Agenda Cheia - inbound (WhatsApp Cloud API)',
    prefix: 'a1c10001',
    mapName: 'Map Cloud API event',
    mapSource: code('cloud-map.js'),
    webhookId: '6d3c5f0e-1b7a-4c59-9a51-0e7b1a2c3d02',
    extraNodes: [
      webhook({
        id: 'a1c10001-0007-4000-8000-000000000007',
        name: 'Meta verification (GET)',
        webhookId: '6d3c5f0e-1b7a-4c59-9a51-0e7b1a2c3d03',
        path: WORKFLOWS.inboundCloud.path,
        method: 'GET',
        position: [0, 560],
      }),
      codeNode({
        id: 'a1c10001-0008-4000-8000-000000000008',
        name: 'Verify subscription',
        source: code('cloud-verify.js'),
        position: [240, 560],
      }),
      respond({
        id: 'a1c10001-0009-4000-8000-000000000009',
        name: 'Answer Meta',
        position: [480, 560],
        text: true,
      }),
    ],
    extraConnections: {
      'Meta verification (GET)': { main: [[link('Verify subscription')]] },
      'Verify subscription': codeOutputs(link('Answer Meta')),
    },
  });

  const p = 'a10b0001';
  const outbound = {
    id: WORKFLOWS.outbound.id,
    name: 'Agenda Cheia - outbound (send WhatsApp messages)',
    nodes: [
      webhook({
        id: `${p}-0001-4000-8000-000000000001`,
        name: 'Agenda Cheia webhook',
        webhookId: '6d3c5f0e-1b7a-4c59-9a51-0e7b1a2c3d04',
        path: WORKFLOWS.outbound.path,
        rawBody: true,
        position: [0, 300],
      }),
      codeNode({
        id: `${p}-0002-4000-8000-000000000002`,
        name: 'Verify signature',
        source: code('outbound-verify.js'),
        position: [240, 300],
        notes: 'HMAC-SHA256 of the raw body with AGENDA_CHEIA_SIGNING_SECRET',
      }),
      {
        id: `${p}-0003-4000-8000-000000000003`,
        name: 'Route',
        type: 'n8n-nodes-base.switch',
        typeVersion: 3.2,
        position: [480, 300],
        parameters: { mode: 'expression', numberOutputs: 3, output: '={{ $json.route }}' },
        notes: '0: answer now, 1: Evolution API, 2: Cloud API',
        notesInFlow: true,
      },
      httpPost({
        id: `${p}-0004-4000-8000-000000000004`,
        name: 'Send with Evolution API',
        position: [720, 200],
        url: "={{ $env.EVOLUTION_API_URL.replace(/\\/+$/, '') }}/message/{{ $json.request.path }}/{{ encodeURIComponent($env.EVOLUTION_INSTANCE) }}",
        headers: [{ name: 'apikey', value: '={{ $env.EVOLUTION_API_KEY }}' }],
        body: '={{ JSON.stringify($json.request.body) }}',
      }),
      httpPost({
        id: `${p}-0005-4000-8000-000000000005`,
        name: 'Send with Cloud API',
        position: [720, 420],
        url: "={{ ($env.WHATSAPP_GRAPH_API_URL || 'https://graph.facebook.com/v20.0').replace(/\\/+$/, '') }}/{{ $env.WHATSAPP_PHONE_NUMBER_ID }}/messages",
        headers: [{ name: 'Authorization', value: '=Bearer {{ $env.WHATSAPP_ACCESS_TOKEN }}' }],
        body: '={{ JSON.stringify($json.request.body) }}',
      }),
      codeNode({
        id: `${p}-0006-4000-8000-000000000006`,
        name: 'Result',
        source: code('outbound-result.js'),
        position: [960, 300],
      }),
      respond({ id: `${p}-0007-4000-8000-000000000007`, name: 'Answer Agenda Cheia', position: [1200, 300] }),
      errorRespond({ id: `${p}-000a-4000-8000-00000000000a`, position: [1200, 20] }),
    ],
    connections: {
      'Agenda Cheia webhook': { main: [[link('Verify signature')]] },
      'Verify signature': codeOutputs(link('Route')),
      Route: {
        main: [
          [link('Answer Agenda Cheia')],
          [link('Send with Evolution API')],
          [link('Send with Cloud API')],
        ],
      },
      'Send with Evolution API': { main: [[link('Result')]] },
      'Send with Cloud API': { main: [[link('Result')]] },
      Result: codeOutputs(link('Answer Agenda Cheia')),
    },
    settings,
    pinData: {},
    active: false,
    meta: { templateCredsSetupCompleted: true },
    tags: [],
  };

  return { inboundEvolution, inboundCloud, outbound };
}

/** Formats like the repository's `pnpm format` would (Prettier from the workspace), when available. */
async function format(text, file) {
  try {
    const prettier = await import(pathToFileURL(path.join(repoRoot, 'node_modules/prettier/index.mjs')).href);
    const config = (await prettier.resolveConfig(file)) ?? {};
    return await prettier.format(text, { ...config, filepath: file });
  } catch {
    return text;
  }
}

export async function renderWorkflows() {
  const built = buildWorkflows();
  const files = [];
  for (const [key, spec] of Object.entries(WORKFLOWS)) {
    const file = path.join(workflowsDir, spec.file);
    files.push({ file, text: await format(`${JSON.stringify(built[key], null, 2)}\n`, file) });
  }
  return files;
}

/** The shipped files that differ from what the generator writes (relative paths). */
export async function staleWorkflows() {
  const stale = [];
  for (const { file, text } of await renderWorkflows()) {
    if (!existsSync(file) || readFileSync(file, 'utf8') !== text) stale.push(path.relative(repoRoot, file));
  }
  return stale;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--check')) {
    const stale = await staleWorkflows();
    if (stale.length > 0) {
      console.error(`out of date: ${stale.join(', ')} (run node tooling/n8n/build-workflows.mjs)`);
      process.exit(1);
    }
    process.stdout.write('docs/n8n/workflows are up to date\n');
  } else {
    mkdirSync(workflowsDir, { recursive: true });
    for (const { file, text } of await renderWorkflows()) {
      writeFileSync(file, text);
      process.stdout.write(`wrote ${path.relative(repoRoot, file)}\n`);
    }
  }
}
