import type { AuthRequest } from '@agenda-cheia/contracts';
import { describe, expect, it } from 'vitest';
import { awaitsOwner, placeRequest, withoutRequest, type PendingList } from './pendingApprovals';

const now = Date.parse('2026-11-23T12:00:00Z');

function request(id: string, start: string, extra: Partial<AuthRequest> = {}): AuthRequest {
  return {
    id: `00000000-0000-4000-8000-00000000000${id}`,
    start,
    end: start,
    serviceId: '00000000-0000-4000-8000-000000000101',
    professionalId: '00000000-0000-4000-8000-000000000102',
    clientId: '00000000-0000-4000-8000-000000000103',
    source: 'chat',
    offer: null,
    clientConsent: 'accepted',
    ownerDecision: 'pending',
    status: 'open',
    ownerNotes: null,
    expiresAt: '2026-11-24T12:00:00Z',
    createdByAgent: 'chat_agent',
    conversationId: null,
    appointmentId: null,
    decidedAt: null,
    createdAt: '2026-11-23T11:00:00Z',
    clientName: `Cliente ${id}`,
    clientPhone: '+5511988887777',
    serviceName: 'Corte',
    professionalName: 'Ana',
    priceCents: 8000,
    ...extra,
  };
}

const names = (list: PendingList) => list.items.map((item) => item.clientName);

describe('the pending approvals list', () => {
  const list: PendingList = {
    items: [request('a', '2026-11-24T12:00:00Z'), request('c', '2026-11-26T12:00:00Z')],
  };

  it('puts a new request in start order', () => {
    const updated = placeRequest(list, request('b', '2026-11-25T12:00:00Z'), now);
    expect(names(updated)).toEqual(['Cliente a', 'Cliente b', 'Cliente c']);
  });

  it('updates a request in place when the client answers an offer', () => {
    const accepted = request('c', '2026-11-26T12:00:00Z', {
      clientConsent: 'accepted',
      source: 'prazo_certo',
    });
    const updated = placeRequest(list, accepted, now);
    expect(updated.items[1]).toBe(accepted);
    expect(updated.items).toHaveLength(2);
  });

  it('drops a request decided, booked, declined or expired elsewhere', () => {
    const decided = placeRequest(
      list,
      request('a', '2026-11-24T12:00:00Z', { ownerDecision: 'approved' }),
      now,
    );
    expect(names(decided)).toEqual(['Cliente c']);
    const declined = placeRequest(list, request('c', '2026-11-26T12:00:00Z', { status: 'declined' }), now);
    expect(names(declined)).toEqual(['Cliente a']);
    const expired = request('a', '2026-11-24T12:00:00Z', { expiresAt: '2026-11-23T11:59:00Z' });
    expect(awaitsOwner(expired, now)).toBe(false);
    expect(names(placeRequest(list, expired, now))).toEqual(['Cliente c']);
  });

  it('ignores an auto-approved request it never listed', () => {
    const autoApproved = request('d', '2026-11-24T12:00:00Z', { ownerDecision: 'approved' });
    expect(placeRequest(list, autoApproved, now)).toBe(list);
  });

  it('removes a request once the server answered the decision', () => {
    expect(names(withoutRequest(list, request('a', '').id))).toEqual(['Cliente c']);
    expect(withoutRequest(list, request('z', '').id)).toBe(list);
  });
});
