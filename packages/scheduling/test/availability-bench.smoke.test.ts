import { describe, expect, it } from 'vitest';
import { formatAvailabilityBench, runAvailabilityBench } from '../bench/availability-bench';

describe('availability benchmark (smoke)', () => {
  it('runs on a tiny salon and the engine agrees with the reference', () => {
    const result = runAvailabilityBench(
      { professionals: 3, days: 7, appointments: 40 },
      { engineWarmUp: 1, engineRuns: 3, referenceRuns: 1 },
    );
    expect(result.identical).toBe(true);
    expect(result.slots).toBeGreaterThan(0);
    expect(formatAvailabilityBench(result)).toContain('results identical');
  });
});
