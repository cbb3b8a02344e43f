import { describe, expect, it } from 'vitest';
import { slugify, slugWithSuffix } from './slug';

describe('slugify', () => {
  it('drops accents, symbols and case', () => {
    expect(slugify('Salão da Ana & Cia')).toBe('salao-da-ana-cia');
    expect(slugify('  Barbearia  São João!! ')).toBe('barbearia-sao-joao');
  });

  it('falls back to a generic slug when nothing is left', () => {
    expect(slugify('✂️💅')).toBe('negocio');
  });

  it('adds a random suffix for collisions', () => {
    expect(slugWithSuffix('salao')).toMatch(/^salao-[0-9a-f]{6}$/);
  });
});
