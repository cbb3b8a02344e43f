import { randomBytes, randomInt } from 'node:crypto';
import { sql } from '@agenda-cheia/db';
import { localDateTimeToInstant } from '@agenda-cheia/scheduling';
import { TUE_TO_SAT } from '../salon-fixture';
import { registration, type TestApi, uniqueEmail } from '../harness';

const TZ = 'America/Sao_Paulo';

/** The tenant-local date `days` from today, as YYYY-MM-DD. */
function localDate(days: number): string {
  const at = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(at)
    .slice(0, 10);
}

/** The next tenant-local date, at least `minDays` away, that falls on `weekday` (0 = Sunday). */
export function nextWeekday(weekday: number, minDays = 1): string {
  for (let days = minDays; ; days++) {
    const date = localDate(days);
    if (new Date(`${date}T12:00:00Z`).getUTCDay() === weekday) return date;
  }
}

export const at = (date: string, time: string) => localDateTimeToInstant(date, time, TZ);

/** A São Paulo mobile number, as WhatsApp ids carry them. */
export function freshPhone(): string {
  return `55119${randomInt(10_000_000, 99_999_999)}`;
}

/** Polls a condition until it holds, failing after `timeoutMs` (a deadline, never a measured duration). */
export async function eventually(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 20_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Posts an n8n webhook as the gateway would. */
export function postWebhook(
  api: TestApi,
  path: 'message-received' | 'message-status',
  token: string | undefined,
  body: unknown,
  contentType = 'application/json',
) {
  return fetch(`${api.url}/api/v1/webhooks/n8n/${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function uploadConfirmed(
  api: TestApi,
  token: string,
  purpose: 'logo' | 'attachment',
  filename: string,
): Promise<{ id: string; key: string }> {
  const client = api.client(token);
  const body = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), randomBytes(32)]);
  const signed = await client.files.createUploadUrl.mutate({
    filename,
    contentType: 'image/png',
    size: body.byteLength,
    purpose,
  });
  const put = await fetch(signed.uploadUrl, { method: 'PUT', body, headers: signed.headers });
  if (!put.ok) throw new Error(`upload answered ${put.status}`);
  const file = await client.files.confirm.mutate({ fileKey: signed.fileKey });
  return { id: file.id, key: file.key };
}

/**
 * Tenant A, with a row in every table a tenant owns: services, professionals with hours and time off,
 * clients, an appointment, a conversation with inbound, AI and staff messages, an open auth request,
 * a campaign with a run, an agent configuration, n8n and LLM integrations, a logo and an attachment,
 * a staff member and the events all this produced. Every name carries `tag`, so a response can be
 * searched for anything of A.
 */
export async function buildTenantA(api: TestApi, receiverUrl: string) {
  const tag = `ALFA${randomBytes(4).toString('hex').toUpperCase()}`;
  const ownerPassword = 'senha-do-dono-A-1';
  const ownerEmail = uniqueEmail('dono-alfa');
  const session = await api.client().auth.register.mutate(
    registration({
      businessName: `Salão ${tag}`,
      name: `Dona ${tag}`,
      email: ownerEmail,
      password: ownerPassword,
      timezone: TZ,
    }),
  );
  const tenantId = session.tenant.id;
  const owner = api.client(session.accessToken);
  await owner.tenant.update.mutate({ settings: { minNoticeMin: 0, slotStepMin: 15 } });
  const corte = await owner.services.create.mutate({
    name: `Corte ${tag}`,
    durationMin: 60,
    priceCents: 8000,
    returnCycleDays: 30,
  });
  const manicure = await owner.services.create.mutate({
    name: `Manicure ${tag}`,
    durationMin: 45,
    priceCents: 4000,
  });
  const ana = await owner.professionals.create.mutate({
    name: `Ana ${tag}`,
    serviceIds: [corte.id, manicure.id],
  });
  await owner.professionals.setWorkingHours.mutate({ professionalId: ana.id, hours: TUE_TO_SAT });
  const timeOffDay = nextWeekday(5, 8);
  const timeOff = await owner.professionals.addTimeOff.mutate({
    professionalId: ana.id,
    startDate: timeOffDay,
    endDate: timeOffDay,
    reason: `Folga ${tag}`,
  });
  const mariaPhone = freshPhone();
  const maria = await owner.clients.create.mutate({ name: `Maria ${tag}`, phone: mariaPhone });
  const spare = await owner.clients.create.mutate({ name: `Rosa ${tag}`, phone: freshPhone() });

  const staffEmail = uniqueEmail('equipe-alfa');
  const staffPassword = 'senha-da-equipe-A-1';
  const staffUser = await owner.users.create.mutate({
    name: `Carla ${tag}`,
    email: staffEmail,
    password: staffPassword,
    role: 'staff',
  });
  const staffSession = await api.client().auth.login.mutate({ email: staffEmail, password: staffPassword });

  const appointmentDay = nextWeekday(3, 2);
  const appointment = await owner.appointments.create.mutate({
    clientId: maria.id,
    serviceId: corte.id,
    professionalId: ana.id,
    start: at(appointmentDay, '10:00').toISOString(),
    notes: `Nota ${tag}`,
  });

  const n8n = await owner.integrations.create.mutate({
    kind: 'n8n',
    name: `n8n ${tag}`,
    outboundUrl: receiverUrl,
  });
  // Present but off: the agent must keep answering offline, with no network.
  const llm = await owner.integrations.createLlm.mutate({
    name: `LLM ${tag}`,
    baseUrl: 'http://127.0.0.1:9/v1',
    apiKey: `sk-${tag}`,
    model: 'modelo-alfa',
  });
  await owner.integrations.update.mutate({ id: llm.id, active: false });

  const agent = await owner.agents.create.mutate({ name: `Agente ${tag}`, persona: `Persona ${tag}` });
  const campaign = await owner.campaigns.create.mutate({
    kind: 'prazo_certo',
    name: `Campanha ${tag}`,
    enabled: false,
  });
  const run = await owner.automations.executePrazoCerto.mutate({ campaignId: campaign.id });

  const logo = await uploadConfirmed(api, session.accessToken, 'logo', `logo-${tag}.png`);
  await owner.tenant.update.mutate({ logoFileId: logo.id });
  const attachment = await uploadConfirmed(api, session.accessToken, 'attachment', `foto-${tag}.png`);

  // Maria writes on WhatsApp: the agent answers (offline) and the answer is delivered to n8n.
  const providerMessageId = `wamid.${randomBytes(8).toString('hex')}`;
  const inbound = await postWebhook(api, 'message-received', n8n.inboundToken, {
    client_name: `Maria ${tag}`,
    phone: mariaPhone,
    message: 'Oi! Vocês abrem sábado?',
    timestamp: new Date().toISOString(),
    message_id: providerMessageId,
  });
  if (inbound.status !== 202) throw new Error(`webhook answered ${inbound.status}`);
  const stored = (await inbound.json()) as { conversation_id: string; message: { id: string } };
  const conversationId = stored.conversation_id;
  const db = api.database.db;
  const messagesBy = async (author: 'ai' | 'staff') =>
    db
      .selectFrom('messages')
      .select(['id', 'status'])
      .where('tenant_id', '=', tenantId)
      .where('author', '=', author)
      .execute();
  await eventually(
    async () => (await messagesBy('ai')).some((m) => m.status === 'sent'),
    "the agent's reply",
  );
  const staffMessage = await owner.messages.send.mutate({
    conversationId,
    text: `Respondo eu, ${tag}`,
    clientMessageId: `alfa-${tag}-1`,
  });
  // Nothing of A may still be moving when its rows are compared.
  await eventually(
    async () => (await messagesBy('staff')).every((m) => m.status === 'sent'),
    'the staff message',
  );

  const requestDay = nextWeekday(4, 2);
  const authRequest = await db
    .insertInto('auth_requests')
    .values({
      tenant_id: tenantId,
      client_id: maria.id,
      service_id: corte.id,
      professional_id: ana.id,
      starts_at: at(requestDay, '10:00'),
      ends_at: at(requestDay, '11:00'),
      held_during: sql<string>`tstzrange(${at(requestDay, '10:00')}::timestamptz, ${at(requestDay, '11:00')}::timestamptz, '[)')`,
      source: 'chat',
      client_consent: 'accepted',
      conversation_id: conversationId,
      expires_at: new Date(Date.now() + 2 * 86_400_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  return {
    tag,
    tenantId,
    ownerEmail,
    ownerPassword,
    ownerUserId: session.user.id,
    ownerToken: session.accessToken,
    ownerRefreshToken: session.refreshToken,
    staffEmail,
    staffPassword,
    staffUserId: staffUser.id,
    staffToken: staffSession.accessToken,
    corte,
    manicure,
    ana,
    timeOff,
    maria,
    mariaPhone,
    spare,
    appointment,
    appointmentDay,
    n8n,
    llm,
    agent,
    campaign,
    runId: run.runId,
    logo,
    attachment,
    conversationId,
    inboundMessageId: stored.message.id,
    providerMessageId,
    staffMessageId: staffMessage.id,
    authRequestId: authRequest.id,
    /** Strings that only A has (tokens and secrets included): none may reach another tenant. */
    secrets: [tag, ownerEmail, staffEmail, mariaPhone, n8n.inboundToken, n8n.signingSecret, `sk-${tag}`],
  };
}
export type TenantA = Awaited<ReturnType<typeof buildTenantA>>;

/** Tenant B: an owner with a little data of their own, and an n8n integration. */
export async function buildTenantB(api: TestApi) {
  const tag = `BETA${randomBytes(4).toString('hex').toUpperCase()}`;
  const session = await api
    .client()
    .auth.register.mutate(
      registration({ businessName: `Salão ${tag}`, name: `Dono ${tag}`, email: uniqueEmail('dono-beta') }),
    );
  const owner = api.client(session.accessToken);
  const service = await owner.services.create.mutate({
    name: `Escova ${tag}`,
    durationMin: 30,
    priceCents: 5000,
  });
  const professional = await owner.professionals.create.mutate({
    name: `Bruna ${tag}`,
    serviceIds: [service.id],
  });
  await owner.professionals.setWorkingHours.mutate({ professionalId: professional.id, hours: TUE_TO_SAT });
  const client = await owner.clients.create.mutate({ name: `Bianca ${tag}`, phone: freshPhone() });
  const n8n = await owner.integrations.create.mutate({ kind: 'n8n', outboundUrl: 'http://127.0.0.1:9/n8n' });
  const campaign = await owner.campaigns.create.mutate({
    kind: 'encher_agenda',
    name: `Campanha ${tag}`,
    enabled: false,
  });
  const inbound = await postWebhook(api, 'message-received', n8n.inboundToken, {
    client_name: `Bianca ${tag}`,
    phone: client.phone,
    message: 'Oi',
    timestamp: new Date().toISOString(),
    message_id: `wamid.${tag}.1`,
  });
  if (inbound.status !== 202) throw new Error(`webhook answered ${inbound.status}`);
  const { conversation_id: conversationId } = (await inbound.json()) as { conversation_id: string };
  // A person answers B's client: the agent stays out of the way of this test.
  await owner.conversations.setMode.mutate({ conversationId, mode: 'human' });
  return {
    tag,
    tenantId: session.tenant.id,
    userId: session.user.id,
    token: session.accessToken,
    service,
    professional,
    client,
    n8n,
    campaign,
    conversationId,
  };
}
export type TenantB = Awaited<ReturnType<typeof buildTenantB>>;

/** Every table with a tenant_id column (the tenancy boundary), found in the catalogue, not listed by hand. */
export async function tenantTables(api: TestApi): Promise<string[]> {
  const result = await sql<{ table_name: string }>`
    select table_name from information_schema.columns
    where table_schema = 'public' and column_name = 'tenant_id'
    order by table_name`.execute(api.database.db);
  return result.rows.map((r) => r.table_name);
}

/** All rows of one tenant, table by table, as JSON: equal snapshots mean nothing of it changed. */
export async function snapshotTenant(api: TestApi, tenantId: string): Promise<Record<string, string[]>> {
  const db = api.database.db;
  const snapshot: Record<string, string[]> = {};
  const tenant = await sql<{
    row: unknown;
  }>`select to_jsonb(t) as row from tenants t where id = ${tenantId}`.execute(db);
  snapshot.tenants = tenant.rows.map((r) => JSON.stringify(r.row));
  for (const table of await tenantTables(api)) {
    const rows = await sql<{ row: unknown }>`
      select to_jsonb(t) as row from ${sql.table(table)} t where t.tenant_id = ${tenantId}`.execute(db);
    snapshot[table] = rows.rows.map((r) => JSON.stringify(r.row)).sort();
  }
  return snapshot;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** The ids in a snapshot: any of them in another tenant's answer or rows would be a leak. */
export function idsIn(snapshot: Record<string, string[]>): Set<string> {
  const ids = new Set<string>();
  for (const rows of Object.values(snapshot))
    for (const row of rows) for (const id of row.match(UUID) ?? []) ids.add(id);
  return ids;
}

/** The markers of A found in a text (ids, tag, secrets): empty when the text holds nothing of A. */
export function markersIn(text: string, ids: Set<string>, secrets: readonly string[]): string[] {
  const found = new Set<string>();
  for (const id of text.match(UUID) ?? []) if (ids.has(id)) found.add(id);
  for (const secret of secrets) if (text.includes(secret)) found.add(secret);
  return [...found];
}

/** A REST refusal's body: `{ error: { code, message } }`, nothing else; answers the message. */
export function expectRestError(body: unknown, code: string): string {
  const { error, ...rest } = body as { error?: { code?: unknown; message?: unknown } };
  if (Object.keys(rest).length > 0 || error?.code !== code || typeof error.message !== 'string') {
    throw new Error(
      `expected { error: { code: ${code}, message } }, got ${JSON.stringify(body).slice(0, 300)}`,
    );
  }
  return error.message;
}
