import { z } from 'zod';
import { idSchema } from './common';
import { phoneSchema } from './phone';

const minutes = (max: number, label: string) =>
  z
    .number({ error: `${label}: informe um número de minutos.` })
    .int({ error: `${label}: use minutos inteiros.` })
    .min(0, { error: `${label} não pode ser negativo.` })
    .max(max, { error: `${label}: no máximo ${max} minutos.` });

export const serviceNameSchema = z
  .string()
  .trim()
  .min(1, { error: 'Informe o nome do serviço.' })
  .max(80, { error: 'Nome longo demais (máximo 80 caracteres).' });

export const serviceSchema = z.object({
  id: idSchema,
  name: z.string(),
  durationMin: z.number().int(),
  priceCents: z.number().int(),
  returnCycleDays: z.number().int().nullable(),
  bufferBeforeMin: z.number().int(),
  bufferAfterMin: z.number().int(),
  active: z.boolean(),
  createdAt: z.string(),
});
export type Service = z.infer<typeof serviceSchema>;

export const createServiceInput = z.object({
  name: serviceNameSchema,
  durationMin: minutes(12 * 60, 'Duração').min(5, { error: 'Duração mínima de 5 minutos.' }),
  priceCents: z
    .number({ error: 'Informe o preço em centavos.' })
    .int({ error: 'Preço em centavos (número inteiro).' })
    .min(0, { error: 'O preço não pode ser negativo.' })
    .max(100_000_00, { error: 'Preço alto demais.' }),
  returnCycleDays: z.number().int().min(1).max(730).nullable().optional(),
  bufferBeforeMin: minutes(240, 'Intervalo antes').default(0),
  bufferAfterMin: minutes(240, 'Intervalo depois').default(0),
  active: z.boolean().default(true),
});
export type CreateServiceInput = z.input<typeof createServiceInput>;

export const updateServiceInput = createServiceInput.partial().extend({ id: idSchema });
export const serviceIdInput = z.object({ id: idSchema });
export const listServicesInput = z
  .object({ includeArchived: z.boolean().default(false) })
  .default({ includeArchived: false });

export const hhmmSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { error: 'Horário no formato HH:MM (00:00 a 24:00).' });

export const weekdaySchema = z.literal([0, 1, 2, 3, 4, 5, 6], {
  error: 'Dia da semana de 0 (domingo) a 6 (sábado).',
});
export type Weekday = z.infer<typeof weekdaySchema>;

export const workingIntervalSchema = z
  .object({ weekday: weekdaySchema, start: hhmmSchema, end: hhmmSchema })
  .refine((v) => v.start < v.end, { error: 'O início precisa ser antes do fim.', path: ['end'] });
export type WorkingInterval = z.infer<typeof workingIntervalSchema>;

export const colorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: 'Cor no formato #RRGGBB.' });

export const professionalSchema = z.object({
  id: idSchema,
  name: z.string(),
  phone: z.string().nullable(),
  color: z.string(),
  active: z.boolean(),
  serviceIds: z.array(idSchema),
  workingHours: z.array(z.object({ weekday: weekdaySchema, start: z.string(), end: z.string() })),
  /** A stored file of purpose `avatar`. */
  photoFileId: idSchema.nullable(),
  createdAt: z.string(),
});
export type Professional = z.infer<typeof professionalSchema>;

export const timeOffSchema = z.object({
  id: idSchema,
  professionalId: idSchema,
  start: z.string(),
  end: z.string(),
  reason: z.string().nullable(),
});
export type TimeOff = z.infer<typeof timeOffSchema>;

export const createProfessionalInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, { error: 'Informe o nome.' })
    .max(80, { error: 'Nome longo demais (máximo 80 caracteres).' }),
  phone: phoneSchema.nullable().optional(),
  color: colorSchema.optional(),
  active: z.boolean().default(true),
  serviceIds: z.array(idSchema).max(200).default([]),
  photoFileId: idSchema.nullable().optional(),
});
export type CreateProfessionalInput = z.input<typeof createProfessionalInput>;

export const updateProfessionalInput = createProfessionalInput.partial().extend({ id: idSchema });
export const professionalIdInput = z.object({ id: idSchema });

export const setWorkingHoursInput = z
  .object({ professionalId: idSchema, hours: z.array(workingIntervalSchema).max(70) })
  .superRefine((value, ctx) => {
    const byDay = new Map<number, { start: string; end: string }[]>();
    for (const h of value.hours) byDay.set(h.weekday, [...(byDay.get(h.weekday) ?? []), h]);
    for (const [weekday, intervals] of byDay) {
      const sorted = [...intervals].sort((a, b) => a.start.localeCompare(b.start));
      for (let i = 1; i < sorted.length; i++) {
        const previous = sorted[i - 1];
        const current = sorted[i];
        if (previous && current && current.start < previous.end) {
          ctx.addIssue({
            code: 'custom',
            path: ['hours'],
            message: `Horários sobrepostos em ${weekdayNamesPtBr[weekday] ?? weekday}: ${previous.start}–${previous.end} e ${current.start}–${current.end}.`,
          });
        }
      }
    }
  });
export type SetWorkingHoursInput = z.infer<typeof setWorkingHoursInput>;

export const localDateSchema = z.iso.date({ error: 'Data no formato AAAA-MM-DD.' });

/** Time off in the tenant's wall-clock: "2026-12-24" 13:00 to "2026-12-26" 24:00. */
export const addTimeOffInput = z
  .object({
    professionalId: idSchema,
    startDate: localDateSchema,
    startTime: hhmmSchema.default('00:00'),
    endDate: localDateSchema,
    endTime: hhmmSchema.default('24:00'),
    reason: z.string().trim().max(200).optional(),
  })
  .refine((v) => `${v.startDate}T${v.startTime}` < `${v.endDate}T${v.endTime}`, {
    error: 'O fim da folga precisa ser depois do início.',
    path: ['endDate'],
  });
export type AddTimeOffInput = z.input<typeof addTimeOffInput>;
export const removeTimeOffInput = z.object({ id: idSchema });
export const listTimeOffInput = z.object({ professionalId: idSchema });

export const weekdayNamesPtBr = [
  'domingo',
  'segunda',
  'terça',
  'quarta',
  'quinta',
  'sexta',
  'sábado',
] as const;
