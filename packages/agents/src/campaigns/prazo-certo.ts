import { selectDueClients } from '@agenda-cheia/core';
import { offerSlot } from './campaign-offers';
import { createSlotBook, type FreeSlot } from './free-slots';
import { addDays, DAY_MS, offersLeft, type RunContext, throwIfAborted } from './run-context';

/** Enough due clients to fill the offers even when many have no free slot; counted as found. */
const DUE_CLIENTS_CAP = 1000;
/** Slots tried for one client before giving up (each failed try means the slot was taken meanwhile). */
const ATTEMPTS_PER_CLIENT = 20;
/** An offer may come a little before the due date: the client can still come a couple of days early. */
const EARLY_DAYS = 2;

/**
 * The order in which a client's slots are tried: from max(now, due − 2 days) on, their last professional's
 * earliest slots first, then anyone else's (the campaign's professional filter applied), earliest first.
 */
export function prazoCertoSlotOrder(
  slots: readonly FreeSlot[],
  client: { dueAt: Date; lastProfessionalId: string },
  now: Date,
): FreeSlot[] {
  const from = Math.max(now.getTime(), client.dueAt.getTime() - EARLY_DAYS * DAY_MS);
  const inReach = slots.filter((slot) => slot.start.getTime() >= from);
  return [
    ...inReach.filter((slot) => slot.professionalId === client.lastProfessionalId),
    ...inReach.filter((slot) => slot.professionalId !== client.lastProfessionalId),
  ];
}

/**
 * Prazo Certo: the clients whose return cycle falls due within the window (one set-based query), each
 * offered the best free slot of their most overdue service. Clients without a free slot in the window are
 * found but get no offer. Answers how many clients were found (not counting those this run already offered).
 */
export async function runPrazoCerto(ctx: RunContext): Promise<{ clientsFound: number }> {
  const { config } = ctx.campaign;
  const windowEnd = addDays(ctx.now, config.daysAhead);
  const due = await selectDueClients(ctx.deps.db, {
    tenantId: ctx.tenant.id,
    now: ctx.now,
    dueBy: windowEnd,
    contactedSince: addDays(ctx.now, -config.cooldownDays),
    serviceIds: config.serviceIds,
    professionalIds: config.professionalIds,
    limit: DUE_CLIENTS_CAP,
  });
  const fresh = due.filter((client) => !ctx.offered.has(client.clientId));
  const book = createSlotBook(ctx, { from: ctx.now, to: windowEnd }, config.professionalIds);

  for (const client of fresh) {
    if (offersLeft(ctx) <= 0) break;
    throwIfAborted(ctx);
    const slots = prazoCertoSlotOrder(await book.freeSlots(client.serviceId), client, ctx.now);
    let attempts = 0;
    for (const slot of slots) {
      if (book.isTaken(slot)) continue;
      attempts += 1;
      if (attempts > ATTEMPTS_PER_CLIENT) break;
      const result = await offerSlot(ctx, {
        clientId: client.clientId,
        serviceId: client.serviceId,
        professionalId: slot.professionalId,
        start: slot.start,
        priceCents: slot.service.priceCents,
      });
      if (result === 'slot_taken') {
        book.refuse(slot);
        continue;
      }
      if (result === 'offered') book.markTaken(slot);
      break;
    }
  }
  return { clientsFound: fresh.length };
}
