import type { Appointment, AuthRequest } from '@agenda-cheia/contracts';
import {
  clientFirstName,
  describeDay,
  describeTime,
  describeWhen,
  formatPrice,
  type ChatService,
} from '@agenda-cheia/core';
import type { FoundSlot } from './slot-finder';

/** The offline agent's words: short, warm, WhatsApp-style Brazilian Portuguese. */

const hi = (name: string) => (clientFirstName(name) ? `Oi, ${clientFirstName(name)}!` : 'Oi!');

export function greeting(clientName: string, businessName: string, custom: string): string {
  if (custom.trim()) return custom.trim();
  return `${hi(clientName)} 😊 Aqui é do ${businessName}. Quer marcar um horário ou tirar alguma dúvida?`;
}

export function askService(services: readonly ChatService[]): string {
  const names = services.slice(0, 8).map((s) => s.name);
  return `Claro! Qual serviço você quer fazer? Temos: ${names.join(', ')}.`;
}

export function priceList(services: readonly ChatService[]): string {
  const lines = services.map((s) => `• ${s.name}: ${formatPrice(s.priceCents)} (${s.durationMin} min)`);
  return `Nossos valores:\n${lines.join('\n')}\nQuer agendar algum?`;
}

export function priceOf(service: ChatService): string {
  return `${service.name} sai por ${formatPrice(service.priceCents)} e leva cerca de ${service.durationMin} min. Quer que eu veja um horário?`;
}

export function optionsFor(
  service: ChatService,
  options: readonly FoundSlot[],
  timeZone: string,
  context: { askedTime: string | null; movedToOtherDays: boolean },
): string {
  const days = new Set(options.map((o) => describeDay(o.start, timeZone)));
  const lines =
    days.size === 1
      ? `${[...days][0] ?? ''}: ${options.map((o) => `${describeTime(o.start, timeZone)} (${o.professionalName})`).join(', ')}`
      : options.map((o) => `• ${describeWhen(o.start, timeZone)} com ${o.professionalName}`).join('\n');
  const intro = context.askedTime
    ? `Às ${context.askedTime} não tenho horário livre para ${service.name} 😕 Os mais próximos são:`
    : context.movedToOtherDays
      ? `Nesse dia a agenda está cheia para ${service.name} 😕 Tenho estes horários nos próximos dias:`
      : `Tenho estes horários livres para ${service.name}:`;
  return `${intro}\n${lines}\nQual fica melhor pra você?`;
}

export function noSlots(service: ChatService): string {
  return `Não encontrei horário livre para ${service.name} nos próximos dias 😕 Vou pedir para a equipe falar com você.`;
}

export function requestSent(request: AuthRequest, timeZone: string): string {
  return (
    `Perfeito! Pedi ${request.serviceName} com ${request.professionalName} ${describeWhen(new Date(request.start), timeZone)}` +
    ` (${formatPrice(request.priceCents)}). Agora é só aguardar a confirmação do salão, te aviso por aqui! 🙏`
  );
}

export function booked(request: AuthRequest, timeZone: string): string {
  return (
    `✅ Agendado! ${request.serviceName} com ${request.professionalName} ${describeWhen(new Date(request.start), timeZone)}` +
    ` (${formatPrice(request.priceCents)}). Até lá! 💜`
  );
}

export function offerAcceptedAwaitingOwner(request: AuthRequest, timeZone: string): string {
  return `Oba! Reservei ${describeWhen(new Date(request.start), timeZone)} pra você. Só falta a confirmação do salão, te aviso já já! 🙏`;
}

export function offerDeclined(): string {
  return 'Tudo bem! Se quiser outro dia ou horário, é só me falar. 😊';
}

export function slotTakenMeanwhile(options: readonly FoundSlot[], timeZone: string): string {
  if (options.length === 0)
    return 'Poxa, esse horário acabou de ser ocupado 😕 Me diga outro dia que eu procuro pra você.';
  const lines = options
    .map((o) => `• ${describeWhen(o.start, timeZone)} com ${o.professionalName}`)
    .join('\n');
  return `Poxa, esse horário acabou de ser ocupado 😕 Tenho estes livres:\n${lines}\nQual fica melhor?`;
}

export function optedOut(): string {
  return 'Pronto! Você não vai mais receber nossas mensagens de promoção. Se precisar marcar algo, é só chamar. 💜';
}

export function complaintHandedOver(clientName: string): string {
  return `${hi(clientName)} Sinto muito pelo que aconteceu 😔 Já avisei a responsável, ela vai falar com você pessoalmente o quanto antes.`;
}

export function handedOver(): string {
  return 'Vou chamar alguém da equipe para te responder, só um instante. 🙏';
}

export function chooseAppointmentToCancel(appointments: readonly Appointment[], timeZone: string): string {
  const lines = appointments
    .map((a, i) => `${i + 1}. ${a.serviceName ?? 'Atendimento'} ${describeWhen(new Date(a.start), timeZone)}`)
    .join('\n');
  return `Você tem estes horários marcados:\n${lines}\nQual deles quer cancelar? (responda com o número)`;
}

export function cancelled(appointment: Appointment, timeZone: string): string {
  return `Cancelado: ${appointment.serviceName ?? 'seu horário'} ${describeWhen(new Date(appointment.start), timeZone)}. Quando quiser remarcar, é só me chamar! 😊`;
}

export function nothingToCancel(): string {
  return 'Não encontrei nenhum horário marcado no seu nome. Quer marcar um?';
}

export function appointmentConfirmed(appointment: Appointment, timeZone: string): string {
  return `Obrigada por confirmar! Te esperamos ${describeWhen(new Date(appointment.start), timeZone)}. 💜`;
}

export function youAreBooked(appointments: readonly Appointment[], timeZone: string): string {
  const next = appointments[0];
  if (!next) return 'Não encontrei nenhum horário marcado no seu nome. Quer marcar um?';
  return `Seu próximo horário: ${next.serviceName ?? 'atendimento'} ${describeWhen(new Date(next.start), timeZone)} com ${next.professionalName ?? 'a equipe'}.`;
}

export function didNotUnderstand(): string {
  return 'Desculpa, não entendi muito bem 😅 Você quer marcar um horário, saber valores ou falar com alguém da equipe?';
}

export function generalInfo(businessName: string): string {
  return `Aqui é do ${businessName}! Posso te passar valores, ver horários livres ou marcar pra você. O que prefere?`;
}
