import { describe, expect, it } from 'vitest';
import {
  discountedCents,
  discountText,
  insertPlaceholder,
  previewTemplate,
  unknownPlaceholders,
} from './messageTemplate';

describe('campaign message', () => {
  it('inserts a placeholder at the caret, leaving the caret after it', () => {
    expect(insertPlaceholder('Oi, !', { start: 4, end: 4 }, 'nome')).toEqual({
      text: 'Oi, {nome}!',
      caret: 10,
    });
  });

  it('replaces the selected text', () => {
    expect(insertPlaceholder('Oi, Maria!', { start: 4, end: 9 }, 'nome')).toEqual({
      text: 'Oi, {nome}!',
      caret: 10,
    });
  });

  it('appends when the caret is unknown or past the end', () => {
    expect(insertPlaceholder('Oi', { start: 99, end: 99 }, 'hora').text).toBe('Oi{hora}');
  });

  it('finds placeholders nobody fills', () => {
    expect(unknownPlaceholders('Oi {nome}, {nomee} {data} {xx} {xx}')).toEqual(['nomee', 'xx']);
    expect(unknownPlaceholders('Oi {nome}')).toEqual([]);
  });

  it('previews with example values, the discount reading well either way', () => {
    const values = {
      nome: 'Maria',
      servico: 'Corte',
      data: 'terça-feira, 24/11',
      hora: '10:15',
      profissional: 'Ana',
      desconto: discountText(10),
      preco: 'R$ 72,00',
      negocio: 'Salão Bela',
    };
    expect(previewTemplate('{nome}: {servico} por {preco}{desconto} {outro}', values)).toBe(
      'Maria: Corte por R$ 72,00 (10% de desconto) {outro}',
    );
    expect(discountText(0)).toBe('');
    expect(discountedCents(8000, 10)).toBe(7200);
    expect(discountedCents(4590, 15)).toBe(3902);
  });
});
