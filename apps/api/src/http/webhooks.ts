import express, { type NextFunction, type Request, type Response, Router } from 'express';
import { messageReceivedPayload, messageStatusPayload } from '@agenda-cheia/contracts';
import {
  applyDeliveryStatus,
  findIntegrationByInboundToken,
  receiveInboundMessage,
} from '@agenda-cheia/core';
import type { Database, Kysely } from '@agenda-cheia/db';
import type { z } from 'zod';
import type { Services } from '../services';
import { bearerToken } from '../trpc/context';
import { nulCharacterPath } from '../trpc/input-guards';
import { sendError } from './errors';

export const WEBHOOK_BODY_LIMIT = '256kb';

interface TenantLocals {
  tenantId: string;
}

/** The latest instant a JavaScript Date (and so the database driver) can represent. */
const MAX_DATE_MS = 8.64e15;

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'corpo'}: ${i.message}`).join('; ');
}

/** REST routes n8n calls, authenticated by the tenant's inbound token (which also decides the tenant). */
export function n8nWebhookRouter(deps: { db: Kysely<Database>; services: Services }): Router {
  const routes = Router();
  routes.use(express.json({ limit: WEBHOOK_BODY_LIMIT, strict: true }));

  routes.use(async (req: Request, res: Response<unknown, TenantLocals>, next: NextFunction) => {
    const token = bearerToken(req.headers.authorization);
    const integration = token ? await findIntegrationByInboundToken(deps.db, token) : undefined;
    if (!integration) {
      sendError(res, 'UNAUTHENTICATED', 'Token de integração ausente ou inválido.');
      return;
    }
    res.locals.tenantId = integration.tenant_id;
    // Nothing with a NUL character can be stored; refused whole rather than failing half-way.
    const where = nulCharacterPath(req.body);
    if (where !== undefined) {
      sendError(res, 'VALIDATION_FAILED', `Dados inválidos: ${where} contém um caractere nulo (\\u0000).`);
      return;
    }
    next();
  });

  routes.post('/message-received', async (req: Request, res: Response<unknown, TenantLocals>) => {
    const parsed = messageReceivedPayload.safeParse(req.body);
    if (!parsed.success) {
      sendError(res, 'VALIDATION_FAILED', `Dados inválidos: ${describeIssues(parsed.error)}`);
      return;
    }
    // Seconds or milliseconds, as core reads them: either way past year 275760 is no date.
    const { timestamp } = parsed.data;
    if (typeof timestamp === 'number' && timestamp > MAX_DATE_MS) {
      sendError(res, 'VALIDATION_FAILED', 'Dados inválidos: timestamp: data fora do intervalo.');
      return;
    }
    if (parsed.data.tenant_id && parsed.data.tenant_id !== res.locals.tenantId) {
      sendError(res, 'FORBIDDEN', 'tenant_id não corresponde ao token da integração.');
      return;
    }
    const result = await receiveInboundMessage(
      { db: deps.db, bus: deps.services.bus },
      res.locals.tenantId,
      parsed.data,
    );
    // The agent answers in a job: n8n is not kept waiting for an LLM. A retried delivery queues again, so
    // a reply whose job was lost (the first attempt failed after storing) still comes; the job id and the
    // reply's idempotency key keep it to one.
    if (result.conversation.mode === 'ai') {
      await deps.services.chatReplyQueue.enqueue({
        tenantId: res.locals.tenantId,
        conversationId: result.conversation.id,
        messageId: result.message.id,
      });
    }
    // Redelivered messages queue again too: the job id keeps it to one download.
    if (result.message.media?.state === 'pending') {
      await deps.services.inboundMediaQueue.enqueue({
        tenantId: res.locals.tenantId,
        conversationId: result.conversation.id,
        messageId: result.message.id,
      });
    }
    res.status(result.created ? 202 : 200).json({
      message: result.message,
      conversation_id: result.conversation.id,
      client_id: result.conversation.clientId,
      duplicate: !result.created,
    });
  });

  routes.post('/message-status', async (req: Request, res: Response<unknown, TenantLocals>) => {
    const parsed = messageStatusPayload.safeParse(req.body);
    if (!parsed.success) {
      sendError(res, 'VALIDATION_FAILED', `Dados inválidos: ${describeIssues(parsed.error)}`);
      return;
    }
    const result = await applyDeliveryStatus(
      { db: deps.db, bus: deps.services.bus },
      res.locals.tenantId,
      parsed.data,
    );
    if (!result.found) {
      sendError(res, 'NOT_FOUND', 'Mensagem não encontrada.');
      return;
    }
    res.json({ ok: true, changed: result.changed });
  });
  return routes;
}
