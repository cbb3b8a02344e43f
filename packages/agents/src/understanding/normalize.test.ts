import { describe, expect, it } from 'vitest';
import { normalizeMessage, wordsOf } from './normalize';

describe('normalizeMessage', () => {
  it('lowers the case and strips the accents', () => {
    expect(normalizeMessage('Amanhã às 15h, Hidratação')).toBe('amanha as 15h , hidratacao');
  });

  it('squeezes stretched letters but keeps real double letters', () => {
    expect(normalizeMessage('amanhaaa oiii bom diaaa oii')).toBe('amanha oi bom dia oi');
    expect(normalizeMessage('isso passa')).toBe('isso passa');
  });

  it('spells out WhatsApp abbreviations', () => {
    expect(normalizeMessage('vc tem hr hj? q horas')).toBe('voce tem horario hoje ? que horas');
    expect(normalizeMessage('semana q vem p unha blz')).toBe('semana que vem pra unha beleza');
  });

  it('reads "ter" as Tuesday only before a time', () => {
    expect(normalizeMessage('ter 10h')).toBe('terca 10h');
    expect(normalizeMessage('posso ter desconto')).toBe('posso ter desconto');
  });

  it('turns approval emojis into words and drops the others', () => {
    expect(normalizeMessage('👍🏽')).toBe('ok');
    expect(normalizeMessage('👎')).toBe('nao');
    expect(normalizeMessage('obrigada ❤️😍🙏🏻')).toBe('obrigada');
  });

  it('keeps times and dates whole and splits words joined by hyphens', () => {
    expect(normalizeMessage('dia 12/12 às 14:30 ou 10.30')).toBe('dia 12/12 as 14:30 ou 10:30');
    expect(normalizeMessage('segunda-feira ao meio-dia')).toBe('segunda feira ao meio dia');
  });

  it('reads a lone "s" as yes', () => {
    expect(normalizeMessage('s')).toBe('sim');
  });

  it('gives the words without clause marks', () => {
    expect(wordsOf(normalizeMessage('oi, tudo bem?'))).toEqual(['oi', 'tudo', 'bem']);
  });
});
