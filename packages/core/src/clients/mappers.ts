import type { Client } from '@agenda-cheia/contracts';
import type { ClientRow } from '@agenda-cheia/db';

export function toClient(row: ClientRow, lastVisitAt?: Date | null): Client {
  return {
    id: row.id,
    name: row.name,
    phone: row.phone,
    email: row.email,
    notes: row.notes,
    birthday: row.birthday,
    campaignOptOut: row.campaign_opt_out,
    createdAt: row.created_at.toISOString(),
    ...(lastVisitAt !== undefined ? { lastVisitAt: lastVisitAt?.toISOString() ?? null } : {}),
  };
}
