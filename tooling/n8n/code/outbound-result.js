// Agenda Cheia: answers Agenda Cheia after the provider's answer. Source of the "Result" Code node
// (tooling/n8n/build-workflows.mjs embeds it). 200 once WhatsApp accepted the message (remembered for
// duplicates); 502 otherwise, so Agenda Cheia retries it on its schedule.

const KEEP_MS = 7 * 24 * 60 * 60 * 1000;
const KEEP_MAX = 2000;

const prepared = $('Verify signature').first().json;
const answer = $input.first().json ?? {};
const status = typeof answer.statusCode === 'number' ? answer.statusCode : 0;

if (status < 200 || status >= 300) {
  const detail = status === 0 ? (answer.error?.message ?? 'no answer') : JSON.stringify(answer.body ?? null);
  return [
    {
      json: {
        statusCode: 502,
        body: {
          ok: false,
          message_id: prepared.message_id,
          provider: prepared.provider,
          error: `${prepared.provider} ${status === 0 ? 'unreachable' : `answered HTTP ${status}`}: ${String(detail).slice(0, 500)}`,
        },
      },
    },
  ];
}

const providerMessageId =
  (prepared.provider === 'evolution' ? answer.body?.key?.id : answer.body?.messages?.[0]?.id) ?? null;

const data = $getWorkflowStaticData('global');
const sent = { ...(data.sent ?? {}) };
const now = Date.now();
sent[prepared.message_id] = { at: now, provider: prepared.provider, provider_message_id: providerMessageId };
const kept = Object.entries(sent)
  .filter(([, entry]) => now - entry.at < KEEP_MS)
  .sort((a, b) => b[1].at - a[1].at)
  .slice(0, KEEP_MAX);
data.sent = Object.fromEntries(kept);

return [
  {
    json: {
      statusCode: 200,
      body: {
        ok: true,
        message_id: prepared.message_id,
        provider: prepared.provider,
        provider_message_id: providerMessageId,
      },
    },
  },
];
