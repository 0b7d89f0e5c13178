import { randomUUID } from 'node:crypto';
import {
  ExpectedRevision,
  IdempotencyViolationError,
  InvalidAppendError,
  NewEvent,
  UnstorableTextError,
  WrongExpectedRevisionError,
} from '../event-store.port';
import { FixtureRef } from './contract-fixture';
import { newEvent, newEvents, uniqueStream } from './test-events';

async function expectWrongRevision(attempt: Promise<unknown>, streamId: string, expected: ExpectedRevision, actual: number): Promise<void> {
  const error = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WrongExpectedRevisionError);
  expect(error).toMatchObject({ streamId, expected, actual });
}

export function describeAppendCases(fixture: FixtureRef): void {
  const store = () => fixture().store;

  describe('append and expected revision', () => {
    it('appends several events to a new stream with consecutive revisions', async () => {
      const stream = uniqueStream();
      const events = newEvents(3);
      const result = await store().append(stream, events, 'no-stream');
      expect(result).toMatchObject({ nextRevision: 2, idempotentReplay: false });
      expect(typeof result.position).toBe('bigint');

      const read = await store().readStream(stream);
      expect(read.map((e) => [e.id, e.revision])).toEqual(events.map((e, i) => [e.id, i]));
      expect(read[2].position).toBe(result.position);
    });

    it("'any' appends whatever the stream holds", async () => {
      const stream = uniqueStream();
      expect((await store().append(stream, [newEvent()], 'any')).nextRevision).toBe(0);
      expect((await store().append(stream, newEvents(2), 'any')).nextRevision).toBe(2);
    });

    it("'no-stream' fails once the stream exists, reporting the actual revision", async () => {
      const stream = uniqueStream();
      await store().append(stream, newEvents(2), 'no-stream');
      await expectWrongRevision(store().append(stream, [newEvent()], 'no-stream'), stream, 'no-stream', 1);
    });

    it("'stream-exists' fails on a missing stream (actual -1) and passes once it exists", async () => {
      const stream = uniqueStream();
      await expectWrongRevision(store().append(stream, [newEvent()], 'stream-exists'), stream, 'stream-exists', -1);
      await store().append(stream, [newEvent()], 'any');
      expect((await store().append(stream, [newEvent()], 'stream-exists')).nextRevision).toBe(1);
    });

    it('an exact revision passes only when it is the last revision', async () => {
      const stream = uniqueStream();
      await expectWrongRevision(store().append(stream, [newEvent()], 0), stream, 0, -1);
      await store().append(stream, newEvents(2), 'no-stream');
      expect((await store().append(stream, [newEvent()], 1)).nextRevision).toBe(2);
      await expectWrongRevision(store().append(stream, [newEvent()], 1), stream, 1, 2);
      await expectWrongRevision(store().append(stream, [newEvent()], 7), stream, 7, 2);
      expect(await store().readStream(stream)).toHaveLength(3);
    });

    it('a failed append writes none of its events', async () => {
      const stream = uniqueStream();
      const first = newEvent();
      await store().append(stream, [first], 'no-stream');

      await expect(store().append(stream, newEvents(3), 5)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      // The second event is already stored: the whole append fails, the first new event included.
      const fresh = newEvent();
      await expect(store().append(stream, [fresh, first], 'any')).rejects.toBeInstanceOf(IdempotencyViolationError);
      expect((await store().readStream(stream)).map((e) => e.id)).toEqual([first.id]);

      // Nothing of the failed append was kept: its new event is still new.
      expect(await store().append(stream, [fresh], 0)).toMatchObject({ nextRevision: 1, idempotentReplay: false });
    });

    it('rejects invalid input with InvalidAppendError and writes nothing', async () => {
      const stream = uniqueStream();
      const valid = newEvent();
      const invalid: NewEvent[][] = [
        [],
        [{ ...valid, id: 'not-a-uuid' }],
        [{ ...valid, type: '' }],
        [{ ...valid, schemaVersion: 0 }],
        [{ ...valid, schemaVersion: 1.5 }],
        [valid, { ...newEvent(), id: valid.id }],
        [{ ...valid, type: '$reserved' }],
        [{ ...valid, metadata: { $kz: {} } }],
      ];
      for (const events of invalid) {
        await expect(store().append(stream, events, 'any')).rejects.toBeInstanceOf(InvalidAppendError);
      }
      await expect(store().append('', [valid], 'any')).rejects.toBeInstanceOf(InvalidAppendError);
      await expect(store().append(`$${stream}`, [valid], 'any')).rejects.toBeInstanceOf(InvalidAppendError);
      expect(await store().readStream(stream)).toEqual([]);
    });

    it('refuses text PostgreSQL cannot store (NUL, unpaired surrogates) in data and metadata, keys included, and writes nothing', async () => {
      const stream = uniqueStream();
      const valid = newEvent();
      const invalid: NewEvent[][] = [
        [{ ...valid, data: { applicant: { name: 'Ив\u0000ан' } } }],
        [{ ...valid, data: { name: '\ud800x' } }],
        [{ ...valid, data: { list: [{ ['k\u0000']: 1 }] } }],
        [{ ...valid, metadata: { actor: { id: 'u-\u0000exec', role: 'executor' } } }],
        [{ ...valid, metadata: { ['\udc00']: 'x' } }],
        [valid, { ...newEvent(), data: { note: 'x\udbff' } }],
      ];
      for (const events of invalid) {
        await expect(store().append(stream, events, 'any')).rejects.toBeInstanceOf(UnstorableTextError);
      }
      await expect(store().append(stream, [{ ...valid, type: 'Type\ud800' }], 'any')).rejects.toBeInstanceOf(UnstorableTextError);
      expect(await store().readStream(stream)).toEqual([]);
      // The same event, cleaned, is new: nothing of the refused appends was kept.
      expect(await store().append(stream, [valid], 'no-stream')).toMatchObject({ nextRevision: 0, idempotentReplay: false });
    });
  });

  describe('idempotent retries', () => {
    it('appending the same event ids again is a no-op with the same result', async () => {
      const stream = uniqueStream();
      const events = newEvents(2);
      const original = await store().append(stream, events, 'no-stream');
      const retry = await store().append(stream, events, 'no-stream');
      expect(retry).toEqual({ ...original, idempotentReplay: true });
      expect(await store().readStream(stream)).toHaveLength(2);
    });

    it('a retry after later appends still returns the original result', async () => {
      const stream = uniqueStream();
      const first = newEvents(2);
      const original = await store().append(stream, first, 'no-stream');
      await store().append(stream, newEvents(3), 1);
      expect(await store().append(stream, first, 'no-stream')).toEqual({ ...original, idempotentReplay: true });
      expect(await store().append(stream, first, 'any')).toEqual({ ...original, idempotentReplay: true });
      expect(await store().readStream(stream)).toHaveLength(5);
    });

    it('a partial overlap with stored events is an IdempotencyViolationError', async () => {
      const stream = uniqueStream();
      const [a, b] = newEvents(2);
      await store().append(stream, [a, b], 'no-stream');
      await expect(store().append(stream, [b, newEvent()], 'any')).rejects.toBeInstanceOf(IdempotencyViolationError);
      await expect(store().append(stream, [newEvent(), a], 'any')).rejects.toBeInstanceOf(IdempotencyViolationError);
      expect(await store().readStream(stream)).toHaveLength(2);
    });

    it('the same ids in another order are an IdempotencyViolationError', async () => {
      const stream = uniqueStream();
      const [a, b] = newEvents(2);
      await store().append(stream, [a, b], 'no-stream');
      await expect(store().append(stream, [b, a], 'any')).rejects.toBeInstanceOf(IdempotencyViolationError);
      expect((await store().readStream(stream)).map((e) => e.id)).toEqual([a.id, b.id]);
    });
  });

  describe('what is recorded', () => {
    it('round-trips data and every metadata field', async () => {
      const stream = uniqueStream();
      const data = {
        caseNumber: 'KZ-2024-000123',
        applicant: { name: 'Әсел Нұрланқызы', iin: '900101400123' },
        documents: ['birth-certificate', 'residence'],
        fee: 0,
        urgent: false,
        note: null,
        quote: 'line one\nline "two" \\ three',
      };
      const metadata = {
        actor: { id: 'user-42', role: 'officer', organisation: 'education-department-astana' },
        correlationId: randomUUID(),
        causationId: randomUUID(),
        commandId: randomUUID(),
        occurredAt: '2024-03-01T09:30:00.000Z',
        channel: 'egov',
      };
      const event: NewEvent = { id: randomUUID(), type: 'ApplicationSubmitted', schemaVersion: 3, data, metadata };
      const before = Date.now();
      const result = await store().append(stream, [event], 'no-stream');

      const [read] = await store().readStream(stream);
      expect(read).toMatchObject({
        id: event.id,
        type: 'ApplicationSubmitted',
        schemaVersion: 3,
        streamId: stream,
        revision: 0,
        position: result.position,
        data,
        metadata,
      });
      expect(read.recordedAt).toBeInstanceOf(Date);
      // Generous bounds: the store's clock may differ a little from ours.
      expect(Math.abs(read.recordedAt.getTime() - before)).toBeLessThan(60_000);
      expect(JSON.parse(read.rawData)).toEqual(data);
      expect(JSON.parse(read.rawMetadata)).toEqual(metadata);
    });

    it('positions of successive appends strictly increase', async () => {
      const streams = [uniqueStream(), uniqueStream()];
      const positions: bigint[] = [];
      for (let i = 0; i < 6; i++) {
        positions.push((await store().append(streams[i % 2], [newEvent()], 'any')).position);
      }
      for (let i = 1; i < positions.length; i++) expect(positions[i] > positions[i - 1]).toBe(true);
    });
  });
}
