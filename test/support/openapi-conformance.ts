import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Checks real answers against the OpenAPI document the service serves at
 * /docs-json: the operation's documented schema for that status and media
 * type, with `#/components/schemas` references resolved and OpenAPI 3.0's
 * `nullable` read as JSON Schema's null type.
 */
export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, unknown> };
}

export interface OperationObject {
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

export type Conformance = { ok: true } | { ok: false; errors: string[] };

const COMPONENTS_ID = 'openapi-components';

/** OpenAPI 3.0 schema → JSON Schema ajv reads: nullable becomes a null alternative, refs point into the components schema. */
function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (typeof schema !== 'object' || schema === null) return schema;
  const converted: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'nullable') continue;
    if (key === '$ref' && typeof value === 'string') converted[key] = value.replace(/^#\/components\//, `${COMPONENTS_ID}#/components/`);
    else if (key === 'example' || key === 'examples') continue;
    else converted[key] = toJsonSchema(value);
  }
  return Object.getOwnPropertyDescriptor(schema, 'nullable')?.value === true ? { anyOf: [{ type: 'null' }, converted] } : converted;
}

/** The documented path template a concrete path answers to: literal segments win over parameters. */
export function templateOf(doc: OpenApiDocument, path: string): string | undefined {
  const bare = path.split('?')[0];
  const segments = bare.split('/');
  const matches = Object.keys(doc.paths).filter((template) => {
    const parts = template.split('/');
    return (
      parts.length === segments.length &&
      parts.every((part, i) =>
        part.includes('{') ? new RegExp(`^${part.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(segments[i]) : part === segments[i],
      )
    );
  });
  const literalness = (template: string) => template.split('/').filter((part) => !part.includes('{')).length;
  return matches.sort((a, b) => literalness(b) - literalness(a))[0];
}

export class OpenApiConformance {
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly doc: OpenApiDocument) {
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: COMPONENTS_ID, components: toJsonSchema(doc.components ?? {}) });
  }

  /** Does `body`, answered with `status` to `method path`, match what the document says of that answer? */
  conformsTo(
    method: string,
    path: string,
    status: number,
    body: unknown,
    mediaType = status >= 400 ? 'application/problem+json' : 'application/json',
  ): Conformance {
    const template = templateOf(this.doc, path);
    if (template === undefined) return { ok: false, errors: [`no documented path for ${path}`] };
    const operation = this.doc.paths[template][method.toLowerCase()];
    if (operation === undefined) return { ok: false, errors: [`${method} ${template} is not documented`] };
    const response = operation.responses?.[String(status)];
    if (response === undefined) return { ok: false, errors: [`${method} ${template} documents no ${status} answer`] };
    const schema = response.content?.[mediaType]?.schema;
    if (schema === undefined) return { ok: false, errors: [`${method} ${template} ${status} documents no ${mediaType} schema`] };
    const key = `${method} ${template} ${status} ${mediaType}`;
    let validate = this.validators.get(key);
    if (validate === undefined) {
      const converted = toJsonSchema(schema);
      if (typeof converted !== 'object' || converted === null) return { ok: false, errors: [`${key}: the schema is not an object`] };
      validate = this.ajv.compile(converted);
      this.validators.set(key, validate);
    }
    if (validate(body)) return { ok: true };
    return {
      ok: false,
      errors: (validate.errors ?? []).map((e) => `${key}: ${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`),
    };
  }
}

/** One-off check (see OpenApiConformance to reuse compiled schemas). */
export const conformsTo = (doc: OpenApiDocument, method: string, path: string, status: number, body: unknown): Conformance =>
  new OpenApiConformance(doc).conformsTo(method, path, status, body);
