import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { z } from 'zod';

/**
 * Phones are stored in E.164 ("+5511987654321"). Brazilian numbers may be typed as owners and
 * WhatsApp write them: "(11) 98765-4321", "11987654321", "+55 11 98765-4321", "5511987654321".
 */
export function normalizePhone(raw: string, defaultCountry: 'BR' = 'BR'): string | undefined {
  const trimmed = raw.trim();
  if (!trimmed) return undefined;
  const digits = trimmed.replace(/\D/g, '');
  // "5511987654321" without "+" is how WhatsApp ids carry numbers: treat a leading 55 + 10/11 digits as BR.
  const candidate = !trimmed.startsWith('+') && /^55\d{10,11}$/.test(digits) ? `+${digits}` : trimmed;
  const parsed = parsePhoneNumberFromString(candidate, defaultCountry);
  return parsed?.isPossible() ? parsed.number : undefined;
}

export const phoneSchema = z
  .string()
  .max(40, { error: 'Telefone longo demais.' })
  .transform((value, ctx) => {
    const normalized = normalizePhone(value);
    if (!normalized) {
      ctx.addIssue({ code: 'custom', message: 'Telefone inválido. Use DDD + número, ex.: (11) 98765-4321.' });
      return z.NEVER;
    }
    return normalized;
  });
