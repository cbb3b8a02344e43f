import { type LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import {
  request as httpRequest,
  type ClientRequest,
  type IncomingMessage,
  type RequestOptions,
} from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import contentDisposition from 'content-disposition';
import ipaddr from 'ipaddr.js';

export interface RemoteMediaLimits {
  /** Refuse bodies larger than this, both by Content-Length up front and by counting while streaming. */
  maxBytes: number;
  /** The whole download, DNS and redirects included. */
  timeoutMs: number;
  /** Lower-case MIME types, compared without parameters. */
  allowedContentTypes: readonly string[];
  /** host or host:port entries (lower-case) allowed even when they resolve to private/loopback addresses (a self-hosted Evolution API on the same network). */
  allowedHosts: readonly string[];
  /** Default 3; every redirect target is checked again with the same rules. */
  maxRedirects?: number;
}

export interface RemoteMedia {
  bytes: Buffer;
  contentType: string;
  filename: string | null;
}

export type RemoteMediaRefusal =
  | 'invalid_url'
  | 'protocol_not_allowed'
  | 'private_address'
  | 'dns_failed'
  | 'too_large'
  | 'type_not_allowed'
  | 'timeout'
  | 'http_error'
  | 'too_many_redirects'
  | 'network_error';

export class RemoteMediaError extends Error {
  constructor(
    readonly reason: RemoteMediaRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'RemoteMediaError';
  }
}

const REFUSAL_MESSAGES: Record<RemoteMediaRefusal, string> = {
  invalid_url: 'O link do arquivo é inválido.',
  protocol_not_allowed: 'Só conseguimos baixar arquivos de links http ou https.',
  private_address: 'O link do arquivo aponta para um endereço interno e foi bloqueado por segurança.',
  dns_failed: 'Não encontramos o servidor do arquivo. Confira o link e tente de novo.',
  too_large: 'O arquivo é grande demais.',
  type_not_allowed: 'Esse tipo de arquivo não é aceito.',
  timeout: 'O download do arquivo demorou demais. Tente enviar de novo.',
  http_error: 'O servidor do arquivo recusou o download. Tente enviar de novo.',
  too_many_redirects: 'O link do arquivo redireciona vezes demais e não pôde ser baixado.',
  network_error: 'Não foi possível baixar o arquivo por uma falha de conexão. Tente de novo.',
};

/** pt-BR sentence for a salon owner, e.g. 'O arquivo é grande demais.' — one per reason. */
export function describeRemoteMediaRefusal(reason: RemoteMediaRefusal): string {
  return REFUSAL_MESSAGES[reason];
}

const DEFAULT_MAX_REDIRECTS = 3;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_FILENAME_LENGTH = 255;
// Only 2000::/3 is allocated for global unicast; the rest of the IPv6 space is reserved or unassigned.
const IPV6_GLOBAL_UNICAST: [ipaddr.IPv6, number] = [ipaddr.IPv6.parse('2000::'), 3];

/**
 * True only for public unicast addresses. Everything ipaddr.js puts in a special range (loopback,
 * private, link-local, CGNAT, multicast, reserved, 6to4/Teredo/NAT64 that may tunnel to those, …) is
 * refused; IPv4-mapped IPv6 is judged by the IPv4 address inside it.
 */
export function isPublicAddress(address: string): boolean {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (!ipaddr.isValid(bare)) return false;
  const parsed = ipaddr.process(bare);
  if (parsed.kind() === 'ipv4') return parsed.range() === 'unicast';
  return parsed.range() === 'unicast' && parsed.match(IPV6_GLOBAL_UNICAST);
}

function refuse(reason: RemoteMediaRefusal, message: string): RemoteMediaError {
  return new RemoteMediaError(reason, message);
}

function parseTarget(raw: string, base?: URL): URL {
  let url: URL;
  try {
    url = base ? new URL(raw, base) : new URL(raw);
  } catch {
    throw refuse('invalid_url', 'Not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw refuse('protocol_not_allowed', `Protocol ${url.protocol} is not allowed`);
  }
  // Credentials in a media link are never legitimate and would be sent on to whatever host we reach.
  if (url.username !== '' || url.password !== '') {
    throw refuse('invalid_url', 'URLs with credentials are not allowed');
  }
  if (url.hostname === '') throw refuse('invalid_url', 'URL has no host');
  return url;
}

function effectivePort(url: URL): string {
  if (url.port !== '') return url.port;
  return url.protocol === 'https:' ? '443' : '80';
}

function isAllowListed(url: URL, allowedHosts: readonly string[]): boolean {
  const host = url.hostname;
  const bare = host.startsWith('[') ? host.slice(1, -1) : host;
  const port = effectivePort(url);
  const candidates = new Set([host, bare, `${host}:${port}`]);
  return allowedHosts.some((entry) => candidates.has(entry.trim().toLowerCase()));
}

/** For log messages: query strings of media links often carry access tokens. */
function describeUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

function timeoutError(timeoutMs: number): RemoteMediaError {
  return refuse('timeout', `Download did not finish within ${timeoutMs} ms`);
}

/** Resolves and vets the host; the returned addresses are the only ones the request may connect to. */
async function vetHost(
  url: URL,
  limits: RemoteMediaLimits,
  signal: AbortSignal,
): Promise<readonly LookupAddress[]> {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const literalFamily = isIP(host);
  const addresses =
    literalFamily !== 0 ? [{ address: host, family: literalFamily }] : await resolveAll(host, limits, signal);
  if (isAllowListed(url, limits.allowedHosts)) return addresses;
  const blocked = addresses.find((entry) => !isPublicAddress(entry.address));
  if (blocked) {
    throw refuse('private_address', `Host ${url.host} resolves to non-public address ${blocked.address}`);
  }
  return addresses;
}

function resolveAll(
  host: string,
  limits: RemoteMediaLimits,
  signal: AbortSignal,
): Promise<readonly LookupAddress[]> {
  // getaddrinfo cannot be cancelled, so the deadline races it and a late answer is ignored.
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(timeoutError(limits.timeoutMs));
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    lookup(host, { all: true }).then(
      (addresses) => {
        signal.removeEventListener('abort', onAbort);
        if (addresses.length === 0) reject(refuse('dns_failed', `No address found for ${host}`));
        else resolve(addresses);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        const detail = error instanceof Error ? error.message : String(error);
        reject(refuse('dns_failed', `Could not resolve ${host}: ${detail}`));
      },
    );
  });
}

/** Hands the socket only the addresses we vetted, so a second DNS answer cannot rebind the host. */
function pinnedLookup(addresses: readonly LookupAddress[]): LookupFunction {
  return (hostname, options, callback) => {
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
    const candidates =
      family === 4 || family === 6 ? addresses.filter((entry) => entry.family === family) : [...addresses];
    const first = candidates[0];
    if (!first) {
      const error: NodeJS.ErrnoException = new Error(`No vetted address of family ${family} for ${hostname}`);
      error.code = 'ENOTFOUND';
      callback(error, '');
      return;
    }
    if (options.all) callback(null, candidates);
    else callback(null, first.address, first.family);
  };
}

function mediaType(header: string | undefined): string | null {
  if (header === undefined) return null;
  const type = header.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === '' ? null : type;
}

function withoutControlCharacters(value: string): string {
  return Array.from(value)
    .filter((char) => {
      const code = char.codePointAt(0) ?? 0;
      return code >= 0x20 && code !== 0x7f;
    })
    .join('');
}

/** Keeps only a plain base name: the value ends up in storage keys and download headers. */
function safeFilename(raw: string): string | null {
  const base = raw.split(/[/\\]/).pop() ?? '';
  const cleaned = withoutControlCharacters(base).trim();
  if (cleaned === '' || cleaned === '.' || cleaned === '..') return null;
  return cleaned.slice(0, MAX_FILENAME_LENGTH);
}

/** Node hands header bytes over as latin1; servers often send raw UTF-8 in the plain filename= anyway. */
function fromHeaderBytes(value: string): string {
  if (!Array.from(value).every((char) => (char.codePointAt(0) ?? 0) <= 0xff)) return value;
  const utf8 = Buffer.from(value, 'latin1').toString('utf8');
  return utf8.includes('\uFFFD') ? value : utf8;
}

function filenameFromContentDisposition(header: string | undefined): string | null {
  if (header === undefined) return null;
  let parameters: Record<string, string>;
  try {
    // The library decodes filename* (RFC 5987) into `filename` and prefers it over the plain one.
    ({ parameters } = contentDisposition.parse(header));
  } catch {
    return null;
  }
  const name = parameters.filename;
  if (name === undefined) return null;
  const extended = /filename\*\s*=/i.test(header);
  return safeFilename(extended ? name : fromHeaderBytes(name));
}

function filenameFromPath(url: URL): string | null {
  const segment = url.pathname.split('/').pop() ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return null;
  }
  const name = safeFilename(decoded);
  // Only a name with a stem and a short extension; "download" or an opaque id says nothing useful.
  return name !== null && /^[^.].*\.[a-z0-9]{1,10}$/i.test(name) ? name : null;
}

type HopOutcome =
  | { kind: 'redirect'; location: string }
  | { kind: 'body'; bytes: Buffer; contentType: string; filename: string | null };

function requestOnce(
  url: URL,
  addresses: readonly LookupAddress[],
  limits: RemoteMediaLimits,
  signal: AbortSignal,
): Promise<HopOutcome> {
  return new Promise<HopOutcome>((resolve, reject) => {
    let settled = false;
    let req: ClientRequest | undefined;

    const finish = (error: RemoteMediaError | null, outcome?: HopOutcome): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      if (error) {
        req?.destroy();
        reject(error);
      } else if (outcome) {
        resolve(outcome);
      }
    };
    const onAbort = (): void => finish(timeoutError(limits.timeoutMs));

    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });

    const options: RequestOptions = {
      method: 'GET',
      host: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
      port: effectivePort(url),
      path: `${url.pathname}${url.search}`,
      headers: {
        accept: limits.allowedContentTypes.length > 0 ? limits.allowedContentTypes.join(', ') : '*/*',
        // A compressed body would defeat the byte limit and is not what we want to store.
        'accept-encoding': 'identity',
        'user-agent': 'AgendaCheia-MediaFetcher/1.0',
      },
      lookup: pinnedLookup(addresses),
      // A fresh connection per hop: a pooled socket could belong to an address vetted for another request.
      agent: false,
    };

    const onResponse = (res: IncomingMessage): void => {
      res.on('error', (error) => finish(refuse('network_error', `Response failed: ${error.message}`)));
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (REDIRECT_STATUSES.has(status) && location !== undefined) {
        finish(null, { kind: 'redirect', location });
        req?.destroy();
        return;
      }
      if (status < 200 || status > 299) {
        finish(refuse('http_error', `GET ${describeUrl(url)} answered HTTP ${status}`));
        return;
      }
      const contentType = mediaType(res.headers['content-type']);
      if (contentType === null || !limits.allowedContentTypes.includes(contentType)) {
        finish(refuse('type_not_allowed', `Content-Type ${contentType ?? '(none)'} is not allowed`));
        return;
      }
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > limits.maxBytes) {
        finish(
          refuse('too_large', `Content-Length ${declared} exceeds the limit of ${limits.maxBytes} bytes`),
        );
        return;
      }

      const chunks: Buffer[] = [];
      let received = 0;
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > limits.maxBytes) {
          finish(refuse('too_large', `Body exceeds the limit of ${limits.maxBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => {
        finish(null, {
          kind: 'body',
          bytes: Buffer.concat(chunks, received),
          contentType,
          filename: filenameFromContentDisposition(res.headers['content-disposition']),
        });
      });
      res.on('close', () => {
        if (!res.complete) finish(refuse('network_error', 'Connection closed before the body was complete'));
      });
    };

    try {
      req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(options, onResponse);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      finish(refuse('network_error', `Could not start the request: ${detail}`));
      return;
    }
    req.on('error', (error) => finish(refuse('network_error', `Request failed: ${error.message}`)));
    req.end();
  });
}

export async function fetchRemoteMedia(url: string, limits: RemoteMediaLimits): Promise<RemoteMedia> {
  const maxRedirects = limits.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
  try {
    let target = parseTarget(url);
    for (let redirects = 0; ; redirects += 1) {
      const addresses = await vetHost(target, limits, controller.signal);
      const outcome = await requestOnce(target, addresses, limits, controller.signal);
      if (outcome.kind === 'body') {
        return {
          bytes: outcome.bytes,
          contentType: outcome.contentType,
          filename: outcome.filename ?? filenameFromPath(target),
        };
      }
      if (redirects >= maxRedirects) {
        throw refuse(
          'too_many_redirects',
          `More than ${maxRedirects} redirects, last at ${describeUrl(target)}`,
        );
      }
      target = parseTarget(outcome.location, target);
    }
  } finally {
    clearTimeout(timer);
  }
}
