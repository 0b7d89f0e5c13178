import { randomUUID } from 'node:crypto';
import { InvalidAppendError, NewEvent } from '../event-store.port';
import { MAX_EVENTS_PER_APPEND, toAppendParameters } from './validate-append';

const event = (overrides: Partial<NewEvent> = {}): NewEvent => ({
  id: randomUUID(),
  type: 'ApplicationSubmitted',
  schemaVersion: 1,
  data: { a: 1 },
  metadata: { correlationId: 'c-1' },
  ...overrides,
});

describe('toAppendParameters', () => {
  it('serialises an append into the parallel arrays es_append takes', () => {
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
  });

  it.each([
    ['an empty stream id', '', [event()]],
    ['a stream id with a newline', 'a\nb', [event()]],
    ['no events', 's', []],
    ['a non-UUID id', 's', [event({ id: 'abc' })]],
    ['an empty type', 's', [event({ type: '' })]],
    ['a type with a control character', 's', [event({ type: 'A\u0000' })]],
    ['schema version 0', 's', [event({ schemaVersion: 0 })]],
    ['a fractional schema version', 's', [event({ schemaVersion: 1.5 })]],
    ['undefined data', 's', [event({ data: undefined })]],
    ['data with a BigInt', 's', [event({ data: { n: 1n } })]],
    ['metadata that is not an object', 's', [event({ metadata: null as never })]],
  ])('rejects %s', (_what, streamId, events) => {
    expect(() => toAppendParameters(streamId, events, 'any')).toThrow(InvalidAppendError);
  });

  it('rejects the same id twice in one append, whatever its case', () => {
    const first = event();
    expect(() => toAppendParameters('s', [first, event({ id: first.id.toUpperCase() })], 'any')).toThrow(/appears twice/);
  });

  it('rejects circular data', () => {
    const data: Record<string, unknown> = {};
    data.self = data;
    expect(() => toAppendParameters('s', [event({ data })], 'any')).toThrow(InvalidAppendError);
  });

  it.each([-1, 1.5, Number.NaN, 'some' as never])('rejects expected revision %p', (expected) => {
    expect(() => toAppendParameters('s', [event()], expected)).toThrow(InvalidAppendError);
  });

  it('rejects more events than a position can index', () => {
    const events = new Array<NewEvent>(MAX_EVENTS_PER_APPEND + 1).fill(event());
    expect(() => toAppendParameters('s', events, 'any')).toThrow(/at most 1048575/);
  });
});
