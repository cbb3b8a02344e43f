import type { StoredFile, UploadUrl } from '@agenda-cheia/contracts';
import { describe, expect, it, vi } from 'vitest';
import { describeFile, displayName, fileKindOf, refreshAfterMs } from './fileKinds';
import {
  acceptFor,
  checkFile,
  contentTypeOf,
  describeUploadFailure,
  formatBytes,
  settableHeaders,
  uploadFile,
  uploadFraction,
  UploadCancelled,
  UploadError,
  type UploadApi,
  type UploadRequest,
} from './upload';

describe('checking a file before uploading it', () => {
  it('names types the way the server does, guessing from the name when the browser gives none', () => {
    expect(contentTypeOf({ name: 'foto.JPG', type: 'image/jpg' })).toBe('image/jpeg');
    expect(contentTypeOf({ name: 'nota.m4a', type: 'audio/x-m4a' })).toBe('audio/mp4');
    expect(contentTypeOf({ name: 'PTT-20260301.opus', type: '' })).toBe('audio/opus');
    expect(contentTypeOf({ name: 'audio.ogg', type: 'application/octet-stream' })).toBe('audio/ogg');
    expect(contentTypeOf({ name: 'foto.png', type: 'IMAGE/PNG' })).toBe('image/png');
    expect(contentTypeOf({ name: 'sem-extensao', type: '' })).toBe('application/octet-stream');
  });

  it('accepts what the purpose allows, and says what would be accepted otherwise', () => {
    const pdf = { name: 'tabela.pdf', type: 'application/pdf', size: 2048 };
    expect(checkFile(pdf, 'attachment')).toBeNull();
    expect(checkFile(pdf, 'logo')).toBe(
      'Este tipo de arquivo não é aceito aqui. Envie uma imagem JPG, PNG, WebP ou GIF.',
    );
    expect(checkFile({ name: 'notas.txt', type: 'text/plain', size: 10 }, 'attachment')).toContain(
      'um PDF ou um áudio',
    );
  });

  it('refuses empty files and files over the limit', () => {
    expect(checkFile({ name: 'a.png', type: 'image/png', size: 0 }, 'avatar')).toBe('O arquivo está vazio.');
    expect(checkFile({ name: 'a.png', type: 'image/png', size: 10 * 1024 * 1024 + 1 }, 'avatar')).toBe(
      'Arquivo grande demais. O limite é 10 MB.',
    );
    expect(checkFile({ name: 'a.png', type: 'image/png', size: 10 * 1024 * 1024 }, 'avatar')).toBeNull();
  });

  it('offers in the file picker the types and the extensions of the purpose', () => {
    const logo = acceptFor('logo').split(',');
    expect(logo).toEqual(expect.arrayContaining(['image/png', 'image/jpeg', '.jpg', '.webp']));
    expect(logo).not.toContain('application/pdf');
    expect(acceptFor('attachment').split(',')).toEqual(
      expect.arrayContaining(['application/pdf', 'audio/ogg', '.opus', '.pdf']),
    );
  });

  it('writes sizes in Portuguese', () => {
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(340 * 1024)).toBe('340 KB');
    expect(formatBytes(1.25 * 1024 * 1024)).toBe('1,3 MB');
    expect(formatBytes(10 * 1024 * 1024)).toBe('10 MB');
  });
});

describe('showing files', () => {
  it('shows images and audio in the page, anything else as a document', () => {
    expect(fileKindOf('image/webp')).toBe('image');
    expect(fileKindOf('audio/ogg')).toBe('audio');
    expect(fileKindOf('application/pdf')).toBe('document');
    expect(displayName({ filename: null, mimeType: 'audio/ogg' })).toBe('Áudio');
    expect(displayName({ filename: ' ', mimeType: 'image/png' })).toBe('Imagem');
    expect(describeFile({ mimeType: 'application/pdf', size: 120 * 1024 })).toBe('PDF · 120 KB');
    expect(describeFile({ mimeType: 'audio/mpeg', size: null })).toBe('Áudio');
  });

  it('asks for a new URL a minute before the old one expires (half its life when short)', () => {
    expect(refreshAfterMs(300)).toBe(240_000);
    expect(refreshAfterMs(3600)).toBe(3_540_000);
    expect(refreshAfterMs(60)).toBe(30_000);
  });
});

describe('progress and headers of the PUT', () => {
  it('reports how far the upload got, using the file size when the browser cannot tell', () => {
    expect(uploadFraction({ loaded: 50, total: 200, lengthComputable: true }, 200)).toBe(0.25);
    expect(uploadFraction({ loaded: 50, total: 0, lengthComputable: false }, 100)).toBe(0.5);
    expect(uploadFraction({ loaded: 300, total: 200, lengthComputable: true }, 200)).toBe(1);
    expect(uploadFraction({ loaded: 0, total: 0, lengthComputable: false }, 0)).toBe(0);
  });

  it('leaves the headers browsers set themselves to the browser', () => {
    expect(
      settableHeaders({
        'Content-Type': 'image/png',
        'Content-Length': '90',
        host: 'storage',
        'x-amz-meta-tenant': 't1',
        'Sec-Fetch-Mode': 'cors',
      }),
    ).toEqual([
      ['Content-Type', 'image/png'],
      ['x-amz-meta-tenant', 't1'],
    ]);
  });
});

/** XMLHttpRequest as the upload sees it, answering what the test decides. */
class FakeRequest implements UploadRequest {
  method = '';
  url = '';
  headers: [string, string][] = [];
  body: Blob | null = null;
  status = 0;
  aborted = false;
  readonly upload: UploadRequest['upload'] = { onprogress: null };
  onload: UploadRequest['onload'] = null;
  onerror: UploadRequest['onerror'] = null;
  onabort: UploadRequest['onabort'] = null;
  ontimeout: UploadRequest['ontimeout'] = null;

  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers.push([name, value]);
  }
  send(body: Blob) {
    this.body = body;
  }
  abort() {
    this.aborted = true;
    this.onabort?.(progressEvent(0, 0));
  }
  progress(loaded: number, total: number) {
    this.upload.onprogress?.(progressEvent(loaded, total));
  }
  answer(status: number) {
    this.status = status;
    if (status === 0) this.onerror?.(progressEvent(0, 0));
    else this.onload?.(progressEvent(0, 0));
  }
}

function progressEvent(loaded: number, total: number): ProgressEvent {
  return { loaded, total, lengthComputable: total > 0 } as ProgressEvent;
}

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const target: UploadUrl = {
  uploadUrl: 'http://127.0.0.1:9000/s3/bucket/t1/attachment/abc?X-Amz-Signature=x',
  fileKey: 't1/attachment/abc',
  expiresIn: 900,
  headers: { 'Content-Type': 'image/png', 'Content-Length': String(png.byteLength) },
  method: 'PUT',
};
const stored: StoredFile = {
  id: '00000000-0000-4000-8000-0000000000f1',
  key: target.fileKey,
  purpose: 'attachment',
  filename: 'foto.png',
  contentType: 'image/png',
  size: png.byteLength,
  checksum: null,
  uploadedBy: null,
  createdAt: '2026-03-10T12:00:00.000Z',
};

function fakeApi() {
  return {
    createUploadUrl: vi.fn<UploadApi['createUploadUrl']>(() => Promise.resolve(target)),
    confirm: vi.fn<UploadApi['confirm']>(() => Promise.resolve(stored)),
  };
}

/** Lets the upload reach its PUT (the API calls before it are promises). */
async function untilSent(request: FakeRequest): Promise<void> {
  await vi.waitFor(() => expect(request.body).not.toBeNull());
}

describe('uploadFile', () => {
  it('asks for a URL, PUTs the file there with the signed headers, then confirms', async () => {
    const api = fakeApi();
    const request = new FakeRequest();
    const progress: number[] = [];
    const file = new File([png], 'foto.png', { type: 'image/png' });
    const done = uploadFile({
      file,
      purpose: 'attachment',
      api,
      onProgress: (fraction) => progress.push(fraction),
      createRequest: () => request,
    });
    await untilSent(request);
    expect(api.createUploadUrl).toHaveBeenCalledWith(
      { filename: 'foto.png', contentType: 'image/png', size: png.byteLength, purpose: 'attachment' },
      expect.any(AbortSignal),
    );
    expect(request.method).toBe('PUT');
    expect(request.url).toBe(target.uploadUrl);
    expect(request.headers).toEqual([['Content-Type', 'image/png']]);
    expect(request.body).toBe(file);
    expect(api.confirm).not.toHaveBeenCalled();

    request.progress(6, 12);
    request.answer(200);
    await expect(done).resolves.toEqual(stored);
    expect(progress).toEqual([0.5, 1]);
    expect(api.confirm).toHaveBeenCalledWith({ fileKey: target.fileKey }, expect.any(AbortSignal));
  });

  it('sends a file the browser left untyped under the type it declared', async () => {
    const api = fakeApi();
    const request = new FakeRequest();
    const done = uploadFile({
      file: new File([png], 'PTT-1.opus'),
      purpose: 'attachment',
      api,
      createRequest: () => request,
    });
    await untilSent(request);
    expect(api.createUploadUrl.mock.calls[0]?.[0].contentType).toBe('audio/opus');
    expect(request.body?.type).toBe('audio/opus');
    expect(request.body?.size).toBe(png.byteLength);
    request.answer(200);
    await done;
  });

  it('says the link expired when the storage answers 403, and does not confirm', async () => {
    const api = fakeApi();
    const request = new FakeRequest();
    const done = uploadFile({
      file: new File([png], 'foto.png', { type: 'image/png' }),
      purpose: 'attachment',
      api,
      createRequest: () => request,
    });
    await untilSent(request);
    request.answer(403);
    const error: unknown = await done.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UploadError);
    expect(describeUploadFailure(error)).toMatch(/^O envio não foi autorizado: o link expirou/);
    expect(api.confirm).not.toHaveBeenCalled();
  });

  it('reports a lost connection during the PUT', async () => {
    const request = new FakeRequest();
    const done = uploadFile({
      file: new File([png], 'foto.png', { type: 'image/png' }),
      purpose: 'attachment',
      api: fakeApi(),
      createRequest: () => request,
    });
    await untilSent(request);
    request.answer(0);
    await expect(done).rejects.toThrow('Verifique sua conexão');
  });

  it('stops the PUT when cancelled, with nothing to report', async () => {
    const api = fakeApi();
    const request = new FakeRequest();
    const controller = new AbortController();
    const done = uploadFile({
      file: new File([png], 'foto.png', { type: 'image/png' }),
      purpose: 'attachment',
      api,
      signal: controller.signal,
      createRequest: () => request,
    });
    await untilSent(request);
    controller.abort();
    const error: unknown = await done.catch((e: unknown) => e);
    expect(request.aborted).toBe(true);
    expect(error).toBeInstanceOf(UploadCancelled);
    expect(describeUploadFailure(error)).toBeNull();
    expect(api.confirm).not.toHaveBeenCalled();
  });

  it('treats an API call stopped by the cancel as a cancellation, whatever error it gives', async () => {
    const controller = new AbortController();
    const api = fakeApi();
    api.createUploadUrl.mockImplementation(() => {
      controller.abort();
      return Promise.reject(new Error('The operation was aborted'));
    });
    const done = uploadFile({
      file: new File([png], 'foto.png', { type: 'image/png' }),
      purpose: 'attachment',
      api,
      signal: controller.signal,
    });
    await expect(done).rejects.toBeInstanceOf(UploadCancelled);
  });

  it('refuses a file of the wrong type without asking the API', async () => {
    const api = fakeApi();
    const done = uploadFile({
      file: new File(['oi'], 'notas.txt', { type: 'text/plain' }),
      purpose: 'attachment',
      api,
    });
    await expect(done).rejects.toThrow('Este tipo de arquivo não é aceito aqui.');
    expect(api.createUploadUrl).not.toHaveBeenCalled();
  });

  it("shows the API's own message when it refuses (FILE_MISMATCH on confirm)", async () => {
    const api = fakeApi();
    const message = 'O arquivo enviado não corresponde ao que foi autorizado. Envie-o novamente.';
    // A tRPC client error: the API's message, and its code in `data`.
    const refusal = Object.assign(new Error(message), { data: { appCode: 'FILE_MISMATCH' } });
    api.confirm.mockImplementation(() => Promise.reject(refusal));
    const request = new FakeRequest();
    const done = uploadFile({
      file: new File([png], 'foto.png', { type: 'image/png' }),
      purpose: 'attachment',
      api,
      createRequest: () => request,
    });
    await untilSent(request);
    request.answer(200);
    const error: unknown = await done.catch((e: unknown) => e);
    expect(describeUploadFailure(error)).toBe(message);
  });
});
