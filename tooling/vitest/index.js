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
    // The pinned AWS SDK runs on Node 20; its notice concerns releases after January 2027.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
export default baseTestConfig;
