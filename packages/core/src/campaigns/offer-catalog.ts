import type { Executor } from '../shared/executor';

export interface OfferService {
  id: string;
  name: string;
  priceCents: number;
  durationMin: number;
  bufferBeforeMin: number;
  bufferAfterMin: number;
}

/** What a run needs to price offers and keep them apart: the tenant's services and professionals' names. */
export interface OfferCatalog {
  services: Map<string, OfferService>;
  professionalNames: Map<string, string>;
}

export async function loadOfferCatalog(db: Executor, tenantId: string): Promise<OfferCatalog> {
  const [services, professionals] = await Promise.all([
    db
      .selectFrom('services')
      .select(['id', 'name', 'price_cents', 'duration_min', 'buffer_before_min', 'buffer_after_min'])
      .where('tenant_id', '=', tenantId)
      .execute(),
    db.selectFrom('professionals').select(['id', 'name']).where('tenant_id', '=', tenantId).execute(),
  ]);
  return {
    services: new Map(
      services.map((s) => [
        s.id,
        {
          id: s.id,
          name: s.name,
          priceCents: s.price_cents,
          durationMin: s.duration_min,
          bufferBeforeMin: s.buffer_before_min,
          bufferAfterMin: s.buffer_after_min,
        },
      ]),
    ),
    professionalNames: new Map(professionals.map((p) => [p.id, p.name])),
  };
}
