import {
  type Appointment,
  AppError,
  type AppointmentStatus,
  type CreateAppointmentInput,
  createAppointmentInput,
  rescheduleAppointmentInput,
} from '@agenda-cheia/contracts';
import { type Database, type Kysely, sql } from '@agenda-cheia/db';
import type { EventBus } from '../events/event-bus';
import type { Clock } from '../shared/clock';
import type { ActorContext } from '../shared/context';
import { findTenantById } from '../tenants/repository';
import { findAppointment, selectAppointmentsWithNames, toAppointment } from './appointment-queries';
import { checkSlot, guardAgainstDoubleBooking, insertAppointment } from './booking';

const LIVE: AppointmentStatus[] = ['scheduled', 'confirmed'];
type Closing = 'cancelled' | 'completed' | 'no_show';

export interface CalendarView {
  appointments: Appointment[];
  timeOff: { id: string; professionalId: string; start: string; end: string; reason: string | null }[];
  professionals: { id: string; name: string; color: string }[];
  timezone: string;
}

/** Booking, moving and closing appointments; every change is announced on the event bus. */
export function createAppointmentBook(deps: { db: Kysely<Database>; bus: EventBus; clock: Clock }) {
  const { db, bus, clock } = deps;

  async function timezoneOf(tenantId: string): Promise<string> {
    const tenant = await findTenantById(db, tenantId);
    if (!tenant) throw new AppError('NOT_FOUND');
    return tenant.timezone;
  }

  async function get(actor: ActorContext, id: string): Promise<Appointment> {
    const appointment = await findAppointment(db, actor.tenantId, id);
    if (!appointment) throw new AppError('NOT_FOUND', 'Agendamento não encontrado.');
    return appointment;
  }

  /** Compare-and-swap on the status: two people closing the same appointment get one winner. */
  async function close(actor: ActorContext, id: string, to: Closing, reason?: string): Promise<Appointment> {
    const now = clock.now();
    const updated = await db
      .updateTable('appointments')
      .set({
        status: to,
        updated_at: now,
        ...(to === 'cancelled' ? { cancelled_at: now, cancel_reason: reason ?? null } : {}),
        ...(to === 'completed' ? { completed_at: now } : {}),
      })
      .where('tenant_id', '=', actor.tenantId)
      .where('id', '=', id)
      .where('status', 'in', LIVE)
      .returning('id')
      .executeTakeFirst();
    if (!updated) {
      await get(actor, id); // NOT_FOUND when it is not the tenant's
      throw new AppError('INVALID_STATE', 'Este agendamento já foi concluído ou cancelado.');
    }
    const appointment = await get(actor, id);
    await bus.publish(actor.tenantId, {
      event_type: 'appointment_updated',
      data: { appointment, change: to },
    });
    return appointment;
  }

  return {
    get,

    async create(actor: ActorContext, raw: CreateAppointmentInput): Promise<Appointment> {
      const input = createAppointmentInput.parse(raw);
      const timezone = await timezoneOf(actor.tenantId);
      const id = await guardAgainstDoubleBooking(() =>
        insertAppointment(db, actor.tenantId, timezone, {
          clientId: input.clientId,
          serviceId: input.serviceId,
          professionalId: input.professionalId,
          start: new Date(input.start),
          force: input.force,
          discountPercent: input.discountPercent,
          notes: input.notes,
          source: 'manual',
          createdBy: actor.userId,
        }),
      );
      const appointment = await get(actor, id);
      await bus.publish(actor.tenantId, { event_type: 'appointment_created', data: { appointment } });
      return appointment;
    },

    async reschedule(actor: ActorContext, raw: unknown): Promise<Appointment> {
      const input = rescheduleAppointmentInput.parse(raw);
      const current = await get(actor, input.id);
      if (!LIVE.includes(current.status)) {
        throw new AppError('INVALID_STATE', 'Só é possível remarcar agendamentos em aberto.');
      }
      const timezone = await timezoneOf(actor.tenantId);
      const professionalId = input.professionalId ?? current.professionalId;
      await guardAgainstDoubleBooking(async () => {
        const slot = await checkSlot(db, actor.tenantId, timezone, {
          serviceId: current.serviceId,
          professionalId,
          start: new Date(input.start),
          force: input.force,
          excludeAppointmentId: current.id,
        });
        const moved = await db
          .updateTable('appointments')
          .set({
            professional_id: professionalId,
            starts_at: slot.start,
            ends_at: slot.end,
            blocked_during: sql<string>`${slot.blockedDuring}::tstzrange`,
            updated_at: clock.now(),
          })
          .where('tenant_id', '=', actor.tenantId)
          .where('id', '=', current.id)
          .where('status', 'in', LIVE)
          .executeTakeFirst();
        if (moved.numUpdatedRows === 0n) {
          throw new AppError('INVALID_STATE', 'Só é possível remarcar agendamentos em aberto.');
        }
      });
      const appointment = await get(actor, current.id);
      await bus.publish(actor.tenantId, {
        event_type: 'appointment_updated',
        data: { appointment, change: 'rescheduled' },
      });
      return appointment;
    },

    cancel: (actor: ActorContext, id: string, reason: string) => close(actor, id, 'cancelled', reason),
    complete: (actor: ActorContext, id: string) => close(actor, id, 'completed'),
    markNoShow: (actor: ActorContext, id: string) => close(actor, id, 'no_show'),

    async calendar(
      actor: ActorContext,
      input: { from: string; to: string; professionalIds?: string[] | undefined },
    ): Promise<CalendarView> {
      const from = new Date(input.from);
      const to = new Date(input.to);
      let professionals = db
        .selectFrom('professionals')
        .select(['id', 'name', 'color'])
        .where('tenant_id', '=', actor.tenantId)
        .where('active', '=', true);
      let appointments = selectAppointmentsWithNames(db, actor.tenantId)
        .where('a.status', '<>', 'cancelled')
        .where('a.starts_at', '<', to)
        .where('a.ends_at', '>', from);
      let timeOff = db
        .selectFrom('time_off')
        .select(['id', 'professional_id', 'starts_at', 'ends_at', 'reason'])
        .where('tenant_id', '=', actor.tenantId)
        .where('starts_at', '<', to)
        .where('ends_at', '>', from);
      if (input.professionalIds) {
        if (input.professionalIds.length === 0) {
          return {
            appointments: [],
            timeOff: [],
            professionals: [],
            timezone: await timezoneOf(actor.tenantId),
          };
        }
        professionals = professionals.where('id', 'in', input.professionalIds);
        appointments = appointments.where('a.professional_id', 'in', input.professionalIds);
        timeOff = timeOff.where('professional_id', 'in', input.professionalIds);
      }
      const [pros, appts, off, timezone] = await Promise.all([
        professionals.orderBy('name').execute(),
        appointments.orderBy('a.starts_at').execute(),
        timeOff.orderBy('starts_at').execute(),
        timezoneOf(actor.tenantId),
      ]);
      return {
        appointments: appts.map(toAppointment),
        timeOff: off.map((t) => ({
          id: t.id,
          professionalId: t.professional_id,
          start: t.starts_at.toISOString(),
          end: t.ends_at.toISOString(),
          reason: t.reason,
        })),
        professionals: pros,
        timezone,
      };
    },
  };
}

export type AppointmentBook = ReturnType<typeof createAppointmentBook>;
