import { describe, expect, it } from 'vitest';
import type { FreeSlot } from './free-slots';
import { prazoCertoSlotOrder } from './prazo-certo';

const service = {
  id: 'corte',
  name: 'Corte',
  priceCents: 8000,
  durationMin: 60,
  bufferBeforeMin: 0,
  bufferAfterMin: 0,
};

function slot(iso: string, professionalId: string): FreeSlot {
  const start = new Date(iso);
  return {
    start,
    professionalId,
    professionalName: professionalId,
    service,
    blockedStart: start.getTime(),
    blockedEnd: start.getTime() + 3_600_000,
  };
}

describe('Prazo Certo slot order', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  const slots = [
    slot('2026-11-24T12:00:00Z', 'bia'),
    slot('2026-11-24T13:00:00Z', 'ana'),
    slot('2026-11-25T12:00:00Z', 'bia'),
    slot('2026-11-26T12:00:00Z', 'ana'),
  ];
  const order = (dueAt: string, last: string) =>
    prazoCertoSlotOrder(slots, { dueAt: new Date(dueAt), lastProfessionalId: last }, now).map(
      (s) => `${s.professionalId} ${s.start.toISOString().slice(5, 16)}`,
    );

  it('tries the last professional first, then anyone, earliest first, for an overdue client', () => {
    expect(order('2026-11-20T12:00:00Z', 'ana')).toEqual([
      'ana 11-24T13:00',
      'ana 11-26T12:00',
      'bia 11-24T12:00',
      'bia 11-25T12:00',
    ]);
  });

  it('starts two days before the due date', () => {
    // Due on 27/11 12:00Z: nothing before 25/11 12:00Z.
    expect(order('2026-11-27T12:00:00Z', 'bia')).toEqual(['bia 11-25T12:00', 'ana 11-26T12:00']);
  });
});
