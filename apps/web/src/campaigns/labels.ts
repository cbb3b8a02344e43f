import type { CampaignKind, CampaignRun } from '@agenda-cheia/contracts';

export const kindLabels: Record<CampaignKind, string> = {
  prazo_certo: 'Prazo Certo',
  encher_agenda: 'Encher Agenda',
};

export const kindDescriptions: Record<CampaignKind, string> = {
  prazo_certo: 'Chama de volta quem já está na hora de repetir um serviço, com um horário separado.',
  encher_agenda: 'Oferece os horários vagos dos próximos dias a quem costuma vir.',
};

export const runStatusLabels: Record<CampaignRun['status'], string> = {
  running: 'Executando…',
  completed: 'Concluída',
  failed: 'Falhou',
};

export const triggerLabels: Record<CampaignRun['trigger'], string> = {
  schedule: 'Agendada',
  manual: 'Manual',
};

/** The figures of a run or a campaign, in the order of the funnel. */
export const resultLabels = {
  clientsFound: 'Clientes encontrados',
  offersCreated: 'Ofertas criadas',
  notificationsSent: 'Mensagens enviadas',
  accepted: 'Aceitas',
  booked: 'Agendadas',
  revenueBookedCents: 'Receita',
} as const;

/** A run status as the campaign list carries it (a plain string there). */
export function runStatusLabel(status: string): string {
  return status in runStatusLabels ? runStatusLabels[status as CampaignRun['status']] : status;
}
