import { z } from 'zod';

// Everything a salon owner or a client reads is Brazilian Portuguese, validation messages included.
z.config(z.locales.ptBR());

export * from './errors';
export * from './common';
export * from './accounts';
