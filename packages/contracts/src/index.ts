import { z } from 'zod';

// Everything a salon owner or a client reads is Brazilian Portuguese, validation messages included.
z.config(z.locales.ptBR());

export * from './errors';
export * from './common';
export * from './phone';
export * from './accounts';
export * from './catalog';
export * from './clients';
export * from './schedule';
export * from './inbox';
export * from './files';
export * from './agent-configs';
export * from './auth-requests';
export * from './campaigns';
export * from './events';
