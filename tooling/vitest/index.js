import { defineConfig } from 'vitest/config';

// Shared by every package: database-backed suites run one file per worker, two workers for two cores.
export const baseTestConfig = defineConfig({
  test: {
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
export default baseTestConfig;
