// Agenda Cheia: WhatsApp Cloud API webhook (entry[].changes[].value) -> Agenda Cheia payloads.
// Source of the "Map Cloud API event" Code node (tooling/n8n/build-workflows.mjs embeds it).
// messages[] -> message-received (name from contacts[]), statuses[] -> message-status.
// Output: one item per call to make ({ forward: true, route, payload }), or one item
// { forward: false, statusCode, body } when there is nothing to forward (skipped, refused, misconfigured).

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

function stop(statusCode, body) {
  return [{ json: { forward: false, statusCode, body } }];
}

/** Meta signs every webhook: X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body with the app secret>. */
async function signatureIsValid(itemIndex, headers, appSecret) {
  let raw;
  try {
    raw = await this.helpers.getBinaryDataBuffer(itemIndex, 'data');
  } catch {
    return false;
  }
  const given = Buffer.from(String(headers?.['x-hub-signature-256'] ?? ''));
  const expected = Buffer.from(`sha256=${crypto.createHmac('sha256', appSecret).update(raw).digest('hex')}`);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

const LABELS = {
  image: '[imagem]',
  video: '[vídeo]',
  audio: '[áudio]',
  voice: '[áudio]',
  document: '[documento]',
  sticker: '[figurinha]',
  location: '[localização]',
  contacts: '[contato]',
  order: '[pedido]',
  unsupported: '[mensagem não suportada]',
};

/** The text the client typed, tapped or captioned; a label for media without text; undefined to skip. */
function textOf(message) {
  const type = message.type;
  const typed =
    message.text?.body ??
    message.button?.text ??
    message.interactive?.button_reply?.title ??
    message.interactive?.list_reply?.title ??
    message[type]?.caption;
  if (typeof typed === 'string' && typed.trim() !== '') return typed;
  if (type === 'document' && message.document?.filename) return `[documento: ${message.document.filename}]`;
  return LABELS[type]; // reaction, system, request_welcome, ephemeral... -> undefined (skipped)
}

function unixSeconds(value) {
  const seconds = Number(value);
  return Number.isInteger(seconds) && seconds > 0 ? seconds : Math.floor(Date.now() / 1000);
}

function mapValue(value, forwards, skipped) {
  const names = new Map();
  for (const contact of value.contacts ?? []) {
    if (contact?.wa_id) names.set(String(contact.wa_id), String(contact.profile?.name ?? ''));
  }
  for (const message of value.messages ?? []) {
    const id = typeof message?.id === 'string' ? message.id : '';
    const digits = String(message?.from ?? '').replace(/\D/g, '');
    if (!id || !digits) {
      skipped.push('message without id or sender');
      continue;
    }
    if (message.group_id) {
      skipped.push(`${id}: group message`);
      continue;
    }
    const text = textOf(message);
    if (text === undefined) {
      skipped.push(`${id}: ${message.type} is not shown in the inbox`);
      continue;
    }
    forwards.push({
      route: 'message-received',
      payload: {
        client_name: (names.get(String(message.from)) ?? '').trim().slice(0, 120),
        phone: `+${digits}`,
        message: text.slice(0, 10000),
        channel: 'whatsapp',
        timestamp: unixSeconds(message.timestamp),
        message_id: id,
      },
    });
  }
  for (const status of value.statuses ?? []) {
    const known = ['sent', 'delivered', 'read', 'failed'].includes(status?.status);
    // Our outbound workflow sends our message id as biz_opaque_callback_data; Meta echoes it here.
    const messageId = status?.biz_opaque_callback_data || status?.id;
    if (!messageId || !known) {
      skipped.push(`status ${status?.status ?? '?'} of ${status?.id ?? '?'} is not tracked`);
      continue;
    }
    const problem = status.errors?.[0];
    const error = problem
      ? [problem.code, problem.title, problem.error_data?.details ?? problem.message]
          .filter(Boolean)
          .join(' - ')
      : 'WhatsApp reported failed';
    forwards.push({
      route: 'message-status',
      payload: {
        message_id: String(messageId).slice(0, 200),
        status: status.status,
        ...(status.status === 'failed' ? { error: error.slice(0, 1000) } : {}),
        timestamp: unixSeconds(status.timestamp),
      },
    });
  }
}

if (!env('AGENDA_CHEIA_API_URL') || !env('AGENDA_CHEIA_INBOUND_TOKEN')) {
  return stop(500, {
    ok: false,
    error: envBlocked
      ? ENV_HINT
      : 'n8n is not configured: set AGENDA_CHEIA_API_URL and AGENDA_CHEIA_INBOUND_TOKEN',
  });
}
if (env('WHATSAPP_APP_SECRET') && !crypto) return stop(500, { ok: false, error: CRYPTO_HINT });

const forwards = [];
const skipped = [];
const items = $input.all();
for (let index = 0; index < items.length; index += 1) {
  const { body, headers } = items[index].json;
  const appSecret = env('WHATSAPP_APP_SECRET');
  if (appSecret && !(await signatureIsValid.call(this, index, headers, appSecret))) {
    return stop(401, { ok: false, error: 'invalid or missing X-Hub-Signature-256' });
  }
  if (body?.object !== 'whatsapp_business_account') {
    skipped.push(`object ${body?.object ?? '(none)'} is not whatsapp_business_account`);
    continue;
  }
  for (const entry of body.entry ?? []) {
    for (const change of entry?.changes ?? []) {
      if (change?.field !== 'messages' || !change.value) {
        skipped.push(`field ${change?.field ?? '(none)'} is not used`);
        continue;
      }
      mapValue(change.value, forwards, skipped);
    }
  }
}

if (forwards.length === 0) return stop(200, { ok: true, forwarded: [], skipped });
return forwards.map((forward) => ({ json: { forward: true, ...forward, skipped } }));
