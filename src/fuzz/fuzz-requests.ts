import fc from 'fast-check';
import { Principal } from '../auth/principal';
import { authorizationFor, tokenKind } from './fuzz-tokens';
import { HOSTILE_KEYS, hostileJson, hostileRawBody, hostileString } from './hostile-values';
import { copyJson, defineKey, Json, pathsOf, withAt } from './json';
import { FuzzParameter, FuzzRoute } from './openapi-routes';
import { percentEncode } from './percent-encoding';
import { rawRequest } from './raw-requests';

/** What the generators know of the service under test. */
export interface FuzzContext {
  routes: FuzzRoute[];
  /** Valid values of a path or query parameter by name (case ids, appeal ids, regions, dates…). */
  known: Record<string, string[]>;
  /** Whom valid tokens speak for: staff of the cases' offices and outsiders. */
  principals: Principal[];
  secret: string;
  /** The instant tokens are issued at, in seconds (the verifier's clock). */
  nowSeconds: number;
}

export interface FuzzRequest {
  /** The route it was generated from, e.g. "POST /cases/{id}/visa", or "RAW". */
  route: string;
  method: string;
  /** Path and query, percent-encoded. */
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** A whole HTTP/1.1 request written to a socket as is (bytes Node's client refuses to send). */
  raw?: string;
}

/** Typical valid values of query parameters the OpenAPI document gives neither an enum nor an example for. */
export const DEFAULT_KNOWN: Record<string, string[]> = {
  region: ['kostanay-oblast', 'astana', 'almaty-oblast', 'west-kazakhstan-oblast'],
  service: ['secondary-education-duplicates', 'school-admission', 'externat-permission'],
  channel: ['state-corporation', 'provider-office', 'portal'],
  version: ['1', '2', '3'],
  year: ['2019', '2020', '2026'],
  file: ['000_11a4cf1126f14b70.txt'],
  date: ['2019-03-01', '2019-03-04'],
  start: ['2019-03-04T04:00:00Z'],
  at: ['2019-03-04T05:00:00Z'],
  from: ['2019-01-01'],
  to: ['2019-12-31'],
  value: ['5', '15'],
  unit: ['working-days', 'hours'],
  position: ['0', '1'],
  revision: ['0', '1'],
  fromRevision: ['0'],
  limit: ['10'],
  page: ['1', '2'],
  pageSize: ['10', '100'],
  organisation: ['school-7', 'sc-kostanay'],
};

const HOSTILE_SEGMENTS = ['..', '.', '%', '%zz', '%00', '%ED%A0%80', '%FF', '%2F', 'a%2Fb', ';', '*', '-1', '0', '1e3'];
const OTHER_METHODS = ['PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'POST', 'GET'];

function knownValues(context: FuzzContext, parameter: FuzzParameter): string[] {
  const values = [...parameter.enum, ...(context.known[parameter.name] ?? []), ...(DEFAULT_KNOWN[parameter.name] ?? [])];
  if (typeof parameter.example === 'string' || typeof parameter.example === 'number') values.push(String(parameter.example));
  return values.length > 0 ? values : ['x'];
}

/** A path segment or query value: mostly valid, else hostile text percent-encoded, else a hostile encoding. */
function parameterValue(context: FuzzContext, parameter: FuzzParameter): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...knownValues(context, parameter)).map(percentEncode) },
    { weight: 2, arbitrary: hostileString.map((s) => percentEncode(s.slice(0, 1500))) },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_SEGMENTS) },
  );
}

function pathOf(context: FuzzContext, route: FuzzRoute): fc.Arbitrary<string> {
  const names = [...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  const parameterFor = (name: string) =>
    route.parameters.find((p) => p.in === 'path' && p.name === name) ?? { name, in: 'path' as const, enum: [] };
  return fc.tuple(...names.map((name) => parameterValue(context, parameterFor(name)))).map((values) => {
    let path = route.path;
    names.forEach((name, i) => (path = path.replace(`{${name}}`, values[i])));
    return path;
  });
}

function queryOf(context: FuzzContext, route: FuzzRoute): fc.Arbitrary<string> {
  const own = route.parameters.filter((p) => p.in === 'query');
  const pairs = own.map((parameter) =>
    fc.option(
      fc.oneof(
        { weight: 6, arbitrary: parameterValue(context, parameter).map((v) => [`${parameter.name}=${v}`]) },
        // A repeated parameter arrives as an array, not a string.
        {
          weight: 1,
          arbitrary: fc
            .tuple(parameterValue(context, parameter), parameterValue(context, parameter))
            .map(([a, b]) => [`${parameter.name}=${a}`, `${parameter.name}=${b}`]),
        },
        { weight: 1, arbitrary: fc.constant([`${parameter.name}[a]=1`]) },
        { weight: 1, arbitrary: fc.constant([`${parameter.name}`]) },
      ),
      { freq: 2 },
    ),
  );
  const extra = fc.option(
    fc
      .tuple(fc.constantFrom(...HOSTILE_KEYS, 'x', '__proto__[polluted]', 'a[b][c]'), hostileString)
      .map(([k, v]) => [`${percentEncode(k)}=${percentEncode(v)}`]),
    { freq: 6 },
  );
  return fc.tuple(fc.tuple(...pairs), extra).map(([chosen, more]) => {
    const parts = [...chosen.flatMap((p) => p ?? []), ...(more ?? [])];
    return parts.length > 0 ? `?${parts.join('&')}` : '';
  });
}

const isObject = (value: Json): value is { [key: string]: Json } => value !== null && typeof value === 'object' && !Array.isArray(value);

function valueAt(value: Json, path: Array<string | number>): Json {
  let at: Json = value;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return null;
    at = (Array.isArray(at) ? at[Number(key)] : at[String(key)]) ?? null;
  }
  return at;
}

/** Valid bodies, mutated: a field dropped, replaced with a hostile value or a wrong type, an extra key (`__proto__` too). */
function mutatedBody(valid: Json): fc.Arbitrary<Json> {
  const paths = pathsOf(valid);
  const objectPaths: Array<Array<string | number>> = [[], ...paths.filter((path) => isObject(valueAt(valid, path)))];
  const stringPaths = paths.filter((path) => typeof valueAt(valid, path) === 'string');
  const mutations: Array<fc.WeightedArbitrary<Json>> = [
    { weight: 2, arbitrary: fc.constant(copyJson(valid)) },
    { weight: 1, arbitrary: hostileJson },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.constantFrom(...objectPaths), fc.constantFrom(...HOSTILE_KEYS), hostileJson).map(([path, key, value]) => {
        const copy = copyJson(valid);
        const target = valueAt(copy, path);
        if (isObject(target)) defineKey(target, key, value);
        return copy;
      }),
    },
  ];
  if (paths.length > 0) {
    mutations.push({ weight: 2, arbitrary: fc.constantFrom(...paths).map((path) => withAt(valid, path, undefined)) });
    mutations.push({
      weight: 2,
      arbitrary: fc.tuple(fc.constantFrom(...paths), hostileJson).map(([path, value]) => withAt(valid, path, value)),
    });
  }
  // Hostile text where text is expected: what reaches the event store and the projections.
  if (stringPaths.length > 0)
    mutations.push({
      weight: 4,
      arbitrary: fc.tuple(fc.constantFrom(...stringPaths), hostileString).map(([path, value]) => withAt(valid, path, value)),
    });
  return fc.oneof(...mutations);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The example with every UUID (a client-chosen case or appeal id) fresh, so valid bodies do not all collide on one id. */
function withFreshIds(valid: Json): fc.Arbitrary<Json> {
  const paths = pathsOf(valid).filter((path) => {
    const value = valueAt(valid, path);
    return typeof value === 'string' && UUID.test(value);
  });
  if (paths.length === 0) return fc.constant(valid);
  return fc
    .array(fc.uuid({ version: 4 }), { minLength: paths.length, maxLength: paths.length })
    .map((ids) => paths.reduce((body, path, i) => withAt(body, path, ids[i]), valid));
}

function bodyOf(route: FuzzRoute): fc.Arbitrary<{ contentType: string | undefined; text: string } | undefined> {
  const valid = route.body;
  if (valid === undefined) {
    return fc.oneof(
      { weight: 8, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: hostileRawBody },
      { weight: 1, arbitrary: hostileJson.map((v) => ({ contentType: 'application/json', text: JSON.stringify(v) })) },
    );
  }
  const asJson = (value: Json) => ({ contentType: 'application/json', text: JSON.stringify(value) });
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .constantFrom(valid, route.fullBody ?? valid)
        .chain(withFreshIds)
        .map(asJson),
    },
    {
      weight: 7,
      arbitrary: fc
        .constantFrom(valid, route.fullBody ?? valid)
        .chain(withFreshIds)
        .chain(mutatedBody)
        .map(asJson),
    },
    { weight: 2, arbitrary: hostileRawBody },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

const headerText = hostileString.map((s) => s.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?').slice(0, 300));

function headersOf(context: FuzzContext, route: FuzzRoute): fc.Arbitrary<Record<string, string>> {
  return fc
    .record({
      kind: tokenKind,
      // The first principal is the one most requests speak for (the one who can receive applications).
      principal: fc.oneof(
        { weight: 1, arbitrary: fc.constant(context.principals[0]) },
        { weight: 2, arbitrary: fc.constantFrom(...context.principals) },
      ),
      ifMatch: fc.option(fc.oneof(fc.constantFrom('"0"', '"1"', '"2"', 'W/"0"', '*', '"-1"', '"99999999999999999999"'), headerText), {
        freq: 3,
      }),
      idempotencyKey: fc.option(fc.oneof(fc.uuid(), headerText, fc.constant('k'.repeat(300))), { freq: 3 }),
      correlationId: fc.option(headerText, { freq: 4 }),
      accept: fc.option(fc.constantFrom('text/html', 'text/csv', '*/*', 'application/xml', 'application/json;q=0'), { freq: 5 }),
    })
    .map(({ kind, principal, ifMatch, idempotencyKey, correlationId, accept }) => {
      const headers: Record<string, string> = {};
      const authorization = authorizationFor(kind, principal, context.secret, context.nowSeconds);
      if (authorization !== undefined) headers.authorization = authorization;
      if (ifMatch !== null && route.method === 'POST') headers['if-match'] = ifMatch;
      if (idempotencyKey !== null) headers['idempotency-key'] = idempotencyKey;
      if (correlationId !== null) headers['x-correlation-id'] = correlationId;
      if (accept !== null) headers.accept = accept;
      return headers;
    });
}

function routeRequest(context: FuzzContext, route: FuzzRoute): fc.Arbitrary<FuzzRequest> {
  const method = fc.oneof(
    { weight: 19, arbitrary: fc.constant(route.method) },
    { weight: 1, arbitrary: fc.constantFrom(...OTHER_METHODS) },
  );
  return fc
    .record({
      method,
      path: pathOf(context, route),
      query: queryOf(context, route),
      headers: headersOf(context, route),
      body: bodyOf(route),
    })
    .map(({ method, path, query, headers, body }) => ({
      route: `${route.method} ${route.path}`,
      method,
      path: `${path}${query}`,
      headers: body?.contentType ? { ...headers, 'content-type': body.contentType } : headers,
      ...(body === undefined || method === 'GET' || method === 'HEAD' ? {} : { body: body.text }),
    }));
}

/** One generated request: to any route of the document (a few as raw bytes). */
export function fuzzRequest(context: FuzzContext): fc.Arbitrary<FuzzRequest> {
  if (context.routes.length === 0) throw new Error('no routes to fuzz');
  return fc.oneof(
    // Commands weigh triple: they reach the domain, the event store and every projection.
    ...context.routes.map((route) => ({ weight: route.method === 'POST' ? 3 : 1, arbitrary: routeRequest(context, route) })),
    { weight: 1, arbitrary: rawRequest(context) },
  );
}

/** `count` requests, the same ones for the same seed: one to each route first (as far as `count` goes), then any. */
export function sampleRequests(context: FuzzContext, count: number, seed: number): FuzzRequest[] {
  const routes = context.routes.slice(0, count);
  const eachRoute =
    routes.length === 0 ? [] : fc.sample(fc.tuple(...routes.map((route) => routeRequest(context, route))), { seed, numRuns: 1 })[0];
  return [...eachRoute, ...(count > routes.length ? fc.sample(fuzzRequest(context), { seed, numRuns: count - routes.length }) : [])];
}
