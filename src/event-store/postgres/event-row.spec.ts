import { RecordedEvent } from '../event-store.port';
import { EventRow, sortByPosition, toRecordedEvent } from './event-row';

/** Data and metadata texts as PostgreSQL's json column returns them (verbatim, whatever the client sent). */
const ODD_TEXTS: Array<[string, string]> = [
  ['null', '{}'],
  ['{"a":null,"b":[null,{}],"c":""}', '{"actor":null}'],
  ['{ "spaced" : [ 1 , 2 ] ,\n "tab":\t"x" }', '{"correlationId":"c"}'],
  ['{"big":12345678901234567890,"tiny":1e-320,"neg":-0,"exp":1E+3}', '{}'],
  ['{"esc":"\\"\\\\\\/\\b\\f\\n\\r\\t\\u0001\\u00e9\\ud83d\\ude00"}', '{"x":"\\u0000ok"}'],
  ['{"kz":"Қазақстан Республикасы ӘҒҚҢӨҰҮҺІ әғқңөұүһі","ru":"Жалоба","emoji":"👩‍🎓🇰🇿"}', '{"actor":{"id":"officer-1","role":"officer"}}'],
  ['{"dup":1,"dup":2}', '{}'],
  ['"just a string"', '{}'],
  ['[1,[2,[3,[4]]]]', '{}'],
  [JSON.stringify({ blob: 'я'.repeat(300_000), list: Array.from({ length: 5000 }, (_, i) => ({ i })) }), '{}'],
];

const row = (rawData: string, rawMetadata: string, position: number): EventRow => ({
  event_id: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
  type: 'OddThing',
  schema_version: 3,
  stream_id: 'case-1',
  revision: String(position),
  position: String(position),
  recorded_ms: '1733300000456',
  raw_data: rawData,
  raw_metadata: rawMetadata,
  prev_hash: 'p'.repeat(64),
  hash: 'h'.repeat(64),
});

/** What toRecordedEvent returned before parsing became lazy: a plain object, both texts parsed at once. */
const eager = (r: EventRow): RecordedEvent => ({
  id: r.event_id,
  type: r.type,
  schemaVersion: r.schema_version,
  streamId: r.stream_id,
  revision: Number(r.revision),
  position: BigInt(r.position),
  recordedAt: new Date(Number(r.recorded_ms)),
  data: JSON.parse(r.raw_data),
  metadata: JSON.parse(r.raw_metadata),
  prevHash: r.prev_hash,
  hash: r.hash,
  rawData: r.raw_data,
  rawMetadata: r.raw_metadata,
});

const withBigInts = (_key: string, value: unknown): unknown => (typeof value === 'bigint' ? `${value}n` : value);

describe('toRecordedEvent', () => {
  const rows = ODD_TEXTS.map(([data, metadata], i) => row(data, metadata, i + 1));

  it.each(rows.map((r, i) => [i, r] as const))('gives a handler what eager parsing gave (odd JSON #%i)', (_i, r) => {
    const event = toRecordedEvent(r);
    const before = eager(r);
    expect(Object.keys(event)).toEqual(Object.keys(before));
    expect(JSON.stringify(event, withBigInts)).toBe(JSON.stringify(before, withBigInts));
    expect(event).toEqual(before);
    expect({ ...event }).toEqual(before);
    expect(structuredClone(event)).toEqual(before);
    expect(Object.entries(event)).toEqual(Object.entries(before));
    expect(event.data).toEqual(JSON.parse(r.raw_data));
    expect(event.metadata).toEqual(JSON.parse(r.raw_metadata));
  });

  it('parses once: the same objects on every read, so a handler may change them', () => {
    const event = toRecordedEvent(row('{"list":[1]}', '{"actor":{"id":"a","role":"r"}}', 1));
    const data = event.data as { list: number[] };
    data.list.push(2);
    expect(event.data).toBe(data);
    expect(event.data).toEqual({ list: [1, 2] });
    event.metadata.correlationId = 'changed';
    expect(event.metadata).toEqual({ actor: { id: 'a', role: 'r' }, correlationId: 'changed' });
  });

  it('lets a handler replace data and metadata, like any property', () => {
    const event = toRecordedEvent(row('{"a":1}', '{}', 1));
    event.data = { replaced: true };
    event.metadata = { commandId: 'x' };
    expect(event.data).toEqual({ replaced: true });
    expect(event.metadata).toEqual({ commandId: 'x' });
    expect(JSON.parse(JSON.stringify(event, withBigInts))).toMatchObject({ data: { replaced: true }, metadata: { commandId: 'x' } });
  });

  it('keeps each event to its own text (no state shared between events)', () => {
    const [a, b] = [toRecordedEvent(row('{"n":1}', '{"m":1}', 1)), toRecordedEvent(row('{"n":2}', '{"m":2}', 2))];
    expect([b.data, a.data, b.metadata, a.metadata]).toEqual([{ n: 2 }, { n: 1 }, { m: 2 }, { m: 1 }]);
  });
});

describe('sortByPosition', () => {
  const at = (position: number): RecordedEvent => toRecordedEvent(row('{}', '{}', position));

  it('leaves a page in position order as it is', () => {
    const page = [at(1), at(5), at(9)];
    expect(sortByPosition(page)).toBe(page);
    expect(page.map((e) => e.position)).toEqual([1n, 5n, 9n]);
  });

  it('puts a page a plan returned out of order back in position order', () => {
    expect(sortByPosition([at(5), at(1), at(9), at(2)]).map((e) => e.position)).toEqual([1n, 2n, 5n, 9n]);
  });
});
