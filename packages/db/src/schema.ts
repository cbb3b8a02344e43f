import type { ColumnType, Generated, Insertable, JSONColumnType, Selectable, Updateable } from 'kysely';
import type {
  AgentTool,
  AppointmentStatus,
  AuthRequestStatus,
  BookingSource,
  CampaignConfig,
  CampaignKind,
  ChatIntent,
  ClientConsent,
  FilePurpose,
  Media,
  Offer,
  OwnerDecision,
  RunStats,
  Role,
  TenantSettings,
  Weekday,
} from '@agenda-cheia/contracts';

/** Instants: read as Date, written as Date or ISO string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface TenantsTable {
  id: Generated<string>;
  name: string;
  slug: string;
  timezone: ColumnType<string, string | undefined, string>;
  settings: JSONColumnType<Partial<TenantSettings>, string | undefined, string>;
  logo_file_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface UsersTable {
  id: Generated<string>;
  tenant_id: string;
  name: string;
  email: string;
  role: Role;
  password_hash: string;
  password_changed_at: ColumnType<Date, Date | string | undefined, Date | string>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface RefreshTokensTable {
  id: Generated<string>;
  tenant_id: string;
  user_id: string;
  family_id: string;
  token_hash: string;
  expires_at: Timestamp;
  created_at: CreatedAt;
  revoked_at: Timestamp | null;
  revoked_reason: string | null;
  replaced_by: string | null;
}

type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

export interface ServicesTable {
  id: Generated<string>;
  tenant_id: string;
  name: string;
  duration_min: number;
  price_cents: number;
  return_cycle_days: number | null;
  buffer_before_min: ColumnType<number, number | undefined, number>;
  buffer_after_min: ColumnType<number, number | undefined, number>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  archived_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ProfessionalsTable {
  id: Generated<string>;
  tenant_id: string;
  name: string;
  phone: string | null;
  color: ColumnType<string, string | undefined, string>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  photo_file_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ProfessionalServicesTable {
  tenant_id: string;
  professional_id: string;
  service_id: string;
}

export interface WorkingHoursTable {
  id: Generated<string>;
  tenant_id: string;
  professional_id: string;
  weekday: Weekday;
  start_time: string;
  end_time: string;
}

export interface TimeOffTable {
  id: Generated<string>;
  tenant_id: string;
  professional_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  reason: string | null;
  created_at: CreatedAt;
}

export interface ClientsTable {
  id: Generated<string>;
  tenant_id: string;
  name: string;
  phone: string;
  email: string | null;
  notes: string | null;
  /** `date` is read as a string (YYYY-MM-DD): see the type parser in connection.ts. */
  birthday: string | null;
  campaign_opt_out: ColumnType<boolean, boolean | undefined, boolean>;
  opted_out_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface AppointmentsTable {
  id: Generated<string>;
  tenant_id: string;
  client_id: string;
  service_id: string;
  professional_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  buffer_before_min: number;
  buffer_after_min: number;
  /** A tstzrange literal, e.g. `[2026-11-24T12:00:00.000Z,2026-11-24T13:00:00.000Z)`. */
  blocked_during: string;
  status: ColumnType<AppointmentStatus, AppointmentStatus | undefined, AppointmentStatus>;
  price_cents: number;
  discount_percent: ColumnType<number, number | undefined, number>;
  final_price_cents: number;
  source: ColumnType<BookingSource, BookingSource | undefined, BookingSource>;
  notes: string | null;
  cancel_reason: string | null;
  cancelled_at: Timestamp | null;
  completed_at: Timestamp | null;
  created_by: string | null;
  reminder_sent_at: Timestamp | null;
  confirmed_at: Timestamp | null;
  auth_request_id: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface EventsTable {
  /** bigserial: read as a string by `pg`, which keeps 64-bit ids exact. */
  id: Generated<string>;
  tenant_id: string;
  event_type: string;
  data: JSONColumnType<Record<string, unknown>, string, string>;
  created_at: CreatedAt;
}

export type Channel = 'whatsapp' | 'instagram' | 'sms' | 'email';
export type MessageStatus = 'received' | 'queued' | 'sent' | 'delivered' | 'read' | 'failed';

export interface IntegrationsTable {
  id: Generated<string>;
  tenant_id: string;
  kind: 'n8n' | 'llm';
  name: string;
  outbound_url: string | null;
  inbound_token_hash: string | null;
  signing_secret_encrypted: string | null;
  config: JSONColumnType<Record<string, unknown>, string | undefined, string>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ConversationsTable {
  id: Generated<string>;
  tenant_id: string;
  client_id: string;
  channel: Channel;
  status: ColumnType<'open' | 'pending' | 'closed', 'open' | 'pending' | 'closed' | undefined>;
  mode: ColumnType<'ai' | 'human', 'ai' | 'human' | undefined>;
  assignee_id: string | null;
  unread_count: ColumnType<number, number | undefined>;
  last_message_at: Timestamp | null;
  last_message_preview: string | null;
  /** The chat agent's working memory for this conversation (its own versioned shape, validated on read). */
  agent_state: JSONColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** A WhatsApp-approved template: gateways use it when the client's 24-hour service window is closed. */
export interface OutboundTemplate {
  name: string;
  language: string;
  params: string[];
}

export interface MessagesTable {
  id: Generated<string>;
  tenant_id: string;
  conversation_id: string;
  channel: Channel;
  direction: 'inbound' | 'outbound';
  author: 'client' | 'staff' | 'ai' | 'system';
  author_user_id: string | null;
  text: string;
  /** Rows written before files were stored on S3 carry only `url`, `mimeType` and `filename`. */
  media: JSONColumnType<(Partial<Media> & Pick<Media, 'mimeType'>) | null, string | null, string | null>;
  status: MessageStatus;
  status_error: string | null;
  provider_message_id: string | null;
  client_message_id: string | null;
  template: JSONColumnType<OutboundTemplate | null, string | null | undefined, string | null>;
  send_after: Timestamp | null;
  intent: ChatIntent | null;
  sent_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface AgentConfigsTable {
  id: Generated<string>;
  tenant_id: string;
  name: string;
  persona: ColumnType<string, string | undefined, string>;
  greeting: ColumnType<string, string | undefined, string>;
  model: string | null;
  temperature: ColumnType<number, number | undefined, number>;
  enabled_tools: JSONColumnType<AgentTool[], string, string>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  is_default: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface CampaignsTable {
  id: Generated<string>;
  tenant_id: string;
  kind: CampaignKind;
  name: string;
  config: JSONColumnType<CampaignConfig, string, string>;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface CampaignRunsTable {
  id: Generated<string>;
  tenant_id: string;
  campaign_id: string;
  trigger: 'schedule' | 'manual';
  scheduled_for: Timestamp | null;
  status: ColumnType<'running' | 'completed' | 'failed', 'running' | 'completed' | 'failed' | undefined>;
  stats: JSONColumnType<Partial<RunStats>, string | undefined, string>;
  error: string | null;
  started_at: ColumnType<Date, Date | string | undefined, Date | string>;
  completed_at: Timestamp | null;
}

export interface AuthRequestsTable {
  id: Generated<string>;
  tenant_id: string;
  client_id: string;
  service_id: string;
  professional_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  /** A tstzrange literal: the service with its buffers. */
  held_during: string;
  source: BookingSource;
  offer: JSONColumnType<Offer | null, string | null, string | null>;
  campaign_id: string | null;
  campaign_run_id: string | null;
  client_consent: ColumnType<ClientConsent, ClientConsent | undefined, ClientConsent>;
  owner_decision: ColumnType<OwnerDecision, OwnerDecision | undefined, OwnerDecision>;
  status: ColumnType<AuthRequestStatus, AuthRequestStatus | undefined, AuthRequestStatus>;
  owner_notes: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  expires_at: Timestamp;
  created_by_agent: string | null;
  conversation_id: string | null;
  appointment_id: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface FilesTable {
  id: Generated<string>;
  tenant_id: string;
  key: string;
  purpose: FilePurpose;
  filename: string;
  content_type: string;
  size: number;
  checksum: string | null;
  status: ColumnType<'pending' | 'confirmed', 'pending' | 'confirmed' | undefined, 'pending' | 'confirmed'>;
  uploaded_by: string | null;
  created_at: CreatedAt;
  confirmed_at: Timestamp | null;
}

export interface Database {
  tenants: TenantsTable;
  users: UsersTable;
  refresh_tokens: RefreshTokensTable;
  services: ServicesTable;
  professionals: ProfessionalsTable;
  professional_services: ProfessionalServicesTable;
  working_hours: WorkingHoursTable;
  time_off: TimeOffTable;
  clients: ClientsTable;
  appointments: AppointmentsTable;
  events: EventsTable;
  integrations: IntegrationsTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  agent_configs: AgentConfigsTable;
  campaigns: CampaignsTable;
  campaign_runs: CampaignRunsTable;
  auth_requests: AuthRequestsTable;
  files: FilesTable;
}

export type TenantRow = Selectable<TenantsTable>;
export type NewTenantRow = Insertable<TenantsTable>;
export type TenantUpdate = Updateable<TenantsTable>;
export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type RefreshTokenRow = Selectable<RefreshTokensTable>;
export type ServiceRow = Selectable<ServicesTable>;
export type ProfessionalRow = Selectable<ProfessionalsTable>;
export type WorkingHoursRow = Selectable<WorkingHoursTable>;
export type TimeOffRow = Selectable<TimeOffTable>;
export type ClientRow = Selectable<ClientsTable>;
export type AppointmentRow = Selectable<AppointmentsTable>;
export type IntegrationRow = Selectable<IntegrationsTable>;
export type ConversationRow = Selectable<ConversationsTable>;
export type MessageRow = Selectable<MessagesTable>;
export type AgentConfigRow = Selectable<AgentConfigsTable>;
export type CampaignRow = Selectable<CampaignsTable>;
export type CampaignRunRow = Selectable<CampaignRunsTable>;
export type AuthRequestRow = Selectable<AuthRequestsTable>;
export type FileRow = Selectable<FilesTable>;
