/**
 * The signed-in session: the token pair, kept in localStorage so every tab shares it.
 * localStorage is the single source of truth; this module only caches the parsed value and
 * tells subscribers (React, the query cache) when it changes, in this tab or in another one.
 */

export interface StoredSession {
  accessToken: string;
  refreshToken: string;
}

/** How the last session ended: the person signed out, or the server no longer accepts it. */
export type SessionEndReason = 'signed-out' | 'expired';

const STORAGE_KEY = 'agenda-cheia.session';

const listeners = new Set<() => void>();
let cachedRaw: string | null = null;
let cachedSession: StoredSession | null = null;
let endReason: SessionEndReason | null = null;

function isStoredSession(value: unknown): value is StoredSession {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.accessToken === 'string' && typeof candidate.refreshToken === 'string';
}

function parse(raw: string | null): StoredSession | null {
  if (raw === null) return null;
  try {
    const value: unknown = JSON.parse(raw);
    return isStoredSession(value) ? value : null;
  } catch {
    return null;
  }
}

function notify(): void {
  for (const listener of listeners) listener();
}

/** Reads localStorage every time: another tab may have rotated or cleared the tokens. */
export function readSession(): StoredSession | null {
  const raw = localStorage.getItem(STORAGE_KEY);
  if (raw !== cachedRaw) {
    cachedRaw = raw;
    cachedSession = parse(raw);
  }
  return cachedSession;
}

export function writeSession(session: StoredSession): void {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  endReason = null;
  notify();
}

export function clearSession(reason: SessionEndReason): void {
  localStorage.removeItem(STORAGE_KEY);
  endReason = reason;
  notify();
}

/** How the last session in this tab ended, if one did; forgotten at the next sign-in. */
export function readSessionEndReason(): SessionEndReason | null {
  return endReason;
}

export function subscribeToSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// The storage event fires only in the other tabs, which is exactly when our cache is stale.
window.addEventListener('storage', (event) => {
  if (event.key === STORAGE_KEY || event.key === null) notify();
});

/** Seconds since the epoch at which a JWT expires, or null when it cannot be read. */
function readExpiry(token: string): number | null {
  const payload = token.split('.')[1];
  if (payload === undefined) return null;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const claims: unknown = JSON.parse(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')));
    if (typeof claims !== 'object' || claims === null) return null;
    const exp = (claims as Record<string, unknown>).exp;
    return typeof exp === 'number' ? exp : null;
  } catch {
    return null;
  }
}

/** True when the token expires within `marginMs` (or cannot be read, so it is not worth sending). */
export function expiresWithin(token: string, marginMs: number, now = Date.now()): boolean {
  const exp = readExpiry(token);
  return exp === null || exp * 1000 - now <= marginMs;
}
