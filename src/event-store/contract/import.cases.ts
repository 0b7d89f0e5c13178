import { randomUUID } from 'node:crypto';
import {
  ExpectedRevision,
  IdempotencyViolationError,
  ImportedEvent,
  InvalidAppendError,
  UnstorableTextError,
  WrongExpectedRevisionError,
} from '../event-store.port';
import { verifyChain } from '../hash-chain';
import { FixtureRef } from './contract-fixture';
import { expectStrictlyIncreasing, newEvent, newEvents, readAllEventually, token, uniqueStream } from './test-events';

/** `counts[i]` events for stream i, interleaved round-robin (as a history in time order would be). */
function interleaved(streams: string[], counts: number[], type: string): ImportedEvent[] {
  const events: ImportedEvent[] = [];
  for (let round = 0; round < Math.max(...counts); round++) {
    streams.forEach((streamId, s) => {
      if (round < counts[s]) events.push({ ...newEvent(type, { stream: s, round }), streamId });
    });
  }
  return events;
}

const expecting = (entries: Array<[string, ExpectedRevision]>): Map<string, ExpectedRevision> => new Map(entries);

export function describeImportCases(fixture: FixtureRef): void {
  const store = () => fixture().store;

  describe('bulk import', () => {
    it('imports interleaved streams: revisions per stream, positions in the given order, a valid hash chain', async () => {
      const type = `Imported${token()}`;
      const streams = [uniqueStream('imp'), uniqueStream('imp'), uniqueStream('imp')];
      const events = interleaved(streams, [3, 1, 4], type);
      const result = await store().importEvents({ events });
      expect(result).toMatchObject({ written: 8, idempotentReplay: false });
      expect(result.nextRevisions).toEqual(
        new Map([
          [streams[0], 2],
          [streams[1], 0],
          [streams[2], 3],
        ]),
      );

      const all = await readAllEventually(store(), { filter: { eventTypes: [type] } }, events.length);
      expect(all.map((e) => e.id)).toEqual(events.map((e) => e.id));
      expectStrictlyIncreasing(all.map((e) => e.position));
      expect(all[all.length - 1].position).toBe(result.position);
      for (const [s, streamId] of streams.entries()) {
        const read = await store().readStream(streamId);
        expect(read.map((e) => e.id)).toEqual(events.filter((e) => e.streamId === streamId).map((e) => e.id));
        expect(read.map((e) => e.data)).toEqual(read.map((_, round) => ({ stream: s, round })));
        expect(verifyChain(read)).toEqual({ ok: true, checked: read.length });
      }
    });

    it('continues existing streams from their expected revisions, chain and appends included', async () => {
      const [a, b] = [uniqueStream('imp'), uniqueStream('imp')];
      await store().append(a, newEvents(2), 'no-stream');
      await store().append(b, newEvents(1), 'no-stream');
      const events = interleaved([a, b], [2, 2], 'ImportedLater');
      const result = await store().importEvents({
        events,
        expected: expecting([
          [a, 1],
          [b, 'stream-exists'],
        ]),
      });
      expect(result.nextRevisions).toEqual(
        new Map([
          [a, 3],
          [b, 2],
        ]),
      );
      expect((await store().append(a, [newEvent()], 3)).nextRevision).toBe(4);
      for (const streamId of [a, b]) expect(verifyChain(await store().readStream(streamId)).ok).toBe(true);
      const later = await store().readStream(a);
      expect(later.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
      expectStrictlyIncreasing(later.map((e) => e.position));
    });

    it('a wrong expected revision on one stream fails the import and writes nothing', async () => {
      const [fresh, existing] = [uniqueStream('imp'), uniqueStream('imp')];
      await store().append(existing, newEvents(2), 'no-stream');
      const events = interleaved([fresh, existing], [2, 2], 'ImportedConflict');
      // 'no-stream' by default for a stream not named.
      const error = await store()
        .importEvents({ events })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ streamId: existing, expected: 'no-stream', actual: 1 });
      await expect(store().importEvents({ events, expected: expecting([[existing, 0]]) })).rejects.toMatchObject({
        streamId: existing,
        expected: 0,
        actual: 1,
      });
      expect(await store().readStream(fresh)).toEqual([]);
      expect(await store().readStream(existing)).toHaveLength(2);
    });

    it('importing the same events again is a replay with the original result, whatever the streams hold now', async () => {
      const [a, b] = [uniqueStream('imp'), uniqueStream('imp')];
      const events = interleaved([a, b], [2, 3], 'ImportedTwice');
      const first = await store().importEvents({ events });
      await store().append(a, [newEvent()], 1);
      const again = await store().importEvents({ events });
      expect(again).toEqual({ ...first, written: 0, idempotentReplay: true });
      expect(await store().readStream(a)).toHaveLength(3);
      expect(await store().readStream(b)).toHaveLength(3);
    });

    it('a partial overlap with stored events is an IdempotencyViolationError and writes nothing', async () => {
      const [a, b] = [uniqueStream('imp'), uniqueStream('imp')];
      const stored = newEvent();
      await store().append(a, [stored], 'no-stream');
      const events: ImportedEvent[] = [
        { ...newEvent(), streamId: b },
        { ...stored, streamId: a },
        { ...newEvent(), streamId: a },
      ];
      await expect(store().importEvents({ events, expected: expecting([[a, 'any']]) })).rejects.toBeInstanceOf(IdempotencyViolationError);
      expect(await store().readStream(a)).toHaveLength(1);
      expect(await store().readStream(b)).toEqual([]);
      // Every id stored, but in another order.
      const c = uniqueStream('imp');
      const [x, y] = newEvents(2);
      await store().append(c, [x, y], 'no-stream');
      const swapped = [
        { ...y, streamId: c },
        { ...x, streamId: c },
      ];
      await expect(store().importEvents({ events: swapped, expected: expecting([[c, 'any']]) })).rejects.toBeInstanceOf(
        IdempotencyViolationError,
      );
      expect(await store().readStream(c)).toHaveLength(2);
    });

    it('rejects invalid input and unstorable text with the append errors, and writes nothing', async () => {
      const stream = uniqueStream('imp');
      const valid = (): ImportedEvent => ({ ...newEvent(), streamId: stream });
      const twice = valid();
      const invalid: Array<{ events: ImportedEvent[]; expected?: Map<string, ExpectedRevision> }> = [
        { events: [] },
        { events: [twice, { ...twice }] },
        { events: [{ ...valid(), streamId: '' }] },
        { events: [{ ...valid(), id: 'not-a-uuid' }] },
        { events: [valid()], expected: expecting([[uniqueStream('other'), 'any']]) },
        { events: [valid()], expected: expecting([[stream, -2]]) },
      ];
      for (const batch of invalid) await expect(store().importEvents(batch)).rejects.toBeInstanceOf(InvalidAppendError);
      await expect(store().importEvents({ events: [valid(), { ...valid(), data: { text: 'nul\u0000' } }] })).rejects.toBeInstanceOf(
        UnstorableTextError,
      );
      await expect(store().importEvents({ events: [{ ...valid(), metadata: { ['key\ud800']: 1 } }] })).rejects.toBeInstanceOf(
        UnstorableTextError,
      );
      expect(await store().readStream(stream)).toEqual([]);
    });

    it('stores data with every character COPY would need escaped, exactly', async () => {
      const stream = uniqueStream('imp');
      const data = { text: 'tab\there\nnewline\r\\backslash \\N "quoted" қазақ 🙂', nested: { path: 'C:\\dir\\file' } };
      const event: ImportedEvent = {
        ...newEvent('Imported\\Type', data, { correlationId: randomUUID(), note: '\\.\n' }),
        streamId: stream,
      };
      await store().importEvents({ events: [event] });
      const [read] = await store().readStream(stream);
      expect(read).toMatchObject({ type: 'Imported\\Type', data, metadata: { note: '\\.\n' } });
      expect(verifyChain([read]).ok).toBe(true);
    });
  });
}
