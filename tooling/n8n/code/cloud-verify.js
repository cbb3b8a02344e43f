// Agenda Cheia: answers Meta's webhook verification (GET ?hub.mode=subscribe&hub.verify_token=...&hub.challenge=...).
// Source of the "Verify subscription" Code node (tooling/n8n/build-workflows.mjs embeds it).

const query = $input.first().json.query ?? {};
const pick = (name) => query[`hub.${name}`] ?? query.hub?.[name] ?? '';
let expected;
try {
  expected = typeof $env.WHATSAPP_VERIFY_TOKEN === 'string' ? $env.WHATSAPP_VERIFY_TOKEN.trim() : '';
} catch {
  const hint =
    'n8n does not let workflows read environment variables: set N8N_BLOCK_ENV_ACCESS_IN_NODE=false';
  return [{ json: { statusCode: 500, body: hint } }];
}

if (expected && pick('mode') === 'subscribe' && pick('verify_token') === expected) {
  return [{ json: { statusCode: 200, body: String(pick('challenge')) } }];
}
return [{ json: { statusCode: 403, body: 'verification failed' } }];
