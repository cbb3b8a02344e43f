/**
 * OpenAI "strict" function schemas accept a subset of JSON Schema: every object closed with
 * `additionalProperties: false`, every property listed in `required` (optional ones expressed as
 * nullable), no `default`, no open maps, no intersections. Zod writes ordinary JSON Schema, so the
 * tool helper converts it here, and undoes the optional-as-null trick on the model's arguments.
 */

export type JsonSchema = Record<string, unknown>;

const UNSUPPORTED_KEYWORDS = new Set([
  'allOf',
  'not',
  'if',
  'then',
  'else',
  'patternProperties',
  'propertyNames',
  'prefixItems',
  'additionalItems',
  'contains',
  'minContains',
  'maxContains',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'dependentRequired',
  'dependentSchemas',
  'unevaluatedProperties',
  'unevaluatedItems',
]);

/** Zod writes these bounds for every `.int()`; they say nothing to a model. */
const SAFE_INTEGER_BOUNDS = new Map<string, number>([
  ['maximum', Number.MAX_SAFE_INTEGER],
  ['minimum', Number.MIN_SAFE_INTEGER],
]);

export class StrictSchemaError extends Error {
  override readonly name = 'StrictSchemaError';
}

/** Converts a zod-generated object schema into one OpenAI accepts with `strict: true`. Throws StrictSchemaError. */
export function toStrictJsonSchema(schema: JsonSchema): JsonSchema {
  if (schema['type'] !== 'object') {
    throw new StrictSchemaError('The parameters of a tool must be an object schema.');
  }
  const { $schema: _dialect, ...root } = schema;
  return strictify(root, '');
}

function strictify(node: unknown, path: string): JsonSchema {
  if (!isRecord(node)) throw new StrictSchemaError(`Expected a schema object at ${where(path)}.`);
  const out: JsonSchema = {};
  let defaultValue: unknown;
  for (const [keyword, value] of Object.entries(node)) {
    if (UNSUPPORTED_KEYWORDS.has(keyword)) {
      throw new StrictSchemaError(`"${keyword}" at ${where(path)} cannot be used in a strict tool schema.`);
    }
    switch (keyword) {
      case 'properties':
      case 'required':
        break; // handled together below
      case 'additionalProperties':
        if (value !== false) {
          throw new StrictSchemaError(
            `Open maps (z.record, passthrough objects) at ${where(path)} cannot be used in a strict tool schema.`,
          );
        }
        break;
      case 'items':
        if (Array.isArray(value)) {
          throw new StrictSchemaError(`Tuples at ${where(path)} cannot be used in a strict tool schema.`);
        }
        out['items'] = strictify(value, `${path}/items`);
        break;
      case 'anyOf':
      case 'oneOf': {
        // Strict mode knows only anyOf; zod's discriminated unions write oneOf with exclusive branches.
        if (!Array.isArray(value) || out['anyOf'] !== undefined) {
          throw new StrictSchemaError(`Unsupported union at ${where(path)}.`);
        }
        out['anyOf'] = value.map((branch: unknown, index) =>
          strictify(branch, `${path}/${keyword}/${String(index)}`),
        );
        break;
      }
      case '$defs':
      case 'definitions':
        out[keyword] = mapValues(value, (definition, name) =>
          strictify(definition, `${path}/${keyword}/${name}`),
        );
        break;
      case 'default':
        defaultValue = value;
        break;
      default:
        if (SAFE_INTEGER_BOUNDS.get(keyword) === value) break;
        out[keyword] = value;
    }
  }

  if (node['properties'] !== undefined || node['type'] === 'object') {
    const required = new Set(Array.isArray(node['required']) ? node['required'] : []);
    const properties = mapValues(node['properties'] ?? {}, (property, key) => {
      const strict = strictify(property, `${path}/properties/${key}`);
      return required.has(key) || acceptsNull(strict) ? strict : nullable(strict);
    });
    out['properties'] = properties;
    out['required'] = Object.keys(properties);
    out['additionalProperties'] = false;
  }

  if (defaultValue !== undefined) {
    const description = typeof out['description'] === 'string' ? `${out['description']} ` : '';
    out['description'] = `${description}(default: ${JSON.stringify(defaultValue)})`;
  }
  return out;
}

function nullable(schema: JsonSchema): JsonSchema {
  const type = schema['type'];
  const restricted = 'enum' in schema || 'const' in schema;
  if (typeof type === 'string' && !restricted) return { ...schema, type: [type, 'null'] };
  const { description, ...rest } = schema;
  return {
    ...(description === undefined ? {} : { description }),
    anyOf: [rest, { type: 'null' }],
  };
}

function acceptsNull(schema: JsonSchema): boolean {
  const type = schema['type'];
  if (type === 'null' || (Array.isArray(type) && type.includes('null'))) return true;
  if (Array.isArray(schema['enum']) && schema['enum'].includes(null)) return true;
  if ('const' in schema && schema['const'] === null) return true;
  const branches = schema['anyOf'] ?? schema['oneOf'];
  return Array.isArray(branches) && branches.some((branch) => isRecord(branch) && acceptsNull(branch));
}

/**
 * The model fills optional properties with `null` (the strict schema made them nullable); zod's
 * `.optional()` wants them absent. Walks the arguments alongside the original (non-strict) schema and
 * drops those nulls, leaving nulls the original schema accepts untouched.
 */
export function dropNullsOfOptionalProperties(value: unknown, schema: JsonSchema, root: JsonSchema): unknown {
  const target = resolveRef(schema, root);
  if (target === undefined) return value;

  if (Array.isArray(value)) {
    const items = target['items'];
    return isRecord(items) ? value.map((item) => dropNullsOfOptionalProperties(item, items, root)) : value;
  }

  if (isRecord(value) && isRecord(target['properties'])) {
    const properties = target['properties'];
    const required = new Set(Array.isArray(target['required']) ? target['required'] : []);
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const property = properties[key];
      if (!isRecord(property)) {
        result[key] = item;
        continue;
      }
      const propertyTarget = resolveRef(property, root) ?? property;
      if (item === null && !required.has(key) && !acceptsNull(propertyTarget)) continue;
      result[key] = dropNullsOfOptionalProperties(item, property, root);
    }
    return result;
  }

  // A nullable wrapper around one real branch: follow that branch.
  const branches = target['anyOf'] ?? target['oneOf'];
  if (Array.isArray(branches) && value !== null) {
    const real = branches.filter(
      (branch): branch is JsonSchema => isRecord(branch) && branch['type'] !== 'null',
    );
    const [only] = real;
    if (real.length === 1 && only !== undefined) return dropNullsOfOptionalProperties(value, only, root);
  }
  return value;
}

function resolveRef(schema: JsonSchema, root: JsonSchema): JsonSchema | undefined {
  let current: JsonSchema | undefined = schema;
  const seen = new Set<string>();
  while (current !== undefined && typeof current['$ref'] === 'string') {
    const ref: string = current['$ref'];
    if (seen.has(ref)) return undefined;
    seen.add(ref);
    current = lookUpPointer(root, ref);
  }
  return current;
}

function lookUpPointer(root: JsonSchema, ref: string): JsonSchema | undefined {
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const token of ref.slice(2).split('/')) {
    const key = decodeURIComponent(token).replaceAll('~1', '/').replaceAll('~0', '~');
    node = isRecord(node) ? node[key] : undefined;
  }
  return isRecord(node) ? node : undefined;
}

function mapValues(value: unknown, map: (item: unknown, key: string) => JsonSchema): JsonSchema {
  if (!isRecord(value)) throw new StrictSchemaError('Expected an object of schemas.');
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, map(item, key)]));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function where(path: string): string {
  return path === '' ? 'the root' : path;
}
