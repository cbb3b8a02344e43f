import { type FakeChatRequest, type FakeTurn, messageText } from '@agenda-cheia/agents/testing';
import { understand } from '@agenda-cheia/agents';
import { localDateTimeToInstant } from '@agenda-cheia/scheduling';

/**
 * A scripted stand-in for an LLM, served by the fake OpenAI-compatible server: it reads the conversation
 * the way a model would (here with the rule-based understanding), and acts only through the tools the
 * API offers, so the tool plumbing, the slot ids and the guardrails are exercised for real.
 */

interface ToolResult {
  name: string;
  args: Record<string, unknown>;
  result: Record<string, unknown>;
}

function parseJson(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The tool calls made since the client's last message, with their results. */
function toolResultsOfThisTurn(request: FakeChatRequest): ToolResult[] {
  const lastUser = request.messages.findLastIndex((m) => m.role === 'user');
  const calls = new Map<string, { name: string; args: Record<string, unknown> }>();
  const results: ToolResult[] = [];
  for (const message of request.messages.slice(lastUser + 1)) {
    if (message.role === 'assistant') {
      for (const call of message.tool_calls ?? []) {
        if (call.type === 'function')
          calls.set(call.id, { name: call.function.name, args: parseJson(call.function.arguments) });
      }
    }
    if (message.role === 'tool') {
      const call = calls.get(message.tool_call_id);
      if (call) results.push({ ...call, result: parseJson(messageText(message)) });
    }
  }
  return results;
}

function nowOf(request: FakeChatRequest): { now: Date; timeZone: string } {
  const system = request.messages
    .filter((m) => m.role === 'system')
    .map(messageText)
    .join('\n');
  const match = /às (\d{2}:\d{2}) \((\d{4}-\d{2}-\d{2}), fuso ([^)]+)\)/.exec(system);
  if (!match?.[1] || !match[2] || !match[3])
    throw new Error('the system prompt does not say the tenant’s now');
  return { now: localDateTimeToInstant(match[2], match[1], match[3]), timeZone: match[3] };
}

type Services = { service_id: string; name: string; price: string }[];

const call = (name: string, args: Record<string, unknown>): FakeTurn => ({
  toolCalls: [{ name, arguments: args }],
});
const answer = (content: string): FakeTurn => ({ content });

export function salonModel(request: FakeChatRequest): FakeTurn {
  const userTexts = request.messages.filter((m) => m.role === 'user').map(messageText);
  const text = userTexts.at(-1) ?? '';
  const system = request.messages
    .filter((m) => m.role === 'system')
    .map(messageText)
    .join('\n');
  const done = toolResultsOfThisTurn(request);
  const last = done.at(-1);
  const servicesResult = done.find((r) => r.name === 'list_services');
  if (!servicesResult) return call('list_services', {});
  const services = (servicesResult.result.services ?? []) as Services;
  const { now, timeZone } = nowOf(request);
  const context = { now, timeZone, services: services.map((s) => ({ id: s.service_id, name: s.name })) };
  const u = understand(text, context);

  // Results of this turn's actions: say what happened.
  if (last && last.name !== 'list_services') {
    const status = typeof last.result.status === 'string' ? last.result.status : '';
    switch (last.name) {
      case 'create_auth_request':
      case 'answer_offer':
        if (status === 'waiting_for_business_confirmation' || status === 'simulated_request_created')
          return answer(
            `Pedido feito para ${String(last.result.when)}! Agora é aguardar a confirmação do salão.`,
          );
        if (status === 'booked') return answer(`Agendado para ${String(last.result.when)}!`);
        if (status === 'declined') return answer('Tudo bem, fica para a próxima!');
        return answer('Esse horário acabou de ser ocupado, quer outro?');
      case 'find_free_slots': {
        const slots = (last.result.slots ?? []) as { slot_id: string; when: string; professional: string }[];
        const first = slots[0];
        if (last.result.exact_time_free === true && first)
          return call('create_auth_request', { slot_id: first.slot_id });
        if (!first) return answer('Não encontrei horário livre nesse dia.');
        return answer(
          `Tenho estes horários: ${slots.map((s) => `${s.when} com ${s.professional}`).join('; ')}. Qual prefere?`,
        );
      }
      case 'list_client_appointments': {
        const appointments = (last.result.appointments ?? []) as {
          appointment_id: string;
          when: string;
          status: string;
        }[];
        const earlier = userTexts.slice(0, -1).map((t) => understand(t, context).intent);
        const cancelling =
          u.intent === 'cancellation' || (earlier.at(-1) === 'cancellation' && /^\D*\d\D*$/.test(text));
        if (cancelling) {
          const number = /(\d)/.exec(text);
          const chosen =
            appointments.length === 1
              ? appointments[0]
              : number
                ? appointments[Number(number[1]) - 1]
                : undefined;
          if (chosen) return call('cancel_appointment', { appointment_id: chosen.appointment_id });
          return answer(`Qual deles? ${appointments.map((a, i) => `${i + 1}. ${a.when}`).join(' ')}`);
        }
        const scheduled = appointments.find((a) => a.status === 'scheduled');
        if (scheduled) return call('confirm_appointment', { appointment_id: scheduled.appointment_id });
        return answer('Não achei horários seus.');
      }
      case 'cancel_appointment':
        return answer(
          status === 'cancelled'
            ? 'Cancelado! Quando quiser remarcar é só chamar.'
            : 'Não consegui cancelar.',
        );
      case 'confirm_appointment':
        return answer('Obrigada por confirmar!');
      case 'handover_to_human':
        return answer('Sinto muito! Já chamei a responsável para falar com você.');
    }
  }

  // A new client message: decide what to do.
  const earlierIntents = userTexts.slice(0, -1).map((t) => understand(t, context).intent);
  if (u.intent === 'complaint') return call('handover_to_human', { reason: text, complaint: true });
  if (u.consent && system.includes('oferta em aberto'))
    return call('answer_offer', { accept: u.consent === 'yes' });
  if (u.intent === 'cancellation' || (earlierIntents.at(-1) === 'cancellation' && /^\D*\d\D*$/.test(text)))
    return call('list_client_appointments', {});
  if (u.intent === 'confirmation' && !u.when) return call('list_client_appointments', {});
  if (u.intent === 'hello') return answer('Oi! Tudo bem? Quer marcar um horário?');
  if ((u.intent === 'inquiry' || u.asksPrice) && !u.when) {
    const asked = services.filter((s) => u.serviceIds.includes(s.service_id));
    const listed = asked.length > 0 ? asked : services;
    return answer(listed.map((s) => `${s.name}: ${s.price}`).join('\n'));
  }

  // Booking: what the client said across the conversation, the latest words winning.
  let serviceId: string | undefined;
  let date: string | null = null;
  let wholeWeek = false;
  let partOfDay: string | null = null;
  for (const earlier of userTexts) {
    const said = understand(earlier, context);
    serviceId = said.serviceIds[0] ?? serviceId;
    if (said.when?.daySaid) {
      date = said.when.date;
      wholeWeek = said.when.flexible;
      partOfDay = said.when.partOfDay ?? partOfDay;
    }
  }
  if (!serviceId) return answer('Qual serviço você quer fazer?');
  const time = u.when?.time ?? null;
  return call('find_free_slots', {
    service_id: serviceId,
    date,
    time,
    part_of_day: time ? null : partOfDay,
    whole_week: wholeWeek,
  });
}
