import { demoCatalogue, formatPrice } from '@agenda-cheia/core';
import { describe, expect, it } from 'vitest';
import { at, createChatSalon } from './chat-fixture';
import type { TestApi } from './harness';
import type { startReceiver } from './n8n-receiver';

/**
 * Multi-turn conversations, each ending with an assertion on the database: the auth requests (service,
 * professional, slot, status), appointments, opt-outs and handovers. The same scenarios run against the
 * offline agent and against an LLM behind the OpenAI-compatible test server; what the client reads is
 * checked word for word only for the offline agent's templates.
 */
export interface ScenarioEnv {
  engine: 'offline' | 'llm';
  api(): TestApi;
  receiver(): Awaited<ReturnType<typeof startReceiver>>;
}

type Salon = Awaited<ReturnType<typeof createChatSalon>>;

/** Every price the agent may quote: the catalogue's, as the client reads them. */
const CATALOGUE_PRICES = new Set(demoCatalogue.map((s) => formatPrice(s.priceCents)));

function expectNoInventedPrices(replies: readonly string[]) {
  for (const text of replies) {
    for (const quoted of text.match(/R\$\s?[\d.]+,\d{2}/g) ?? []) {
      expect(CATALOGUE_PRICES, `price quoted in: ${text}`).toContain(quoted.replace(/R\$\s?/, 'R$ '));
    }
  }
}

async function book(salon: Salon, service: string, professionalId: string, date: string, time: string) {
  const serviceId = salon.services[service]?.id ?? '';
  return salon.client.appointments.create.mutate({
    clientId: salon.maria.id,
    serviceId,
    professionalId,
    start: at(date, time),
  });
}

export function defineChatScenarios(env: ScenarioEnv): void {
  const { engine } = env;
  const api = () => env.api();
  const receiver = () => env.receiver();
  describe(`chat scenarios (${engine} agent)`, () => {
    it('books "corte amanhã às 15h" as a request awaiting the salon', async () => {
      const salon = await createChatSalon(api(), receiver());
      const answer = await salon.say('Oi! Queria marcar um corte amanhã às 15h');
      expect(answer).toContain('aguardar a confirmação');
      expect(await salon.requests()).toEqual([
        expect.objectContaining({
          service: 'corte',
          professional: 'ana',
          start: at('2026-11-21', '15:00'),
          status: 'open',
          source: 'chat',
        }),
      ]);
    });

    it('turns an approved request into an appointment and delivers the confirmation through n8n', async () => {
      const salon = await createChatSalon(api(), receiver());
      await salon.say('oi, quero fazer pedicure amanhã às 11h');
      const [request] = (await salon.client.authRequests.listPending.query()).items;
      expect(request).toMatchObject({ start: at('2026-11-21', '11:00'), professionalId: salon.bia.id });
      const decided = await salon.client.authRequests.decide.mutate({
        id: request?.id ?? '',
        decision: 'approve',
      });
      expect(decided).toMatchObject({ status: 'booked', clientNotificationSent: true });
      const appointment = await salon.client.appointments.get.query({ id: decided.appointmentId ?? '' });
      expect(appointment).toMatchObject({
        start: at('2026-11-21', '11:00'),
        status: 'scheduled',
        source: 'chat',
      });
      const phone = salon.maria.phone;
      const deadline = Date.now() + 10_000;
      const confirmation = () =>
        receiver().deliveries.find((d) => d.body.includes('Confirmado') && d.body.includes(phone));
      while (!confirmation() && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(JSON.parse(confirmation()?.body ?? '{}')).toMatchObject({
        event: 'send_message',
        channel: 'whatsapp',
      });
    });

    it('offers free times for "sexta depois do almoço" and books the one picked', async () => {
      const salon = await createChatSalon(api(), receiver());
      const options = await salon.say('quero fazer a unha sexta depois do almoço');
      expect(options).toContain('13:00');
      expect(await salon.requests()).toEqual([]);
      await salon.say('pode ser 14h');
      expect(await salon.requests()).toEqual([
        expect.objectContaining({
          service: 'manicure',
          professional: 'bia',
          start: at('2026-11-27', '14:00'),
          status: 'open',
        }),
      ]);
    });

    it('asks which service when none was said, then offers the morning', async () => {
      const salon = await createChatSalon(api(), receiver());
      expect(await salon.say('tem horário amanhã de manhã?')).toContain('Qual serviço');
      const options = await salon.say('escova');
      expect(options).toContain('09:00');
      await salon.say('as 10');
      expect(await salon.requests()).toEqual([
        expect.objectContaining({ service: 'escova', professional: 'ana', start: at('2026-11-21', '10:00') }),
      ]);
    });

    it('quotes the catalogue price of a service and books nothing', async () => {
      const salon = await createChatSalon(api(), receiver());
      const answer = await salon.say('quanto custa a progressiva?');
      expect(answer).toContain('R$ 250,00');
      expectNoInventedPrices(await salon.aiMessages());
      expect(await salon.requests()).toEqual([]);
    });

    it('lists prices only from the catalogue', async () => {
      const salon = await createChatSalon(api(), receiver());
      const answer = await salon.say('qual o valor dos serviços de vcs?');
      expect(answer).toContain('Manicure');
      expectNoInventedPrices(await salon.aiMessages());
    });

    it('hands a complaint to the team and then stays quiet', async () => {
      const salon = await createChatSalon(api(), receiver());
      const answer = await salon.say('fiquei muito insatisfeita com meu corte, ficou todo torto 😡');
      expect(answer).toContain('Sinto muito');
      const id = await salon.conversationId();
      const conversation = await salon.client.conversations.get.query({ conversationId: id ?? '' });
      expect(conversation.mode).toBe('human');
      await salon.say('alguém vai me responder?', { expectReply: false });
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(await salon.aiMessages()).toHaveLength(1);
      expect(await salon.requests()).toEqual([]);
    });

    it('replaces the request when the client changes their mind', async () => {
      const salon = await createChatSalon(api(), receiver());
      await salon.say('quero marcar corte amanhã às 15h');
      await salon.say('na verdade prefiro às 17h');
      const requests = await salon.requests();
      expect(requests.filter((r) => r.status === 'open')).toEqual([
        expect.objectContaining({ service: 'corte', start: at('2026-11-21', '17:00') }),
      ]);
      expect(requests.filter((r) => r.status === 'cancelled')).toEqual([
        expect.objectContaining({ start: at('2026-11-21', '15:00') }),
      ]);
    });

    it('cancels the only upcoming appointment', async () => {
      const salon = await createChatSalon(api(), receiver());
      const appointment = await book(salon, 'corte', salon.ana.id, '2026-11-24', '10:00');
      expect(await salon.say('oi, preciso cancelar meu horário')).toContain('Cancelado');
      expect((await salon.client.appointments.get.query({ id: appointment.id })).status).toBe('cancelled');
    });

    it('asks which appointment to cancel when there are several, and cancels the one chosen', async () => {
      const salon = await createChatSalon(api(), receiver());
      const first = await book(salon, 'corte', salon.ana.id, '2026-11-24', '10:00');
      const second = await book(salon, 'manicure', salon.bia.id, '2026-11-26', '15:00');
      expect(await salon.say('quero desmarcar')).toContain('Qual deles');
      await salon.say('2');
      expect((await salon.client.appointments.get.query({ id: first.id })).status).toBe('scheduled');
      expect((await salon.client.appointments.get.query({ id: second.id })).status).toBe('cancelled');
    });

    it('records a "sim" to a campaign offer; the request then waits for the owner', async () => {
      const salon = await createChatSalon(api(), receiver());
      await api().server.services.authRequests.propose({
        tenantId: salon.tenantId,
        clientId: salon.maria.id,
        serviceId: salon.services.corte?.id ?? '',
        professionalId: salon.ana.id,
        start: new Date(at('2026-11-24', '14:00')),
        source: 'prazo_certo',
        clientConsent: 'pending',
        expiresAt: new Date(at('2026-11-21', '10:00')),
        createdByAgent: 'prazo_certo',
      });
      await salon.say('sim, pode ser! 👍');
      expect(await salon.requests()).toEqual([
        expect.objectContaining({ source: 'prazo_certo', clientConsent: 'accepted', status: 'open' }),
      ]);
    });

    it('records a "não posso" to a campaign offer and frees its slot', async () => {
      const salon = await createChatSalon(api(), receiver());
      await api().server.services.authRequests.propose({
        tenantId: salon.tenantId,
        clientId: salon.maria.id,
        serviceId: salon.services.manicure?.id ?? '',
        professionalId: salon.bia.id,
        start: new Date(at('2026-11-24', '09:00')),
        source: 'encher_agenda',
        clientConsent: 'pending',
        expiresAt: new Date(at('2026-11-21', '10:00')),
        createdByAgent: 'encher_agenda',
      });
      await salon.say('não posso, obrigada');
      expect(await salon.requests()).toEqual([
        expect.objectContaining({ source: 'encher_agenda', clientConsent: 'declined', status: 'declined' }),
      ]);
    });

    it('opts the client out of campaigns on "parar"', async () => {
      const salon = await createChatSalon(api(), receiver());
      expect(await salon.say('parar')).toContain('não vai mais receber');
      const stored = await salon.client.clients.get.query({ id: salon.maria.id });
      expect(stored.client.campaignOptOut).toBe(true);
    });

    it('greets back a plain hello without booking anything', async () => {
      const salon = await createChatSalon(api(), receiver());
      expect(await salon.say('oi boa tarde')).toMatch(/Oi/);
      expect(await salon.requests()).toEqual([]);
    });

    it('offers the nearest times around a lunch break and books the next choice', async () => {
      const salon = await createChatSalon(api(), receiver());
      const options = await salon.say('corte masculino amanhã ao meio dia');
      expect(options).toContain('11:30');
      await salon.say('11:30 então');
      expect(await salon.requests()).toEqual([
        expect.objectContaining({ service: 'corte_masculino', start: at('2026-11-21', '11:30') }),
      ]);
    });

    it('moves a Sunday request to the next open days', async () => {
      const salon = await createChatSalon(api(), receiver());
      const answer = await salon.say('quero manicure domingo');
      expect(answer).toContain('segunda-feira, 23/11');
      expect(await salon.requests()).toEqual([]);
    });

    it('reads "semana que vem" as the coming week and a bare hour as one of the times offered', async () => {
      const salon = await createChatSalon(api(), receiver());
      expect(await salon.say('mão e pé semana que vem')).toContain('segunda-feira, 23/11');
      await salon.say('10h');
      expect(await salon.requests()).toEqual([
        expect.objectContaining({
          service: 'mao_e_pe',
          professional: 'bia',
          start: at('2026-11-23', '10:00'),
        }),
      ]);
    });

    it('understands slang and typos', async () => {
      const salon = await createChatSalon(api(), receiver());
      expect(await salon.say('oii amg vc tem horario pra manicuri amanha cedinho?')).toContain('09:00');
      await salon.say('9h ta otimo');
      expect(await salon.requests()).toEqual([
        expect.objectContaining({ service: 'manicure', start: at('2026-11-21', '09:00') }),
      ]);
    });

    it('books at once when the salon auto-approves', async () => {
      const salon = await createChatSalon(api(), receiver(), { autoApprove: true });
      expect(await salon.say('corte amanhã às 15h por favor')).toContain('Agendado');
      expect(await salon.requests()).toEqual([
        expect.objectContaining({ service: 'corte', status: 'booked', start: at('2026-11-21', '15:00') }),
      ]);
    });

    it('never offers a time another client’s request holds', async () => {
      const salon = await createChatSalon(api(), receiver());
      const other = await salon.client.clients.create.mutate({ name: 'Joana', phone: '11 95555-0101' });
      await api().server.services.authRequests.propose({
        tenantId: salon.tenantId,
        clientId: other.id,
        serviceId: salon.services.corte?.id ?? '',
        professionalId: salon.ana.id,
        start: new Date(at('2026-11-21', '15:00')),
        source: 'chat',
        clientConsent: 'accepted',
        expiresAt: new Date(at('2026-11-21', '09:00')),
        createdByAgent: 'chat_agent',
      });
      const answer = await salon.say('corte amanhã às 15h');
      if (engine === 'offline') expect(answer).toContain('não tenho horário livre');
      else expect(answer).not.toContain('sábado, 21/11 às 15:00');
      expect((await salon.requests()).filter((r) => r.start === at('2026-11-21', '15:00'))).toHaveLength(1);
    });

    it('understands "dia 12" as the next 12th', async () => {
      const salon = await createChatSalon(api(), receiver());
      await salon.say('quero fazer coloração dia 12 às 14h');
      expect(await salon.requests()).toEqual([
        expect.objectContaining({ service: 'coloracao', start: at('2026-12-12', '14:00') }),
      ]);
    });

    it('confirms an appointment when the client answers the reminder', async () => {
      const salon = await createChatSalon(api(), receiver());
      const appointment = await book(salon, 'escova', salon.ana.id, '2026-11-21', '11:00');
      expect(await salon.say('confirmo')).toContain('confirmar');
      expect((await salon.client.appointments.get.query({ id: appointment.id })).status).toBe('confirmed');
    });
  });
}
