import fc from 'fast-check';
import { defineKey, Json } from './json';

/** Strings that have broken, or could break, a parser, a validator, a database or a log. */
export const HOSTILE_STRINGS = [
  '',
  ' ',
  '   \t ',
  '\u0000',
  'Ив\u0000ан',
  'u-\u0000exec',
  '\ud800x',
  'x\udfff',
  '\udc00\ud800',
  '\u202eRTL\u202c',
  '\ufeffBOM',
  'Z\u0301\u0302\u0303',
  '𝕏😀👨‍👩‍👧',
  'null',
  'undefined',
  'true',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '../../../../etc/passwd',
  '..%2f..%2fetc%2fpasswd',
  '%00',
  '%',
  "' OR 1=1 --",
  '"; DROP TABLE es_events; --',
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '{{7*7}}',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '1e309',
  '9007199254740993',
  '0x10',
  '2019-02-30',
  '2019-03-04',
  '2999-01-01',
  '0000-01-01T00:00:00Z',
  '2019-03-04T04:00:00Z',
  '2019-03-04T25:61:61Z',
  '+275760-09-13T00:00:00.000Z',
  '900101300017',
  '000000000000',
  '5f0c7a1e-2b1c-4c1e-9d3a-0b6c2f1e9a11',
  '00000000-0000-0000-0000-000000000000',
  'kostanay-oblast',
  'school-7',
  '\r\nX-Injected: 1',
];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => `a${String.fromCharCode(code)}b`);
const controlChars = fc
  .array(fc.integer({ min: 0, max: 0x1f }), { minLength: 1, maxLength: 4 })
  .map((codes) => String.fromCharCode(...codes));
const huge = fc.integer({ min: 1_000, max: 12_000 }).map((n) => 'ж'.repeat(n));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 2, arbitrary: loneSurrogate },
  { weight: 1, arbitrary: controlChars },
  { weight: 1, arbitrary: huge },
);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -0, -1, 1, 0.5, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e308, Number.MIN_VALUE),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

export const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  '',
  ' ',
  'caseId',
  'actor',
  'principal',
  'role',
  'organisation',
  '$where',
  'a.b',
  '\u0000',
  'toString',
];

/** Any JSON value, with hostile leaves and keys, a few levels deep. */
export const hostileJson: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 4, arbitrary: hostileString },
    { weight: 2, arbitrary: hostileNumber },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 4 }) },
    {
      weight: 1,
      arbitrary: fc
        .array(fc.tuple(fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 8 })), tie('value')), { maxLength: 4 })
        .map((entries) => {
          const object: { [key: string]: Json } = {};
          for (const [key, value] of entries) defineKey(object, key, value);
          return object;
        }),
    },
  ),
})).value;

/** A JSON text nested `depth` levels deep: class-transformer once overflowed its stack on 5,000. */
export const deepJsonText = (depth: number, kind: 'object' | 'array'): string =>
  kind === 'object' ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}` : `${'['.repeat(depth)}1${']'.repeat(depth)}`;

/** Bodies that are not the JSON a route expects, as text with the content type they are sent with. */
export const hostileRawBody: fc.Arbitrary<{ contentType: string | undefined; text: string }> = fc.oneof(
  fc.constantFrom(
    { contentType: 'application/json', text: '' },
    { contentType: 'application/json', text: '{' },
    { contentType: 'application/json', text: '{"a":1,}' },
    { contentType: 'application/json', text: 'null' },
    { contentType: 'application/json', text: '"text"' },
    { contentType: 'application/json', text: '12' },
    { contentType: 'application/json', text: '{"__proto__":{"polluted":true}}' },
    { contentType: 'application/json', text: '{"constructor":{"prototype":{"polluted":true}}}' },
    { contentType: 'application/json', text: '{"a":"\\u0000"}' },
    { contentType: 'application/json', text: '{"a":"\\ud800"}' },
    { contentType: 'application/json', text: '\u0000' },
    { contentType: 'application/json; charset=utf-16', text: '{}' },
    { contentType: 'application/json; charset=koi8-r', text: '{}' },
    { contentType: 'text/plain', text: 'hello' },
    { contentType: 'application/x-www-form-urlencoded', text: 'a[b][c]=1&__proto__[x]=1&a=2' },
    { contentType: 'multipart/form-data; boundary=x', text: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--' },
    { contentType: 'application/xml', text: '<a/>' },
    { contentType: undefined, text: '{"a":1}' },
  ),
  fc
    .record({ depth: fc.integer({ min: 20, max: 6_000 }), kind: fc.constantFrom<'object' | 'array'>('object', 'array') })
    .map(({ depth, kind }) => ({
      contentType: 'application/json',
      text: deepJsonText(depth, kind),
    })),
  fc
    .integer({ min: 90_000, max: 300_000 })
    .map((size) => ({ contentType: 'application/json', text: JSON.stringify({ padding: 'x'.repeat(size) }) })),
);
