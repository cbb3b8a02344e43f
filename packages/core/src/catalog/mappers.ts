import type { Professional, Service, TimeOff } from '@agenda-cheia/contracts';
import type { ProfessionalRow, ServiceRow, TimeOffRow, WorkingHoursRow } from '@agenda-cheia/db';

export function toService(row: ServiceRow): Service {
  return {
    id: row.id,
    name: row.name,
    durationMin: row.duration_min,
    priceCents: row.price_cents,
    returnCycleDays: row.return_cycle_days,
    bufferBeforeMin: row.buffer_before_min,
    bufferAfterMin: row.buffer_after_min,
    active: row.active && row.archived_at === null,
    createdAt: row.created_at.toISOString(),
  };
}

export function toProfessional(
  row: ProfessionalRow,
  serviceIds: string[],
  hours: Pick<WorkingHoursRow, 'weekday' | 'start_time' | 'end_time'>[],
): Professional {
  return {
    id: row.id,
    name: row.name,
    phone: row.phone,
    color: row.color,
    active: row.active,
    serviceIds,
    workingHours: hours
      .map((h) => ({ weekday: h.weekday, start: h.start_time, end: h.end_time }))
      .sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start)),
    photoFileId: row.photo_file_id,
    createdAt: row.created_at.toISOString(),
  };
}

export function toTimeOff(row: TimeOffRow): TimeOff {
  return {
    id: row.id,
    professionalId: row.professional_id,
    start: row.starts_at.toISOString(),
    end: row.ends_at.toISOString(),
    reason: row.reason,
  };
}
