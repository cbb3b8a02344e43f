import { describe, expect, it } from 'vitest';
import { formatPrazoCertoBench, runPrazoCertoBench } from '../bench/prazo-certo-bench';

describe('Prazo Certo benchmark (smoke)', () => {
  it('runs on a tiny salon and the set-based selection agrees with the per-client loop', async () => {
    const result = await runPrazoCertoBench(
      {
        clients: 400,
        pastAppointments: 3_000,
        futureAppointments: 40,
        professionals: 4,
        openRequests: 20,
        campaignContacts: 60,
        chatRequests: 40,
      },
      { sample: 200, loopWarmUp: 10, setRuns: 2 },
      { explain: true },
    );
    expect(result.identical).toBe(true);
    // A salon where some clients are due and some are not, so the comparison says something.
    expect(result.dueInSample).toBeGreaterThan(0);
    expect(result.dueInSample).toBeLessThan(200);
    expect(result.plan).toContain('Execution Time');
    expect(formatPrazoCertoBench(result)).toContain('identical');
  }, 60_000);
});
