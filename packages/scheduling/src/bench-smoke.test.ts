import { describe, expect, it } from 'vitest';
import { buildAvailabilityQuery } from '../bench/availability-data';
import { findFreeSlots } from './find-free-slots';
import { findFreeSlotsReference } from './reference';

describe('benchmark data (smoke)', () => {
  it('gives the same slots from the engine and the minute-by-minute reference on a small salon', () => {
    const query = buildAvailabilityQuery({ professionals: 3, days: 3, appointments: 12 });
    const slots = findFreeSlots(query);

    expect(query.professionals.flatMap((p) => p.busy)).toHaveLength(12);
    expect(slots.length).toBeGreaterThan(0);
    expect(slots).toEqual(findFreeSlotsReference(query));
  });

  it('is deterministic for a seed', () => {
    const size = { professionals: 2, days: 7, appointments: 20, seed: 7 };

    expect(buildAvailabilityQuery(size)).toEqual(buildAvailabilityQuery(size));
  });
});
