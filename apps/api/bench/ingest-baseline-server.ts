import type { AddressInfo } from 'node:net';
import { createPool } from '@agenda-cheia/db';
import express from 'express';

/**
 * The webhook ingest benchmark's baseline, in a process of its own like the API: a bare Express handler
 * that parses the same JSON body and stores the same `messages` row with one plain INSERT on the same
 * kind of pool (`createPool`, same size). The conversation of each phone is looked up in memory, loaded
 * once at start: the floor under any real handler, which must also find the client and conversation.
 *
 * Environment: DATABASE_URL, DATABASE_POOL_SIZE, BASELINE_TENANT_ID, PORT. Sends `{ type: 'ready', port }`
 * over IPC once listening.
 */
const env = process.env;
const tenantId = env.BASELINE_TENANT_ID ?? '';
const pool = createPool(env.DATABASE_URL ?? '', { poolSize: Number(env.DATABASE_POOL_SIZE ?? 10) });

const conversations = new Map<string, string>();
const rows = await pool.query<{ phone: string; id: string }>(
  `select cl.phone, c.id from conversations c join clients cl on cl.id = c.client_id where c.tenant_id = $1`,
  [tenantId],
);
for (const row of rows.rows) conversations.set(row.phone.replace(/\D/g, ''), row.id);

interface Payload {
  phone?: unknown;
  message?: unknown;
  message_id?: unknown;
  timestamp?: unknown;
}

const app = express();
app.post('/api/v1/webhooks/n8n/message-received', express.json({ limit: '256kb' }), async (req, res) => {
  const body = req.body as Payload;
  const conversationId = conversations.get(String(body.phone).replace(/\D/g, ''));
  if (!conversationId) {
    res.status(404).json({ error: 'unknown phone' });
    return;
  }
  try {
    const inserted = await pool.query<{ id: string }>(
      `insert into messages (tenant_id, conversation_id, channel, direction, author, text, media, status,
         provider_message_id, sent_at)
       values ($1, $2, 'whatsapp', 'inbound', 'client', $3, null, 'received', $4, $5)
       returning id`,
      [tenantId, conversationId, String(body.message), String(body.message_id), String(body.timestamp)],
    );
    res.status(202).json({ id: inserted.rows[0]?.id });
  } catch {
    res.status(500).json({ error: 'insert failed' });
  }
});

const server = app.listen(Number(env.PORT ?? 0), '127.0.0.1', () => {
  process.send?.({ type: 'ready', port: (server.address() as AddressInfo).port });
});
process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void pool.end().then(() => process.exit(0));
});
