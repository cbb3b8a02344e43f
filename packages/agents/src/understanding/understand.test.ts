import { describe, expect, it } from 'vitest';
import { type CatalogueService, understand } from '.';

const SERVICES: readonly CatalogueService[] = [
  { id: 'corte', name: 'Corte feminino' },
  { id: 'corte-masc', name: 'Corte masculino' },
  { id: 'escova', name: 'Escova' },
];
const context = {
  now: new Date('2026-11-20T10:00:00-03:00'),
  timeZone: 'America/Sao_Paulo',
  services: SERVICES,
};

describe('understand', () => {
  it('reads a whole booking request', () => {
    expect(understand('Oi! Tem horário amanhã às 15h pra corte e escova? Quanto fica?', context)).toEqual({
      intent: 'booking',
      serviceIds: ['corte', 'escova'],
      when: { date: '2026-11-21', time: '15:00', partOfDay: null, flexible: false, daySaid: true },
      consent: null,
      optOut: false,
      asksPrice: true,
    });
  });

  it('reads a bare yes to an offer', () => {
    expect(understand('👍', context)).toEqual({
      intent: 'confirmation',
      serviceIds: [],
      when: null,
      consent: 'yes',
      optOut: false,
      asksPrice: false,
    });
  });

  it('reads a flexible request for next week', () => {
    expect(understand('semana q vem tem vaga pra corte masculino?', context)).toMatchObject({
      intent: 'booking',
      serviceIds: ['corte-masc'],
      when: { date: '2026-11-23', time: null, partOfDay: null, flexible: true },
    });
  });

  it('gives the same answer for the same message and instant, with a fresh catalogue array or the same one', () => {
    const first = understand('sexta de manhã escova', context);
    expect(understand('sexta de manhã escova', context)).toEqual(first);
    expect(understand('sexta de manhã escova', { ...context, services: [...SERVICES] })).toEqual(first);
  });
});
