import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, startApiServer, type ApiServer, type StartOptions } from '@agenda-cheia/api';
import { createTestDatabase } from '@agenda-cheia/db/testing';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const SKIPPED_NOTICE = 'browser tests skipped: install Debian chromium (apt-get install -y chromium)';
export const hasChromium = existsSync(CHROMIUM_PATH);

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

export interface BrowserHarness {
  server: ApiServer;
  browser: Browser;
  /** Messages of uncaught errors in any page opened through `openPage`. */
  pageErrors: string[];
  openPage(options: {
    viewport: { width: number; height: number };
    /** The browser's own zone: set apart from the salon's to prove times follow the salon. */
    timezoneId?: string;
  }): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/**
 * A real API on a fresh database, serving the built web app, and a headless Chromium. `clock` is the
 * server's (token expiry, event timestamps): tests that need time to pass on the server shift it.
 */
export async function startBrowserHarness(
  options: { clock?: StartOptions['clock'] } = {},
): Promise<BrowserHarness> {
  const database: TestDatabase = await createTestDatabase();
  // The embedded S3 server keeps its files (and its signing key) here: one directory per run, not the repo's.
  const dataDir = await mkdtemp(path.join(tmpdir(), 'agenda-e2e-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    JWT_SECRET: 'e2e-'.padEnd(48, 'x'),
    SEED_DEMO: 'false',
    BCRYPT_COST: '10',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
  });
  if (!existsSync(path.join(config.WEB_DIST_DIR, 'index.html'))) {
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
    throw new Error(
      `No built web app in ${config.WEB_DIST_DIR}: run npx pnpm@12.21.0 --filter @agenda-cheia/web build first.`,
    );
  }
  const server = await startApiServer({
    config,
    database,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const pageErrors: string[] = [];
  return {
    server,
    browser,
    pageErrors,
    async openPage({ viewport, timezoneId }) {
      const context = await browser.newContext({
        baseURL: server.url,
        viewport,
        locale: 'pt-BR',
        ...(timezoneId === undefined ? {} : { timezoneId }),
      });
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(error.message));
      return { context, page };
    },
    async close() {
      await browser.close();
      await server.close();
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs up a business straight through the API (plain JSON tRPC), for tests that need one. */
export async function registerBusiness(
  serverUrl: string,
  account: { businessName: string; name: string; email: string; password: string },
): Promise<void> {
  const response = await fetch(`${serverUrl}/trpc/auth.register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(account),
  });
  if (response.status !== 200)
    throw new Error(`register failed: ${response.status} ${await response.text()}`);
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Senha').fill(password);
  await page.getByRole('button', { name: 'Entrar' }).click();
}

export function uniqueEmail(prefix: string): string {
  return `${prefix}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@exemplo.com.br`;
}
