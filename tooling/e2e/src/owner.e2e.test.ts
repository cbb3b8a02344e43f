import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, loginToken, queryApi } from './api';
import { startFakeGateway, type FakeGateway } from './fakeGateway';
import {
  CHROMIUM_PATH,
  hasChromium,
  registerBusiness,
  signIn,
  SKIPPED_NOTICE,
  startBrowserHarness,
  uniqueEmail,
  type BrowserHarness,
} from './harness';

/**
 * The owner's day on a phone: booking requests to approve on the Painel, campaigns run by hand, and the
 * agent tried in the playground. The browser is in Tokyo, the salon in São Paulo: every time shown must
 * be the salon's.
 */

const SALON_ZONE = 'America/Sao_Paulo';
const BROWSER_ZONE = 'Asia/Tokyo';
const PHONE = { width: 390, height: 844 };
const PASSWORD = 'senha-forte-123';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface Salon {
  email: string;
  token: string;
  tenantId: string;
  serviceId: string;
  professionalId: string;
}

/** A salon open around the clock, with Corte feminino (45 min, R$ 80, back every 30 days) and Ana Paula. */
async function openSalon(serverUrl: string, businessName: string): Promise<Salon> {
  const email = uniqueEmail('dona');
  await registerBusiness(serverUrl, { businessName, name: 'Dona do Salão', email, password: PASSWORD });
  const token = await loginToken(serverUrl, email, PASSWORD);
  const me = (await queryApi(serverUrl, 'auth.me', undefined, token)) as { user: { tenantId: string } };
  const service = (await callApi(
    serverUrl,
    'services.create',
    { name: 'Corte feminino', durationMin: 45, priceCents: 8000, returnCycleDays: 30 },
    token,
  )) as { id: string };
  const professional = (await callApi(
    serverUrl,
    'professionals.create',
    { name: 'Ana Paula', serviceIds: [service.id] },
    token,
  )) as { id: string };
  await callApi(
    serverUrl,
    'professionals.setWorkingHours',
    {
      professionalId: professional.id,
      hours: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: '00:00', end: '24:00' })),
    },
    token,
  );
  return { email, token, tenantId: me.user.tenantId, serviceId: service.id, professionalId: professional.id };
}

async function addClient(
  serverUrl: string,
  salon: Salon,
  name: string,
  phone: string,
): Promise<{ id: string }> {
  return (await callApi(serverUrl, 'clients.create', { name, phone }, salon.token)) as { id: string };
}

/** A whole hour `hoursAhead` from now, and how the salon's clock reads it. */
function salonSlot(hoursAhead: number) {
  const start = new Date(Math.ceil(Date.now() / HOUR) * HOUR + hoursAhead * HOUR);
  const read = (instant: Date) =>
    Object.fromEntries(
      new Intl.DateTimeFormat('en-CA', {
        timeZone: SALON_ZONE,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      })
        .formatToParts(instant)
        .map((part) => [part.type, part.value]),
    );
  const begin = read(start);
  const end = read(new Date(start.getTime() + 45 * MINUTE));
  return {
    start,
    date: `${begin.year}-${begin.month}-${begin.day}`,
    range: `${begin.hour}:${begin.minute}–${end.hour}:${end.minute}`,
    time: `${begin.hour}:${begin.minute}`,
  };
}

async function signInOnPhone(
  harness: BrowserHarness,
  email: string,
  beforeSignIn: (page: Page) => void = () => {},
): Promise<Page> {
  const { page } = await harness.openPage({ viewport: PHONE, timezoneId: BROWSER_ZONE });
  beforeSignIn(page);
  await page.goto('/entrar');
  await signIn(page, email, PASSWORD);
  await page.getByRole('heading', { level: 1, name: 'Painel' }).waitFor();
  return page;
}

async function goTo(page: Page, section: string): Promise<void> {
  await page.getByRole('button', { name: 'Menu' }).click();
  await page
    .getByRole('navigation', { name: 'Navegação principal' })
    .getByRole('link', { name: section, exact: true })
    .click();
}

/** An OpenAI-compatible endpoint that only lists its models (`GET /v1/models`), as "Testar" asks. */
async function startModelsEndpoint(
  models: readonly string[],
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    if (request.url?.endsWith('/models') === true) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          object: 'list',
          data: models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'salao' })),
        }),
      );
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The parts of a textarea the caret check uses (this package is typed without the DOM library). */
interface TextArea {
  setSelectionRange(start: number, end: number): void;
  focus(): void;
}

if (!hasChromium) {
  if (process.env.CI) throw new Error(`Chromium not found at ${CHROMIUM_PATH}.`);
  it(SKIPPED_NOTICE, () => {
    expect(hasChromium).toBe(false);
  });
} else {
  describe("the owner's phone", () => {
    let harness: BrowserHarness;
    let gateway: FakeGateway;

    beforeAll(async () => {
      [harness, gateway] = await Promise.all([startBrowserHarness(), startFakeGateway()]);
    });

    afterAll(async () => {
      await Promise.all([harness?.close(), gateway?.close()]);
    });

    it('shows booking requests live on the Painel: approves one into the agenda, rejects one with a reason', async () => {
      const url = harness.server.url;
      const salon = await openSalon(url, 'Salão Flor de Lis');
      const [maria, joana, lucia] = await Promise.all([
        addClient(url, salon, 'Maria Silva', '11 98888-0001'),
        addClient(url, salon, 'Joana Prado', '11 98888-0002'),
        addClient(url, salon, 'Lúcia Reis', '11 98888-0003'),
      ]);
      /** What the chat agent does when a client asks for a time: a request held for the owner. */
      const requestBooking = async (clientId: string, start: Date) => {
        const outcome = await harness.server.services.authRequests.propose({
          tenantId: salon.tenantId,
          clientId,
          serviceId: salon.serviceId,
          professionalId: salon.professionalId,
          start,
          source: 'chat',
          clientConsent: 'accepted',
          expiresAt: new Date(Date.now() + 6 * HOUR),
          createdByAgent: 'chat_agent',
        });
        return outcome.request;
      };

      const page = await signInOnPhone(harness, salon.email);
      try {
        const approvals = page.getByRole('region', { name: /^Pedidos para aprovar/ });
        await approvals.getByText('Nenhum pedido esperando sua aprovação.', { exact: false }).waitFor();

        // A request arrives: a toast, and its card on the Painel, on the salon's clock.
        const first = salonSlot(3);
        await requestBooking(maria.id, first.start);
        await page.getByText('Novo pedido para aprovar (Chat)').waitFor();
        const mariaCard = approvals.getByRole('listitem', { name: 'Pedido de Maria Silva' });
        await mariaCard.waitFor();
        const mariaText = await mariaCard.textContent();
        expect(mariaText).toContain(first.range);
        expect(mariaText).toContain('Chat');
        expect(mariaText).toContain('Cliente aceitou');
        expect(mariaText).toContain('Corte feminino · Ana Paula');
        expect(mariaText).toMatch(/R\$\s80,00/);
        expect(mariaText).toMatch(/Expira (hoje|amanhã) às \d{2}:\d{2}/);

        // Approved: the card goes once the server has answered, which says what happened.
        await mariaCard.getByRole('button', { name: 'Aprovar o pedido de Maria Silva' }).click();
        await mariaCard.waitFor({ state: 'detached' });
        const notices = page.getByRole('list', { name: 'Decisões recentes' });
        await notices.getByText(`Agendado: Maria Silva`, { exact: false }).waitFor();
        expect(await notices.textContent()).toContain(`às ${first.time}`);
        expect(await notices.textContent()).toContain('O cliente não foi avisado');

        // Rejected, with a reason the client is told.
        const second = salonSlot(5);
        await requestBooking(joana.id, second.start);
        const joanaCard = approvals.getByRole('listitem', { name: 'Pedido de Joana Prado' });
        await joanaCard.getByRole('button', { name: 'Recusar o pedido de Joana Prado' }).click();
        const reason = 'A Ana está de folga neste horário.';
        await joanaCard.getByLabel('Motivo da recusa (opcional)').fill(reason);
        await joanaCard.getByRole('button', { name: 'Confirmar recusa' }).click();
        await joanaCard.waitFor({ state: 'detached' });
        await notices.getByText('Recusado: Joana Prado', { exact: false }).waitFor();
        const rejected = (await queryApi(url, 'authRequests.list', { status: 'rejected' }, salon.token)) as {
          items: { clientName: string; ownerNotes: string | null }[];
        };
        expect(rejected.items).toEqual([
          expect.objectContaining({ clientName: 'Joana Prado', ownerNotes: reason }),
        ]);

        // Someone else decides first: the buttons wait for the server, which says so.
        const third = salonSlot(7);
        const luciaRequest = await requestBooking(lucia.id, third.start);
        const luciaCard = approvals.getByRole('listitem', { name: 'Pedido de Lúcia Reis' });
        await luciaCard.waitFor();
        await page.route('**/trpc/authRequests.decide**', async (route) => {
          await callApi(url, 'authRequests.decide', { id: luciaRequest.id, decision: 'reject' }, salon.token);
          await route.continue();
        });
        await luciaCard.getByRole('button', { name: 'Aprovar o pedido de Lúcia Reis' }).click();
        await notices.getByText('Já decidido por outra pessoa. (Lúcia Reis', { exact: false }).waitFor();
        await luciaCard.waitFor({ state: 'detached' });
        await page.unroute('**/trpc/authRequests.decide**');

        // The approved request is an appointment on the agenda, at the salon's time.
        await page.goto(`/agenda?data=${first.date}&visao=dia`);
        await page.getByText('Maria Silva · Corte feminino').waitFor();
        expect(await page.getByText('Joana Prado').count()).toBe(0);
      } finally {
        await page.context().close();
      }
      expect(harness.pageErrors).toEqual([]);
    });

    it('creates a Prazo Certo campaign, runs it now and reads the figures of its runs', async () => {
      const url = harness.server.url;
      const salon = await openSalon(url, 'Studio Cachos');
      await callApi(
        url,
        'integrations.create',
        { kind: 'n8n', outboundUrl: `${gateway.url}/n8n/cachos` },
        salon.token,
      );
      // Paula's last cut was 29 days ago: with a 30-day cycle, she is due tomorrow.
      const paula = await addClient(url, salon, 'Paula Reis', '11 97777-0001');
      const visit = (await callApi(
        url,
        'appointments.create',
        {
          clientId: paula.id,
          serviceId: salon.serviceId,
          professionalId: salon.professionalId,
          start: new Date(Math.floor((Date.now() - 29 * DAY) / HOUR) * HOUR).toISOString(),
          force: true,
        },
        salon.token,
      )) as { id: string };
      await callApi(url, 'appointments.complete', { id: visit.id }, salon.token);

      const page = await signInOnPhone(harness, salon.email);
      try {
        await goTo(page, 'Campanhas');
        await page.getByText('Nenhuma campanha ainda.').waitFor();
        await page.getByRole('link', { name: 'Nova campanha' }).click();
        const form = page.getByRole('form', { name: 'Nova campanha' });
        expect(await form.getByRole('radio', { name: /^Prazo Certo/ }).isChecked()).toBe(true);
        await form.getByLabel('Nome', { exact: true }).fill('Retorno do corte');
        await form.getByLabel('Desconto (%)').fill('10');

        // A placeholder goes in at the caret; the preview reads as Maria would.
        const message = form.getByLabel('Mensagem', { exact: true });
        await message.fill('Oi, ! Seu {servico} com {profissional} por {preco}{desconto}. Quer?');
        await message.evaluate((element: TextArea) => {
          element.focus();
          element.setSelectionRange(4, 4);
        });
        await form.getByRole('button', { name: /^Inserir \{nome\}/ }).click();
        expect(await message.inputValue()).toBe(
          'Oi, {nome}! Seu {servico} com {profissional} por {preco}{desconto}. Quer?',
        );
        await form
          .getByText(
            /^Oi, Maria! Seu Corte feminino com Ana Paula por R\$\s72,00 \(10% de desconto\)\. Quer\?$/,
          )
          .waitFor();

        // When: a preset, or cron read back in words, on the salon's clock.
        await form.getByLabel('Quando executar').selectOption({ label: 'Personalizado (cron)' });
        await form.getByLabel('Expressão cron').fill('30 10 * * 2');
        await form.getByText('Toda terça-feira às 10:30').waitFor();
        await form.getByRole('button', { name: 'Criar campanha' }).click();

        await page.getByRole('heading', { level: 1, name: /^Retorno do corte/ }).waitFor();
        await page.getByText(`Toda terça-feira às 10:30 (horário de ${SALON_ZONE})`).waitFor();
        await page.getByText('Nenhuma execução ainda.', { exact: false }).waitFor();
        const campaignId = new URL(page.url()).pathname.split('/')[2] ?? '';

        await page.getByRole('button', { name: 'Executar agora' }).click();
        await page
          .getByText('Execução concluída: 1 cliente encontrado, 1 oferta, 1 mensagem enviada.')
          .waitFor();
        const runs = page.getByRole('list', { name: 'Execuções' });
        const run = runs.getByRole('listitem').first();
        await run.getByText('Concluída').waitFor();
        const figure = (name: string) => run.locator(`[data-figure="${name}"] dd`).textContent();
        expect(await figure('clientsFound')).toBe('1');
        expect(await figure('offersCreated')).toBe('1');
        expect(await figure('notificationsSent')).toBe('1');
        expect(await figure('accepted')).toBe('0');
        expect(await figure('booked')).toBe('0');
        await page.getByRole('img', { name: 'Última execução: 1 oferta, 0 agendadas.' }).waitFor();
        await page.getByText('Em 1 execução').waitFor();

        // A run started elsewhere (the scheduler, a colleague) shows up live.
        await callApi(url, 'automations.executePrazoCerto', { campaignId }, salon.token);
        await page.getByText('Em 2 execuções').waitFor();
        expect(await runs.getByRole('listitem').count()).toBe(2);

        // The offer awaits Paula's answer, and the owner's, on the Painel.
        await goTo(page, 'Painel');
        const offer = page
          .getByRole('region', { name: /^Pedidos para aprovar/ })
          .getByRole('listitem', { name: 'Pedido de Paula Reis' });
        await offer.waitFor();
        const offerText = await offer.textContent();
        expect(offerText).toContain('Prazo Certo');
        expect(offerText).toContain('Aguardando cliente');
        expect(offerText).toMatch(/R\$\s72,00 \(10% de desconto\)/);
        await page
          .getByRole('region', { name: 'Últimas campanhas' })
          .getByRole('link', { name: 'Retorno do corte' })
          .waitFor();
      } finally {
        await page.context().close();
      }
      expect(harness.pageErrors).toEqual([]);
    });

    it('tries the agent in the playground: the reply streams in with its intent and engine', async () => {
      const salon = await openSalon(harness.server.url, 'Espaço Bela');
      const sentFrames: string[] = [];
      const receivedFrames: string[] = [];
      const page = await signInOnPhone(harness, salon.email, (opened) =>
        opened.on('websocket', (socket) => {
          socket.on('framesent', (frame) => sentFrames.push(String(frame.payload)));
          socket.on('framereceived', (frame) => receivedFrames.push(String(frame.payload)));
        }),
      );
      try {
        await goTo(page, 'Configurações');
        await page.getByRole('link', { name: 'Agentes', exact: true }).click();
        await page.getByText('Nenhum agente configurado', { exact: false }).waitFor();
        const playground = page.getByRole('region', { name: 'Testar o agente' });
        await playground.getByText('nada é enviado aos clientes', { exact: false }).waitFor();

        const input = playground.getByLabel('Mensagem do cliente');
        const log = playground.getByRole('log', { name: 'Conversa de teste' });
        await input.fill('Oi, quero marcar um corte feminino amanhã');
        await input.press('Enter');
        const reply = log.locator('.playground-agent').first();
        await reply.getByText('Intenção detectada: Agendamento').waitFor();
        await reply.getByText('Respondido por: offline').waitFor();
        // The reply came as a stream of pieces over the socket, then its outcome.
        expect(sentFrames.some((frame) => frame.includes('agents.playground'))).toBe(true);
        expect(receivedFrames.some((frame) => frame.includes('"type":"delta"'))).toBe(true);
        expect(receivedFrames.some((frame) => frame.includes('"type":"done"'))).toBe(true);

        // The whole chat and the agent's memory go with the next message.
        const framesBefore = sentFrames.length;
        await input.fill('Pode ser às 10h?');
        await input.press('Enter');
        await log.locator('.playground-agent').nth(1).locator('.intent-tag').waitFor();
        const secondTurn = sentFrames
          .slice(framesBefore)
          .find((frame) => frame.includes('agents.playground'));
        expect(secondTurn).toContain('Oi, quero marcar um corte feminino amanhã');
        expect(secondTurn).toContain('"agentState"');

        // An agent of the salon's own, greeting in its own words.
        await page.getByRole('button', { name: 'Novo agente' }).click();
        const form = page.getByRole('form', { name: 'Novo agente' });
        await form.getByLabel('Nome', { exact: true }).fill('Bia');
        const greeting = 'Oi! Aqui é a Bia, do Espaço Bela. Em que posso ajudar?';
        await form.getByLabel('Saudação').fill(greeting);
        expect(await form.getByLabel('Procurar horários livres').isChecked()).toBe(true);
        await form.getByLabel('Padrão').check();
        await form.getByRole('button', { name: 'Criar agente' }).click();
        await page.getByRole('list', { name: 'Agentes' }).getByText('Atende os clientes').waitFor();

        await playground.getByRole('button', { name: 'Recomeçar' }).click();
        await input.fill('Oi');
        await input.press('Enter');
        const hello = log.locator('.playground-agent').first();
        await hello.getByText(greeting).waitFor();
        await hello.getByText('Intenção detectada: Saudação').waitFor();
      } finally {
        await page.context().close();
      }
      expect(harness.pageErrors).toEqual([]);
    });

    it("adds the salon's own LLM and tests it, choosing among the models it offers", async () => {
      const endpoint = await startModelsEndpoint(['gpt-4o-mini', 'llama-3.1-8b-instant']);
      const salon = await openSalon(harness.server.url, 'Barbearia do Zé');
      const page = await signInOnPhone(harness, salon.email);
      try {
        await goTo(page, 'Configurações');
        await page.getByRole('link', { name: 'Integrações', exact: true }).click();
        await page.getByRole('button', { name: 'Adicionar LLM próprio' }).click();
        const form = page.getByRole('form', { name: 'Novo LLM próprio' });
        await form.getByLabel('Nome', { exact: true }).fill('IA do salão');
        await form.getByLabel('URL do provedor').fill(endpoint.url);
        const apiKey = 'sk-teste-nao-mostrar-123';
        await form.getByLabel('Chave da API').fill(apiKey);
        await form.getByLabel('Modelo').fill('gpt-4o');
        await form.getByRole('button', { name: 'Adicionar LLM' }).click();
        await form.waitFor({ state: 'detached' });

        const item = page.getByRole('list', { name: 'Integrações' }).getByRole('listitem');
        await item.getByText(`${endpoint.url} · modelo gpt-4o · com chave`).waitFor();
        // The key went in and never comes back.
        expect(await page.content()).not.toContain(apiKey);

        // Testing lists the models; the one typed is not among them, and one tap picks another.
        await item.getByRole('button', { name: 'Testar IA do salão' }).click();
        await item.getByText('O modelo gpt-4o não está na lista do provedor.', { exact: false }).waitFor();
        const models = item.getByRole('list', { name: 'Modelos disponíveis' });
        await models.getByRole('button', { name: 'gpt-4o-mini' }).waitFor();
        await models.getByRole('button', { name: 'llama-3.1-8b-instant' }).click();
        await item.getByText(`${endpoint.url} · modelo llama-3.1-8b-instant · com chave`).waitFor();
        await item.getByRole('button', { name: 'Testar IA do salão' }).click();
        await item.getByText(/^Funcionou: HTTP 200, \d+ ms\.$/).waitFor();
        expect(
          await models.getByRole('button', { name: 'llama-3.1-8b-instant' }).getAttribute('aria-pressed'),
        ).toBe('true');
      } finally {
        await page.context().close();
        await endpoint.close();
      }
      expect(harness.pageErrors).toEqual([]);
    });
  });
}
