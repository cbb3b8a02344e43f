import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import type { Services } from '../services';

export interface Context {
  services: Services;
  log: Logger;
  requestId: string;
  ip: string;
  /** Bearer token from the Authorization header (HTTP) or `connectionParams.token` (ws). */
  accessToken: string | null;
  /** Lets a procedure set response headers (Retry-After); absent on ws. */
  setHeader?: (name: string, value: string) => void;
}

export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const [scheme, token] = header.split(' ');
  return scheme?.toLowerCase() === 'bearer' && token ? token : null;
}

export function clientIp(req: IncomingMessage & { ip?: string | undefined }): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
