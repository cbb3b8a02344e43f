import { z } from 'zod';
import { emailSchema, idSchema } from './common';
import { localDateSchema } from './catalog';
import { phoneSchema } from './phone';

export const clientSchema = z.object({
  id: idSchema,
  name: z.string(),
  phone: z.string(),
  email: z.string().nullable(),
  notes: z.string().nullable(),
  birthday: z.string().nullable(),
  campaignOptOut: z.boolean(),
  createdAt: z.string(),
  lastVisitAt: z.string().nullable().optional(),
});
export type Client = z.infer<typeof clientSchema>;

const clientNameSchema = z
  .string()
  .trim()
  .min(1, { error: 'Informe o nome do cliente.' })
  .max(120, { error: 'Nome longo demais (máximo 120 caracteres).' });

export const createClientInput = z.object({
  name: clientNameSchema,
  phone: phoneSchema,
  email: emailSchema.nullable().optional(),
  notes: z.string().trim().max(2000).nullable().optional(),
  birthday: localDateSchema.nullable().optional(),
  campaignOptOut: z.boolean().default(false),
});
export type CreateClientInput = z.input<typeof createClientInput>;

export const updateClientInput = createClientInput.partial().extend({ id: idSchema });
export const clientIdInput = z.object({ id: idSchema });

export const listClientsInput = z
  .object({
    search: z.string().trim().max(100).optional(),
    cursor: z.string().max(200).nullish(),
    limit: z.number().int().min(1).max(100).default(30),
  })
  .default({ limit: 30 });

export const clientPageSchema = z.object({ items: z.array(clientSchema), nextCursor: z.string().nullable() });

/** CSV import: the owner maps spreadsheet columns to client fields. */
export const clientCsvFields = ['name', 'phone', 'email', 'notes', 'birthday'] as const;
export const importClientsCsvInput = z.object({
  csv: z
    .string()
    .min(1, { error: 'O arquivo está vazio.' })
    .max(5 * 1024 * 1024, { error: 'Arquivo grande demais (máximo 5 MB).' }),
  /** Spreadsheet header → client field; absent → headers are matched by common pt-BR names. */
  mapping: z.record(z.string(), z.enum(clientCsvFields)).optional(),
  delimiter: z.enum([',', ';', '\t']).optional(),
});
export type ImportClientsCsvInput = z.input<typeof importClientsCsvInput>;

export const importClientsCsvOutput = z.object({
  created: z.number().int(),
  merged: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), message: z.string() })),
  mapping: z.record(z.string(), z.enum(clientCsvFields)),
});
export type ImportClientsCsvResult = z.infer<typeof importClientsCsvOutput>;
