// Agenda Cheia: turns the answers of the Agenda Cheia API into one answer for the WhatsApp provider.
// Source of the "Summarize" Code node of both inbound workflows (tooling/n8n/build-workflows.mjs embeds it;
// __MAP_NODE__ is replaced by the name of the workflow's mapping node).
// Retryable problems (API unreachable or 5xx, n8n's token refused) answer 5xx so the provider retries later:
// the API stores a message once however often it arrives. Other refusals (400, 404 for the status of a
// message Agenda Cheia did not send) answer 200, since retrying cannot help; the body carries every result.

const mapped = $('__MAP_NODE__').all();
const results = $input.all().map((item, index) => {
  const request = mapped[index]?.json ?? {};
  const answer = item.json ?? {};
  const status = typeof answer.statusCode === 'number' ? answer.statusCode : 0;
  return {
    route: request.route,
    message_id: request.payload?.message_id,
    status, // 0: no answer from the API
    response:
      status === 0 ? { error: answer.error?.message ?? String(answer.error ?? 'no answer') } : answer.body,
  };
});

const retryable = (r) =>
  r.status === 0 || r.status >= 500 || r.status === 401 || r.status === 403 || r.status === 429;
const failed = results.filter(retryable);
const statusCode = failed.length === 0 ? 200 : failed.some((r) => r.status === 0) ? 502 : 503;
const skipped = mapped[0]?.json?.skipped ?? [];

return [
  {
    json: {
      statusCode,
      body: { ok: results.every((r) => r.status >= 200 && r.status < 300), forwarded: results, skipped },
    },
  },
];
