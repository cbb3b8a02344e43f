import { z } from 'zod';

export const idSchema = z.uuid({ error: 'Identificador inválido.' });

export const isoDateTimeSchema = z.iso.datetime({ offset: true, error: 'Data e hora inválidas (ISO 8601).' });

function isIanaTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return value.includes('/') || value === 'UTC';
  } catch {
    return false;
  }
}

export const DEFAULT_TIMEZONE = 'America/Sao_Paulo';

export const timeZoneSchema = z
  .string()
  .trim()
  .refine(isIanaTimeZone, { error: 'Fuso horário inválido (use um nome IANA, ex.: America/Sao_Paulo).' });

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'E-mail inválido.' }).max(254, { error: 'E-mail longo demais.' }));

/** bcrypt reads at most 72 bytes; longer passwords would be silently truncated, so they are refused. */
export const passwordSchema = z
  .string()
  .min(8, { error: 'A senha precisa ter pelo menos 8 caracteres.' })
  .refine((value) => new TextEncoder().encode(value).length <= 72, {
    error: 'A senha pode ter no máximo 72 bytes.',
  });

export const personNameSchema = z
  .string()
  .trim()
  .min(1, { error: 'Informe o nome.' })
  .max(120, { error: 'Nome longo demais (máximo 120 caracteres).' });
