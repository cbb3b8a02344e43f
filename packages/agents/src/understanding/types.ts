/** What a client's message is mainly about. */
export type Intent =
  'booking' | 'inquiry' | 'complaint' | 'hello' | 'confirmation' | 'cancellation' | 'unknown';

/** A service of the tenant's catalogue, as the understanding layer needs it. */
export interface CatalogueService {
  id: string;
  name: string;
}

export interface UnderstandingContext {
  /** The instant the message arrived. */
  now: Date;
  /** The tenant's IANA time zone, e.g. "America/Sao_Paulo". */
  timeZone: string;
  services: readonly CatalogueService[];
}

export type PartOfDay = 'morning' | 'afternoon' | 'evening';

export interface RequestedTime {
  /** Tenant-local "YYYY-MM-DD". */
  date: string;
  /** Tenant-local "HH:MM" when the client said a clock time. */
  time: string | null;
  /** "de manhã", "à tarde", "depois do almoço" (afternoon, from 13:00), "à noite". */
  partOfDay: PartOfDay | null;
  /** True when the client named a range rather than a day ("semana que vem", "essa semana"): date is its first suitable day. */
  flexible: boolean;
  /** False when only a time or a part of the day was said ("às 15h"): the date is then today or tomorrow, whichever is still ahead, and a conversation may know better. */
  daySaid: boolean;
}

export interface Understanding {
  intent: Intent;
  /** Every catalogue service mentioned, in the order the client named them; empty when none. */
  serviceIds: string[];
  when: RequestedTime | null;
  /** The answer to an offer: "sim", "pode ser", "👍" / "não", "não posso". */
  consent: 'yes' | 'no' | null;
  /** The client asks to stop receiving messages ("parar", "me tira da lista"). */
  optOut: boolean;
  /** The client asks a price ("quanto custa", "qual o valor"). */
  asksPrice: boolean;
}
