import { encodeLeaf, eventLeafHash, LEAF_FORMAT_VERSION, type LeafSource } from './leaf';
import { leafHash } from './merkle';

const EVENT: LeafSource = {
  streamId: 'case-1',
  revision: 2,
  id: '00000000-0000-4000-8000-000000000001',
  type: 'Ок',
  schemaVersion: 1,
  rawData: '{"a": 1}',
  rawMetadata: '{}',
  hash: 'ab',
};

describe('encodeLeaf', () => {
  it('lays out the version byte then each field with a big-endian u32 length prefix', () => {
    const expected = Buffer.concat([
      Buffer.from([LEAF_FORMAT_VERSION]),
      Buffer.from('00000006', 'hex'), Buffer.from('case-1'),
      Buffer.from('00000008', 'hex'), Buffer.from('0000000000000002', 'hex'),
      Buffer.from('00000024', 'hex'), Buffer.from('00000000-0000-4000-8000-000000000001'),
      Buffer.from('00000004', 'hex'), Buffer.from('d09ed0ba', 'hex'), // "Ок" in UTF-8: bytes, not characters
      Buffer.from('00000004', 'hex'), Buffer.from('00000001', 'hex'),
      Buffer.from('00000008', 'hex'), Buffer.from('{"a": 1}'),
      Buffer.from('00000002', 'hex'), Buffer.from('{}'),
      Buffer.from('00000002', 'hex'), Buffer.from('ab'),
    ]);
    expect(encodeLeaf(EVENT).toString('hex')).toBe(expected.toString('hex'));
    expect(encodeLeaf(EVENT)[0]).toBe(1);
    expect(eventLeafHash(EVENT).equals(leafHash(expected))).toBe(true);
  });

  it.each<[string, Partial<LeafSource>]>([
    ['stream id', { streamId: 'case-2' }],
    ['revision', { revision: 3 }],
    ['event id', { id: '00000000-0000-4000-8000-000000000002' }],
    ['type', { type: 'Ok' }],
    ['schema version', { schemaVersion: 2 }],
    ['data text, even a whitespace-only change', { rawData: '{"a":1}' }],
    ['metadata text', { rawMetadata: '{"x":1}' }],
    ['chain hash', { hash: 'ac' }],
  ])('commits to the %s', (_field, change) => {
    expect(encodeLeaf({ ...EVENT, ...change }).equals(encodeLeaf(EVENT))).toBe(false);
  });

  it('cannot be made ambiguous by moving bytes between neighbouring fields', () => {
    const a = encodeLeaf({ ...EVENT, rawData: '{"a":"x', rawMetadata: '"}' });
    const b = encodeLeaf({ ...EVENT, rawData: '{"a":"', rawMetadata: 'x"}' });
    expect(a.equals(b)).toBe(false);
  });

  it('refuses numbers it cannot encode exactly', () => {
    expect(() => encodeLeaf({ ...EVENT, revision: -1 })).toThrow(RangeError);
    expect(() => encodeLeaf({ ...EVENT, revision: 1.5 })).toThrow(RangeError);
    expect(() => encodeLeaf({ ...EVENT, schemaVersion: 2 ** 32 })).toThrow(RangeError);
  });
});
