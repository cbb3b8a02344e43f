import baseTestConfig from '@agenda-cheia/vitest-config';
import { defineConfig, mergeConfig } from 'vitest/config';

// A real browser against a real server: allow more time than unit suites.
export default mergeConfig(
  baseTestConfig,
  defineConfig({ test: { testTimeout: 60_000, hookTimeout: 120_000 } }),
);
