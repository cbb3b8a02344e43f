import { crc32, deflateSync } from 'node:zlib';
import type { Locator } from 'playwright-core';
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
const PHONE = { width: 390, height: 844 };

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A real PNG (RGBA, one colour), so the browser has to decode it: naturalWidth proves it did. */
function solidPng(width: number, height: number, rgba: readonly [number, number, number, number]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  // Each row: filter type 0, then its pixels.
  const row = Buffer.concat([Buffer.from([0]), ...Array.from({ length: width }, () => Buffer.from(rgba))]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(pixels)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The part of an <img> the checks read (this package is typed without the DOM library). */
interface ImageBox {
  complete: boolean;
  naturalWidth: number;
}

/** Waits until the image has loaded and decoded, and gives its width in pixels. */
async function naturalWidthOf(image: Locator): Promise<number> {
  await image.waitFor();
  await expect
    .poll(() => image.evaluate((img: ImageBox) => (img.complete ? img.naturalWidth : -1)), {
      timeout: 10_000,
    })
    .toBeGreaterThan(0);
  return image.evaluate((img: ImageBox) => img.naturalWidth);
}

/** What n8n does when a WhatsApp message arrives. */
async function postInbound(serverUrl: string, inboundToken: string, payload: object): Promise<unknown> {
  const response = await fetch(`${serverUrl}/api/v1/webhooks/n8n/message-received`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${inboundToken}` },
    body: JSON.stringify(payload),
  });
  expect(response.status).toBe(202);
  return response.json();
}

interface SentWithMedia {
  event: 'send_message';
  message_id: string;
  text: string;
  media: { url: string; mime_type: string; filename: string | null };
}

function isSendWithMedia(request: ReceivedRequest): boolean {
  const body = request.body as Partial<SentWithMedia> | undefined;
  return body?.event === 'send_message' && typeof body.media === 'object' && body.media !== null;
}

async function download(url: string): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const response = await fetch(url);
  return {
    status: response.status,
    headers: response.headers,
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

if (!hasChromium) {
  if (process.env.CI) throw new Error(`Chromium not found at ${CHROMIUM_PATH}.`);
  it(SKIPPED_NOTICE, () => {
    expect(hasChromium).toBe(false);
  });
} else {
  describe('files on S3 in a browser', () => {
    let harness: BrowserHarness;
    let gateway: FakeGateway;

    beforeAll(async () => {
      [harness, gateway] = await Promise.all([startBrowserHarness(), startFakeGateway()]);
    });

    afterAll(async () => {
      await Promise.all([harness?.close(), gateway?.close()]);
    });

    it('on a phone, sends a picture in a reply: preview, upload, the bubble, and n8n gets a link to the same bytes', async () => {
      const owner = { businessName: 'Salão Flor de Lis', name: 'Renata Dias', email: uniqueEmail('renata') };
      await registerBusiness(harness.server.url, { ...owner, password: PASSWORD });
      const token = await loginToken(harness.server.url, owner.email, PASSWORD);
      const { inboundToken } = (await callApi(
        harness.server.url,
        'integrations.create',
        { kind: 'n8n', outboundUrl: `${gateway.url}/n8n/flor-de-lis` },
        token,
      )) as { inboundToken: string };
      const greeting = 'Oi! Pode me mandar uma foto de como fica a escova?';
      const { conversation_id: conversationId } = (await postInbound(harness.server.url, inboundToken, {
        client_name: 'Camila Torres',
        phone: '5511955551234',
        message: greeting,
        channel: 'whatsapp',
        timestamp: new Date().toISOString(),
        message_id: 'wamid.files1',
      })) as { conversation_id: string };
      // The team answers this one: no reply of the assistant in between.
      await callApi(harness.server.url, 'conversations.setMode', { conversationId, mode: 'human' }, token);

      const picture = solidPng(6, 4, [200, 90, 140, 255]);
      const { context, page } = await harness.openPage({ viewport: PHONE });
      try {
        await page.goto('/entrar');
        await signIn(page, owner.email, PASSWORD);
        await page.getByRole('heading', { level: 1, name: 'Painel' }).waitFor();
        await page.goto(`/conversas/${conversationId}`);
        const log = page.getByRole('log', { name: 'Mensagens' });
        await log.getByText(greeting).waitFor();

        const attach = page.getByLabel('Anexar', { exact: true });
        const send = page.getByRole('button', { name: 'Enviar', exact: true });
        const composer = page.locator('form.composer');

        // A type that cannot go is refused before anything is uploaded, and can be taken out.
        await attach.setInputFiles({ name: 'notas.txt', mimeType: 'text/plain', buffer: Buffer.from('oi') });
        expect(await composer.getByRole('alert').textContent()).toContain(
          'Este tipo de arquivo não é aceito aqui.',
        );
        expect(await send.isDisabled()).toBe(true);
        await composer.getByRole('button', { name: /^Remover anexo notas\.txt/ }).click();
        await composer.getByRole('alert').waitFor({ state: 'detached' });

        // Uploaded and then taken out before sending: nothing is left stored.
        const listFiles = async () =>
          ((await queryApi(harness.server.url, 'files.list', {}, token)) as { items: { id: string }[] })
            .items;
        await attach.setInputFiles({ name: 'rascunho.png', mimeType: 'image/png', buffer: picture });
        await composer.getByText(/^Anexado · /).waitFor({ timeout: 15_000 });
        expect(await listFiles()).toHaveLength(1);
        await composer.getByRole('button', { name: /^Remover anexo rascunho\.png/ }).click();
        await expect.poll(listFiles).toEqual([]);

        // The picture shows at once from the phone itself, then uploads.
        await attach.setInputFiles({ name: 'escova-antes.png', mimeType: 'image/png', buffer: picture });
        const preview = composer.getByRole('img', { name: 'Prévia de escova-antes.png' });
        expect(await naturalWidthOf(preview)).toBe(6);
        await composer.getByText(/^Anexado · Imagem · \d+ bytes$/).waitFor({ timeout: 15_000 });
        expect(await composer.getByRole('alert').count()).toBe(0);

        // No text needed with a file.
        expect(await page.getByLabel('Mensagem', { exact: true }).inputValue()).toBe('');
        await send.click();
        await composer
          .getByRole('img', { name: 'Prévia de escova-antes.png' })
          .waitFor({ state: 'detached' });

        // n8n is handed a short-lived link to the very bytes that were attached.
        const delivery = await gateway.waitFor(
          (r) => isSendWithMedia(r) && r.path.endsWith('/n8n/flor-de-lis'),
          20_000,
        );
        const sent = delivery.body as SentWithMedia;
        expect(sent.text).toBe('');
        expect(sent.media).toMatchObject({ mime_type: 'image/png', filename: 'escova-antes.png' });
        expect(sent.media.url).toMatch(/^https?:\/\//);
        const fetched = await download(sent.media.url);
        expect(fetched.status).toBe(200);
        expect(fetched.bytes).toEqual(picture);

        // The stored message shows the picture from the storage, with a way to download it.
        const bubble = log.locator(`[data-message-id="${sent.message_id}"]`);
        expect(await naturalWidthOf(bubble.getByRole('img', { name: 'escova-antes.png' }))).toBe(6);
        const downloadLink = bubble.getByRole('link', { name: 'Baixar escova-antes.png' });
        await expect.poll(() => downloadLink.getAttribute('href')).toMatch(/^https?:\/\//);
        const downloaded = await download((await downloadLink.getAttribute('href')) ?? '');
        expect(downloaded.status).toBe(200);
        expect(downloaded.headers.get('content-disposition')).toMatch(/^attachment/);
        expect(downloaded.bytes).toEqual(picture);
        expect(await log.locator('.message-pending').count()).toBe(0);

        const width = await page.evaluate('document.documentElement.scrollWidth');
        expect(width).toBeLessThanOrEqual(PHONE.width);
      } finally {
        await context.close();
      }
      expect(harness.pageErrors).toEqual([]);
    });

    it('the business logo and a professional photo: uploaded in Configurações, shown where they belong', async () => {
      const owner = { businessName: 'Studio Bela Arte', name: 'Marta Lins', email: uniqueEmail('marta') };
      await registerBusiness(harness.server.url, { ...owner, password: PASSWORD });
      const token = await loginToken(harness.server.url, owner.email, PASSWORD);
      const professional = (await callApi(
        harness.server.url,
        'professionals.create',
        { name: 'Ana Paula' },
        token,
      )) as { id: string };
      const logo = solidPng(8, 8, [31, 95, 91, 255]);
      const photo = solidPng(5, 5, [219, 39, 119, 255]);

      const { context, page } = await harness.openPage({ viewport: PHONE });
      try {
        await page.goto('/entrar');
        await signIn(page, owner.email, PASSWORD);
        await page.getByRole('heading', { level: 1, name: 'Painel' }).waitFor();
        const header = page.getByRole('banner');
        expect(await header.locator('img').count()).toBe(0);

        await page.getByRole('button', { name: 'Menu' }).click();
        await page
          .getByRole('navigation', { name: 'Navegação principal' })
          .getByRole('link', { name: 'Configurações', exact: true })
          .click();
        const logoGroup = page.getByRole('group', { name: 'Logo' });
        await logoGroup.getByLabel('Enviar logo').setInputFiles({
          name: 'logo.png',
          mimeType: 'image/png',
          buffer: logo,
        });
        await page.getByText('Logo salvo.').waitFor({ timeout: 15_000 });
        expect(await naturalWidthOf(logoGroup.getByRole('img', { name: 'Logo' }))).toBe(8);
        // The header shows it, from the storage.
        expect(await naturalWidthOf(header.locator('img'))).toBe(8);
        const tenant = (await queryApi(harness.server.url, 'tenant.get', undefined, token)) as {
          logoFileId: string | null;
        };
        expect(tenant.logoFileId).toMatch(/^[0-9a-f-]{36}$/);

        // Removed: gone from the header too.
        await logoGroup.getByRole('button', { name: 'Remover logo' }).click();
        await page.getByText('Logo removido.').waitFor();
        await header.locator('img').waitFor({ state: 'detached' });
        const after = (await queryApi(harness.server.url, 'tenant.get', undefined, token)) as {
          logoFileId: string | null;
        };
        expect(after.logoFileId).toBeNull();

        // A professional's photo is saved with the form, then shows in the list.
        await page.goto(`/configuracoes/profissionais/${professional.id}`);
        const form = page.getByRole('form', { name: 'Dados do profissional' });
        const photoGroup = form.getByRole('group', { name: 'Foto' });
        await photoGroup.getByLabel('Adicionar foto').setInputFiles({
          name: 'ana.png',
          mimeType: 'image/png',
          buffer: photo,
        });
        expect(await naturalWidthOf(photoGroup.getByRole('img', { name: 'Foto' }))).toBe(5);
        const save = form.getByRole('button', { name: 'Salvar', exact: true });
        await save.click();
        await form.getByText('Dados salvos.').waitFor({ timeout: 15_000 });
        const saved = (await queryApi(harness.server.url, 'professionals.list', undefined, token)) as {
          items: { id: string; photoFileId: string | null }[];
        };
        expect(saved.items.find((p) => p.id === professional.id)?.photoFileId).toMatch(/^[0-9a-f-]{36}$/);

        await page.getByRole('link', { name: 'Profissionais', exact: true }).first().click();
        const item = page.getByRole('list', { name: 'Profissionais' }).getByRole('listitem').first();
        await item.getByText('Ana Paula').waitFor();
        expect(await naturalWidthOf(item.locator('.professional-avatar img'))).toBe(5);

        const width = await page.evaluate('document.documentElement.scrollWidth');
        expect(width).toBeLessThanOrEqual(PHONE.width);
      } finally {
        await context.close();
      }
      expect(harness.pageErrors).toEqual([]);
    });
  });
}
