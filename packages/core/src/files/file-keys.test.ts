import { describe, expect, it } from 'vitest';
import { newFileKey, parseFileKey, sanitiseFilename } from './file-keys';

const tenant = '0b5c1f3e-2a4d-4c1b-9e8f-1a2b3c4d5e6f';

describe('file keys', () => {
  it.each([
    ['Foto da Cliente.png', 'Foto-da-Cliente.png'],
    ['recibo março (2).pdf', 'recibo-marco-2-.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\ana\\unha.jpg', 'unha.jpg'],
    ['.htaccess', 'htaccess'],
    ['💅.png', 'png'],
    ['', 'arquivo'],
  ])('sanitises %j to %j', (input, expected) => {
    expect(sanitiseFilename(input)).toBe(expected);
  });

  it('keeps the extension when a long name is cut', () => {
    const name = sanitiseFilename(`${'a'.repeat(300)}.jpeg`);
    expect(name).toHaveLength(120);
    expect(name.endsWith('.jpeg')).toBe(true);
  });

  it('issues keys under the tenant and purpose, and reads them back', () => {
    const key = newFileKey(tenant, 'attachment', 'Foto da Cliente.png');
    expect(key).toMatch(new RegExp(`^tenants/${tenant}/attachment/[0-9a-f-]{36}/Foto-da-Cliente\\.png$`));
    expect(parseFileKey(key)).toEqual({ tenantId: tenant, purpose: 'attachment' });
  });

  it('refuses keys it never issues', () => {
    expect(parseFileKey(`tenants/${tenant}/secret/0b5c1f3e-2a4d-4c1b-9e8f-1a2b3c4d5e6f/x.png`)).toBeNull();
    expect(parseFileKey(`tenants/${tenant}/logo/x.png`)).toBeNull();
    expect(parseFileKey('other/x.png')).toBeNull();
    expect(parseFileKey(`tenants/${tenant}/logo/0b5c1f3e-2a4d-4c1b-9e8f-1a2b3c4d5e6f/a/b.png`)).toBeNull();
  });
});
