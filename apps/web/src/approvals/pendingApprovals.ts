import type { AuthRequest } from '@agenda-cheia/contracts';

/**
 * The list of requests awaiting the owner (`authRequests.listPending`), kept current from realtime events:
 * pure functions over the cached list, so the rules can be checked without a browser.
 */

export interface PendingList {
  items: AuthRequest[];
}

/** Still the owner's to decide: open, undecided and not expired (the server's own filter). */
export function awaitsOwner(request: AuthRequest, now: number): boolean {
  return (
    request.status === 'open' && request.ownerDecision === 'pending' && Date.parse(request.expiresAt) > now
  );
}

/** The server's order: soonest start first, then id. */
function soonerFirst(a: AuthRequest, b: AuthRequest): number {
  const difference = Date.parse(a.start) - Date.parse(b.start);
  if (difference !== 0) return difference;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The list with the request's new state: in its place while it awaits the owner, gone once it does not. */
export function placeRequest(list: PendingList, request: AuthRequest, now: number): PendingList {
  const others = list.items.filter((item) => item.id !== request.id);
  if (!awaitsOwner(request, now)) {
    return others.length === list.items.length ? list : { ...list, items: others };
  }
  return { ...list, items: [...others, request].sort(soonerFirst) };
}

/** The list without a request someone just decided (the server's answer is in). */
export function withoutRequest(list: PendingList, id: string): PendingList {
  return list.items.some((item) => item.id === id)
    ? { ...list, items: list.items.filter((item) => item.id !== id) }
    : list;
}
