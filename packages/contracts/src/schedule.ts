import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from './common';

export const appointmentStatuses = ['scheduled', 'confirmed', 'completed', 'cancelled', 'no_show'] as const;
export const appointmentStatusSchema = z.enum(appointmentStatuses);
export type AppointmentStatus = z.infer<typeof appointmentStatusSchema>;

export const bookingSources = ['manual', 'chat', 'prazo_certo', 'encher_agenda'] as const;
export const bookingSourceSchema = z.enum(bookingSources);
export type BookingSource = z.infer<typeof bookingSourceSchema>;

export const appointmentSchema = z.object({
  id: idSchema,
  clientId: idSchema,
  serviceId: idSchema,
  professionalId: idSchema,
  start: z.string(),
  end: z.string(),
  status: appointmentStatusSchema,
  priceCents: z.number().int(),
  discountPercent: z.number().int(),
  finalPriceCents: z.number().int(),
  source: bookingSourceSchema,
  notes: z.string().nullable(),
  cancelReason: z.string().nullable(),
  createdAt: z.string(),
  clientName: z.string().optional(),
  serviceName: z.string().optional(),
  professionalName: z.string().optional(),
});
export type Appointment = z.infer<typeof appointmentSchema>;

export const createAppointmentInput = z.object({
  clientId: idSchema,
  serviceId: idSchema,
  professionalId: idSchema,
  start: isoDateTimeSchema,
  /** Staff may book outside working hours on purpose (an extra evening for a bride). */
  force: z.boolean().default(false),
  discountPercent: z.number().int().min(0).max(100).default(0),
  notes: z.string().trim().max(1000).optional(),
});
export type CreateAppointmentInput = z.input<typeof createAppointmentInput>;

export const rescheduleAppointmentInput = z.object({
  id: idSchema,
  start: isoDateTimeSchema,
  professionalId: idSchema.optional(),
  force: z.boolean().default(false),
});
export const cancelAppointmentInput = z.object({
  id: idSchema,
  reason: z.string().trim().min(1, { error: 'Informe o motivo do cancelamento.' }).max(500),
});
export const appointmentIdInput = z.object({ id: idSchema });

const rangeInput = {
  from: isoDateTimeSchema,
  to: isoDateTimeSchema,
};
const MAX_RANGE_DAYS = 62;
function boundedRange<T extends { from: string; to: string }>(value: T, ctx: z.RefinementCtx): void {
  const span = Date.parse(value.to) - Date.parse(value.from);
  if (span <= 0)
    ctx.addIssue({ code: 'custom', path: ['to'], message: '"to" precisa ser depois de "from".' });
  if (span > MAX_RANGE_DAYS * 86_400_000) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: `Intervalo máximo de ${MAX_RANGE_DAYS} dias.` });
  }
}

export const availabilityInput = z
  .object({ serviceId: idSchema, professionalId: idSchema.optional(), ...rangeInput })
  .superRefine(boundedRange);
export type AvailabilityInput = z.infer<typeof availabilityInput>;

export const slotSchema = z.object({ start: z.string(), end: z.string(), professionalId: idSchema });
export type Slot = z.infer<typeof slotSchema>;
export const availabilityOutput = z.object({
  slots: z.array(slotSchema),
  days: z.array(z.object({ date: z.string(), slots: z.array(slotSchema) })),
  timezone: z.string(),
});

export const calendarInput = z
  .object({ ...rangeInput, professionalIds: z.array(idSchema).max(100).optional() })
  .superRefine(boundedRange);
export const calendarOutput = z.object({
  appointments: z.array(appointmentSchema),
  timeOff: z.array(
    z.object({
      id: idSchema,
      professionalId: idSchema,
      start: z.string(),
      end: z.string(),
      reason: z.string().nullable(),
    }),
  ),
  professionals: z.array(z.object({ id: idSchema, name: z.string(), color: z.string() })),
  timezone: z.string(),
});
