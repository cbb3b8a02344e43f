import { Router } from 'express';
import { bucketEventPayload, messageReceivedPayload, messageStatusPayload } from '@agenda-cheia/contracts';
import { z } from 'zod';

const errorBody = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: { code: { type: 'string' }, message: { type: 'string' } },
      required: ['code', 'message'],
    },
  },
  required: ['error'],
} as const;

const errorDescriptions: Record<number, string> = {
  400: 'Malformed JSON or invalid fields (code VALIDATION_FAILED / MALFORMED_JSON)',
  401: 'Missing or wrong inbound token (code UNAUTHENTICATED)',
  403: 'tenant_id does not match the token (code FORBIDDEN)',
  404: 'Unknown message (code NOT_FOUND)',
  413: 'Body over 256 KiB (code PAYLOAD_TOO_LARGE)',
};

/** Error responses with the usual descriptions, or the route's own where `overrides` gives one. */
function errorResponses(statuses: number[], overrides: Record<number, string> = {}) {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      {
        description: overrides[s] ?? errorDescriptions[s],
        content: { 'application/json': { schema: errorBody } },
      },
    ]),
  );
}

/** The REST part of the API (what n8n calls), generated from the same zod schemas that validate it. */
export function buildOpenApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Agenda Cheia — webhooks',
      version: '1.0.0',
      description:
        'Routes n8n calls to deliver WhatsApp (and other channels) messages and delivery statuses. ' +
        'Authenticate with `Authorization: Bearer <inbound token>` from Configurações → Integrações; the token decides the business. ' +
        'Also the route the file storage (S3, MinIO) posts its bucket event notifications to, authenticated by S3_WEBHOOK_TOKEN.',
    },
    components: {
      securitySchemes: {
        inboundToken: { type: 'http', scheme: 'bearer' },
        bucketEventToken: {
          type: 'http',
          scheme: 'bearer',
          description: "The deployment's S3_WEBHOOK_TOKEN (at least 16 characters).",
        },
      },
    },
    security: [{ inboundToken: [] }],
    paths: {
      '/api/v1/webhooks/n8n/message-received': {
        post: {
          summary: 'A client wrote a message',
          description:
            'Unknown phone → client created; the open conversation of that channel is reused or a new one opened. ' +
            'Idempotent on (channel, message_id): a retried delivery answers 200 with the stored message.',
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: z.toJSONSchema(messageReceivedPayload, { io: 'input' }) },
            },
          },
          responses: {
            202: { description: 'Stored; the reply (if any) follows asynchronously' },
            200: { description: 'Already stored earlier (a retry); nothing new was created' },
            ...errorResponses([400, 401, 403, 413]),
          },
        },
      },
      '/api/v1/webhooks/n8n/message-status': {
        post: {
          summary: 'Delivery status of a message we sent',
          description:
            'message_id is our id (the Idempotency-Key we sent) or the provider id. Statuses only move forward.',
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: z.toJSONSchema(messageStatusPayload, { io: 'input' }) },
            },
          },
          responses: {
            200: { description: 'Applied (or ignored as older than the current status)' },
            ...errorResponses([400, 401, 404, 413]),
          },
        },
      },
      '/api/v1/webhooks/s3': {
        post: {
          summary: 'Bucket event notification (S3, MinIO)',
          description:
            'An ObjectCreated event for a key the API signed confirms that upload, even when the browser never confirmed it. ' +
            'Keys are URL-encoded as in S3 notifications. Other events, other buckets and unknown keys are ignored (and logged). ' +
            'Authenticate with `Authorization: Bearer <S3_WEBHOOK_TOKEN>`; without S3_WEBHOOK_TOKEN the route is off.',
          security: [{ bucketEventToken: [] }],
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: z.toJSONSchema(bucketEventPayload, { io: 'input' }) },
            },
          },
          responses: {
            200: {
              description: 'Processed: how many records confirmed an upload, and how many were ignored',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      confirmed: { type: 'integer', minimum: 0 },
                      ignored: { type: 'integer', minimum: 0 },
                    },
                    required: ['confirmed', 'ignored'],
                  },
                },
              },
            },
            ...errorResponses([400, 401, 404, 413], {
              401: 'Missing or wrong S3_WEBHOOK_TOKEN (code UNAUTHENTICATED)',
              404: 'Bucket notifications are off: S3_WEBHOOK_TOKEN is not set (code NOT_FOUND)',
            }),
          },
        },
      },
    },
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

export function openApiRouter(): Router {
  const document = buildOpenApiDocument();
  const routes = Router();
  routes.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  // A self-contained page (no CDN: deployments may be offline) listing routes and their schemas.
  routes.get('/docs', (_req, res) => {
    const sections = Object.entries(document.paths)
      .map(([path, item]) => {
        const op = item.post;
        return `<section><h2><code>POST ${escapeHtml(path)}</code></h2><p><strong>${escapeHtml(op.summary)}</strong></p>
<p>${escapeHtml(op.description)}</p><h3>Body</h3><pre>${escapeHtml(
          JSON.stringify(op.requestBody.content['application/json'].schema, null, 2),
        )}</pre><h3>Responses</h3><ul>${Object.entries(op.responses)
          .map(([status, r]) => `<li><code>${status}</code> ${escapeHtml(String(r.description))}</li>`)
          .join('')}</ul></section>`;
      })
      .join('\n');
    res.type('html')
      .send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(document.info.title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:900px;margin:2rem auto;padding:0 1rem}pre{background:#f4f4f5;padding:1rem;overflow:auto}</style>
</head><body><h1>${escapeHtml(document.info.title)}</h1><p>${escapeHtml(document.info.description)}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a></p>${sections}</body></html>`);
  });
  return routes;
}
