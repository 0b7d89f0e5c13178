import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { expectStrictlyIncreasing, newEvent, newEvents, uniqueStream } from '../contract/test-events';
import { AppendResult, IdempotencyViolationError, WrongExpectedRevisionError } from '../event-store.port';
import { verifyChain } from '../hash-chain';
import { FAST_APPEND_MAX_EVENTS, fastAppend } from './append-statements';
import { int4Array, textArray, uuidArray } from './binary-arrays';
import { createPostgresEventStore, PostgresEventStore } from './postgres-event-store';
import { StreamHead } from './stream-heads';
import { toAppendParameters } from '../append-validation';
import { StoreTestDatabase } from '../testing/store-test-database';

const RACERS = 20;

/**
 * The fast append path: a head this instance believes in may be stale or wrong,
 * and must never produce a wrong chain (see migrations/003-fast-append-support.ts).
 */
describe('PostgreSQL event store: appending to a known stream head', () => {
  const pg = new StoreTestDatabase('es_fast', { poolSize: 3 });
  let other: PostgresEventStore;
  let sql: Client;
  let observedPool: Pool;
  /** A store whose statements a test can list, to see which path an append took. */
  let observed: PostgresEventStore;

  beforeAll(async () => {
    await pg.open();
    other = await createPostgresEventStore({ connectionString: pg.url, poolSize: 2 });
    sql = await pg.client();
    observedPool = new Pool({ connectionString: pg.url, max: 2 });
    observedPool.on('error', () => undefined); // an idle connection closed by the server must not crash the run
    observed = await createPostgresEventStore({ pool: observedPool });
  });

  /** The names of the prepared statements `work` ran through the observed store. */
  async function statementsOf(work: () => Promise<unknown>): Promise<(string | undefined)[]> {
    const spy = jest.spyOn(observedPool, 'query');
    try {
      await work();
      // The store always passes a query config object; its name tells the path
      // (the fast statement's name ends in its event count).
      return spy.mock.calls.map((call) => (call[0] as { name?: string }).name?.replace(/^es_append_fast_(new_)?\d+$/, 'es_append_fast'));
    } finally {
      spy.mockRestore();
    }
  }

  afterAll(async () => {
    await observed?.close();
    await observedPool?.end();
    await other?.close();
    await pg.close();
  });

  /** Runs the fast statement as if this instance knew `head`; returns the rows written. */
  async function fastInsert(streamId: string, head: StreamHead, events = [newEvent()]): Promise<number> {
    const append = fastAppend(streamId, toAppendParameters(streamId, events, 'any'), head);
    return (await sql.query(append.text, append.values)).rowCount ?? 0;
  }

  const storedHead = async (streamId: string): Promise<StreamHead> => {
    const events = await pg.store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    return { revision: events[0].revision, hash: events[0].hash };
  };

  const expectIntactChain = async (streamId: string, count: number): Promise<void> => {
    const events = await pg.store.readStream(streamId);
    expect(events.map((e) => e.revision)).toEqual(Array.from({ length: count }, (_, i) => i));
    expect(verifyChain(events)).toEqual({ ok: true, checked: count });
    expectStrictlyIncreasing(events.map((e) => e.position));
    // The stream's head row names the last event, as the audit expects.
    const { rows } = await sql.query<{ revision: string; last_hash: string }>(
      'SELECT revision, last_hash FROM es_streams WHERE stream_id = $1',
      [streamId],
    );
    expect(rows.map((r) => [Number(r.revision), r.last_hash])).toEqual([[count - 1, events[count - 1].hash]]);
  };

  it('binary array parameters arrive exactly as sent', async () => {
    const texts = ['', 'plain', '{"a":"b\\"c"}', 'NULL', '{1,2}', 'back\\slash', 'Қазақ тілі 🙂', 'line\nbreak'];
    const ids = [randomUUID(), randomUUID()];
    const { rows } = await sql.query<{ texts: string[]; ids: string[]; ints: number[] }>(
      'SELECT $1::text[] AS texts, $2::uuid[] AS ids, $3::int[] AS ints',
      [textArray(texts), uuidArray(ids), int4Array([0, -1, 2 ** 31 - 1])],
    );
    expect(rows[0]).toEqual({ texts, ids, ints: [0, -1, 2 ** 31 - 1] });
  });

  it('writes nothing unless the stream head is exactly the assumed one', async () => {
    const stream = uniqueStream('fast-head');
    await pg.store.append(stream, newEvents(2), 'no-stream');
    const head = await storedHead(stream);
    const first = (await pg.store.readStream(stream))[0];
    expect(await fastInsert(stream, { revision: first.revision, hash: first.hash })).toBe(0); // the stream moved on
    expect(await fastInsert(stream, { revision: head.revision, hash: 'f'.repeat(64) })).toBe(0); // another hash
    expect(await fastInsert(stream, { revision: 5, hash: head.hash })).toBe(0); // a revision not stored
    expect(await fastInsert(stream, { revision: -1, hash: head.hash })).toBe(0); // a new stream has no previous hash
    expect(await fastInsert(stream, head)).toBe(1);
    await expectIntactChain(stream, 3);
  });

  it('a new stream that exists is not written; an id already stored fails on a unique index', async () => {
    const stream = uniqueStream('fast-unique');
    await pg.store.append(stream, newEvents(2), 'no-stream');
    expect(await fastInsert(stream, { revision: -1, hash: '' })).toBe(0);
    const first = (await pg.store.readStream(stream))[0];
    const stored = { id: first.id, type: first.type, schemaVersion: first.schemaVersion, data: first.data, metadata: first.metadata };
    await expect(fastInsert(stream, await storedHead(stream), [stored])).rejects.toMatchObject({ code: '23505' });
    await expect(fastInsert(uniqueStream('fast-unique'), { revision: -1, hash: '' }, [stored])).rejects.toMatchObject({ code: '23505' });
    await expectIntactChain(stream, 2);
  });

  it('two instances taking turns on a stream keep one chain, whichever path each append takes', async () => {
    const stream = uniqueStream('fast-turns');
    for (let i = 0; i < 6; i++) await (i % 2 === 0 ? pg.store : other).append(stream, newEvents(1 + (i % 3)), 'any');
    await pg.store.append(stream, [newEvent()], 'stream-exists');
    await expectIntactChain(stream, 13);
  });

  it('an append on a known head reports the position of its last event', async () => {
    const stream = uniqueStream('fast-position');
    await observed.append(stream, newEvents(2), 'no-stream');
    let result: AppendResult | undefined;
    expect(await statementsOf(async () => (result = await observed.append(stream, newEvents(3), 1)))).toEqual(['es_append_fast']);
    const stored = await pg.store.readStream(stream);
    expect(result).toEqual({ nextRevision: 4, position: stored[4].position, idempotentReplay: false });
    expect(stored.slice(2).map((e) => e.position - stored[2].position)).toEqual([0n, 1n, 2n]);
  });

  it('a large append takes the complete path, and the next one builds on its head', async () => {
    const stream = uniqueStream('fast-large');
    const large = newEvents(FAST_APPEND_MAX_EVENTS + 1);
    expect(await statementsOf(() => observed.append(stream, large, 'no-stream'))).toEqual(['es_append']);
    expect(await statementsOf(() => observed.append(stream, newEvents(2), FAST_APPEND_MAX_EVENTS))).toEqual(['es_append_fast']);
    await expectIntactChain(stream, FAST_APPEND_MAX_EVENTS + 3);
  });

  it('an instance that read a stream appends to it by the fast path; one that did not, through es_append', async () => {
    const stream = uniqueStream('fast-read');
    await pg.store.append(stream, newEvents(2), 'no-stream');
    expect(await statementsOf(() => observed.append(stream, [newEvent()], 1))).toEqual(['es_append']);
    await pg.store.append(stream, [newEvent()], 2);
    await observed.readStream(stream);
    expect(await statementsOf(() => observed.append(stream, [newEvent()], 3))).toEqual(['es_append_fast']);
    await expectIntactChain(stream, 5);
  });

  it('a cached head that no longer exists (database restored) is not linked to', async () => {
    const stream = uniqueStream('fast-restored');
    await observed.append(stream, newEvents(3), 'no-stream'); // the observed instance now knows revision 2
    const [, second] = await pg.store.readStream(stream, { maxCount: 2 });
    // The database as it was before revision 2 was written.
    await sql.query('DELETE FROM es_events WHERE stream_id = $1 AND revision = 2', [stream]);
    await sql.query('UPDATE es_streams SET revision = 1, last_hash = $2 WHERE stream_id = $1', [stream, second.hash]);
    let result: unknown;
    const statements = await statementsOf(async () => (result = await observed.append(stream, [newEvent()], 'any')));
    expect(statements).toEqual(['es_append_fast', 'es_append']);
    expect(result).toMatchObject({ nextRevision: 2, idempotentReplay: false });
    await expectIntactChain(stream, 3);
  });

  it('a cached head of a stream that no longer exists at all (database restored) is not linked to', async () => {
    const stream = uniqueStream('fast-restored');
    await observed.append(stream, newEvents(2), 'no-stream'); // the observed instance now knows revision 1
    await sql.query('DELETE FROM es_events WHERE stream_id = $1', [stream]);
    await sql.query('DELETE FROM es_streams WHERE stream_id = $1', [stream]);
    let result: unknown;
    const statements = await statementsOf(async () => (result = await observed.append(stream, [newEvent()], 'any')));
    expect(statements).toEqual(['es_append_fast', 'es_append']);
    expect(result).toMatchObject({ nextRevision: 0, idempotentReplay: false });
    await expectIntactChain(stream, 1);
  });

  it('retries and conflicts detected by the fast path report like the complete path', async () => {
    const stream = uniqueStream('fast-retry');
    const events = newEvents(2);
    const original = await pg.store.append(stream, events, 'no-stream');
    expect(await pg.store.append(stream, events, 'any')).toEqual({ ...original, idempotentReplay: true });
    expect(await pg.store.append(stream, events, 'no-stream')).toEqual({ ...original, idempotentReplay: true });
    const error = await pg.store.append(stream, [newEvent()], 'no-stream').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ actual: 1 });
    expect(await pg.store.append(stream, [newEvent()], 1)).toMatchObject({ nextRevision: 2, idempotentReplay: false });
    await expectIntactChain(stream, 3);
  });

  it('a head another instance moved on: the fast path declines, the complete path appends or reports the conflict', async () => {
    const stream = uniqueStream('fast-stale');
    await observed.append(stream, newEvents(2), 'no-stream'); // observed knows revision 1
    await other.append(stream, [newEvent()], 'any');
    let result: unknown;
    expect(await statementsOf(async () => (result = await observed.append(stream, [newEvent()], 'any')))).toEqual([
      'es_append_fast',
      'es_append',
    ]);
    expect(result).toMatchObject({ nextRevision: 3, idempotentReplay: false });
    await other.append(stream, [newEvent()], 'any'); // observed knows revision 3, the stream is at 4
    let error: unknown;
    expect(await statementsOf(() => observed.append(stream, [newEvent()], 3).catch((e: unknown) => (error = e)))).toEqual([
      'es_append_fast',
      'es_append',
    ]);
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ expected: 3, actual: 4 });
    await expectIntactChain(stream, 5);
  });

  it('a cached head with the right revision but a wrong hash is never linked to', async () => {
    const stream = uniqueStream('fast-hash');
    await observed.append(stream, newEvents(2), 'no-stream');
    // No public way to corrupt the cache: reach the instance's own map.
    const wrong = { revision: 1, hash: 'f'.repeat(64) };
    observed['heads'].remember(stream, wrong);
    expect(await statementsOf(() => observed.append(stream, [newEvent()], 'any'))).toEqual(['es_append_fast', 'es_append']);
    observed['heads'].remember(stream, { ...wrong, revision: 2 });
    let result: unknown;
    expect(await statementsOf(async () => (result = await observed.append(stream, [newEvent()], 2)))).toEqual([
      'es_append_fast',
      'es_append',
    ]);
    expect(result).toMatchObject({ nextRevision: 3, idempotentReplay: false });
    await expectIntactChain(stream, 4);
  });

  it('retries of the same ids through the fast path return the original result and write nothing', async () => {
    const stream = uniqueStream('fast-idem');
    const first = newEvents(2);
    const second = newEvents(2);
    let original: unknown;
    expect(await statementsOf(async () => (original = await observed.append(stream, first, 'no-stream')))).toEqual(['es_append_fast']);
    const next = await observed.append(stream, second, 1);
    // 'any' builds on the known head: the stored ids reject it, es_append recognises the retry.
    let retry: unknown;
    expect(await statementsOf(async () => (retry = await observed.append(stream, second, 'any')))).toEqual(['es_append_fast', 'es_append']);
    expect(retry).toEqual({ ...next, idempotentReplay: true });
    expect(await observed.append(stream, first, 'any')).toEqual({ ...(original as object), idempotentReplay: true });
    expect(await observed.append(stream, second, 1)).toEqual({ ...next, idempotentReplay: true });
    // The same ids in another stream: the unique index, then es_append's typed error.
    const elsewhere = uniqueStream('fast-idem');
    await observed.append(elsewhere, [newEvent()], 'no-stream');
    await expect(observed.append(elsewhere, [second[0]], 'any')).rejects.toBeInstanceOf(IdempotencyViolationError);
    await expectIntactChain(stream, 4);
    await expectIntactChain(elsewhere, 1);
  });

  it("'no-stream' on a stream this instance knows goes straight to the complete path", async () => {
    const stream = uniqueStream('fast-exists');
    await observed.append(stream, newEvents(2), 'no-stream');
    let error: unknown;
    expect(await statementsOf(() => observed.append(stream, [newEvent()], 'no-stream').catch((e: unknown) => (error = e)))).toEqual([
      'es_append',
    ]);
    expect(error).toMatchObject({ expected: 'no-stream', actual: 1 });
  });

  it('the cache holds at most streamHeadCacheSize streams, the least recently appended go first', async () => {
    const bounded = await createPostgresEventStore({ pool: observedPool, streamHeadCacheSize: 1 });
    const [a, b] = [uniqueStream('fast-bound'), uniqueStream('fast-bound')];
    await bounded.append(a, [newEvent()], 'no-stream');
    await bounded.append(b, [newEvent()], 'no-stream'); // evicts a
    expect(await statementsOf(() => bounded.append(a, [newEvent()], 'any'))).toEqual(['es_append']);
    expect(await statementsOf(() => bounded.append(a, [newEvent()], 'any'))).toEqual(['es_append_fast']);
    expect(await statementsOf(() => bounded.append(b, [newEvent()], 'any'))).toEqual(['es_append']);
    await bounded.close();
    await expectIntactChain(a, 3);
    await expectIntactChain(b, 2);
  });

  describe(`${RACERS} instances that all read the stream, racing on the fast path`, () => {
    let racers: PostgresEventStore[] = [];

    beforeAll(async () => {
      racers = await Promise.all(Array.from({ length: RACERS }, () => createPostgresEventStore({ connectionString: pg.url, poolSize: 1 })));
    });

    afterAll(async () => {
      await Promise.all(racers.map((r) => r.close()));
    });

    it('with the same exact expected revision: exactly one wins, the others get the typed conflict', async () => {
      const stream = uniqueStream('fast-race');
      await pg.store.append(stream, [newEvent()], 'no-stream');
      await Promise.all(racers.map((r) => r.readStream(stream)));
      const outcomes = await Promise.allSettled(racers.map((r) => r.append(stream, newEvents(2), 0)));
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') {
          expect(outcome.reason).toBeInstanceOf(WrongExpectedRevisionError);
          expect(outcome.reason).toMatchObject({ expected: 0, actual: 2 });
        }
      }
      await expectIntactChain(stream, 3);
    });

    it("with 'any', 5 appends each: one chain, nothing lost or doubled, positions follow revisions", async () => {
      const stream = uniqueStream('fast-race-any');
      await pg.store.append(stream, [newEvent()], 'no-stream');
      await Promise.all(racers.map((r) => r.readStream(stream)));
      const ids = racers.map(() => newEvents(5));
      await Promise.all(
        racers.map(async (r, i) => {
          for (const event of ids[i]) await r.append(stream, [event], 'any');
        }),
      );
      await expectIntactChain(stream, 1 + RACERS * 5);
      const stored = new Set((await pg.store.readStream(stream)).map((e) => e.id));
      expect(ids.flat().every((e) => stored.has(e.id))).toBe(true);
    });
  });
});
