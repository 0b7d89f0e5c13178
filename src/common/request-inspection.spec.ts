import { inspectRequestValue } from './request-inspection';
import { isStorableText } from './storable-text';

describe('storable text', () => {
  it.each([
    ['plain Cyrillic and Kazakh', 'Әсел Нұрланқызы', true],
    ['a valid surrogate pair (emoji)', 'ok 😀', true],
    ['an empty string', '', true],
    ['a NUL', 'Ив\u0000ан', false],
    ['a lone high surrogate', '\ud800x', false],
    ['a lone low surrogate', 'x\udc00', false],
    ['a high surrogate at the end', 'x\ud83d', false],
    ['two high surrogates', '\ud83d\ud83d', false],
  ])('%s → %p', (_what, text, storable) => {
    expect(isStorableText(text)).toBe(storable);
  });
});

describe('inspectRequestValue', () => {
  it('passes ordinary JSON, null and scalars', () => {
    expect(inspectRequestValue({ a: [1, 'два', { c: null, d: true }], ключ: '😀' }, 'body')).toBeUndefined();
    expect(inspectRequestValue(undefined, 'body')).toBeUndefined();
    expect(inspectRequestValue('x', 'body')).toBeUndefined();
  });

  it('names where unstorable text is, in a value or a key, without echoing it', () => {
    expect(inspectRequestValue({ applicant: { name: 'Ив\u0000ан' } }, 'body')).toEqual({
      code: 'text-not-storable',
      path: 'body.applicant.name',
    });
    expect(inspectRequestValue({ documents: ['a', 'b\ud800'] }, 'body')).toEqual({ code: 'text-not-storable', path: 'body.documents[1]' });
    expect(inspectRequestValue({ a: { 'k\u0000': 1 } }, 'body')).toEqual({ code: 'text-not-storable', path: 'body.a.k\ufffd' });
    expect(inspectRequestValue(['Host', 'x', 'X-Name', 'a\u0000'], 'headers')).toEqual({ code: 'text-not-storable', path: 'headers[3]' });
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses the key %s at any depth', (key) => {
    expect(inspectRequestValue(JSON.parse(`{"${key}":{}}`), 'body')).toEqual({ code: 'forbidden-key', path: `body.${key}` });
    expect(inspectRequestValue(JSON.parse(`{"a":[{"${key}":1}]}`), 'body')).toEqual({ code: 'forbidden-key', path: `body.a[0].${key}` });
  });

  it('allows nesting up to the limit and refuses one level more, without recursion', () => {
    const nest = (levels: number): unknown => JSON.parse(`${'['.repeat(levels)}${']'.repeat(levels)}`);
    expect(inspectRequestValue(nest(32), 'body', 32)).toBeUndefined();
    expect(inspectRequestValue(nest(33), 'body', 32)).toMatchObject({ code: 'body-too-deep', maxDepth: 32 });
    expect(inspectRequestValue(nest(100_000), 'body', 32)).toMatchObject({ code: 'body-too-deep' });
  });

  it('keeps a long path short', () => {
    const finding = inspectRequestValue({ ['k'.repeat(500)]: '\u0000' }, 'body');
    expect(finding?.path.length).toBeLessThanOrEqual(201);
  });
});
