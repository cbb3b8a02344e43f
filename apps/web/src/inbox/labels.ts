import type { Conversation, Message, MessageStatus } from '@agenda-cheia/contracts';

export type ConversationStatus = Conversation['status'];
export type ConversationMode = Conversation['mode'];

export const conversationStatusLabels: Record<ConversationStatus, string> = {
  open: 'Aberta',
  pending: 'Pendente',
  closed: 'Encerrada',
};

export const statusFilterLabels: Record<ConversationStatus, string> = {
  open: 'Abertas',
  pending: 'Pendentes',
  closed: 'Encerradas',
};

export const modeLabels: Record<ConversationMode, string> = {
  ai: 'IA',
  human: 'Humano',
};

export const MODE_EXPLANATION = 'No modo IA o assistente responde; no modo Humano só a equipe.';

/** Delivery of an outbound message, as the ticks say it to screen readers and in the tooltip. */
export const deliveryLabels: Record<Exclude<MessageStatus, 'received'>, string> = {
  queued: 'Na fila',
  sent: 'Enviada',
  delivered: 'Entregue',
  read: 'Lida',
  failed: 'Não enviada',
};

export const authorLabels: Record<Message['author'], string> = {
  client: 'Cliente',
  staff: 'Equipe',
  ai: 'Assistente (IA)',
  system: 'Sistema',
};

/** The reason the server stores when the business has no WhatsApp gateway (an n8n integration). */
export const NO_GATEWAY = 'no gateway';

/** Two letters for the avatar: "Maria Souza" → "MS". */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? '?';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}
