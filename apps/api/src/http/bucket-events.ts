import { timingSafeEqual } from 'node:crypto';
import express, { type Request, type Response, Router } from 'express';
import { bucketEventPayload } from '@agenda-cheia/contracts';
import type { Services } from '../services';
import { bearerToken } from '../trpc/context';
import { sendError } from './errors';
import { WEBHOOK_BODY_LIMIT } from './webhooks';

function sameToken(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** S3 event notifications URL-encode keys, with '+' for spaces. A NUL is in no key we ever signed. */
function decodeEventKey(key: string): string | null {
  try {
    const decoded = decodeURIComponent(key.replace(/\+/g, ' '));
    return decoded.includes('\u0000') ? null : decoded;
  } catch {
    return null;
  }
}

/**
 * Bucket event notifications (S3, MinIO): an ObjectCreated for a key we signed confirms the upload the
 * browser did not confirm itself (closed tab, lost connection). Authenticated by S3_WEBHOOK_TOKEN as a
 * Bearer token; unknown keys are ignored and logged. Without the token configured the route is off.
 */
export function bucketEventRouter(deps: { token: string | undefined; services: Services }): Router {
  const routes = Router();
  routes.use(express.json({ limit: WEBHOOK_BODY_LIMIT, strict: true }));
  routes.post('/', async (req: Request, res: Response) => {
    if (deps.token === undefined) {
      sendError(res, 'NOT_FOUND', 'Notificações do bucket desativadas (defina S3_WEBHOOK_TOKEN).');
      return;
    }
    if (!sameToken(bearerToken(req.headers.authorization) ?? undefined, deps.token)) {
      sendError(res, 'UNAUTHENTICATED', 'Token das notificações do bucket ausente ou inválido.');
      return;
    }
    const parsed = bucketEventPayload.safeParse(req.body);
    if (!parsed.success) {
      sendError(res, 'VALIDATION_FAILED', 'Notificação de bucket inválida.');
      return;
    }
    const bucket = deps.services.fileStorage.store.bucket;
    const counts = { confirmed: 0, ignored: 0 };
    for (const record of parsed.data.Records) {
      const key = decodeEventKey(record.s3.object.key);
      const created = /^(s3:)?ObjectCreated:/.test(record.eventName);
      if (!created || record.s3.bucket.name !== bucket || key === null) {
        counts.ignored += 1;
        continue;
      }
      const result = await deps.services.files.confirmUploadedKey(key);
      if (result.outcome === 'confirmed') {
        counts.confirmed += 1;
      } else {
        counts.ignored += 1;
        req.log.warn({ key, outcome: result.outcome }, 'bucket event for a file not confirmed');
      }
    }
    res.json(counts);
  });
  return routes;
}
