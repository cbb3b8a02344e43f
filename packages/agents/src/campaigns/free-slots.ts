import { AppError } from '@agenda-cheia/contracts';
import { computeAvailability, type OfferService } from '@agenda-cheia/core';
import type { RunContext } from './run-context';

/** A free start for one service with one professional, and the span it would block (buffers included). */
export interface FreeSlot {
  start: Date;
  professionalId: string;
  professionalName: string;
  service: OfferService;
  blockedStart: number;
  blockedEnd: number;
}

const MINUTE_MS = 60_000;

/**
 * The free slots of a run's window, from the availability engine (working hours, time off, appointments
 * with buffers, the slots other open requests hold, minimum notice, horizon), read once per service, and the
 * spans this run has offered since, so two offers of one run never overlap. Slots come earliest first, then
 * by professional name.
 */
export function createSlotBook(
  ctx: RunContext,
  window: { from: Date; to: Date },
  allowedProfessionalIds: readonly string[],
) {
  const byService = new Map<string, Promise<FreeSlot[]>>();
  const taken = new Map<string, { start: number; end: number }[]>();
  const refused = new Set<string>();
  const keyOf = (slot: FreeSlot) => `${slot.professionalId}|${slot.service.id}|${slot.start.getTime()}`;
  const allowed = new Set(allowedProfessionalIds);

  async function load(service: OfferService): Promise<FreeSlot[]> {
    let slots;
    try {
      ({ slots } = await computeAvailability(
        ctx.deps.db,
        ctx.tenant.id,
        { serviceId: service.id, from: window.from.toISOString(), to: window.to.toISOString() },
        ctx.now,
        { includeHolds: true },
      ));
    } catch (error) {
      // A service archived or deactivated since the campaign was set up has no slots.
      if (error instanceof AppError && error.code === 'NOT_FOUND') return [];
      throw error;
    }
    const nameOf = (id: string) => ctx.catalog.professionalNames.get(id) ?? '';
    return slots
      .filter((slot) => allowed.size === 0 || allowed.has(slot.professionalId))
      .map((slot) => {
        const start = new Date(slot.start);
        return {
          start,
          professionalId: slot.professionalId,
          professionalName: nameOf(slot.professionalId),
          service,
          blockedStart: start.getTime() - service.bufferBeforeMin * MINUTE_MS,
          blockedEnd: new Date(slot.end).getTime() + service.bufferAfterMin * MINUTE_MS,
        };
      })
      .sort(
        (a, b) =>
          a.start.getTime() - b.start.getTime() ||
          a.professionalName.localeCompare(b.professionalName, 'pt-BR') ||
          a.professionalId.localeCompare(b.professionalId),
      );
  }

  return {
    /** Free slots of a service in the window; none for a service the tenant no longer has. */
    freeSlots(serviceId: string): Promise<FreeSlot[]> {
      const service = ctx.catalog.services.get(serviceId);
      if (!service) return Promise.resolve([]);
      let slots = byService.get(serviceId);
      if (!slots) {
        slots = load(service);
        byService.set(serviceId, slots);
      }
      return slots;
    },

    /** Whether this run offered an overlapping slot of the same professional, or was refused this one. */
    isTaken(slot: FreeSlot): boolean {
      if (refused.has(keyOf(slot))) return true;
      return (taken.get(slot.professionalId) ?? []).some(
        (span) => span.start < slot.blockedEnd && slot.blockedStart < span.end,
      );
    },

    /** The slot was taken since the engine was asked (propose said SLOT_TAKEN): not tried again. */
    refuse(slot: FreeSlot): void {
      refused.add(keyOf(slot));
    },

    markTaken(slot: FreeSlot): void {
      const spans = taken.get(slot.professionalId) ?? [];
      spans.push({ start: slot.blockedStart, end: slot.blockedEnd });
      taken.set(slot.professionalId, spans);
    },
  };
}

export type SlotBook = ReturnType<typeof createSlotBook>;
