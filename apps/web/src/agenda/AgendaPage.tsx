import { DEFAULT_TIMEZONE, type Professional } from '@agenda-cheia/contracts';
import { DateTime } from 'luxon';
import { useState, type ReactNode } from 'react';
import { Calendar, type SlotInfo, type View } from 'react-big-calendar';
import type { EventInteractionArgs } from 'react-big-calendar/lib/addons/dragAndDrop';
// The add-on's styles refine the calendar's own: they load after them.
import 'react-big-calendar/lib/css/react-big-calendar.css';
import 'react-big-calendar/lib/addons/dragAndDrop/styles.css';
import './agenda.css';
import { Link, useSearchParams } from 'react-router';
import { trpc } from '../api/trpc';
import { isOpen } from '../appointments/status';
import { appCodeOf, describeFailure } from '../forms/errors';
import { FormMessage } from '../forms/Field';
import { useSignedIn } from '../session/useSignedIn';
import { ColorDot, textColorOn } from '../settings/colors';
import { instantToWallClock, localDaysRange, todayIn } from '../time/wallClock';
import { AppointmentDialog } from './AppointmentDialog';
import { BookingDialog, type BookingDraft } from './BookingDialog';
import { withDragAndDrop } from './dragAndDrop';
import {
  appointmentEvents,
  openingTime,
  timeOffEvents,
  visibleHours,
  type AgendaEvent,
  type AgendaResource,
  type PendingMove,
} from './calendarEvents';
import { CALENDAR_CULTURE, calendarFormats, calendarMessages, tenantLocalizer } from './localizer';

const DragAndDropCalendar = withDragAndDrop<AgendaEvent, AgendaResource>(Calendar);

type AgendaView = 'day' | 'week';
const VIEWS: AgendaView[] = ['day', 'week'];
const viewParam: Record<AgendaView, string> = { day: 'dia', week: 'semana' };
const SMALL_SCREEN = '(max-width: 720px)';

function readView(value: string | null): AgendaView | null {
  if (value === viewParam.day) return 'day';
  if (value === viewParam.week) return 'week';
  return null;
}

/** The local days the view shows: the day itself, or its week from Sunday. */
function viewRange(view: AgendaView, date: string, timeZone: string) {
  if (view === 'day') return localDaysRange(date, timeZone, 1);
  const day = DateTime.fromISO(date, { zone: timeZone });
  const sunday = day.minus({ days: day.weekday % 7 }).toISODate() ?? date;
  return localDaysRange(sunday, timeZone, 7);
}

function toDate(value: Date | string): Date {
  return typeof value === 'string' ? new Date(value) : value;
}

interface DropProblem {
  message: string;
  /** Present when the server allows the move on purpose (outside working hours). */
  retryWithForce?: () => void;
}

function ProfessionalFilter(props: {
  professionals: readonly Professional[];
  hidden: ReadonlySet<string>;
  onToggle: (id: string) => void;
  onShowAll: () => void;
}) {
  return (
    <div className="professional-filter" role="group" aria-label="Filtrar profissionais">
      <button type="button" className="chip" aria-pressed={props.hidden.size === 0} onClick={props.onShowAll}>
        Todos
      </button>
      {props.professionals.map((professional) => (
        <button
          key={professional.id}
          type="button"
          className="chip"
          aria-pressed={!props.hidden.has(professional.id)}
          onClick={() => props.onToggle(professional.id)}
        >
          <ColorDot color={professional.color} /> {professional.name}
        </button>
      ))}
    </div>
  );
}

function ResourceHeader({ label, resource }: { label: ReactNode; resource: AgendaResource }) {
  return (
    <span className="resource-header">
      <ColorDot color={resource.color} /> {label}
    </span>
  );
}

export function AgendaPage() {
  const signedIn = useSignedIn();
  const timeZone = signedIn?.tenant.timezone ?? DEFAULT_TIMEZONE;
  const [searchParams, setSearchParams] = useSearchParams();
  const [today] = useState(() => todayIn(timeZone));
  const [defaultView] = useState<AgendaView>(() =>
    window.matchMedia(SMALL_SCREEN).matches ? 'day' : 'week',
  );
  const view = readView(searchParams.get('visao')) ?? defaultView;
  const date = searchParams.get('data') ?? today;

  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [booking, setBooking] = useState<BookingDraft | null>(null);
  const [openAppointmentId, setOpenAppointmentId] = useState<string | null>(null);
  const [pendingMoves, setPendingMoves] = useState<ReadonlyMap<string, PendingMove>>(new Map());
  const [dropProblem, setDropProblem] = useState<DropProblem | null>(null);

  const utils = trpc.useUtils();
  const professionals = trpc.professionals.list.useQuery();
  const services = trpc.services.list.useQuery({ includeArchived: false });
  const active = (professionals.data?.items ?? []).filter((p) => p.active);
  const visible = active.filter((p) => !hidden.has(p.id));
  const range = viewRange(view, date, timeZone);
  const calendar = trpc.schedule.calendar.useQuery(
    { ...range, ...(hidden.size === 0 ? {} : { professionalIds: visible.map((p) => p.id) }) },
    { placeholderData: (previous) => previous },
  );
  const reschedule = trpc.appointments.reschedule.useMutation();

  const localizer = tenantLocalizer(timeZone);
  const events = appointmentEvents(calendar.data, pendingMoves);
  const singleColumn = view === 'week' && visible.length !== 1;
  // In the week view all professionals share a column: one's day off must not grey out the others.
  const background = singleColumn ? [] : timeOffEvents(calendar.data);
  const resources: AgendaResource[] | undefined =
    view === 'day' ? visible.map((p) => ({ id: p.id, title: p.name, color: p.color })) : undefined;
  const { min, max } = visibleHours(
    date,
    timeZone,
    visible.flatMap((p) => p.workingHours),
    events,
  );
  const openAppointment = calendar.data?.appointments.find((a) => a.id === openAppointmentId);

  const navigateTo = (nextDate: string, nextView: AgendaView) => {
    setSearchParams({ data: nextDate, visao: viewParam[nextView] }, { replace: true });
  };

  const forgetMove = (id: string) =>
    setPendingMoves((current) => {
      const next = new Map(current);
      next.delete(id);
      return next;
    });

  const move = (args: EventInteractionArgs<AgendaEvent>, force: boolean) => {
    const { event } = args;
    if (event.kind !== 'appointment') return;
    const start = toDate(args.start);
    const professionalId = typeof args.resourceId === 'string' ? args.resourceId : event.resourceId;
    if (start.getTime() === event.start.getTime() && professionalId === event.resourceId) return;
    const duration = event.end.getTime() - event.start.getTime();
    setDropProblem(null);
    setPendingMoves((current) =>
      new Map(current).set(event.id, { start, end: new Date(start.getTime() + duration), professionalId }),
    );
    reschedule.mutate(
      {
        id: event.id,
        start: start.toISOString(),
        force,
        ...(professionalId === event.appointment.professionalId ? {} : { professionalId }),
      },
      {
        onSuccess: () => {
          // The dragged position stays until the refreshed calendar has the real one.
          void Promise.all([utils.schedule.invalidate(), utils.clients.get.invalidate()]).finally(() =>
            forgetMove(event.id),
          );
        },
        onError: (error) => {
          // Back where it was, with the reason.
          forgetMove(event.id);
          setDropProblem({
            message: describeFailure(error).message,
            ...(appCodeOf(error) === 'OUTSIDE_WORKING_HOURS'
              ? { retryWithForce: () => move(args, true) }
              : {}),
          });
        },
      },
    );
  };

  const selectSlot = (slot: SlotInfo) => {
    const wall = instantToWallClock(slot.start, timeZone);
    const resourceId = typeof slot.resourceId === 'string' ? slot.resourceId : null;
    setBooking({
      ...wall,
      professionalId: resourceId ?? (visible.length === 1 ? (visible[0]?.id ?? null) : null),
    });
  };

  const newBooking = () => {
    const now = DateTime.now().setZone(timeZone);
    const nextHour = now.startOf('hour').plus({ hours: 1 });
    const wall = date === today ? instantToWallClock(nextHour.toJSDate(), timeZone) : { date, time: '09:00' };
    setBooking({ ...wall, professionalId: visible.length === 1 ? (visible[0]?.id ?? null) : null });
  };

  if (professionals.isError) {
    return <FormMessage tone="error">{describeFailure(professionals.error).message}</FormMessage>;
  }

  return (
    <section className="page page-full">
      <title>Agenda · Agenda Cheia</title>
      <div className="section-header">
        <h1>Agenda</h1>
        <button
          type="button"
          className="button button-primary"
          onClick={newBooking}
          disabled={active.length === 0}
        >
          Novo agendamento
        </button>
      </div>
      {professionals.data === undefined ? (
        // The grid measures its opening scroll once, when it mounts: it waits for the hours it shows.
        <p role="status">Carregando agenda…</p>
      ) : active.length === 0 ? (
        <div className="empty-state">
          <p>A agenda precisa de pelo menos um profissional ativo.</p>
          <p>
            <Link to="/configuracoes/profissionais">Cadastrar profissionais em Configurações</Link>
          </p>
        </div>
      ) : (
        <>
          <ProfessionalFilter
            professionals={active}
            hidden={hidden}
            onShowAll={() => setHidden(new Set())}
            onToggle={(id) =>
              setHidden((current) => {
                const next = new Set(current);
                if (next.has(id)) next.delete(id);
                else next.add(id);
                // Hiding everyone shows nothing useful: that click means "everyone again".
                return next.size >= active.length ? new Set() : next;
              })
            }
          />
          {calendar.isError ? (
            <FormMessage tone="error">{describeFailure(calendar.error).message}</FormMessage>
          ) : null}
          {dropProblem === null ? null : (
            <div className="form-message form-message-error drop-problem" role="alert">
              <span>{dropProblem.message}</span>
              {dropProblem.retryWithForce === undefined ? null : (
                <button type="button" className="button button-small" onClick={dropProblem.retryWithForce}>
                  Mover mesmo assim
                </button>
              )}
              <button
                type="button"
                className="button button-small button-quiet"
                onClick={() => setDropProblem(null)}
              >
                Fechar
              </button>
            </div>
          )}
          <div className="agenda-calendar" aria-busy={calendar.isFetching}>
            <DragAndDropCalendar
              key={timeZone}
              localizer={localizer}
              culture={CALENDAR_CULTURE}
              formats={calendarFormats}
              messages={calendarMessages}
              views={VIEWS}
              view={view}
              onView={(next: View) => navigateTo(date, next === 'day' ? 'day' : 'week')}
              date={DateTime.fromISO(date, { zone: timeZone }).toJSDate()}
              onNavigate={(next: Date, nextView: View) =>
                navigateTo(instantToWallClock(next, timeZone).date, nextView === 'day' ? 'day' : 'week')
              }
              events={events}
              backgroundEvents={background}
              resources={resources}
              resourceIdAccessor="id"
              resourceTitleAccessor="title"
              resourceAccessor="resourceId"
              step={15}
              timeslots={4}
              min={min}
              max={max}
              scrollToTime={openingTime(date, today, timeZone, min, events)}
              showMultiDayTimes
              selectable
              longPressThreshold={250}
              onSelectSlot={selectSlot}
              onSelectEvent={(event: AgendaEvent) => {
                if (event.kind === 'appointment') setOpenAppointmentId(event.id);
              }}
              onEventDrop={(args) => move(args, false)}
              resizable={false}
              draggableAccessor={(event) => event.kind === 'appointment' && isOpen(event.appointment.status)}
              eventPropGetter={(event) => ({
                className:
                  event.kind === 'appointment'
                    ? `agenda-event status-${event.appointment.status}`
                    : 'agenda-time-off',
                style:
                  event.kind === 'appointment'
                    ? {
                        backgroundColor: event.color,
                        borderColor: event.color,
                        color: textColorOn(event.color),
                      }
                    : { borderColor: event.color },
              })}
              components={{ resourceHeader: ResourceHeader }}
              popup
            />
          </div>
        </>
      )}
      {booking === null || professionals.data === undefined ? null : (
        <BookingDialog
          draft={booking}
          professionals={professionals.data.items}
          services={services.data?.items ?? []}
          timeZone={timeZone}
          onClose={() => setBooking(null)}
          onBooked={() => setBooking(null)}
        />
      )}
      {openAppointment === undefined || professionals.data === undefined ? null : (
        <AppointmentDialog
          key={openAppointment.id}
          appointment={openAppointment}
          professionals={professionals.data.items}
          timeZone={timeZone}
          onClose={() => setOpenAppointmentId(null)}
        />
      )}
    </section>
  );
}
