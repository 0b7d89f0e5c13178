import { randomUUID } from 'node:crypto';
import { ExpectedRevision, InvalidAppendError, NewEvent, UnstorableTextError } from './event-store.port';
import { MAX_EVENTS_PER_APPEND, toAppendParameters } from './append-validation';

const event = (overrides: Partial<NewEvent> = {}): NewEvent => ({
  id: randomUUID(),
  type: 'ApplicationSubmitted',
  schemaVersion: 1,
  data: { a: 1 },
  metadata: { correlationId: 'c-1' },
  ...overrides,
});

const rejects = (streamId: string, events: NewEvent[], pattern: RegExp, expected: ExpectedRevision = 'any'): void => {
  expect(() => toAppendParameters(streamId, events, expected)).toThrow(InvalidAppendError);
  expect(() => toAppendParameters(streamId, events, expected)).toThrow(pattern);
};

describe('append validation (both adapters)', () => {
  it('serialises an append into parallel arrays, ids in lower case', () => {
    const id = randomUUID().toUpperCase();
    const params = toAppendParameters('case-1', [event({ id, data: { b: 'Қ' }, schemaVersion: 2 })], 3);
    expect(params).toEqual({
      expected: '3',
      ids: [id.toLowerCase()],
      types: ['ApplicationSubmitted'],
      versions: [2],
      data: ['{"b":"Қ"}'],
      metadata: ['{"correlationId":"c-1"}'],
    });
    expect(toAppendParameters('s', [event()], 'no-stream').expected).toBe('no-stream');
    expect(toAppendParameters('s', [event()], 0).expected).toBe('0');
  });

  it('rejects empty, long, control-character or reserved stream ids', () => {
    rejects('', [event()], /1 to 500 characters/);
    rejects('x'.repeat(501), [event()], /1 to 500 characters/);
    rejects('case\n1', [event()], /control characters/);
    rejects('$case-1', [event()], /reserved/);
  });

  it.each([-1, 1.5, Number.NaN, 'some' as never])('rejects expected revision %p', (expected) => {
    rejects('s', [event()], /expected revision/, expected);
  });

  it('rejects no events, more than a position can index, bad or repeated ids', () => {
    rejects('s', [], /at least one/);
    rejects('s', new Array<NewEvent>(MAX_EVENTS_PER_APPEND + 1).fill(event()), /at most 1048575/);
    rejects('s', [event({ id: 'abc' })], /UUID/);
    const first = event();
    rejects('s', [first, event({ id: first.id.toUpperCase() })], /appears twice/);
  });

  it('rejects empty, control-character or reserved types and bad schema versions', () => {
    rejects('s', [event({ type: '' })], /type/);
    rejects('s', [event({ type: 'A\u0000' })], /type/);
    rejects('s', [event({ type: '$metadata' })], /reserved/);
    rejects('s', [event({ schemaVersion: 0 })], /schemaVersion/);
    rejects('s', [event({ schemaVersion: 1.5 })], /schemaVersion/);
    rejects('s', [event({ schemaVersion: 2 ** 31 })], /schemaVersion/);
  });

  it('rejects data or metadata that is not JSON, metadata that is not an object, and the adapter metadata key', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    rejects('s', [event({ data: cyclic })], /data/);
    rejects('s', [event({ data: undefined })], /data/);
    rejects('s', [event({ data: { n: 1n } })], /data/);
    rejects('s', [event({ metadata: null as never })], /metadata/);
    rejects('s', [event({ metadata: [] as never })], /metadata/);
    rejects('s', [event({ metadata: { $kz: 1 } })], /reserved/);
  });

  describe('text PostgreSQL cannot store (#15)', () => {
    const unstorable = (events: NewEvent[], where: RegExp, streamId = 's') => {
      expect(() => toAppendParameters(streamId, events, 'any')).toThrow(UnstorableTextError);
      expect(() => toAppendParameters(streamId, events, 'any')).toThrow(where);
    };

    it.each([
      ['a NUL in a data value', { applicant: { name: 'Ив\u0000ан' } }],
      ['a lone high surrogate deep in data', { a: [{ b: ['\ud800x'] }] }],
      ['a lone low surrogate', { a: 'x\udfff' }],
      ['a NUL in a data key', { ['k\u0000']: 1 }],
      ['a lone surrogate in a key', { ['\udc00']: 1 }],
    ])('refuses %s', (_what, data) => {
      unstorable([event({ data })], /event 0: data/);
    });

    it('refuses it in metadata keys and values, in a later event of the append', () => {
      unstorable([event(), event({ metadata: { actor: { id: 'u-\u0000exec', role: 'executor' } } })], /event 1: metadata/);
      unstorable([event({ metadata: { ['\ud83d']: 'x' } })], /event 0: metadata/);
    });

    it('refuses it in the stream id and the type', () => {
      unstorable([event()], /stream id/, 'case-\ud800');
      unstorable([event({ type: 'Received\udc00' })], /type/);
    });

    it('keeps what only looks like it: escaped backslashes, valid pairs, other control characters', () => {
      const data = { text: 'C:\\u0000 and \\ud800', emoji: '😀 𝕏', tab: '\t\u0001', kk: 'Әсел' };
      const params = toAppendParameters('s', [event({ data })], 'any');
      expect(JSON.parse(params.data[0])).toEqual(data);
    });
  });
});
