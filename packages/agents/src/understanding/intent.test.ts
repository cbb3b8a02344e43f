import { describe, expect, it } from 'vitest';
import { type CatalogueService, type Intent, understand } from '.';

const SERVICES: readonly CatalogueService[] = [
  { id: 'corte', name: 'Corte feminino' },
  { id: 'escova', name: 'Escova' },
  { id: 'manicure', name: 'Manicure' },
  { id: 'progressiva', name: 'Progressiva' },
];
const context = {
  now: new Date('2026-11-20T10:00:00-03:00'),
  timeZone: 'America/Sao_Paulo',
  services: SERVICES,
};
const intentOf = (text: string): Intent => understand(text, context).intent;

describe('intent of a message', () => {
  it.each<[Intent, string[]]>([
    [
      'booking',
      [
        'tem horário amanhã?',
        'quero marcar unha sexta',
        'queria um corte bem curtinho',
        'terça 13h',
        'pode ser às 10?',
        'quero mudar meu horário',
        'não consigo nesse horário, tem outro?',
        'to com o cabelo horrível, preciso de uma escova urgente',
        'quero remarcar pra quinta',
      ],
    ],
    [
      'inquiry',
      [
        'quanto custa a progressiva?',
        'vocês fazem progressiva?',
        'qual o endereço?',
        'aceitam pix?',
        'a progressiva de vocês tem formol?',
        'que horas vocês abrem?',
      ],
    ],
    [
      'complaint',
      ['fiquei insatisfeita', 'demoraram demais', 'meu cabelo ficou horrível', 'não gostei do corte'],
    ],
    ['hello', ['oi', 'bom dia, tudo bem?', 'oi, aqui é a Juliana', 'boa tarde meninas']],
    ['confirmation', ['sim', 'confirmo', 'ok pode ser', '👍', 'fechado', 'ok, até amanhã']],
    ['cancellation', ['preciso cancelar', 'não vou poder ir', 'desmarcar', 'não vou conseguir ir amanhã']],
    ['unknown', ['obrigada, amei!', 'não, obrigada', 'kkkkk', 'quem é?']],
  ])('reads %s in each of its examples', (intent, examples) => {
    for (const example of examples) expect([example, intentOf(example)]).toEqual([example, intent]);
  });
});

describe('intent precedence: cancellation > complaint > confirmation said outright > booking > inquiry > yes > hello', () => {
  it('an opt-out is no intent at all, whatever else it says', () => {
    expect(understand('parar', context)).toMatchObject({ intent: 'unknown', optOut: true });
    expect(intentOf('me tira da lista, não quero marcar nada')).toBe('unknown');
  });

  it('cancellation beats booking: "desmarcar e remarcar" cancels first', () => {
    expect(intentOf('preciso cancelar e remarcar pra sexta')).toBe('cancellation');
  });

  it('cancellation beats complaint', () => {
    expect(intentOf('demoraram demais da última vez, quero cancelar')).toBe('cancellation');
  });

  it('complaint beats booking', () => {
    expect(intentOf('meu cabelo ficou horrível, quero marcar pra arrumar')).toBe('complaint');
  });

  it('an explicit confirmation beats the day and time it repeats', () => {
    expect(intentOf('confirmo amanhã às 15h')).toBe('confirmation');
  });

  it('a yes that asks nothing new is a confirmation even with booking words; with a new time it is a booking', () => {
    expect(intentOf('ok, pode marcar')).toBe('confirmation');
    expect(intentOf('pode ser amanhã às 14h então')).toBe('booking');
  });

  it('booking beats inquiry, and the price question is still flagged', () => {
    expect(understand('quanto custa a escova? queria marcar pra sexta', context)).toMatchObject({
      intent: 'booking',
      asksPrice: true,
    });
  });

  it('a day asked about opening hours is an inquiry, not a booking', () => {
    expect(intentOf('vocês abrem domingo?')).toBe('inquiry');
    expect(intentOf('precisa pagar sinal pra agendar?')).toBe('inquiry');
  });

  it('inquiry beats a yes', () => {
    expect(intentOf('sim, quanto fica?')).toBe('inquiry');
  });

  it('a greeting with a request is the request, not a hello', () => {
    expect(intentOf('oi, quero marcar corte amanhã')).toBe('booking');
    expect(intentOf('bom dia! vocês fazem progressiva?')).toBe('inquiry');
  });
});
