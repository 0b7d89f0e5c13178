import type { JSONEventData, ResolvedEvent } from '@eventstore/db-client';
import { EventStoreUnavailableError, type NewEvent } from '../event-store.port';
import { chainHash, verifyChain } from '../hash-chain';
import { ADAPTER_METADATA_KEY } from '../append-validation';
import { EMPTY_TAIL, decodeResolvedEvent, encodeEvents, splitMetadata } from './event-encoding';

/** What the client does to an event on the way in (JSON.stringify, UTF-8 bytes) and out (UTF-8 text, JSON.parse). */
function throughTheWire(event: JSONEventData, revision: number, commit: bigint): ResolvedEvent {
  const bytes = (value: unknown) => Buffer.from(Buffer.from(JSON.stringify(value), 'utf8')).toString('utf8');
  const dataText = bytes(event.data);
  const metadataText = bytes(event.metadata);
  return {
    event: {
      streamId: 'case-1',
      id: event.id,
      isJson: true,
      revision: BigInt(revision),
      type: event.type,
      created: new Date('2024-03-01T10:00:00Z'),
      data: JSON.parse(dataText),
      metadata: JSON.parse(metadataText),
      position: { commit, prepare: commit },
    },
  };
}

const newEvent = (i: number, data: unknown, metadata: NewEvent['metadata'] = {}): NewEvent => ({
  id: `3f1c2b7e-8a4d-4c1e-9b2a-1d2e3f4a5b${String(i).padStart(2, '0')}`,
  type: i % 2 ? 'StepCompleted' : 'CaseOpened',
  schemaVersion: 2,
  data,
  metadata,
});

describe('event encoding', () => {
  const tricky = {
    title: 'Выдача дубликатов документов об основном среднем образовании — «Кеңсе»',
    emoji: '🎓',
    lone: '\ud800x',
    control: '\u0000\u001f\n\t"\\',
    numbers: [0, -0, 1e21, 1.5e-7, 0.1 + 0.2, -123.456, Number.MAX_SAFE_INTEGER],
    nested: { z: 1, a: [null, true, false, {}], '10': 'ten', '2': 'two' },
    date: new Date('2024-02-29T23:59:59.999Z'),
    dropped: undefined,
  };
  const metadata = {
    actor: { id: 'u1', role: 'clerk', organisation: 'school-7' },
    correlationId: 'c-1',
    occurredAt: '2024-03-01T09:00:00+05:00',
    '1': 'integer-like key',
  };

  it('stores our fields under $kz and the caller metadata as given', () => {
    const [encoded] = encodeEvents('case-1', [newEvent(0, { a: 1 }, metadata)], EMPTY_TAIL);
    expect(encoded).toMatchObject({ id: newEvent(0, null).id, contentType: 'application/json', type: 'CaseOpened', data: { a: 1 } });
    const stored = encoded.metadata as Record<string, unknown>;
    expect(Object.keys(stored)).toEqual(['1', 'actor', 'correlationId', 'occurredAt', ADAPTER_METADATA_KEY]);
    expect(stored[ADAPTER_METADATA_KEY]).toEqual({
      schemaVersion: 2,
      prevHash: '',
      hash: chainHash({
        prevHash: '',
        streamId: 'case-1',
        revision: 0,
        type: 'CaseOpened',
        schemaVersion: 2,
        rawData: '{"a":1}',
        rawMetadata: JSON.stringify(metadata),
      }),
    });
  });

  it('chains hashes from the tail it was given', () => {
    const encoded = encodeEvents('case-1', [newEvent(0, 1), newEvent(1, 2)], { revision: 4, hash: 'h4' });
    const [first, second] = encoded.map((e) => (e.metadata as Record<string, { prevHash: string; hash: string }>)[ADAPTER_METADATA_KEY]);
    expect(first.prevHash).toBe('h4');
    expect(second.prevHash).toBe(first.hash);
    expect(first.hash).toBe(
      chainHash({ prevHash: 'h4', streamId: 'case-1', revision: 5, type: 'CaseOpened', schemaVersion: 2, rawData: '1', rawMetadata: '{}' }),
    );
  });

  it('round-trips through the client to the very texts that were hashed, so the chain verifies', () => {
    const inputs = [
      newEvent(0, tricky, metadata),
      newEvent(1, 'just a string'),
      newEvent(2, [1, 'two']),
      newEvent(3, null),
      newEvent(4, 42),
    ];
    const encoded = encodeEvents('case-1', inputs, EMPTY_TAIL);
    const recorded = encoded.map((e, i) => decodeResolvedEvent(throughTheWire(e, i, 1000n + BigInt(i)))!);
    recorded.forEach((event, i) => {
      expect(event.rawData).toBe(JSON.stringify(inputs[i].data));
      expect(event.rawMetadata).toBe(JSON.stringify(inputs[i].metadata));
      expect(event.metadata).toEqual(JSON.parse(JSON.stringify(inputs[i].metadata)));
      expect(event.schemaVersion).toBe(2);
      expect(event.revision).toBe(i);
      expect(event.position).toBe(1000n + BigInt(i));
    });
    expect(recorded[0].data).toEqual(JSON.parse(JSON.stringify(tricky)));
    expect(recorded[0].recordedAt).toEqual(new Date('2024-03-01T10:00:00Z'));
    expect(verifyChain(recorded)).toEqual({ ok: true, checked: inputs.length });
  });

  it('detects tampering with stored data', () => {
    const encoded = encodeEvents('case-1', [newEvent(0, { amount: 1 })], EMPTY_TAIL);
    const wire = throughTheWire(encoded[0], 0, 1000n);
    (wire.event!.data as { amount: number }).amount = 2;
    expect(verifyChain([decodeResolvedEvent(wire)!]).firstMismatch?.reason).toBe('hash-mismatch');
  });

  it('splits metadata without disturbing the caller key order', () => {
    const { user, envelope } = splitMetadata({ b: 1, [ADAPTER_METADATA_KEY]: { schemaVersion: 3, prevHash: 'p', hash: 'h' }, a: 2 });
    expect(Object.keys(user)).toEqual(['b', 'a']);
    expect(envelope).toEqual({ schemaVersion: 3, prevHash: 'p', hash: 'h' });
    expect(splitMetadata(undefined)).toEqual({ user: {} });
    expect(splitMetadata(new Uint8Array([1]))).toEqual({ user: {} });
    expect(splitMetadata({ [ADAPTER_METADATA_KEY]: { schemaVersion: 'x' } }).envelope).toBeUndefined();
  });

  it('maps events written without the adapter so that verification flags them', () => {
    const foreign = {
      event: {
        streamId: 'case-9',
        id: 'e1',
        isJson: false,
        revision: 0n,
        type: 'Legacy',
        created: new Date(0),
        data: Buffer.from('raw bytes'),
        metadata: undefined,
      },
      commitPosition: 77n,
    } as unknown as ResolvedEvent;
    const event = decodeResolvedEvent(foreign)!;
    expect(event).toMatchObject({
      schemaVersion: 1,
      prevHash: '',
      hash: '',
      data: 'raw bytes',
      rawData: 'raw bytes',
      metadata: {},
      position: 77n,
    });
    expect(verifyChain([event]).ok).toBe(false);
  });

  it('skips links without a target and refuses events without a position', () => {
    expect(decodeResolvedEvent({})).toBeUndefined();
    const [encoded] = encodeEvents('case-1', [newEvent(0, {})], EMPTY_TAIL);
    const wire = throughTheWire(encoded, 0, 1n);
    delete (wire.event as { position?: unknown }).position;
    expect(() => decodeResolvedEvent(wire)).toThrow(EventStoreUnavailableError);
  });
});
