import type { BookingSource, ClientConsent } from '@agenda-cheia/contracts';

/** Where a booking request came from, as the owner knows the channels. */
export const sourceLabels: Record<BookingSource, string> = {
  chat: 'Chat',
  prazo_certo: 'Prazo Certo',
  encher_agenda: 'Encher Agenda',
  manual: 'Manual',
};

export const consentLabels: Record<ClientConsent, string> = {
  pending: 'Aguardando cliente',
  accepted: 'Cliente aceitou',
  declined: 'Cliente recusou',
};
