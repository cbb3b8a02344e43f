import {
  appointmentIdInput,
  appointmentSchema,
  cancelAppointmentInput,
  createAppointmentInput,
  rescheduleAppointmentInput,
} from '@agenda-cheia/contracts';
import { protectedProcedure, router } from '../init';

export const appointmentsRouter = router({
  get: protectedProcedure
    .input(appointmentIdInput)
    .output(appointmentSchema)
    .query(({ ctx, input }) => ctx.services.appointments.get(ctx.actor, input.id)),

  create: protectedProcedure
    .input(createAppointmentInput)
    .output(appointmentSchema)
    .mutation(({ ctx, input }) => ctx.services.appointments.create(ctx.actor, input)),

  reschedule: protectedProcedure
    .input(rescheduleAppointmentInput)
    .output(appointmentSchema)
    .mutation(({ ctx, input }) => ctx.services.appointments.reschedule(ctx.actor, input)),

  cancel: protectedProcedure
    .input(cancelAppointmentInput)
    .output(appointmentSchema)
    .mutation(({ ctx, input }) => ctx.services.appointments.cancel(ctx.actor, input.id, input.reason)),

  complete: protectedProcedure
    .input(appointmentIdInput)
    .output(appointmentSchema)
    .mutation(({ ctx, input }) => ctx.services.appointments.complete(ctx.actor, input.id)),

  markNoShow: protectedProcedure
    .input(appointmentIdInput)
    .output(appointmentSchema)
    .mutation(({ ctx, input }) => ctx.services.appointments.markNoShow(ctx.actor, input.id)),
});
