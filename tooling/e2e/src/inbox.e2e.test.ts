import { createHmac } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, loginToken, queryApi } from './api';
import { startFakeGateway, type FakeGateway, type ReceivedRequest } from './fakeGateway';
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

const PASSWORD = 'senha-forte-123';
const CLIENT_PHONE = '5511988887777';

async function accessTokenOf(serverUrl: string, email: string): Promise<string> {
  return loginToken(serverUrl, email, PASSWORD);
}

/** What n8n does when a WhatsApp message arrives or a sent one changes status. */
async function postWebhook(
  serverUrl: string,
  inboundToken: string,
  route: 'message-received' | 'message-status',
  payload: object,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${serverUrl}/api/v1/webhooks/n8n/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${inboundToken}` },
    body: JSON.stringify(payload),
  });
  const body: unknown = await response.json();
  return { status: response.status, body };
}

function inboundMessage(clientName: string, message: string, messageId: string, phone = CLIENT_PHONE) {
  return {
    client_name: clientName,
    phone,
    message,
    channel: 'whatsapp',
    timestamp: new Date().toISOString(),
    message_id: messageId,
  };
}

interface SendMessageBody {
  event: string;
  message_id: string;
  text: string;
  client: { phone: string; name: string };
}

function isSendMessage(request: ReceivedRequest): boolean {
  return (request.body as Partial<SendMessageBody> | undefined)?.event === 'send_message';
}

/** The parts of DOM elements the scrolling checks read (this package is typed without the DOM library). */
interface Box {
  getBoundingClientRect(): { top: number };
  textContent: string | null;
}
interface ScrollBox extends Box {
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
  scrollTo(options: { top: number }): void;
  querySelectorAll(selector: string): Iterable<Box>;
}

/** Marks the document: if it is still marked later, nothing reloaded the page in between. */
async function markDocument(page: Page): Promise<void> {
  await page.evaluate('window.__sameDocument = true');
}

async function isSameDocument(page: Page): Promise<boolean> {
  return (await page.evaluate('window.__sameDocument === true')) === true;
}

if (!hasChromium) {
  if (process.env.CI) throw new Error(`Chromium not found at ${CHROMIUM_PATH}.`);
  it(SKIPPED_NOTICE, () => {
    expect(hasChromium).toBe(false);
  });
} else {
  describe('inbox in a browser', () => {
    let harness: BrowserHarness;
    let gateway: FakeGateway;
    // The server's clock runs this far ahead of the real one: how a test makes an access token expire.
    let serverClockAheadMs = 0;
    const serverClock = { now: () => new Date(Date.now() + serverClockAheadMs) };

    beforeAll(async () => {
      [harness, gateway] = await Promise.all([
        startBrowserHarness({ clock: serverClock }),
        startFakeGateway(),
      ]);
    });

    afterAll(async () => {
      await Promise.all([harness?.close(), gateway?.close()]);
    });

    it('connects n8n, receives a WhatsApp message live, replies and follows it to read', async () => {
      const owner = { businessName: 'Salão Bem Me Quer', name: 'Carla Nunes', email: uniqueEmail('carla') };
      const outboundUrl = `${gateway.url}/n8n/salao-bem-me-quer`;
      const { context, page } = await harness.openPage({ viewport: { width: 1280, height: 900 } });
      try {
        await page.goto('/criar-conta');
        await page.getByLabel('Nome do negócio').fill(owner.businessName);
        await page.getByLabel('Seu nome').fill(owner.name);
        await page.getByLabel('E-mail').fill(owner.email);
        await page.getByLabel('Senha').fill(PASSWORD);
        await page.getByRole('button', { name: 'Criar conta' }).click();
        await page.getByRole('heading', { level: 1, name: 'Painel' }).waitFor();

        // Configurações › Integrações: an n8n integration pointing at the stand-in gateway.
        const nav = page.getByRole('navigation', { name: 'Navegação principal' });
        await nav.getByRole('link', { name: 'Configurações', exact: true }).click();
        await page.getByRole('link', { name: 'Integrações', exact: true }).click();
        await page.getByText('Nenhuma integração ainda.').waitFor();
        expect(await page.getByLabel('Mensagem recebida', { exact: true }).inputValue()).toBe(
          `${harness.server.url}/api/v1/webhooks/n8n/message-received`,
        );
        expect(await page.getByLabel('Situação da mensagem', { exact: true }).inputValue()).toBe(
          `${harness.server.url}/api/v1/webhooks/n8n/message-status`,
        );
        expect(
          await page.getByRole('link', { name: 'Ver a documentação dos webhooks' }).getAttribute('href'),
        ).toBe('/api/docs');

        await page.getByRole('button', { name: 'Nova integração' }).click();
        const form = page.getByRole('form', { name: 'Nova integração n8n' });
        await form.getByLabel('URL de saída').fill('ftp://nao-serve');
        await form.getByRole('button', { name: 'Criar integração' }).click();
        await form.getByText('URL de saída inválida (http ou https).').waitFor();
        await form.getByLabel('URL de saída').fill(outboundUrl);
        await form.getByRole('button', { name: 'Criar integração' }).click();

        // The secrets are shown once, with the warning, and can be copied.
        const credentials = page.getByRole('region', { name: /Credenciais/ });
        await credentials.waitFor();
        expect(await credentials.getByRole('alert').textContent()).toContain('aparecem só desta vez');
        const inboundToken = await credentials.getByLabel('Token de entrada', { exact: true }).inputValue();
        const signingSecret = await credentials
          .getByLabel('Segredo de assinatura', { exact: true })
          .inputValue();
        expect(inboundToken).toMatch(/^agc_in_/);
        expect(signingSecret).toMatch(/^agc_sig_/);
        await context.grantPermissions(['clipboard-read', 'clipboard-write']);
        await credentials.getByRole('button', { name: 'Copiar Token de entrada' }).click();
        await credentials
          .getByRole('button', { name: 'Copiar Token de entrada' })
          .getByText('Copiado!')
          .waitFor();
        expect(await page.evaluate('navigator.clipboard.readText()')).toBe(inboundToken);
        await credentials.getByRole('button', { name: 'Já guardei' }).click();
        expect(await credentials.count()).toBe(0);
        expect(await page.content()).not.toContain(inboundToken);

        const integrations = page.getByRole('list', { name: 'Integrações' });
        await integrations.getByText(outboundUrl).waitFor();
        await integrations.getByRole('button', { name: 'Testar n8n' }).click();
        await integrations.getByText(/Funcionou: HTTP 200, \d+ ms\./).waitFor();
        const ping = await gateway.waitFor(
          (r) => (r.body as { event?: string } | undefined)?.event === 'ping',
        );
        expect(ping.headers['x-agenda-signature']).toBe(
          `sha256=${createHmac('sha256', signingSecret).update(ping.rawBody).digest('hex')}`,
        );

        // Conversas, empty; a message arrives through n8n and shows up without reloading.
        await nav.getByRole('link', { name: 'Conversas', exact: true }).click();
        await page.getByRole('heading', { level: 1, name: 'Conversas' }).waitFor();
        await page.getByText('Nenhuma conversa aberta.').waitFor();
        // Every status: the assistant answers by itself and may hand the conversation to the team (pending).
        await page
          .getByRole('group', { name: 'Filtrar conversas' })
          .getByRole('button', { name: 'Todas', exact: true })
          .click();
        await page.getByText('Nenhuma conversa ainda.').waitFor();
        await markDocument(page);

        const greeting = 'Oi! Queria marcar uma escova para sexta à tarde.';
        const received = await postWebhook(
          harness.server.url,
          inboundToken,
          'message-received',
          inboundMessage('Maria Oliveira', greeting, 'wamid.test1'),
        );
        expect(received.status).toBe(202);

        const list = page.getByRole('list', { name: 'Conversas' });
        const item = list.getByRole('link', { name: /^Maria Oliveira/ });
        await item.waitFor();
        expect(await item.getAttribute('aria-label')).toBe('Maria Oliveira, 1 mensagem não lida');
        // The assistant's answer goes out through n8n and becomes the conversation's latest message.
        const answered = await gateway.waitFor(
          (r) => isSendMessage(r) && r.path.endsWith('/n8n/salao-bem-me-quer'),
          20_000,
        );
        const assistantReply = (answered.body as SendMessageBody).text;
        await expect.poll(() => item.textContent()).toContain(assistantReply.slice(0, 30));
        expect(await item.locator('.unread-badge').textContent()).toBe('1');
        expect(await isSameDocument(page)).toBe(true);

        // Open it: the message is there and the conversation is marked read.
        await item.click();
        await page.waitForURL((url) => /^\/conversas\/[0-9a-f-]{36}$/.test(url.pathname));
        const conversationId = new URL(page.url()).pathname.split('/')[2] ?? '';
        const log = page.getByRole('log', { name: 'Mensagens' });
        await log.getByText(greeting).waitFor();
        await page.getByRole('heading', { level: 2, name: 'Maria Oliveira' }).waitFor();
        // The page heard what the assistant understood of Maria while the list was open, and tags its reply.
        const assistantBubble = log.locator('.message-by-ai', { hasText: assistantReply.slice(0, 30) });
        expect(await assistantBubble.locator('.intent-tag').textContent()).toMatch(
          /^Intenção: (Agendamento|Dúvida|Reclamação|Saudação|Confirmação|Cancelamento|Não identificado)$/,
        );
        // The bubble the reply streamed into gave way to the stored message.
        expect(await log.locator('.message-streaming').count()).toBe(0);
        const apiToken = await accessTokenOf(harness.server.url, owner.email);
        await expect
          .poll(async () => {
            const conversation = (await queryApi(
              harness.server.url,
              'conversations.get',
              { conversationId },
              apiToken,
            )) as { unreadCount: number };
            return conversation.unreadCount;
          })
          .toBe(0);

        // Take it over, then reply as staff: the reply shows at once, before the server has answered.
        await page.getByRole('button', { name: 'Assumir' }).click();
        await page.getByRole('button', { name: 'Assumir' }).waitFor({ state: 'detached' });
        const reply = 'Oi, Maria! Temos sexta às 15h com a Ana. Pode ser?';
        await page.getByLabel('Mensagem', { exact: true }).fill(reply);
        await page.getByRole('button', { name: 'Enviar' }).click();
        await log.getByText(reply).waitFor({ timeout: 1_000 });
        expect(await page.getByLabel('Mensagem', { exact: true }).inputValue()).toBe('');

        // The delivery queue posts it to n8n, signed (after the assistant's own reply to Maria).
        const delivery = await gateway.waitFor(
          (r) => isSendMessage(r) && (r.body as SendMessageBody).text === reply,
          20_000,
        );
        const sent = delivery.body as SendMessageBody;
        expect(sent).toMatchObject({
          event: 'send_message',
          text: reply,
          client: { phone: '+5511988887777' },
        });
        expect(delivery.headers['x-agenda-signature']).toBe(
          `sha256=${createHmac('sha256', signingSecret).update(delivery.rawBody).digest('hex')}`,
        );
        const bubble = log.locator(`[data-message-id="${sent.message_id}"]`);
        await bubble.getByRole('img', { name: 'Enviada' }).waitFor();

        // n8n reports that the client read it: the ticks turn to "read" live.
        const status = await postWebhook(harness.server.url, inboundToken, 'message-status', {
          message_id: sent.message_id,
          status: 'read',
          timestamp: new Date().toISOString(),
        });
        expect(status.status).toBe(200);
        await bubble.getByRole('img', { name: 'Lida' }).waitFor();
        expect(await bubble.getAttribute('data-status')).toBe('read');

        // A reply whose request never reaches the server can be sent again, under the same id.
        const attempts: string[] = [];
        await page.route(
          (url) => url.pathname.includes('messages.send'),
          async (route) => {
            attempts.push(route.request().postData() ?? '');
            if (attempts.length === 1) await route.abort('connectionrefused');
            else await route.continue();
          },
        );
        const retried = 'Te espero na sexta!';
        await page.getByLabel('Mensagem', { exact: true }).fill(retried);
        await page.getByRole('button', { name: 'Enviar' }).click();
        await log.getByRole('button', { name: 'Falhou — tentar de novo' }).click();
        const retriedDelivery = await gateway.waitFor(
          (r) => isSendMessage(r) && (r.body as SendMessageBody).text === retried,
        );
        await log
          .locator(`[data-message-id="${(retriedDelivery.body as SendMessageBody).message_id}"]`)
          .getByRole('img', { name: 'Enviada' })
          .waitFor();
        const clientMessageIds = attempts.map((body) => /"clientMessageId":"([^"]+)"/.exec(body)?.[1]);
        expect(clientMessageIds).toHaveLength(2);
        expect(clientMessageIds[0]).toMatch(/^[0-9a-f-]{36}$/);
        expect(clientMessageIds[1]).toBe(clientMessageIds[0]);
        expect(await log.getByText(retried, { exact: true }).count()).toBe(1);

        // Replying as staff handed the conversation to the humans.
        const mode = page.getByRole('group', { name: 'Quem responde' });
        await mode.locator('button[aria-pressed="true"]', { hasText: 'Humano' }).waitFor();
        expect(await isSameDocument(page)).toBe(true);
      } finally {
        await context.close();
      }
      expect(harness.pageErrors).toEqual([]);
    });

    it('shows a colleague typing in the same conversation', async () => {
      const owner = { businessName: 'Espaço Lírio', name: 'Paula Reis', email: uniqueEmail('paula') };
      await registerBusiness(harness.server.url, { ...owner, password: PASSWORD });
      const ownerToken = await accessTokenOf(harness.server.url, owner.email);
      const colleague = { name: 'Bia Santos', email: uniqueEmail('bia') };
      await callApi(
        harness.server.url,
        'users.create',
        { ...colleague, password: PASSWORD, role: 'staff' },
        ownerToken,
      );
      const { inboundToken } = (await callApi(
        harness.server.url,
        'integrations.create',
        { kind: 'n8n', outboundUrl: `${gateway.url}/n8n/espaco-lirio` },
        ownerToken,
      )) as { inboundToken: string };
      const received = await postWebhook(
        harness.server.url,
        inboundToken,
        'message-received',
        inboundMessage('Rita Campos', 'Vocês abrem no feriado?', 'wamid.typing1'),
      );
      const conversationId = (received.body as { conversation_id: string }).conversation_id;

      const ownerView = await harness.openPage({ viewport: { width: 1280, height: 900 } });
      const colleagueView = await harness.openPage({ viewport: { width: 390, height: 844 } });
      try {
        for (const [view, email] of [
          [ownerView.page, owner.email],
          [colleagueView.page, colleague.email],
        ] as const) {
          await view.goto('/entrar');
          await signIn(view, email, PASSWORD);
          await view.getByRole('heading', { level: 1, name: 'Painel' }).waitFor();
          await view.goto(`/conversas/${conversationId}`);
          await view.getByRole('log', { name: 'Mensagens' }).getByText('Vocês abrem no feriado?').waitFor();
        }

        const indicator = ownerView.page.getByText('Bia Santos está digitando…');
        await colleagueView.page.getByLabel('Mensagem', { exact: true }).fill('Abrimos sim, das 9h');
        await indicator.waitFor();
        // Leaving the field stops it for the others.
        await colleagueView.page.getByRole('heading', { level: 2, name: 'Rita Campos' }).click();
        await indicator.waitFor({ state: 'detached' });
        // Nobody sees their own typing.
        expect(await colleagueView.page.getByText('está digitando…').count()).toBe(0);
      } finally {
        await ownerView.context.close();
        await colleagueView.context.close();
      }
      expect(harness.pageErrors).toEqual([]);
    });

    it('loads older messages when scrolled to the top, keeping the reader on the same message', async () => {
      const owner = { businessName: 'Ateliê Cachos', name: 'Sônia Reis', email: uniqueEmail('sonia') };
      await registerBusiness(harness.server.url, { ...owner, password: PASSWORD });
      const ownerToken = await accessTokenOf(harness.server.url, owner.email);
      const { inboundToken } = (await callApi(
        harness.server.url,
        'integrations.create',
        { kind: 'n8n', outboundUrl: `${gateway.url}/n8n/atelie-cachos` },
        ownerToken,
      )) as { inboundToken: string };
      let conversationId = '';
      for (let n = 1; n <= 45; n += 1) {
        const { body } = await postWebhook(
          harness.server.url,
          inboundToken,
          'message-received',
          inboundMessage('Lívia Rocha', `Mensagem número ${n}`, `wamid.older${n}`),
        );
        conversationId = (body as { conversation_id: string }).conversation_id;
        if (n === 1) {
          // The team answers this one: the assistant's replies would interleave with the numbered messages
          // (at most one, to the first message, lands before the second).
          await callApi(
            harness.server.url,
            'conversations.setMode',
            { conversationId, mode: 'human' },
            ownerToken,
          );
        }
      }

      const { context, page } = await harness.openPage({ viewport: { width: 1280, height: 900 } });
      try {
        await page.goto('/entrar');
        await signIn(page, owner.email, PASSWORD);
        await page.getByRole('heading', { level: 1, name: 'Painel' }).waitFor();
        await page.goto(`/conversas/${conversationId}`);
        const log = page.getByRole('log', { name: 'Mensagens' });
        // The newest page (30 messages) opens scrolled to the end.
        await log.getByText('Mensagem número 45', { exact: true }).waitFor();
        expect(await log.getByText('Mensagem número 15', { exact: true }).count()).toBe(0);
        const scroller = page.locator('.chat-scroll');
        const distanceFromEnd = await scroller.evaluate(
          (el: ScrollBox) => el.scrollHeight - el.scrollTop - el.clientHeight,
        );
        expect(distanceFromEnd).toBeLessThan(2);

        const anchor = log.getByText('Mensagem número 16', { exact: true });
        // Measured in the same task as the scroll, before the page can react to it.
        const topBefore = await scroller.evaluate((el: ScrollBox) => {
          el.scrollTo({ top: 0 });
          const target = [...el.querySelectorAll('.message-text')].find(
            (m) => m.textContent === 'Mensagem número 16',
          );
          return target?.getBoundingClientRect().top ?? Number.NaN;
        });
        await log.getByText('Mensagem número 1', { exact: true }).waitFor({ state: 'attached' });
        await page.getByText('Início da conversa').waitFor();
        const topAfter = await anchor.evaluate((el: Box) => el.getBoundingClientRect().top);
        // Older messages went in above; the one the reader was looking at stayed where it was.
        expect(Math.abs(topAfter - topBefore)).toBeLessThan(40);
        expect(await scroller.evaluate((el: ScrollBox) => el.scrollTop)).toBeGreaterThan(500);
      } finally {
        await context.close();
      }
      expect(harness.pageErrors).toEqual([]);
    });

    it('keeps the live stream across an access token expiry, resuming after the last event it got', async () => {
      const owner = { businessName: 'Barbearia Central', name: 'Otávio Luz', email: uniqueEmail('otavio') };
      await registerBusiness(harness.server.url, { ...owner, password: PASSWORD });
      const { inboundToken } = (await callApi(
        harness.server.url,
        'integrations.create',
        { kind: 'n8n', outboundUrl: `${gateway.url}/n8n/barbearia-central` },
        await accessTokenOf(harness.server.url, owner.email),
      )) as { inboundToken: string };

      const { context, page } = await harness.openPage({ viewport: { width: 1280, height: 900 } });
      const sentFrames: string[] = [];
      const receivedFrames: string[] = [];
      page.on('websocket', (socket) => {
        socket.on('framesent', (frame) => sentFrames.push(String(frame.payload)));
        socket.on('framereceived', (frame) => receivedFrames.push(String(frame.payload)));
      });
      try {
        await page.goto('/entrar');
        await signIn(page, owner.email, PASSWORD);
        await page.getByRole('heading', { level: 1, name: 'Painel' }).waitFor();

        // The server now sees the page's access token 10 seconds from expiring; the page does not know.
        const raw = await page.evaluate('localStorage.getItem("agenda-cheia.session")');
        const { accessToken } = JSON.parse(String(raw)) as { accessToken: string };
        const claims = JSON.parse(
          Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString('utf8'),
        ) as { exp: number };
        serverClockAheadMs = claims.exp * 1000 - 10_000 - Date.now();

        await page.goto('/conversas');
        await page.getByText('Nenhuma conversa aberta.').waitFor();
        // Every status: a conversation the assistant hands to the team leaves "Abertas".
        await page
          .getByRole('group', { name: 'Filtrar conversas' })
          .getByRole('button', { name: 'Todas', exact: true })
          .click();
        await page.getByText('Nenhuma conversa ainda.').waitFor();
        await markDocument(page);
        const list = page.getByRole('list', { name: 'Conversas' });
        await postWebhook(
          harness.server.url,
          inboundToken,
          'message-received',
          inboundMessage('Ana Beatriz', 'Bom dia!', 'wamid.expiry1'),
        );
        await list.getByRole('link', { name: /^Ana Beatriz/ }).waitFor();

        // Hold the renewal back: a message that arrives meanwhile must still reach the page.
        let releaseRefresh = () => {};
        const refreshHeld = new Promise<void>((resolve) => (releaseRefresh = resolve));
        await page.route('**/trpc/auth.refresh**', async (route) => {
          await refreshHeld;
          await route.continue();
        });
        await expect
          .poll(() => receivedFrames.some((frame) => frame.includes('TOKEN_EXPIRED')), { timeout: 20_000 })
          .toBe(true);
        const framesBeforeRenewal = sentFrames.length;
        const gap = await postWebhook(
          harness.server.url,
          inboundToken,
          'message-received',
          inboundMessage('Bruno Lima', 'Ainda tem horário hoje?', 'wamid.expiry2', '5511977776666'),
        );
        expect(gap.status).toBe(202);
        releaseRefresh();

        await list.getByRole('link', { name: /^Bruno Lima, 1 mensagem não lida/ }).waitFor();
        const resubscription = sentFrames
          .slice(framesBeforeRenewal)
          .find((frame) => frame.includes('events.stream'));
        expect(resubscription).toMatch(/"lastEventId":"\d+"/);
        expect(await isSameDocument(page)).toBe(true);
      } finally {
        serverClockAheadMs = 0;
        await context.close();
      }
      expect(harness.pageErrors).toEqual([]);
    });

    it('refreshes the Painel and the Agenda when appointments are booked or cancelled elsewhere', async () => {
      const owner = { businessName: 'Salão Jasmim', name: 'Lúcia Prates', email: uniqueEmail('lucia') };
      await registerBusiness(harness.server.url, { ...owner, password: PASSWORD });
      const token = await accessTokenOf(harness.server.url, owner.email);
      const service = (await callApi(
        harness.server.url,
        'services.create',
        { name: 'Escova', durationMin: 45, priceCents: 6000 },
        token,
      )) as { id: string };
      const [ana, bruna] = (await Promise.all(
        ['Ana Paula', 'Bruna Melo'].map((name) =>
          callApi(harness.server.url, 'professionals.create', { name, serviceIds: [service.id] }, token),
        ),
      )) as { id: string }[];
      const book = async (clientName: string, phone: string, professional: { id: string } | undefined) => {
        if (professional === undefined) throw new Error('no professional');
        const client = (await callApi(
          harness.server.url,
          'clients.create',
          { name: clientName, phone },
          token,
        )) as {
          id: string;
        };
        // Now, on purpose outside working hours: whatever the hour of the run, it is today's.
        const start = new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
        return (await callApi(
          harness.server.url,
          'appointments.create',
          { clientId: client.id, serviceId: service.id, professionalId: professional.id, start, force: true },
          token,
        )) as { id: string };
      };

      const { context, page } = await harness.openPage({ viewport: { width: 1280, height: 900 } });
      try {
        await page.goto('/entrar');
        await signIn(page, owner.email, PASSWORD);
        await page.getByText('Nenhum agendamento para hoje.').waitFor();
        await markDocument(page);

        const first = await book('Carolina Dias', '11955554444', ana);
        const today = page.getByRole('list', { name: 'Agendamentos de hoje' });
        await today.getByText('Carolina Dias').waitFor();

        await page
          .getByRole('navigation', { name: 'Navegação principal' })
          .getByRole('link', { name: 'Agenda', exact: true })
          .click();
        await page.getByText('Carolina Dias · Escova').waitFor();
        await book('Fernanda Alves', '11944443333', bruna);
        await page.getByText('Fernanda Alves · Escova').waitFor();
        await callApi(
          harness.server.url,
          'appointments.cancel',
          { id: first.id, reason: 'Cliente desmarcou' },
          token,
        );
        await page.getByText('Carolina Dias · Escova').waitFor({ state: 'detached' });
        expect(await isSameDocument(page)).toBe(true);
      } finally {
        await context.close();
      }
      expect(harness.pageErrors).toEqual([]);
    });

    it('on a phone, a message arriving while on the Agenda shows a toast that opens the conversation', async () => {
      const owner = { businessName: 'Studio Ipê', name: 'Joana Prado', email: uniqueEmail('joana') };
      await registerBusiness(harness.server.url, { ...owner, password: PASSWORD });
      const ownerToken = await accessTokenOf(harness.server.url, owner.email);
      const { inboundToken } = (await callApi(
        harness.server.url,
        'integrations.create',
        { kind: 'n8n', outboundUrl: `${gateway.url}/n8n/studio-ipe` },
        ownerToken,
      )) as { inboundToken: string };

      const { context, page } = await harness.openPage({ viewport: { width: 390, height: 844 } });
      try {
        await page.goto('/entrar');
        await signIn(page, owner.email, PASSWORD);
        await page.getByRole('heading', { level: 1, name: 'Painel' }).waitFor();
        await page.getByRole('button', { name: 'Menu' }).click();
        await page
          .getByRole('navigation', { name: 'Navegação principal' })
          .getByRole('link', { name: 'Agenda', exact: true })
          .click();
        await page.getByRole('heading', { level: 1, name: 'Agenda' }).waitFor();
        await markDocument(page);

        const first = 'Boa tarde! Tem horário amanhã para manicure?';
        await postWebhook(
          harness.server.url,
          inboundToken,
          'message-received',
          inboundMessage('João Pereira', first, 'wamid.toast1'),
        );
        const toasts = page.getByRole('status', { name: 'Avisos' });
        const toast = toasts.getByRole('button', { name: /Nova mensagem de João Pereira/ });
        await toast.waitFor();
        expect(await toast.textContent()).toContain(first);
        expect(new URL(page.url()).pathname).toBe('/agenda');

        // The toast opens the conversation; on a phone the chat takes the whole screen.
        await toast.click();
        await page.waitForURL((url) => url.pathname.startsWith('/conversas/'));
        const log = page.getByRole('log', { name: 'Mensagens' });
        await log.getByText(first).waitFor();
        expect(await page.getByRole('list', { name: 'Conversas' }).isVisible()).toBe(false);
        expect(await isSameDocument(page)).toBe(true);

        // Already looking at it: the next message lands in the chat, without a toast.
        const second = 'Pode ser depois das 14h.';
        await postWebhook(
          harness.server.url,
          inboundToken,
          'message-received',
          inboundMessage('João Pereira', second, 'wamid.toast2'),
        );
        await log.getByText(second).waitFor();
        expect(await toasts.getByRole('button', { name: /Nova mensagem/ }).count()).toBe(0);
        const width = await page.evaluate('document.documentElement.scrollWidth');
        expect(width).toBeLessThanOrEqual(390);

        // Without a WhatsApp integration a reply is kept but cannot go out: the chat says so.
        await page.getByRole('button', { name: 'Menu' }).click();
        await page
          .getByRole('navigation', { name: 'Navegação principal' })
          .getByRole('link', { name: 'Configurações', exact: true })
          .click();
        await page.getByRole('link', { name: 'Integrações', exact: true }).click();
        await page.getByRole('button', { name: 'Excluir n8n' }).click();
        const confirm = page.getByRole('dialog', { name: 'Excluir integração' });
        await confirm.getByRole('button', { name: 'Excluir', exact: true }).click();
        await page.getByText('Nenhuma integração ainda.').waitFor();

        await page.getByRole('button', { name: 'Menu' }).click();
        await page
          .getByRole('navigation', { name: 'Navegação principal' })
          .getByRole('link', { name: 'Conversas', exact: true })
          .click();
        await page
          .getByRole('list', { name: 'Conversas' })
          .getByRole('link', { name: /^João Pereira/ })
          .click();
        await log.getByText(second).waitFor();
        await page.getByLabel('Mensagem', { exact: true }).fill('Temos às 15h, João.');
        await page.getByRole('button', { name: 'Enviar' }).click();
        const failure = log.getByText('Não enviada: nenhuma integração de WhatsApp configurada.');
        await failure.waitFor();
        expect(await log.getByRole('link', { name: 'Configurar integração' }).getAttribute('href')).toBe(
          '/configuracoes/integracoes',
        );
      } finally {
        await context.close();
      }
      expect(harness.pageErrors).toEqual([]);
    });
  });
}
