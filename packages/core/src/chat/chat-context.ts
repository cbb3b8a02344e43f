import { AppError, type Appointment, type AuthRequest, type Tenant } from '@agenda-cheia/contracts';
import { selectAuthRequests, toAuthRequest } from '../auth-requests/auth-request-queries';
import { selectAppointmentsWithNames, toAppointment } from '../schedule/appointment-queries';
import type { Executor } from '../shared/executor';
import { toTenant } from '../tenants/mappers';
import { findTenantById } from '../tenants/repository';

export interface ChatHistoryEntry {
  id: string;
  author: 'client' | 'staff' | 'ai' | 'system';
  text: string;
  at: Date;
}

export interface ChatService {
  id: string;
  name: string;
  priceCents: number;
  durationMin: number;
}

/** Everything the chat agent reads before answering one client message. */
export interface ChatContext {
  tenant: Tenant;
  conversation: {
    id: string;
    mode: 'ai' | 'human';
    agentState: Record<string, unknown> | null;
  };
  client: { id: string; name: string; phone: string; optedOut: boolean; notes: string | null };
  /** Oldest first, the newest message last. */
  history: ChatHistoryEntry[];
  services: ChatService[];
  upcomingAppointments: Appointment[];
  /** Open requests of this client (their own chat requests and campaign offers). */
  openRequests: AuthRequest[];
}

async function loadServices(db: Executor, tenantId: string): Promise<ChatService[]> {
  const rows = await db
    .selectFrom('services')
    .select(['id', 'name', 'price_cents', 'duration_min'])
    .where('tenant_id', '=', tenantId)
    .where('active', '=', true)
    .where('archived_at', 'is', null)
    .orderBy('name')
    .execute();
  return rows.map((s) => ({
    id: s.id,
    name: s.name,
    priceCents: s.price_cents,
    durationMin: s.duration_min,
  }));
}

async function loadClientBookings(db: Executor, tenantId: string, clientId: string, now: Date) {
  const [upcoming, requests] = await Promise.all([
    selectAppointmentsWithNames(db, tenantId)
      .where('a.client_id', '=', clientId)
      .where('a.status', 'in', ['scheduled', 'confirmed'])
      .where('a.starts_at', '>', now)
      .orderBy('a.starts_at')
      .limit(10)
      .execute(),
    selectAuthRequests(db, tenantId)
      .where('r.client_id', '=', clientId)
      .where('r.status', '=', 'open')
      .where('r.expires_at', '>', now)
      .orderBy('r.created_at', 'desc')
      .execute(),
  ]);
  return { upcomingAppointments: upcoming.map(toAppointment), openRequests: requests.map(toAuthRequest) };
}

async function loadTenant(db: Executor, tenantId: string): Promise<Tenant> {
  const row = await findTenantById(db, tenantId);
  if (!row) throw new AppError('NOT_FOUND');
  return toTenant(row);
}

export async function loadChatContext(
  db: Executor,
  tenantId: string,
  conversationId: string,
  now: Date,
  options: { historyLimit?: number } = {},
): Promise<ChatContext> {
  const conversation = await db
    .selectFrom('conversations as cv')
    .innerJoin('clients as c', 'c.id', 'cv.client_id')
    .select([
      'cv.id',
      'cv.mode',
      'cv.agent_state',
      'c.id as client_id',
      'c.name as client_name',
      'c.phone as client_phone',
      'c.campaign_opt_out',
      'c.notes as client_notes',
    ])
    .where('cv.tenant_id', '=', tenantId)
    .where('cv.id', '=', conversationId)
    .executeTakeFirst();
  if (!conversation) throw new AppError('NOT_FOUND', 'Conversa não encontrada.');

  const [tenant, history, services, bookings] = await Promise.all([
    loadTenant(db, tenantId),
    db
      .selectFrom('messages')
      .select(['id', 'author', 'text', 'created_at'])
      .where('tenant_id', '=', tenantId)
      .where('conversation_id', '=', conversationId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(options.historyLimit ?? 20)
      .execute(),
    loadServices(db, tenantId),
    loadClientBookings(db, tenantId, conversation.client_id, now),
  ]);

  return {
    tenant,
    conversation: { id: conversation.id, mode: conversation.mode, agentState: conversation.agent_state },
    client: {
      id: conversation.client_id,
      name: conversation.client_name,
      phone: conversation.client_phone,
      optedOut: conversation.campaign_opt_out,
      notes: conversation.client_notes,
    },
    history: history.reverse().map((m) => ({ id: m.id, author: m.author, text: m.text, at: m.created_at })),
    services,
    ...bookings,
  };
}

/**
 * The owner's playground: the same context as a real conversation, with the chat typed by the owner as
 * history and, optionally, one of the tenant's clients to play (their appointments and offers).
 */
export async function loadPlaygroundContext(
  db: Executor,
  tenantId: string,
  input: {
    clientId?: string | undefined;
    history: ChatHistoryEntry[];
    agentState: Record<string, unknown> | null;
  },
  now: Date,
): Promise<ChatContext> {
  const [tenant, services] = await Promise.all([loadTenant(db, tenantId), loadServices(db, tenantId)]);
  const client = input.clientId
    ? await db
        .selectFrom('clients')
        .select(['id', 'name', 'phone', 'campaign_opt_out', 'notes'])
        .where('tenant_id', '=', tenantId)
        .where('id', '=', input.clientId)
        .executeTakeFirst()
    : undefined;
  if (input.clientId && !client) throw new AppError('NOT_FOUND', 'Cliente não encontrado.');
  const bookings = client
    ? await loadClientBookings(db, tenantId, client.id, now)
    : { upcomingAppointments: [], openRequests: [] };
  return {
    tenant,
    conversation: { id: '00000000-0000-0000-0000-000000000000', mode: 'ai', agentState: input.agentState },
    client: client
      ? {
          id: client.id,
          name: client.name,
          phone: client.phone,
          optedOut: client.campaign_opt_out,
          notes: client.notes,
        }
      : {
          id: '00000000-0000-0000-0000-000000000000',
          name: 'Cliente de teste',
          phone: '',
          optedOut: false,
          notes: null,
        },
    history: input.history,
    services,
    ...bookings,
  };
}

export async function saveAgentState(
  db: Executor,
  tenantId: string,
  conversationId: string,
  state: Record<string, unknown> | null,
): Promise<void> {
  await db
    .updateTable('conversations')
    .set({ agent_state: state === null ? null : JSON.stringify(state) })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', conversationId)
    .execute();
}

/** Names of some professionals of the tenant, by id. */
export async function professionalNames(
  db: Executor,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('professionals')
    .select(['id', 'name'])
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
