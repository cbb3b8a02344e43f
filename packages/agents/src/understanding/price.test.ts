import { describe, expect, it } from 'vitest';
import { normalizeMessage } from './normalize';
import { asksPrice } from './price';

describe('asksPrice', () => {
  it.each([
    'quanto custa a progressiva?',
    'qual o valor do corte?',
    'preço da escova',
    'qto fica a unha?',
    'quanto tá?',
    'qual o preço?',
  ])('hears a price question in "%s"', (text) => {
    expect(asksPrice(normalizeMessage(text))).toBe(true);
  });

  it.each(['cobraram a mais, o valor era 80 e paguei 100', 'quanto tempo demora?', 'tem horário amanhã?'])(
    'hears none in "%s"',
    (text) => {
      expect(asksPrice(normalizeMessage(text))).toBe(false);
    },
  );
});
