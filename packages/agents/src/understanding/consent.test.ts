import { describe, expect, it } from 'vitest';
import { detectConsent, detectOptOut } from './consent';
import { normalizeMessage } from './normalize';

const consent = (text: string) => detectConsent(normalizeMessage(text));
const optOut = (text: string) => detectOptOut(normalizeMessage(text));

describe('detectConsent', () => {
  it.each([
    'sim',
    'Siiim!',
    's',
    'pode ser',
    'fechado',
    'quero',
    '👍',
    '👍🏽',
    'bora',
    'ok, pode marcar',
    'oi! sim, confirmo',
    'uhum pode ser',
    'beleza',
    'blz',
    'isso mesmo',
    'certo, obrigada',
    'pode sim',
  ])('hears yes in "%s"', (text) => {
    expect(consent(text)).toBe('yes');
  });

  it.each([
    'não',
    'nao',
    'n',
    'não posso',
    'nao da',
    'não, obrigada',
    'agora não',
    'esse horário não dá',
    '👎',
    'não quero',
    'nenhum desses horários serve',
  ])('hears no in "%s"', (text) => {
    expect(consent(text)).toBe('no');
  });

  it.each([
    'não sei se vocês fazem progressiva',
    'não gostei do corte',
    'quero saber o preço',
    'pode me passar o endereço?',
    'tem horário amanhã?',
    'isso é caro?',
  ])('hears no answer in "%s"', (text) => {
    expect(consent(text)).toBeNull();
  });
});

describe('detectOptOut', () => {
  it.each([
    'parar',
    'PARAR',
    'Sair',
    'stop',
    'não quero mais mensagens',
    'não quero mais receber',
    'me tira da lista',
    'me tira da lista por favor',
    'pare de mandar mensagem',
    'me remove dessa lista',
    'por favor não me mandem mais isso',
  ])('reads "%s" as an opt-out', (text) => {
    expect(optOut(text)).toBe(true);
  });

  it.each([
    'vou sair do trabalho às 17h, dá pra 18h?',
    'preciso parar de roer unha kkk',
    'cancelar',
    'para amanhã tem horário?',
    'não quero mais esse horário, tem outro?',
  ])('does not read "%s" as an opt-out', (text) => {
    expect(optOut(text)).toBe(false);
  });
});
