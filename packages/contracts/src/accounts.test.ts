import { describe, expect, it } from 'vitest';
import { appErrorCatalog, AppError, loginInput, registerInput, updateTenantInput } from './index';

describe('account schemas', () => {
  it('normalises e-mails and defaults the time zone', () => {
    const parsed = registerInput.parse({
      businessName: '  Salão da Ana ',
      name: 'Ana',
      email: '  Ana@Example.COM ',
      password: 'senha-forte',
    });
    expect(parsed).toMatchObject({
      businessName: 'Salão da Ana',
      email: 'ana@example.com',
      timezone: 'America/Sao_Paulo',
    });
  });

  it('refuses passwords under 8 characters or over 72 bytes (bcrypt would truncate them)', () => {
    const base = { businessName: 'S', name: 'N', email: 'a@b.co' };
    expect(registerInput.safeParse({ ...base, password: '1234567' }).success).toBe(false);
    expect(registerInput.safeParse({ ...base, password: 'ç'.repeat(37) }).success).toBe(false);
    expect(registerInput.safeParse({ ...base, password: 'a'.repeat(72) }).success).toBe(true);
  });

  it('accepts IANA time zones only', () => {
    expect(updateTenantInput.safeParse({ timezone: 'Europe/Lisbon' }).success).toBe(true);
    expect(updateTenantInput.safeParse({ timezone: 'GMT-3' }).success).toBe(false);
    expect(updateTenantInput.safeParse({ timezone: 'Nowhere/City' }).success).toBe(false);
  });

  it('speaks Portuguese in validation messages', () => {
    const result = loginInput.safeParse({});
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/Entrada inválida|esperado/i);
  });
});

describe('error catalog', () => {
  it('gives every code a tRPC code, an HTTP status and a Portuguese message', () => {
    for (const [code, entry] of Object.entries(appErrorCatalog)) {
      expect(entry.http, code).toBeGreaterThanOrEqual(400);
      expect(entry.message.length, code).toBeGreaterThan(5);
    }
    const error = new AppError('EMAIL_TAKEN');
    expect(error.message).toBe(appErrorCatalog.EMAIL_TAKEN.message);
    expect(new AppError('EMAIL_TAKEN', 'Outra mensagem').message).toBe('Outra mensagem');
  });
});
