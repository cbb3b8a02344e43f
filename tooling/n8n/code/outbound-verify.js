// Agenda Cheia: checks X-Agenda-Signature over the exact bytes Agenda Cheia sent, then prepares the request
// for the configured WhatsApp provider. Source of the "Verify signature" Code node
// (tooling/n8n/build-workflows.mjs embeds it).
// route 0: answer Agenda Cheia now ({ statusCode, body }); 1: send with Evolution API; 2: send with the Cloud API.

// Needs NODE_FUNCTION_ALLOW_BUILTIN=crypto; without it, answer with a clear 500 instead of failing.
let crypto;
try {
  crypto = require('crypto');
} catch {
  crypto = undefined;
}
const CRYPTO_HINT = 'n8n does not let Code nodes use crypto: set NODE_FUNCTION_ALLOW_BUILTIN=crypto';

// With N8N_BLOCK_ENV_ACCESS_IN_NODE on, reading $env throws: answer with a clear 500 instead of failing.
let envBlocked = false;
const env = (name) => {
  try {
    const value = $env[name];
    return typeof value === 'string' ? value.trim() : '';
  } catch {
    envBlocked = true;
    return '';
  }
};
const ENV_HINT =
  'n8n does not let workflows read environment variables: set N8N_BLOCK_ENV_ACCESS_IN_NODE=false';

function answer(statusCode, body) {
  return [{ json: { route: 0, statusCode, body } }];
}

// Misconfiguration answers 500 (never 2xx), so Agenda Cheia keeps the message queued and retries.
const secret = env('AGENDA_CHEIA_SIGNING_SECRET');
const problems = [
  ...(envBlocked ? [ENV_HINT] : secret ? [] : ['n8n is not configured: set AGENDA_CHEIA_SIGNING_SECRET']),
  ...(crypto ? [] : [CRYPTO_HINT]),
];
if (problems.length > 0) return answer(500, { ok: false, error: problems.join('; ') });

// The Webhook node keeps the raw body ("Raw Body" option) as binary property "data".
let raw;
try {
  raw = await this.helpers.getBinaryDataBuffer(0, 'data');
} catch {
  raw = Buffer.alloc(0);
}
const headers = $input.first().json.headers ?? {};
const given = Buffer.from(String(headers['x-agenda-signature'] ?? ''));
const expected = Buffer.from(`sha256=${crypto.createHmac('sha256', secret).update(raw).digest('hex')}`);
if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
  return answer(401, { ok: false, error: 'invalid or missing X-Agenda-Signature' });
}

// Everything below reads the signed bytes, never a re-parsed copy.
let event;
try {
  event = JSON.parse(raw.toString('utf8'));
} catch {
  return answer(400, { ok: false, error: 'body is not JSON' });
}
if (event?.event === 'ping') return answer(200, { ok: true, pong: true });
if (event?.event !== 'send_message') {
  return answer(422, { ok: false, error: `event ${event?.event ?? '(none)'} is not supported` });
}

const messageId = typeof event.message_id === 'string' ? event.message_id : '';
const number = String(event.client?.phone ?? '').replace(/\D/g, '');
const text = typeof event.text === 'string' ? event.text : '';
const media = event.media && typeof event.media.url === 'string' ? event.media : undefined;
// Campaign messages carry an approved template: the Cloud API only accepts templates when the client's
// 24-hour service window is closed. Evolution (an unofficial connection) sends the text either way.
const template =
  event.window_open === false && event.template && typeof event.template.name === 'string'
    ? event.template
    : undefined;
if (!messageId) return answer(422, { ok: false, error: 'message_id is missing' });
if (event.channel && event.channel !== 'whatsapp') {
  return answer(422, { ok: false, message_id: messageId, error: `channel ${event.channel} is not WhatsApp` });
}
if (number.length < 8)
  return answer(422, { ok: false, message_id: messageId, error: 'client.phone is not a number' });
if (!text.trim() && !media)
  return answer(422, { ok: false, message_id: messageId, error: 'nothing to send' });

// Agenda Cheia retries until it gets a 2xx, with the message id as Idempotency-Key: a retry of a message
// this workflow already handed to WhatsApp (its 200 got lost) is answered without sending it twice.
const sent = $getWorkflowStaticData('global').sent ?? {};
if (sent[messageId]) {
  return answer(200, {
    ok: true,
    duplicate: true,
    message_id: messageId,
    provider: sent[messageId].provider,
    provider_message_id: sent[messageId].provider_message_id ?? null,
  });
}

const provider = (env('WHATSAPP_PROVIDER') || 'evolution').toLowerCase();
const required = {
  evolution: ['EVOLUTION_API_URL', 'EVOLUTION_INSTANCE', 'EVOLUTION_API_KEY'],
  cloud: ['WHATSAPP_PHONE_NUMBER_ID', 'WHATSAPP_ACCESS_TOKEN'],
}[provider];
if (!required)
  return answer(500, { ok: false, error: `WHATSAPP_PROVIDER must be evolution or cloud, not ${provider}` });
const missing = required.filter((name) => !env(name));
if (missing.length > 0)
  return answer(500, { ok: false, error: `n8n is not configured: set ${missing.join(', ')}` });

const mime = String(media?.mime_type ?? '');
const kind = mime.startsWith('image/') ? 'image' : mime.startsWith('video/') ? 'video' : 'document';

if (provider === 'evolution') {
  const request = media
    ? {
        path: 'sendMedia',
        body: {
          number,
          mediatype: kind,
          mimetype: mime || 'application/octet-stream',
          media: media.url,
          caption: text,
          ...(kind === 'document' ? { fileName: media.filename || 'arquivo' } : {}),
        },
      }
    : { path: 'sendText', body: { number, text } };
  return [{ json: { route: 1, provider, message_id: messageId, request } }];
}

const body = {
  messaging_product: 'whatsapp',
  recipient_type: 'individual',
  to: number,
  // Echoed by Meta in statuses[]: the inbound Cloud workflow reports statuses under our message id.
  biz_opaque_callback_data: messageId,
  ...(template
    ? {
        type: 'template',
        template: {
          name: template.name,
          language: { code: template.language || 'pt_BR' },
          components: [
            {
              type: 'body',
              parameters: (Array.isArray(template.params) ? template.params : []).map((value) => ({
                type: 'text',
                text: String(value),
              })),
            },
          ],
        },
      }
    : media
      ? {
          type: kind,
          [kind]: {
            link: media.url,
            ...(text ? { caption: text } : {}),
            ...(kind === 'document' ? { filename: media.filename || 'arquivo' } : {}),
          },
        }
      : { type: 'text', text: { body: text, preview_url: false } }),
};
return [{ json: { route: 2, provider, message_id: messageId, request: { body } } }];
