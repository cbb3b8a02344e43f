/** Injected wherever time matters (tokens, availability, campaigns) so tests can set it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
