import { z } from 'zod';
import { idSchema } from './common';

export const campaignKinds = ['prazo_certo', 'encher_agenda'] as const;
export const campaignKindSchema = z.enum(campaignKinds);
export type CampaignKind = z.infer<typeof campaignKindSchema>;

/** Placeholders a campaign template may use; each is filled per client. */
export const campaignPlaceholders = [
  'nome',
  'servico',
  'data',
  'hora',
  'profissional',
  'desconto',
  'preco',
  'negocio',
] as const;

const cronSchema = z
  .string()
  .trim()
  .regex(/^(\S+\s+){4}\S+$/, {
    error: 'Agendamento inválido: use o formato cron de 5 campos (ex.: 0 9 * * *).',
  });

export const defaultCampaignSchedules: Record<CampaignKind, string> = {
  prazo_certo: '0 9 * * *',
  encher_agenda: '0 14 * * 1,3,5',
};

export const defaultCampaignTemplates: Record<CampaignKind, string> = {
  prazo_certo:
    'Oi, {nome}! Já está na hora de renovar seu {servico} 💇‍♀️ Separei {data} às {hora} com {profissional}' +
    ' por {preco}{desconto}. Posso reservar? Responda SIM ou NÃO.',
  encher_agenda:
    'Oi, {nome}! Abriu um horário {data} às {hora} com {profissional} para {servico}, por {preco}{desconto}.' +
    ' Quer? Responda SIM ou NÃO.',
};

export const campaignConfigSchema = z.object({
  discountPercent: z.number().int().min(0).max(90).default(0),
  /** How far ahead to look for due clients (Prazo Certo) or free gaps (Encher Agenda). */
  daysAhead: z.number().int().min(1).max(60).default(7),
  serviceIds: z.array(idSchema).max(100).default([]),
  professionalIds: z.array(idSchema).max(100).default([]),
  /** A client contacted by any campaign within this many days is left alone. */
  cooldownDays: z.number().int().min(0).max(365).default(14),
  maxOffersPerRun: z.number().int().min(1).max(1000).default(30),
  /** Hours a client has to answer an offer before its slot is released. */
  offerExpiryHours: z.number().int().min(1).max(168).default(24),
  template: z.string().trim().min(1).max(1000).optional(),
  /** WhatsApp-approved template used by gateways outside the 24-hour service window. */
  whatsappTemplate: z
    .object({
      name: z.string().trim().min(1).max(200),
      language: z.string().trim().min(2).max(10).default('pt_BR'),
    })
    .optional(),
  schedule: cronSchema.optional(),
});
export type CampaignConfig = z.infer<typeof campaignConfigSchema>;

export const campaignSchema = z.object({
  id: idSchema,
  kind: campaignKindSchema,
  name: z.string(),
  config: campaignConfigSchema.required({ template: true, schedule: true }),
  enabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastRun: z.object({ id: idSchema, startedAt: z.string(), status: z.string() }).nullable().optional(),
});
export type Campaign = z.infer<typeof campaignSchema>;

export const createCampaignInput = z.object({
  kind: campaignKindSchema,
  name: z.string().trim().min(1, { error: 'Informe o nome da campanha.' }).max(120),
  config: campaignConfigSchema.default(campaignConfigSchema.parse({})),
  enabled: z.boolean().default(true),
});
export type CreateCampaignInput = z.input<typeof createCampaignInput>;

/**
 * A change to some of a campaign's settings: only the fields given change. Unlike
 * `campaignConfigSchema.partial()`, no defaults are filled in, so `{ discountPercent: 20 }` leaves the rest
 * as it was. `whatsappTemplate: null` removes the approved template.
 */
const configFields = campaignConfigSchema.shape;
export const campaignConfigPatchSchema = z.object({
  discountPercent: configFields.discountPercent.unwrap().optional(),
  daysAhead: configFields.daysAhead.unwrap().optional(),
  serviceIds: configFields.serviceIds.unwrap().optional(),
  professionalIds: configFields.professionalIds.unwrap().optional(),
  cooldownDays: configFields.cooldownDays.unwrap().optional(),
  maxOffersPerRun: configFields.maxOffersPerRun.unwrap().optional(),
  offerExpiryHours: configFields.offerExpiryHours.unwrap().optional(),
  template: configFields.template,
  whatsappTemplate: configFields.whatsappTemplate.unwrap().nullable().optional(),
  schedule: configFields.schedule,
});
export type CampaignConfigPatch = z.infer<typeof campaignConfigPatchSchema>;

export const updateCampaignInput = z.object({
  id: idSchema,
  name: z.string().trim().min(1).max(120).optional(),
  config: campaignConfigPatchSchema.optional(),
  enabled: z.boolean().optional(),
});
export type UpdateCampaignInput = z.input<typeof updateCampaignInput>;

export const campaignIdInput = z.object({ id: idSchema });

export const runStatsSchema = z.object({
  clientsFound: z.number().int(),
  offersCreated: z.number().int(),
  notificationsSent: z.number().int(),
});
export type RunStats = z.infer<typeof runStatsSchema>;

/** A run's figures, the recorded ones plus what its offers became since. */
export const campaignResultsSchema = runStatsSchema.extend({
  accepted: z.number().int(),
  booked: z.number().int(),
  revenueBookedCents: z.number().int(),
});
export type CampaignResults = z.infer<typeof campaignResultsSchema>;

/** A campaign's figures over all its runs (`campaigns.stats`). */
export const campaignStatsSchema = campaignResultsSchema.extend({ runs: z.number().int() });
export type CampaignStats = z.infer<typeof campaignStatsSchema>;

export const campaignRunSchema = z.object({
  id: idSchema,
  campaignId: idSchema,
  trigger: z.enum(['schedule', 'manual']),
  scheduledFor: z.string().nullable(),
  status: z.enum(['running', 'completed', 'failed']),
  startedAt: z.string(),
  completedAt: z.string().nullable(),
  error: z.string().nullable(),
  results: campaignResultsSchema,
});
export type CampaignRun = z.infer<typeof campaignRunSchema>;

export const campaignRunsInput = z.object({
  campaignId: idSchema,
  limit: z.number().int().min(1).max(100).default(20),
});

export const executePrazoCertoInput = z.object({ campaignId: idSchema });
export const executeEncherAgendaInput = z.object({
  campaignId: idSchema,
  professionalId: idSchema.optional(),
});
export const executeCampaignOutput = z.object({ runId: idSchema, stats: runStatsSchema });
export type ExecuteCampaignOutput = z.infer<typeof executeCampaignOutput>;
