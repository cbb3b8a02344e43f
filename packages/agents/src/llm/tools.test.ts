import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { StrictSchemaError } from './strict-json-schema';
import { defineTool, ToolError } from './tools';

const call = { id: 'call_1', signal: undefined };

const findSlots = defineTool({
  name: 'find_free_slots',
  description: 'Free slots of a service on a day.',
  parameters: z.object({
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .describe('Tenant-local day, YYYY-MM-DD'),
    professionalId: z.string().optional(),
    period: z.enum(['morning', 'afternoon', 'evening']).optional(),
    clientName: z.string().nullable(),
    limit: z.number().int().min(1).default(3),
    filters: z.object({ onlyFavourite: z.boolean().optional() }).optional(),
    services: z.array(z.object({ id: z.string(), note: z.string().optional() })),
  }),
  execute: (args) => args,
});

describe('defineTool', () => {
  it('offers a strict function whose every object is closed and every property required', () => {
    expect(findSlots.definition).toEqual({
      type: 'function',
      function: {
        name: 'find_free_slots',
        description: 'Free slots of a service on a day.',
        strict: true,
        parameters: {
          type: 'object',
          additionalProperties: false,
          required: ['date', 'professionalId', 'period', 'clientName', 'limit', 'filters', 'services'],
          properties: {
            date: {
              type: 'string',
              pattern: '^\\d{4}-\\d{2}-\\d{2}$',
              description: 'Tenant-local day, YYYY-MM-DD',
            },
            professionalId: { type: ['string', 'null'] },
            period: {
              anyOf: [{ type: 'string', enum: ['morning', 'afternoon', 'evening'] }, { type: 'null' }],
            },
            clientName: { type: ['string', 'null'] },
            limit: { type: ['integer', 'null'], minimum: 1, description: '(default: 3)' },
            filters: {
              type: ['object', 'null'],
              additionalProperties: false,
              required: ['onlyFavourite'],
              properties: { onlyFavourite: { type: ['boolean', 'null'] } },
            },
            services: {
              type: 'array',
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['id', 'note'],
                properties: { id: { type: 'string' }, note: { type: ['string', 'null'] } },
              },
            },
          },
        },
      },
    });
  });

  it('reads the nulls of optional properties as absent, keeps nulls the schema allows, and applies defaults', async () => {
    const invocation = await findSlots.invoke(
      JSON.stringify({
        date: '2025-06-10',
        professionalId: null,
        period: null,
        clientName: null,
        limit: null,
        filters: { onlyFavourite: null },
        services: [{ id: 'corte', note: null }],
      }),
      undefined,
      call,
    );

    expect(invocation).toMatchObject({
      ok: true,
      result: { date: '2025-06-10', clientName: null, limit: 3, filters: {}, services: [{ id: 'corte' }] },
    });
    expect(invocation.ok && invocation.result).not.toHaveProperty('professionalId');
  });

  it('answers arguments that break the schema with an error the model can act on', async () => {
    const invocation = await findSlots.invoke(
      JSON.stringify({ date: 'amanhã', clientName: null, services: [] }),
      undefined,
      call,
    );

    expect(invocation).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Invalid arguments for "find_free_slots"[\s\S]*date/) as unknown,
    });
    expect(JSON.parse(invocation.content)).toHaveProperty('error');
  });

  it('answers arguments that are not JSON with an error', async () => {
    const invocation = await findSlots.invoke('{"date": "2025-', undefined, call);

    expect(invocation).toMatchObject({ ok: false, args: '{"date": "2025-' });
    expect(JSON.parse(invocation.content)).toEqual({
      error: expect.stringContaining('not valid JSON') as unknown,
    });
  });

  it('passes the context and the call to execute, and a ToolError back to the model', async () => {
    const book = defineTool({
      name: 'book',
      description: 'Books a slot.',
      parameters: z.object({ start: z.string() }),
      execute: (args, context: { tenantId: string }, info) => {
        if (args.start === '09:00') throw new ToolError('Horário já ocupado.');
        return `${context.tenantId}:${info.id}:${args.start}`;
      },
    });

    await expect(book.invoke('{"start":"10:00"}', { tenantId: 't1' }, call)).resolves.toMatchObject({
      ok: true,
      content: 't1:call_1:10:00',
    });
    await expect(book.invoke('{"start":"09:00"}', { tenantId: 't1' }, call)).resolves.toEqual({
      ok: false,
      args: { start: '09:00' },
      error: 'Horário já ocupado.',
      content: '{"error":"Horário já ocupado."}',
    });
  });

  it('lets any other error of execute reach the caller', async () => {
    const broken = defineTool({
      name: 'broken',
      description: 'Fails.',
      parameters: z.object({}),
      execute: () => {
        throw new Error('database is down');
      },
    });

    await expect(broken.invoke('', undefined, call)).rejects.toThrow('database is down');
  });

  it('refuses schemas strict mode cannot express, and names the API cannot accept', () => {
    const withRecord = (): unknown =>
      defineTool({
        name: 'tags',
        description: 'Open map.',
        parameters: z.object({ tags: z.record(z.string(), z.string()) }),
        execute: () => null,
      });
    const badName = (): unknown =>
      defineTool({ name: 'marcar horário', description: '', parameters: z.object({}), execute: () => null });

    expect(withRecord).toThrow(StrictSchemaError);
    expect(badName).toThrow('must match');
  });

  it('offers the plain zod schema when strict is off', () => {
    const loose = defineTool({
      name: 'loose',
      description: 'Non-strict.',
      strict: false,
      parameters: z.object({ tags: z.record(z.string(), z.string()).optional() }),
      execute: () => null,
    });

    expect(loose.definition.function.strict).toBe(false);
    expect(loose.definition.function.parameters).not.toHaveProperty('$schema');
    expect(loose.definition.function.parameters).not.toHaveProperty('required');
  });
});
