import type { AppointmentStatus } from '@agenda-cheia/contracts';

export const statusLabels: Record<AppointmentStatus, string> = {
  scheduled: 'Agendado',
  confirmed: 'Confirmado',
  completed: 'Concluído',
  cancelled: 'Cancelado',
  no_show: 'Não compareceu',
};

/** Appointments still to happen: the only ones that can be moved, cancelled or closed. */
export function isOpen(status: AppointmentStatus): boolean {
  return status === 'scheduled' || status === 'confirmed';
}

export function StatusBadge({ status }: { status: AppointmentStatus }) {
  return <span className={`status-badge status-${status}`}>{statusLabels[status]}</span>;
}
