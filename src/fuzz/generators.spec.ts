import { sampleRequests } from './fuzz-requests';
import { copyJson, defineKey, Json, withAt } from './json';
import { nestingDepth } from './known-failures';
import { exampleOf, routesFromOpenApi } from './openapi-routes';
import { percentEncode } from './percent-encoding';
import { FUZZ_PRINCIPALS } from './principals';

const doc = {
  paths: {
    '/cases': {
      post: {
        security: [{ bearer: [] }],
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Receive' } } } },
      },
    },
    '/cases/{id}': { get: { parameters: [{ name: 'id', in: 'path', schema: { type: 'string' } }] } },
    '/regulations': { get: { parameters: [{ name: 'region', in: 'query', schema: { type: 'string', enum: ['astana'] } }] } },
  },
  components: {
    schemas: {
      Receive: {
        type: 'object',
        required: ['channel', 'applicant'],
        properties: {
          channel: { type: 'string', enum: ['state-corporation', 'portal'] },
          applicant: { $ref: '#/components/schemas/Applicant' },
          representative: { description: 'optional', allOf: [{ $ref: '#/components/schemas/Applicant' }] },
        },
      },
      Applicant: {
        type: 'object',
        required: ['iin'],
        properties: { iin: { type: 'string', example: '900101300017' }, age: { type: 'number' } },
      },
    },
  },
};

describe('fuzz generators', () => {
  it('reads routes, parameters and example bodies from an OpenAPI document', () => {
    const routes = routesFromOpenApi(doc);
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /cases', 'GET /cases/{id}', 'GET /regulations']);
    expect(routes[0]).toMatchObject({ secured: true, body: { channel: 'state-corporation', applicant: { iin: '900101300017' } } });
    expect(routes[0].fullBody).toEqual({
      channel: 'state-corporation',
      applicant: { iin: '900101300017', age: 1 },
      representative: { iin: '900101300017', age: 1 },
    });
    expect(routes[2].parameters).toEqual([{ name: 'region', in: 'query', enum: ['astana'] }]);
    expect(exampleOf({ type: 'array', items: { type: 'boolean' } }, doc, false)).toEqual([true]);
    expect(() => routesFromOpenApi({})).toThrow('no paths');
  });

  it('keeps __proto__ as a key, not a prototype, through copies and edits', () => {
    const body: { [key: string]: Json } = {};
    defineKey(body, '__proto__', { polluted: true });
    expect(JSON.stringify(copyJson(body))).toBe('{"__proto__":{"polluted":true}}');
    expect(JSON.stringify(withAt({ a: { b: 1 } }, ['a', '__proto__'], 2))).toBe('{"a":{"b":1,"__proto__":2}}');
    expect(withAt({ a: [1, 2] }, ['a', 0], undefined)).toEqual({ a: [2] });
  });

  it('percent-encodes lone surrogates as their WTF-8 bytes, not a replacement character', () => {
    expect(percentEncode('a b/ж')).toBe('a%20b%2F%D0%B6');
    expect(percentEncode('\ud800x')).toBe('%ED%A0%80x');
    expect(percentEncode('😀')).toBe('%F0%9F%98%80');
  });

  it('measures nesting outside strings', () => {
    expect(nestingDepth('[[{"a":"[[[["}]]]')).toBe(3);
  });

  it('gives the same requests for the same seed, each route first', () => {
    const context = {
      routes: routesFromOpenApi(doc),
      known: { id: ['c-1'] },
      principals: FUZZ_PRINCIPALS,
      secret: 's'.repeat(32),
      nowSeconds: 1_700_000_000,
    };
    const first = sampleRequests(context, 20, 3);
    expect(first).toHaveLength(20);
    expect(first.slice(0, 3).map((r) => r.route)).toEqual(['POST /cases', 'GET /cases/{id}', 'GET /regulations']);
    expect(sampleRequests(context, 20, 3)).toEqual(first);
    expect(sampleRequests(context, 20, 4)).not.toEqual(first);
  });
});
