import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHROMIUM_PATH,
  hasChromium,
  registerBusiness as registerThroughApi,
  signIn,
  SKIPPED_NOTICE,
  startBrowserHarness,
  type BrowserHarness,
} from './harness';

const owner = {
  businessName: 'Salão Flor de Lis',
  name: 'Marina Souza',
  email: `marina.${Date.now().toString(36)}@exemplo.com.br`,
  password: 'senha-forte-123',
};

const sections = ['Painel', 'Agenda', 'Conversas', 'Clientes', 'Campanhas', 'Configurações'];
const SESSION_KEY = 'agenda-cheia.session';

interface StoredSession {
  accessToken: string;
  refreshToken: string;
}

/** A JWT-shaped token the server will refuse (bad signature) but whose expiry the client can read. */
function forgedAccessToken(expiresInSeconds: number): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const exp = Math.floor(Date.now() / 1000) + expiresInSeconds;
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ exp })}.${'x'.repeat(43)}`;
}

async function readStoredSession(page: Page): Promise<StoredSession> {
  const raw = await page.evaluate(`localStorage.getItem(${JSON.stringify(SESSION_KEY)})`);
  if (typeof raw !== 'string') throw new Error('No session in localStorage');
  return JSON.parse(raw) as StoredSession;
}

async function storeSession(page: Page, session: StoredSession): Promise<void> {
  const raw = JSON.stringify(session);
  await page.evaluate(`localStorage.setItem(${JSON.stringify(SESSION_KEY)}, ${JSON.stringify(raw)})`);
}

async function expectShell(
  page: Page,
  account: { businessName: string; name: string } = owner,
): Promise<void> {
  await page.waitForURL((url) => url.pathname === '/');
  await page.getByText(account.businessName, { exact: true }).waitFor();
  await page.getByRole('heading', { level: 1, name: 'Painel' }).waitFor();
  expect(await page.getByRole('banner').textContent()).toContain(account.name);
}

if (!hasChromium) {
  if (process.env.CI) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it with apt-get install -y chromium.`);
  }
  process.stdout.write(`${SKIPPED_NOTICE}\n`);
  it(SKIPPED_NOTICE, () => {
    expect(hasChromium).toBe(false);
  });
} else {
  describe('web shell in a browser', () => {
    let harness: BrowserHarness;
    let pageErrors: string[] = [];
    let registeredCount = 0;

    beforeAll(async () => {
      harness = await startBrowserHarness();
      pageErrors = harness.pageErrors;
    });

    afterAll(async () => {
      await harness?.close();
    });

    function openPage(viewport: { width: number; height: number }): Promise<{
      context: BrowserContext;
      page: Page;
    }> {
      return harness.openPage({ viewport });
    }

    /** Signs up another business straight through the API, for tests that need one. */
    async function registerBusiness(businessName: string, name: string): Promise<{ email: string }> {
      registeredCount += 1;
      const email = `conta${registeredCount}.${Date.now().toString(36)}@exemplo.com.br`;
      await registerThroughApi(harness.server.url, { businessName, name, email, password: owner.password });
      return { email };
    }

    it('signs up a business, signs out, refuses a wrong password and signs back in', async () => {
      const { context, page } = await openPage({ width: 1280, height: 800 });
      try {
        await page.goto('/');
        await page.waitForURL((url) => url.pathname === '/entrar');
        await page.getByRole('link', { name: 'Criar conta' }).click();
        await page.waitForURL((url) => url.pathname === '/criar-conta');

        await page.getByLabel('Nome do negócio').fill(owner.businessName);
        await page.getByLabel('Seu nome').fill(owner.name);
        await page.getByLabel('E-mail').fill(owner.email);
        await page.getByLabel('Senha').fill(owner.password);
        expect(await page.getByLabel('Fuso horário').inputValue()).toBe('America/Sao_Paulo');
        await page.getByRole('button', { name: 'Criar conta' }).click();

        await expectShell(page);
        const navigation = page.getByRole('navigation', { name: 'Navegação principal' });
        for (const section of [...sections, 'Equipe', 'Meu perfil']) {
          expect(await navigation.getByRole('link', { name: section, exact: true }).isVisible()).toBe(true);
        }
        await navigation.getByRole('link', { name: 'Agenda', exact: true }).click();
        await page.getByRole('heading', { level: 1, name: 'Agenda' }).waitFor();
        // A new business has no professional yet: the agenda says how to get started.
        await page.getByText('A agenda precisa de pelo menos um profissional ativo.').waitFor();

        await page.getByRole('button', { name: 'Sair' }).click();
        await page.waitForURL((url) => url.pathname === '/entrar');
        await page.getByRole('heading', { level: 1, name: 'Entrar' }).waitFor();

        await signIn(page, owner.email, 'senha-errada-456');
        const alert = page.getByRole('alert');
        await alert.waitFor();
        expect(await alert.textContent()).toBe('E-mail ou senha incorretos.');
        expect(new URL(page.url()).pathname).toBe('/entrar');

        await signIn(page, owner.email, owner.password);
        await expectShell(page);

        // The session survives a reload: tokens live in localStorage.
        await page.reload();
        await expectShell(page);
      } finally {
        await context.close();
      }
      expect(pageErrors).toEqual([]);
    });

    it('keeps every section reachable on a phone-sized screen', async () => {
      const account = { businessName: 'Barbearia do Zé', name: 'José Lima' };
      const { email } = await registerBusiness(account.businessName, account.name);
      const { context, page } = await openPage({ width: 390, height: 844 });
      try {
        await page.goto('/entrar');
        await signIn(page, email, owner.password);
        await expectShell(page, account);

        const navigation = page.getByRole('navigation', { name: 'Navegação principal' });
        const menuButton = page.getByRole('button', { name: 'Menu' });
        expect(await navigation.isVisible()).toBe(false);
        expect(await page.getByRole('button', { name: 'Sair' }).isVisible()).toBe(true);

        for (const section of sections.slice(1)) {
          await menuButton.click();
          expect(await menuButton.getAttribute('aria-expanded')).toBe('true');
          await navigation.getByRole('link', { name: section, exact: true }).click();
          await page.getByRole('heading', { level: 1, name: section }).waitFor();
          // The menu folds away once a section is chosen, leaving the page to the content.
          expect(await navigation.isVisible()).toBe(false);
        }

        const width = await page.evaluate('document.documentElement.scrollWidth');
        expect(width).toBeLessThanOrEqual(390);
      } finally {
        await context.close();
      }
      expect(pageErrors).toEqual([]);
    });

    it('renews an expiring access token once, even with two tabs asking at the same time', async () => {
      const account = { businessName: 'Studio Unhas de Ouro', name: 'Ana Ribeiro' };
      const { email } = await registerBusiness(account.businessName, account.name);
      const { context, page } = await openPage({ width: 1280, height: 800 });
      try {
        await page.goto('/entrar');
        await signIn(page, email, owner.password);
        await expectShell(page, account);
        const original = await readStoredSession(page);

        // Both tabs start with a token about to expire: each wants a refresh. Presenting the same
        // refresh token twice would revoke the session, so exactly one tab may rotate it.
        await storeSession(page, { ...original, accessToken: forgedAccessToken(10) });
        const secondTab = await context.newPage();
        secondTab.on('pageerror', (error) => pageErrors.push(error.message));
        await Promise.all([page.goto('/'), secondTab.goto('/')]);
        await expectShell(page, account);
        await expectShell(secondTab, account);

        const renewed = await readStoredSession(page);
        expect(renewed.refreshToken).not.toBe(original.refreshToken);

        // The server refuses a token the client believed valid: refresh once, retry once, carry on.
        await storeSession(page, { ...renewed, accessToken: forgedAccessToken(600) });
        await page.goto('/');
        await expectShell(page, account);
        expect((await readStoredSession(page)).refreshToken).not.toBe(renewed.refreshToken);
      } finally {
        await context.close();
      }
      expect(pageErrors).toEqual([]);
    });

    it('sends the person to /entrar when the session can no longer be renewed', async () => {
      const { context, page } = await openPage({ width: 1280, height: 800 });
      try {
        await page.goto('/entrar');
        await storeSession(page, { accessToken: forgedAccessToken(-60), refreshToken: 'r'.repeat(43) });
        await page.goto('/agenda');
        await page.waitForURL((url) => url.pathname === '/entrar');
        await page.getByText('Sua sessão expirou. Entre novamente.').waitFor();
        expect(await page.evaluate(`localStorage.getItem(${JSON.stringify(SESSION_KEY)})`)).toBeNull();
      } finally {
        await context.close();
      }
      expect(pageErrors).toEqual([]);
    });
  });
}
