import type { AuthRequest } from '@agenda-cheia/contracts';
import { clientFirstName, describeWhen, formatPrice } from '../shared/pt-br-format';

/** What the client reads about their booking request (pt-BR, WhatsApp tone). */
const firstName = (name: string) => clientFirstName(name) || 'tudo bem';

export function bookingConfirmedNotice(request: AuthRequest, timeZone: string): string {
  return (
    `✅ Confirmado, ${firstName(request.clientName)}! ${request.serviceName} com ${request.professionalName}` +
    ` ${describeWhen(new Date(request.start), timeZone)} (${formatPrice(request.priceCents)}). Até lá! 💜`
  );
}

export function bookingRejectedNotice(request: AuthRequest, timeZone: string, notes: string | null): string {
  const reason = notes?.trim() ? ` ${notes.trim().replace(/\.?$/, '.')}` : '';
  return (
    `Poxa, ${firstName(request.clientName)}, não conseguimos confirmar ${request.serviceName}` +
    ` ${describeWhen(new Date(request.start), timeZone)}.${reason}` +
    ' Se quiser, me diga outro dia ou horário que eu vejo pra você. 🙏'
  );
}

export function slotTakenNotice(
  request: AuthRequest,
  timeZone: string,
  alternatives: readonly { start: string; professionalName: string }[],
): string {
  const lost = `Que pena, ${firstName(request.clientName)}: o horário de ${describeWhen(new Date(request.start), timeZone)} acabou de ser ocupado. 😕`;
  if (alternatives.length === 0) {
    return `${lost} Me diga outro dia que eu procuro um horário livre pra você.`;
  }
  const options = alternatives
    .map((a) => `• ${describeWhen(new Date(a.start), timeZone)} com ${a.professionalName}`)
    .join('\n');
  return `${lost} Tenho estes horários livres para ${request.serviceName}:\n${options}\nQual fica melhor?`;
}
