import { chatIntentSchema } from './agent-configs';
import { z } from 'zod';
import { idSchema } from './common';

export const channels = ['whatsapp', 'instagram', 'sms', 'email'] as const;
export const channelSchema = z.enum(channels);
export type Channel = z.infer<typeof channelSchema>;

export const messageStatuses = ['received', 'queued', 'sent', 'delivered', 'read', 'failed'] as const;
export const messageStatusSchema = z.enum(messageStatuses);
export type MessageStatus = z.infer<typeof messageStatusSchema>;

export const mediaStates = ['stored', 'pending', 'failed'] as const;

/**
 * A message's file. `fileId` names the stored file (S3): the web and the n8n payload get short-lived
 * presigned URLs for it. An inbound file arrives as a provider URL (`url`, `pending`), is fetched and
 * stored server-side, then carries its `fileId` (`stored`), or `failed` with the reason.
 */
export const mediaSchema = z.object({
  fileId: idSchema.nullable(),
  url: z.string().nullable(),
  mimeType: z.string(),
  filename: z.string().nullable(),
  size: z.number().int().nullable(),
  state: z.enum(mediaStates),
  error: z.string().nullable(),
});
export type Media = z.infer<typeof mediaSchema>;

export const messageSchema = z.object({
  id: idSchema,
  conversationId: idSchema,
  direction: z.enum(['inbound', 'outbound']),
  author: z.enum(['client', 'staff', 'ai', 'system']),
  authorUserId: idSchema.nullable(),
  text: z.string(),
  media: mediaSchema.nullable(),
  status: messageStatusSchema,
  statusError: z.string().nullable(),
  channel: channelSchema,
  createdAt: z.string(),
  clientMessageId: z.string().nullable(),
  /** AI replies: what the agent understood of the client's message it answers. */
  intent: chatIntentSchema.nullable().optional(),
});
export type Message = z.infer<typeof messageSchema>;

export const conversationStatusSchema = z.enum(['open', 'pending', 'closed']);
export const conversationModeSchema = z.enum(['ai', 'human']);

export const conversationSchema = z.object({
  id: idSchema,
  clientId: idSchema,
  clientName: z.string(),
  clientPhone: z.string(),
  channel: channelSchema,
  status: conversationStatusSchema,
  mode: conversationModeSchema,
  assigneeId: idSchema.nullable(),
  unreadCount: z.number().int(),
  lastMessageAt: z.string().nullable(),
  lastMessagePreview: z.string().nullable(),
  createdAt: z.string(),
});
export type Conversation = z.infer<typeof conversationSchema>;

/** What n8n posts for every inbound message (snake_case, as in the design documents). */
export const messageReceivedPayload = z.object({
  tenant_id: idSchema.optional(),
  client_id: idSchema.optional(),
  client_name: z.string().trim().max(120).default(''),
  phone: z.string().min(1).max(40),
  message: z.string().max(10_000),
  channel: channelSchema.default('whatsapp'),
  timestamp: z.union([z.iso.datetime({ offset: true }), z.number().int().positive()]),
  message_id: z.string().trim().min(1).max(200),
  media: z
    .object({ url: z.url(), mime_type: z.string().max(100), filename: z.string().max(255).optional() })
    .optional(),
});
export type MessageReceivedPayload = z.infer<typeof messageReceivedPayload>;

export const messageStatusPayload = z.object({
  message_id: z.string().trim().min(1).max(200),
  status: z.enum(['sent', 'delivered', 'read', 'failed']),
  error: z.string().max(1000).optional(),
  timestamp: z.union([z.iso.datetime({ offset: true }), z.number().int().positive()]),
});
export type MessageStatusPayload = z.infer<typeof messageStatusPayload>;

export const conversationIdInput = z.object({ conversationId: idSchema });
export const listConversationsInput = z
  .object({
    status: conversationStatusSchema.optional(),
    assigneeId: idSchema.nullable().optional(),
    search: z.string().trim().max(100).optional(),
    cursor: z.string().max(300).nullish(),
    limit: z.number().int().min(1).max(100).default(30),
  })
  .default({ limit: 30 });
export const conversationPageSchema = z.object({
  items: z.array(conversationSchema),
  nextCursor: z.string().nullable(),
});
export const assignConversationInput = z.object({ conversationId: idSchema, userId: idSchema.nullable() });
export const setConversationStatusInput = z.object({
  conversationId: idSchema,
  status: conversationStatusSchema,
});
export const setConversationModeInput = z.object({ conversationId: idSchema, mode: conversationModeSchema });
export const typingInput = z.object({ conversationId: idSchema, typing: z.boolean() });

export const listMessagesInput = z.object({
  conversationId: idSchema,
  before: idSchema.optional(),
  limit: z.number().int().min(1).max(100).default(30),
});
export const messagePageSchema = z.object({
  items: z.array(messageSchema),
  nextCursor: z.string().nullable(),
});
export const sendMessageInput = z
  .object({
    conversationId: idSchema,
    text: z.string().trim().max(4096, { error: 'Mensagem longa demais.' }).default(''),
    /** A file uploaded with `files.createUploadUrl` (purpose `attachment`) and confirmed. */
    attachmentFileId: idSchema.optional(),
    clientMessageId: z.string().trim().min(8).max(100),
  })
  .refine((v) => v.text !== '' || v.attachmentFileId !== undefined, {
    error: 'Escreva a mensagem.',
    path: ['text'],
  });

export const integrationSchema = z.object({
  id: idSchema,
  kind: z.enum(['n8n', 'llm']),
  name: z.string(),
  outboundUrl: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
  hasSigningSecret: z.boolean(),
  /** LLM integrations: the endpoint and model (the key is never returned). */
  baseUrl: z.string().nullable().optional(),
  model: z.string().nullable().optional(),
  hasApiKey: z.boolean().optional(),
});
const outboundUrlSchema = z.url({ protocol: /^https?$/, error: 'URL de saída inválida (http ou https).' });
const llmBaseUrlSchema = z.url({ protocol: /^https?$/, error: 'URL do provedor inválida (http ou https).' });
export const createIntegrationInput = z.object({
  kind: z.literal('n8n'),
  name: z.string().trim().min(1).max(80).optional(),
  outboundUrl: outboundUrlSchema,
});
/** Any OpenAI-compatible endpoint (OpenAI, Gemini, Groq, Ollama): overrides the deployment's LLM. */
export const createLlmIntegrationInput = z.object({
  name: z.string().trim().min(1).max(80).optional(),
  baseUrl: llmBaseUrlSchema,
  apiKey: z.string().trim().max(500).default(''),
  model: z.string().trim().min(1, { error: 'Informe o modelo.' }).max(120),
});
/** The inbound token and signing secret, shown once. */
export const createdIntegrationSchema = integrationSchema.extend({
  inboundToken: z.string(),
  signingSecret: z.string(),
});
export const updateIntegrationInput = z.object({
  id: idSchema,
  name: z.string().trim().min(1).max(80).optional(),
  outboundUrl: outboundUrlSchema.optional(),
  active: z.boolean().optional(),
  baseUrl: llmBaseUrlSchema.optional(),
  apiKey: z.string().trim().max(500).optional(),
  model: z.string().trim().min(1).max(120).optional(),
});
export const integrationIdInput = z.object({ id: idSchema });
export const integrationTestResultSchema = z.object({
  ok: z.boolean(),
  status: z.number().int().nullable(),
  latencyMs: z.number().int(),
  error: z.string().nullable(),
  /** LLM integrations: the models the endpoint offers. */
  models: z.array(z.string()).optional(),
});

export const conversationStreamInput = z.object({
  conversationId: idSchema,
  lastEventId: z
    .string()
    .regex(/^\d{1,19}$/, { error: 'lastEventId inválido.' })
    .nullish(),
});
