import { type ChildProcess, spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { registration, startTestApi, type TestApi } from '../harness';
import { eventually, expectRestError, freshPhone, postWebhook } from './tenants';

let api: TestApi;
let owner: { email: string; password: string; accessToken: string; inboundToken: string };

beforeAll(async () => {
  api = await startTestApi();
  const input = registration();
  const session = await api.client().auth.register.mutate(input);
  const integration = await api
    .client(session.accessToken)
    .integrations.create.mutate({ kind: 'n8n', outboundUrl: 'http://127.0.0.1:9/n8n' });
  owner = { ...input, accessToken: session.accessToken, inboundToken: integration.inboundToken };
});
afterAll(async () => {
  await api.close();
});

/** The API still does its job: health answers and a real login (bcrypt, database) succeeds. */
async function expectServing() {
  expect((await fetch(`${api.url}/api/health`)).status).toBe(200);
  const login = await api.client().auth.login.mutate({ email: owner.email, password: owner.password });
  expect(login.user.email).toBe(owner.email);
}

async function postRaw(path: string, body: string | Uint8Array, headers: Record<string, string> = {}) {
  const response = await fetch(`${api.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('oversized and deeply nested JSON', () => {
  it('answers bodies over the limits with a JSON 413, declared or streamed, and keeps serving', async () => {
    const webhookAuth = { authorization: `Bearer ${owner.inboundToken}` };
    const huge = JSON.stringify({
      phone: freshPhone(),
      message: 'x'.repeat(300 * 1024),
      timestamp: 1,
      message_id: 'a',
    });
    for (const path of ['/api/v1/webhooks/n8n/message-received', '/api/v1/webhooks/n8n/message-status']) {
      const answer = await postRaw(path, huge, webhookAuth);
      expect(answer.status).toBe(413);
      expectRestError(answer.body, 'PAYLOAD_TOO_LARGE');
    }
    // Without Content-Length (chunked): counted while it streams in.
    const streamed = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 40; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(10 * 1024)));
        controller.close();
      },
    });
    const chunked = await fetch(`${api.url}/api/v1/webhooks/n8n/message-received`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...webhookAuth },
      body: streamed,
      duplex: 'half',
    });
    expect(chunked.status).toBe(413);
    expectRestError(await chunked.json(), 'PAYLOAD_TOO_LARGE');

    const tooBigForTrpc = JSON.stringify({ csv: 'nome,telefone\n'.repeat(90_000) });
    const trpc = await postRaw('/trpc/clients.importCsv', tooBigForTrpc, {
      authorization: `Bearer ${owner.accessToken}`,
    });
    expect(trpc.status).toBe(413);
    expect(trpc.body).toMatchObject({ error: { data: { code: 'PAYLOAD_TOO_LARGE', httpStatus: 413 } } });

    // Headers past Node's 16 kB: refused by the HTTP parser itself.
    const headers = await fetch(`${api.url}/api/health`, { headers: { 'x-padding': 'x'.repeat(20_000) } });
    expect(headers.status).toBe(431);
    await expectServing();
  });

  it('answers 100,000 levels of nesting with a 400, without a stack overflow', async () => {
    const depth = 100_000;
    const deepArray = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const webhookAuth = { authorization: `Bearer ${owner.inboundToken}` };
    const asWebhookBody = await postRaw('/api/v1/webhooks/n8n/message-received', deepArray, webhookAuth);
    expect(asWebhookBody.status).toBe(400);
    expectRestError(asWebhookBody.body, 'VALIDATION_FAILED');

    // Deep inside fields nobody reads, and a NUL at the very bottom: the guard walks it without recursion.
    const deepWithNul = `{"phone":"${freshPhone()}","message":"oi","timestamp":1,"message_id":"deep-1","extra":${'['.repeat(depth)}"\\u0000"${']'.repeat(depth)}}`;
    const nul = await postRaw('/api/v1/webhooks/n8n/message-received', deepWithNul, webhookAuth);
    expect(nul.status).toBe(400);
    expect(expectRestError(nul.body, 'VALIDATION_FAILED')).toContain('extra');

    const trpcAuth = { authorization: `Bearer ${owner.accessToken}` };
    for (const body of [
      deepArray,
      `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
      `{"search":"x","extra":${'['.repeat(depth)}"\\u0000"${']'.repeat(depth)}}`,
    ]) {
      const answer = await postRaw('/trpc/clients.importCsv', body, trpcAuth);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: { data: { appCode: 'VALIDATION_FAILED' } } });
    }
    // Nothing was stored from any of it.
    const stored = await api.database.db
      .selectFrom('messages')
      .select('id')
      .where('provider_message_id', '=', 'deep-1')
      .execute();
    expect(stored).toEqual([]);
    await expectServing();
  });

  it('closes a WebSocket that sends a frame over 1 MiB, and keeps serving', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${api.server.port}/trpc`);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send('x'.repeat(2 * 1024 * 1024));
    expect(await closed).toBe(1009);
    await expectServing();
  });
});

/** A socket that writes `text` one byte per second, as a slowloris client does. */
function dripping(text: string) {
  const socket = connect(api.server.port, '127.0.0.1');
  let answer = '';
  let closed = false;
  socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
  socket.on('error', () => undefined);
  socket.on('close', () => {
    closed = true;
    clearInterval(timer);
  });
  let sent = 0;
  const timer = setInterval(() => {
    if (sent < text.length && !socket.destroyed) socket.write(text.charAt(sent++));
  }, 1000);
  return {
    get closed() {
      return closed;
    },
    get answer() {
      return answer;
    },
    destroy: () => {
      clearInterval(timer);
      socket.destroy();
    },
  };
}

/**
 * Opens `count` idle TCP connections to the API from a child process (each process has its own file
 * descriptor limit: the server side alone needs `count` of ours), which reports twice a second how many
 * are open and how many the server has closed.
 */
function idleSockets(port: number, count: number) {
  const source = `
    const net = require('node:net');
    let open = 0, closed = 0, failed = 0, started = 0, seq = 0;
    function next() { if (started < ${count}) openOne(); }
    function openOne() {
      started += 1;
      const socket = net.connect(${port}, '127.0.0.1');
      socket.once('connect', () => { open += 1; next(); });
      socket.once('error', () => { failed += 1; next(); });
      socket.once('close', () => { closed += 1; });
    }
    // 200 connections in flight at a time: within the listen backlog.
    for (let i = 0; i < 200; i++) next();
    setInterval(() => process.send({ seq: ++seq, open, closed, failed }), 500);
    process.on('disconnect', () => process.exit(0));
  `;
  const child: ChildProcess = spawn(process.execPath, ['-e', source], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  let state = { seq: 0, open: 0, closed: 0, failed: 0 };
  child.on('message', (message) => {
    state = message as typeof state;
  });
  return {
    get state() {
      return state;
    },
    stop: () => child.kill('SIGKILL'),
  };
}

describe.concurrent('slow and idle clients', () => {
  it('cuts slowloris clients at the headers timeout while serving everyone else', async ({
    expect: local,
  }) => {
    const slow = Array.from({ length: 100 }, (_, i) =>
      dripping(
        `POST /trpc/auth.login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Slow-${i}: ${'z'.repeat(60)}\r\n\r\n`,
      ),
    );
    try {
      await new Promise((resolve) => setTimeout(resolve, 3000));
      local(slow.every((s) => !s.closed)).toBe(true);
      await expectServing();
      // 20 s for headers, checked every 5 s: well within this deadline, never a measured duration.
      await eventually(() => slow.every((s) => s.closed), 'the server to cut every slow client', 90_000);
      local(slow.filter((s) => s.answer.startsWith('HTTP/1.1 408')).length).toBe(slow.length);
      await expectServing();
    } finally {
      for (const s of slow) s.destroy();
    }
  }, 120_000);

  it('keeps serving with 10,000 idle sockets open, and closes them when they never send a request', async ({
    expect: local,
  }) => {
    const count = 10_000;
    const idle = idleSockets(api.server.port, count);
    try {
      await eventually(() => idle.state.open + idle.state.failed === count, `${count} idle sockets`, 60_000);
      local(idle.state).toMatchObject({ open: count, closed: 0, failed: 0 });
      await expectServing();
      // A report made after those requests: all 10,000 were still open while they were served.
      const served = idle.state.seq;
      await eventually(() => idle.state.seq > served, 'a report after the requests');
      local(idle.state.closed).toBe(0);
      // They never send a byte: the server lets them go instead of holding a descriptor for each forever.
      await eventually(() => idle.state.closed === count, 'the server to close every idle socket', 90_000);
      await expectServing();
    } finally {
      idle.stop();
    }
  }, 180_000);
});

it('refuses a request whose Host no URL can be built from, on the storage gateway, and stays up', async () => {
  const answer = await new Promise<string>((resolve) => {
    const socket: Socket = connect(api.server.port, '127.0.0.1', () => {
      socket.write(
        'GET /s3/agenda-cheia/tenants/x/logo/y/a.png HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n',
      );
    });
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    socket.on('close', () => resolve(text));
  });
  expect(answer.startsWith('HTTP/1.1 400')).toBe(true);
  expect(answer).toContain('"code":"VALIDATION_FAILED"');
  const webhook = await postWebhook(api, 'message-received', owner.inboundToken, {
    phone: freshPhone(),
    message: 'ainda aí?',
    timestamp: Date.now(),
    message_id: 'still-there',
  });
  expect(webhook.status).toBe(202);
});
