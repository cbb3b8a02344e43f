import { type GapCandidate, listCampaignPairs, rankGapCandidates } from '@agenda-cheia/core';
import { offerSlot } from './campaign-offers';
import { createSlotBook, type FreeSlot } from './free-slots';
import { addDays, offersLeft, type RunContext, throwIfAborted } from './run-context';

const pairKey = (professionalId: string, serviceId: string) => `${professionalId}|${serviceId}`;

/** Gaps earliest first; at one time, by professional name, then service name. */
function byTimeThenNames(a: FreeSlot, b: FreeSlot): number {
  return (
    a.start.getTime() - b.start.getTime() ||
    a.professionalName.localeCompare(b.professionalName, 'pt-BR') ||
    a.professionalId.localeCompare(b.professionalId) ||
    a.service.name.localeCompare(b.service.name, 'pt-BR') ||
    a.service.id.localeCompare(b.service.id)
  );
}

/**
 * Encher Agenda: the free gaps of the next `daysAhead` days of each professional (and each service they
 * perform, narrowed by the campaign's filters, or by one professional when run by hand for them), earliest
 * first, each offered to the best-ranked candidate of its (professional, service) not offered yet by this
 * run. Gaps a run offers never overlap; a gap already held by an open offer is not free for the engine, so
 * it is not offered again until that offer is declined or expires. Answers how many candidates were found.
 */
export async function runEncherAgenda(
  ctx: RunContext,
  professionalId?: string,
): Promise<{ clientsFound: number }> {
  const { config } = ctx.campaign;
  const { db } = ctx.deps;
  const pairs = await listCampaignPairs(db, ctx.tenant.id, {
    serviceIds: config.serviceIds,
    professionalIds: professionalId ? [professionalId] : config.professionalIds,
  });
  const inScope = new Set(pairs.map((p) => pairKey(p.professionalId, p.serviceId)));
  const book = createSlotBook(ctx, { from: ctx.now, to: addDays(ctx.now, config.daysAhead) }, []);

  const gaps: FreeSlot[] = [];
  for (const serviceId of new Set(pairs.map((p) => p.serviceId))) {
    for (const slot of await book.freeSlots(serviceId)) {
      if (inScope.has(pairKey(slot.professionalId, serviceId))) gaps.push(slot);
    }
  }
  gaps.sort(byTimeThenNames);

  const pairsWithGaps = new Map<string, { professionalId: string; serviceId: string }>();
  for (const gap of gaps) {
    pairsWithGaps.set(pairKey(gap.professionalId, gap.service.id), {
      professionalId: gap.professionalId,
      serviceId: gap.service.id,
    });
  }
  const candidates = await rankGapCandidates(db, {
    tenantId: ctx.tenant.id,
    now: ctx.now,
    pairs: [...pairsWithGaps.values()],
    contactedSince: addDays(ctx.now, -config.cooldownDays),
    runId: ctx.runId,
    // A pair may lose candidates to other pairs (one offer per client per run): twice the offers is enough.
    perPairLimit: 2 * config.maxOffersPerRun,
  });
  const queues = new Map<string, GapCandidate[]>();
  for (const candidate of candidates) {
    const key = pairKey(candidate.professionalId, candidate.serviceId);
    queues.set(key, [...(queues.get(key) ?? []), candidate]);
  }

  for (const gap of gaps) {
    if (offersLeft(ctx) <= 0) break;
    if (book.isTaken(gap)) continue;
    throwIfAborted(ctx);
    const queue = queues.get(pairKey(gap.professionalId, gap.service.id)) ?? [];
    for (let candidate = queue[0]; candidate; candidate = queue[0]) {
      if (ctx.offered.has(candidate.clientId)) {
        queue.shift();
        continue;
      }
      const result = await offerSlot(ctx, {
        clientId: candidate.clientId,
        serviceId: gap.service.id,
        professionalId: gap.professionalId,
        start: gap.start,
        priceCents: gap.service.priceCents,
      });
      if (result === 'already_offered') {
        queue.shift();
        continue;
      }
      if (result === 'offered') {
        queue.shift();
        book.markTaken(gap);
      } else {
        // Taken since the engine was asked: the candidate waits for the next gap.
        book.refuse(gap);
      }
      break;
    }
  }
  return { clientsFound: new Set(candidates.map((c) => c.clientId)).size };
}
