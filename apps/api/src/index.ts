export { loadConfig, ConfigError, type Config } from './config';
export { startApiServer, type ApiServer, type StartOptions } from './server';
export { DEMO_LOGIN } from './seed/demo';
export type { AppRouter, RouterInputs, RouterOutputs } from './trpc/router';
