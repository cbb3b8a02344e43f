// Agenda Cheia: Evolution API webhook (MESSAGES_UPSERT / MESSAGES_UPDATE) -> Agenda Cheia payloads.
// Source of the "Map Evolution event" Code node (tooling/n8n/build-workflows.mjs embeds it).
// Output: one item per call to make ({ forward: true, route, payload }), or one item
// { forward: false, statusCode, body } when there is nothing to forward (skipped, refused, misconfigured).

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

// Compares without an early exit, so the time taken does not reveal how much of the token matched.
function sameSecret(given, expected) {
  const a = String(given ?? '');
  const b = String(expected);
  let diff = a.length ^ b.length;
  for (let i = 0; i < b.length; i += 1) diff |= (a.charCodeAt(i) || 0) ^ b.charCodeAt(i);
  return diff === 0;
}

function stop(statusCode, body) {
  return [{ json: { forward: false, statusCode, body } }];
}

/** "messages.upsert", "MESSAGES_UPSERT", "messages-upsert" -> "messages.upsert". */
function eventName(raw) {
  return String(raw ?? '')
    .trim()
    .toLowerCase()
    .replace(/[_-]/g, '.');
}

/** Evolution sends one record in `data` (v2); older versions and Baileys batches use arrays. */
function recordsOf(data) {
  if (Array.isArray(data)) return data;
  if (data && Array.isArray(data.messages)) return data.messages;
  return data && typeof data === 'object' ? [data] : [];
}

/** "5511988887777@s.whatsapp.net" or "5511988887777:12@s.whatsapp.net" -> "+5511988887777". */
function phoneOfJid(jid) {
  if (typeof jid !== 'string' || !/@(s\.whatsapp\.net|c\.us)$/.test(jid)) return undefined;
  const digits = jid.split('@')[0].split(':')[0].replace(/\D/g, '');
  return digits.length >= 8 ? `+${digits}` : undefined;
}

/** A chat that is not a one-to-one conversation with a client. */
function isNotAClientChat(jid) {
  return /@(g\.us|broadcast|newsletter)$/.test(String(jid ?? ''));
}

/** Unix seconds from a number, a numeric string or a protobuf Long ({ low, high }). */
function unixSeconds(value) {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return Math.floor(value);
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  if (value && typeof value === 'object' && typeof value.low === 'number') {
    const seconds = (value.low >>> 0) + (value.high >>> 0) * 2 ** 32;
    return seconds > 0 ? seconds : undefined;
  }
  return undefined;
}

function timestampOf(record, body) {
  const seconds = unixSeconds(record.messageTimestamp);
  if (seconds) return seconds;
  const at = Date.parse(body.date_time ?? '');
  return Number.isFinite(at) ? Math.floor(at / 1000) : Math.floor(Date.now() / 1000);
}

/** Disappearing, view-once and captioned-document messages wrap the real one. */
function unwrap(message) {
  let current = message ?? {};
  for (let depth = 0; depth < 5; depth += 1) {
    const inner =
      current.ephemeralMessage?.message ??
      current.viewOnceMessage?.message ??
      current.viewOnceMessageV2?.message ??
      current.viewOnceMessageV2Extension?.message ??
      current.documentWithCaptionMessage?.message;
    if (!inner) break;
    current = inner;
  }
  return current;
}

const MEDIA_LABELS = {
  imageMessage: '[imagem]',
  videoMessage: '[vídeo]',
  audioMessage: '[áudio]',
  documentMessage: '[documento]',
  stickerMessage: '[figurinha]',
  locationMessage: '[localização]',
  liveLocationMessage: '[localização]',
  contactMessage: '[contato]',
  contactsArrayMessage: '[contato]',
};

/** The text the client typed (or the caption), a label for media without text, or undefined to skip. */
function contentOf(record) {
  const m = unwrap(record.message);
  const text =
    m.conversation ??
    m.extendedTextMessage?.text ??
    m.imageMessage?.caption ??
    m.videoMessage?.caption ??
    m.documentMessage?.caption ??
    m.buttonsResponseMessage?.selectedDisplayText ??
    m.templateButtonReplyMessage?.selectedDisplayText ??
    m.listResponseMessage?.title;
  const mediaKey = Object.keys(MEDIA_LABELS).find((key) => m[key]);
  if (typeof text === 'string' && text.trim() !== '') return { text, mediaKey, message: m };
  if (mediaKey) {
    const fileName = m.documentMessage?.fileName;
    const label =
      mediaKey === 'documentMessage' && fileName ? `[documento: ${fileName}]` : MEDIA_LABELS[mediaKey];
    return { text: label, mediaKey, message: m };
  }
  return undefined; // reactions, edits, deletions, poll votes, protocol messages
}

/** A public media URL, when Evolution stores media in S3/MinIO (`message.mediaUrl`). */
function mediaOf(record, content) {
  const url = record.message?.mediaUrl ?? record.mediaUrl;
  if (!content.mediaKey || typeof url !== 'string' || !/^https?:\/\//.test(url)) return undefined;
  const media = content.message[content.mediaKey] ?? {};
  const mimeType = typeof media.mimetype === 'string' ? media.mimetype.split(';')[0].trim() : '';
  return {
    url,
    mime_type: mimeType || 'application/octet-stream',
    ...(typeof media.fileName === 'string' && media.fileName
      ? { filename: media.fileName.slice(0, 255) }
      : {}),
  };
}

function mapUpsert(record, body, forwards, skipped) {
  const key = record.key ?? {};
  const id = typeof key.id === 'string' ? key.id : '';
  if (!id) return skipped.push('message without key.id');
  if (key.fromMe === true || key.fromMe === 'true')
    return skipped.push(`${id}: sent by the business (fromMe)`);
  if (isNotAClientChat(key.remoteJid))
    return skipped.push(`${id}: group, broadcast or channel (${key.remoteJid})`);
  const phone = [key.remoteJid, key.senderPn, key.remoteJidAlt, key.participantPn]
    .map(phoneOfJid)
    .find(Boolean);
  if (!phone) return skipped.push(`${id}: no phone number in ${key.remoteJid ?? 'the event'}`);
  const content = contentOf(record);
  if (!content) return skipped.push(`${id}: nothing to show (reaction, edit, deletion or protocol message)`);
  const media = mediaOf(record, content);
  forwards.push({
    route: 'message-received',
    payload: {
      client_name: String(record.pushName ?? '')
        .trim()
        .slice(0, 120),
      phone,
      message: content.text.slice(0, 10000),
      channel: 'whatsapp',
      timestamp: timestampOf(record, body),
      message_id: id,
      ...(media ? { media } : {}),
    },
  });
}

// Evolution v2 names (SERVER_ACK...) and Baileys' numeric codes (2 = server ack, 3 = delivered...).
const STATUSES = {
  SERVER_ACK: 'sent',
  DELIVERY_ACK: 'delivered',
  READ: 'read',
  PLAYED: 'read',
  ERROR: 'failed',
  0: 'failed',
  2: 'sent',
  3: 'delivered',
  4: 'read',
  5: 'read',
};

function mapUpdate(record, body, forwards, skipped) {
  const id = record.keyId ?? record.key?.id;
  const fromMe = record.fromMe ?? record.key?.fromMe;
  const raw = record.status ?? record.update?.status;
  const status = STATUSES[String(raw ?? '').toUpperCase()];
  if (typeof id !== 'string' || !id) return skipped.push('status without message id');
  if (fromMe === false) return skipped.push(`${id}: status of a message the client sent`);
  if (isNotAClientChat(record.remoteJid ?? record.key?.remoteJid)) return skipped.push(`${id}: group status`);
  if (!status) return skipped.push(`${id}: status ${raw} is not tracked`);
  const at = Date.parse(body.date_time ?? '');
  forwards.push({
    route: 'message-status',
    payload: {
      message_id: id,
      status,
      ...(status === 'failed' ? { error: 'Evolution API reported ERROR' } : {}),
      timestamp: Number.isFinite(at) ? Math.floor(at / 1000) : Math.floor(Date.now() / 1000),
    },
  });
}

if (!env('AGENDA_CHEIA_API_URL') || !env('AGENDA_CHEIA_INBOUND_TOKEN')) {
  return stop(500, {
    ok: false,
    error: envBlocked
      ? ENV_HINT
      : 'n8n is not configured: set AGENDA_CHEIA_API_URL and AGENDA_CHEIA_INBOUND_TOKEN',
  });
}

const forwards = [];
const skipped = [];
for (const item of $input.all()) {
  const { body, query, headers } = item.json;
  const expected = env('EVOLUTION_WEBHOOK_TOKEN');
  if (expected && !sameSecret(query?.token ?? headers?.['x-webhook-token'], expected)) {
    return stop(401, { ok: false, error: 'invalid or missing webhook token' });
  }
  if (!body || typeof body !== 'object') {
    skipped.push('empty body');
    continue;
  }
  const event = eventName(body.event);
  if (event === 'messages.upsert') {
    for (const record of recordsOf(body.data)) mapUpsert(record, body, forwards, skipped);
  } else if (event === 'messages.update') {
    for (const record of recordsOf(body.data)) mapUpdate(record, body, forwards, skipped);
  } else {
    skipped.push(`event ${body.event ?? '(none)'} is not used`);
  }
}

if (forwards.length === 0) return stop(200, { ok: true, forwarded: [], skipped });
return forwards.map((forward) => ({ json: { forward: true, ...forward, skipped } }));
