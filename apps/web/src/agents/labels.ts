import type { AgentTool, ChatIntent } from '@agenda-cheia/contracts';

/** What each tool lets the assistant do, as the owner decides it. */
export const toolLabels: Record<AgentTool, string> = {
  list_services: 'Informar serviços e preços',
  find_free_slots: 'Procurar horários livres',
  create_auth_request: 'Pedir agendamentos (para a sua aprovação)',
  list_client_appointments: 'Consultar os agendamentos do cliente',
  cancel_appointment: 'Cancelar agendamentos a pedido do cliente',
  confirm_appointment: 'Confirmar presença',
  answer_offer: 'Registrar a resposta às ofertas das campanhas',
  handover_to_human: 'Passar a conversa para a equipe',
};

/** What the assistant understood the client wanted. */
export const intentLabels: Record<ChatIntent, string> = {
  booking: 'Agendamento',
  inquiry: 'Dúvida',
  complaint: 'Reclamação',
  hello: 'Saudação',
  confirmation: 'Confirmação',
  cancellation: 'Cancelamento',
  unknown: 'Não identificado',
};

/** Who wrote the reply: the language model, or the built-in assistant that works without one. */
export const engineLabels: Record<'llm' | 'offline', string> = {
  llm: 'IA',
  offline: 'offline',
};
