import { trpc } from '../api/trpc';

/**
 * Closing and moving appointments. Every change touches the calendar, today's list and the client's
 * history, so each success refreshes all three.
 */
export function useAppointmentActions() {
  const utils = trpc.useUtils();
  const refresh = async () => {
    await Promise.all([
      utils.schedule.calendar.invalidate(),
      utils.clients.get.invalidate(),
      utils.schedule.availability.invalidate(),
    ]);
  };
  return {
    complete: trpc.appointments.complete.useMutation({ onSuccess: refresh }),
    markNoShow: trpc.appointments.markNoShow.useMutation({ onSuccess: refresh }),
    cancel: trpc.appointments.cancel.useMutation({ onSuccess: refresh }),
    reschedule: trpc.appointments.reschedule.useMutation({ onSuccess: refresh }),
    create: trpc.appointments.create.useMutation({ onSuccess: refresh }),
  };
}
