import { ApiResponse } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, TITLES } from './problem';
import { CatalogedProblemCode, PROBLEM_CATALOG } from './problem-catalog';

/** A code answered with its catalog status, or with another status the catalog allows for it. */
export type ProblemSpec = CatalogedProblemCode | { code: CatalogedProblemCode; status: number };

/** Where @nestjs/swagger keeps a handler's responses (its DECORATORS.API_RESPONSE, not exported). */
const SWAGGER_RESPONSES_KEY = 'swagger/apiResponse';

interface Placed {
  code: CatalogedProblemCode;
  status: number;
}

function place(spec: ProblemSpec): Placed {
  if (typeof spec !== 'string') {
    const allowed: readonly number[] = PROBLEM_CATALOG[spec.code].statuses;
    if (!allowed.includes(spec.status))
      throw new Error(`Problem ${spec.code} is not answered with ${spec.status} (catalog: ${allowed.join(', ')})`);
    return spec;
  }
  return { code: spec, status: PROBLEM_CATALOG[spec].statuses[0] };
}

/** The problem+json schema of one status, its `code` limited to the codes this operation gives with it. */
function problemSchema(status: number, codes: CatalogedProblemCode[]) {
  return {
    type: 'object',
    required: ['type', 'title', 'status', 'code'],
    additionalProperties: true,
    properties: {
      type: { type: 'string', example: `urn:problem:${codes[0]}` },
      title: { type: 'string', example: TITLES[status] ?? 'Error' },
      status: { type: 'integer', enum: [status] },
      code: { type: 'string', enum: codes },
      detail: { type: 'string' },
      instance: { type: 'string' },
    },
  };
}

function responsesOf(placed: Placed[]): MethodDecorator[] {
  const byStatus = new Map<number, CatalogedProblemCode[]>();
  for (const { code, status } of placed) {
    const codes = byStatus.get(status) ?? [];
    if (!codes.includes(code)) codes.push(code);
    byStatus.set(status, codes);
  }
  return [...byStatus.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, codes]) => {
      const examples = Object.fromEntries(
        codes.map((code) => [
          code,
          {
            summary: code,
            value: { type: `urn:problem:${code}`, title: TITLES[status] ?? 'Error', status, code, detail: PROBLEM_CATALOG[code].example },
          },
        ]),
      );
      return ApiResponse({
        status,
        description: `problem+json, \`code\`: ${codes.join(', ')}`,
        content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema(status, codes), examples } },
      });
    });
}

/** The problems each handler function was given so far (typed, unlike reflect metadata). */
const placedByHandler = new WeakMap<object, Placed[]>();
const placedOn = (handler: object): Placed[] => placedByHandler.get(handler) ?? [];

function decorateMethod(target: object, key: string | symbol, descriptor: PropertyDescriptor, added: Placed[]): void {
  const handler: unknown = descriptor.value;
  if (typeof handler !== 'function') return;
  const earlier = placedOn(handler);
  const all = [...earlier, ...added];
  placedByHandler.set(handler, all);
  // Swagger merges a response set twice by concatenating descriptions: drop the statuses this decorator set before.
  const responses: unknown = Reflect.getMetadata(SWAGGER_RESPONSES_KEY, handler);
  if (typeof responses === 'object' && responses !== null) {
    const replaced = new Set(earlier.map(({ status }) => String(status)));
    Reflect.defineMetadata(
      SWAGGER_RESPONSES_KEY,
      Object.fromEntries(Object.entries(responses).filter(([status]) => !replaced.has(status))),
      handler,
    );
  }
  for (const decorate of responsesOf(all)) decorate(target, key, descriptor);
}

/**
 * Documents the problem+json answers an operation can give, from the problem
 * catalog: one response per status, its `code` an enum of the given codes,
 * with an example each. On a class it adds the codes to every route handler
 * of the class (class decorators run after the method ones, so the handler's
 * own codes are merged in, never replaced).
 */
export function ApiProblems(...specs: ProblemSpec[]): ClassDecorator & MethodDecorator {
  const added = specs.map(place);
  return (target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    if (key !== undefined && descriptor !== undefined) {
      decorateMethod(target, key, descriptor, added);
      return;
    }
    if (typeof target !== 'function') return;
    const prototype: unknown = target.prototype;
    if (typeof prototype !== 'object' || prototype === null) return;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      if (name === 'constructor') continue;
      const method = Object.getOwnPropertyDescriptor(prototype, name);
      // Only route handlers (Nest's @Get/@Post set 'path' on the function).
      const handler: unknown = method?.value;
      if (method && typeof handler === 'function' && Reflect.hasMetadata('path', handler)) decorateMethod(prototype, name, method, added);
    }
  };
}
