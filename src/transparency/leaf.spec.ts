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
      Buffer.from('00000006', 'hex'),
      Buffer.from('case-1'),
      Buffer.from('00000008', 'hex'),
      Buffer.from('0000000000000002', 'hex'),
      Buffer.from('00000024', 'hex'),
      Buffer.from('00000000-0000-4000-8000-000000000001'),
      Buffer.from('00000004', 'hex'),
      Buffer.from('d09ed0ba', 'hex'), // "Ок" in UTF-8: bytes, not characters
      Buffer.from('00000004', 'hex'),
      Buffer.from('00000001', 'hex'),
      Buffer.from('00000008', 'hex'),
      Buffer.from('{"a": 1}'),
      Buffer.from('00000002', 'hex'),
      Buffer.from('{}'),
      Buffer.from('00000002', 'hex'),
      Buffer.from('ab'),
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

/** The layout written out field by field with Buffer.concat: the reference the fast encoder must match byte for byte. */
function referenceLeaf(event: LeafSource): Buffer {
  const u32 = (n: number): Buffer => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  const text = (value: string): Buffer[] => [u32(Buffer.byteLength(value, 'utf8')), Buffer.from(value, 'utf8')];
  const revision = Buffer.alloc(8);
  revision.writeBigUInt64BE(BigInt(event.revision));
  return Buffer.concat([
    Buffer.from([LEAF_FORMAT_VERSION]),
    ...text(event.streamId),
    u32(8),
    revision,
    ...text(event.id),
    ...text(event.type),
    u32(4),
    u32(event.schemaVersion),
    ...text(event.rawData),
    ...text(event.rawMetadata),
    ...text(event.hash),
  ]);
}

describe('encodeLeaf on tricky text', () => {
  const TRICKY: LeafSource[] = [
    { ...EVENT, rawData: '{"ru":"Заявление о приёме","kz":"Өтініш қабылданды: ӘҒҚҢӨҰҮҺІ әғқңөұүһі"}' },
    { ...EVENT, streamId: 'case-Қазақстан-😀', type: 'ӨтінішҚабылданды', rawMetadata: '{"emoji":"👩‍🎓🇰🇿","e":"\\u00e9\\ud83d\\ude00"}' },
    { ...EVENT, rawData: '{"esc":"\\"\\\\\\/\\b\\f\\n\\r\\t\\u0000"}', rawMetadata: '{ "spaced" :\t[ 1 ] }' },
    { ...EVENT, rawData: '"lone \ud800 surrogate"', rawMetadata: '"lone \udfff too"' },
    { ...EVENT, rawData: '', rawMetadata: '', hash: '', type: '' },
    { ...EVENT, revision: Number.MAX_SAFE_INTEGER, schemaVersion: 2 ** 32 - 1 },
    // Larger than the encoder's first scratch buffer (64 KiB): it grows.
    { ...EVENT, rawData: JSON.stringify({ blob: 'Ә€😀'.repeat(30_000) }) },
    { ...EVENT, rawData: '{"after":"the big one"}' },
  ];

  it.each(TRICKY.map((event, i) => [i, event] as const))('matches the field-by-field layout byte for byte (#%i)', (_i, event) => {
    const expected = referenceLeaf(event);
    expect(encodeLeaf(event).equals(expected)).toBe(true);
    expect(eventLeafHash(event).equals(leafHash(expected))).toBe(true);
  });

  it('gives each caller its own bytes: a later encoding does not change an earlier one', () => {
    const first = encodeLeaf(TRICKY[0]);
    const copy = Buffer.from(first);
    encodeLeaf(TRICKY[6]);
    eventLeafHash(TRICKY[1]);
    expect(first.equals(copy)).toBe(true);
  });
});
