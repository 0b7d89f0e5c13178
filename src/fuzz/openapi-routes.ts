import { isJson, isRecord, Json } from './json';

/**
 * The routes to fuzz, read from the service's own OpenAPI document (GET
 * /docs-json, generated from the controllers): a route added to a controller
 * is fuzzed without touching the fuzzer.
 */
export interface FuzzParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  enum: string[];
  example?: Json;
}

export interface FuzzRoute {
  method: string;
  /** OpenAPI template, e.g. /cases/{id}/appeals/{appealId}/forward */
  path: string;
  parameters: FuzzParameter[];
  /** A body built from the schema's examples (required fields only), when the route takes one. */
  body?: Json;
  /** The same with every optional field too. */
  fullBody?: Json;
  secured: boolean;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function resolve(schema: unknown, doc: Record<string, unknown>): Record<string, unknown> {
  if (!isRecord(schema)) return {};
  // A $ref with a description arrives as { description, allOf: [{ $ref }] }.
  if (Array.isArray(schema.allOf) && schema.allOf.length === 1 && schema.example === undefined) return resolve(schema.allOf[0], doc);
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  const name = ref.split('/').pop() ?? '';
  const components = isRecord(doc.components) && isRecord(doc.components.schemas) ? doc.components.schemas : {};
  return isRecord(components[name]) ? components[name] : {};
}

/** An example value of a schema: its example, else its first enum value, else one built from its type. */
export function exampleOf(schema: unknown, doc: Record<string, unknown>, withOptional: boolean, depth = 0): Json {
  const s = resolve(schema, doc);
  if (s.example !== undefined && isJson(s.example)) return s.example;
  if (Array.isArray(s.enum) && s.enum.length > 0 && isJson(s.enum[0])) return s.enum[0];
  if (depth > 6) return null;
  if (s.type === 'array') return [exampleOf(s.items, doc, withOptional, depth + 1)];
  if (s.type === 'object' || isRecord(s.properties)) {
    const required = Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === 'string') : [];
    const out: { [key: string]: Json } = {};
    for (const [key, property] of Object.entries(isRecord(s.properties) ? s.properties : {})) {
      if (withOptional || required.includes(key)) out[key] = exampleOf(property, doc, withOptional, depth + 1);
    }
    return out;
  }
  if (s.type === 'number' || s.type === 'integer') return 1;
  if (s.type === 'boolean') return true;
  return 'x';
}

function parameterOf(raw: unknown): FuzzParameter | undefined {
  if (!isRecord(raw) || typeof raw.name !== 'string') return undefined;
  if (raw.in !== 'path' && raw.in !== 'query' && raw.in !== 'header') return undefined;
  const schema = isRecord(raw.schema) ? raw.schema : {};
  const values = Array.isArray(schema.enum) ? schema.enum.filter((v): v is string => typeof v === 'string') : [];
  const example = raw.example ?? schema.example;
  return { name: raw.name, in: raw.in, enum: values, ...(isJson(example) && example !== undefined ? { example } : {}) };
}

function bodySchemaOf(operation: Record<string, unknown>): unknown {
  const body = operation.requestBody;
  if (!isRecord(body) || !isRecord(body.content)) return undefined;
  const json = body.content['application/json'];
  return isRecord(json) ? json.schema : undefined;
}

export function routesFromOpenApi(doc: unknown): FuzzRoute[] {
  if (!isRecord(doc) || !isRecord(doc.paths)) throw new Error('not an OpenAPI document: no paths');
  const routes: FuzzRoute[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    if (!isRecord(operations)) continue;
    for (const method of METHODS) {
      const operation = operations[method];
      if (!isRecord(operation)) continue;
      const parameters = (Array.isArray(operation.parameters) ? operation.parameters : [])
        .map(parameterOf)
        .filter((p): p is FuzzParameter => p !== undefined);
      const schema = bodySchemaOf(operation);
      routes.push({
        method: method.toUpperCase(),
        path,
        parameters,
        ...(schema === undefined ? {} : { body: exampleOf(schema, doc, false), fullBody: exampleOf(schema, doc, true) }),
        secured: Array.isArray(operation.security) && operation.security.length > 0,
      });
    }
  }
  return routes;
}
