import {
  availabilityInput,
  availabilityOutput,
  calendarInput,
  calendarOutput,
} from '@agenda-cheia/contracts';
import { protectedProcedure, router } from '../init';

export const scheduleRouter = router({
  availability: protectedProcedure
    .input(availabilityInput)
    .output(availabilityOutput)
    .query(({ ctx, input }) => ctx.services.availability.find(ctx.actor, input)),

  calendar: protectedProcedure
    .input(calendarInput)
    .output(calendarOutput)
    .query(({ ctx, input }) => ctx.services.appointments.calendar(ctx.actor, input)),
});
