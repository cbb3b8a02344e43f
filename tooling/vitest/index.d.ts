import type { ViteUserConfig } from 'vitest/config';
export declare const baseTestConfig: ViteUserConfig;
declare const config: ViteUserConfig;
export default config;
