import { Client } from 'pg';
import { eventually, newEvent, newEvents, uniqueStream } from '../contract/test-events';
import {
  AppendResult,
  EventStoreUnavailableError,
  IdempotencyViolationError,
  NewEvent,
  WrongExpectedRevisionError,
} from '../event-store.port';
import { verifyChain } from '../hash-chain';
import { createPostgresEventStore } from './postgres-event-store';
import { StoreTestDatabase } from '../testing/store-test-database';

type Outcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };
const settle = (p: Promise<AppendResult>): Promise<Outcome> =>
  p.then(
    (result): Outcome => ({ ok: true, result }),
    (error: unknown): Outcome => ({ ok: false, error }),
  );
const resultOf = (o: Outcome): AppendResult => {
  if (!o.ok) throw new Error(`expected a result, got ${String(o.error)}`);
  return o.result;
};
const errorOf = (o: Outcome): unknown => {
  if (o.ok) throw new Error('expected an error, got a result');
  return o.error;
};

/**
 * Group commit (migrations/004-group-commit.ts): appends queued behind a flush
 * in flight go out together, and each keeps its own outcome.
 */
describe('PostgreSQL event store: group commit', () => {
  const pg = new StoreTestDatabase('es_group', { poolSize: 2, maxFlushesInFlight: 1 });
  /** One flush at a time: appends made while one runs are flushed together next. */
  let sql: Client;
  /** Finds and kills a flush's connection. */
  let watch: Client;

  beforeAll(async () => {
    await pg.open();
    sql = await pg.client();
    watch = await pg.client();
  });

  afterAll(() => pg.close());

  /**
   * Starts a lone append, then `appends` while it is in flight, so that they
   * are queued and flushed together as one batch; checks that they were.
   */
  async function inOneFlush(appends: (() => Promise<AppendResult>)[]): Promise<Outcome[]> {
    // A caller's await resumes before the flush that settled it has ended: let it end.
    await new Promise((resolve) => setImmediate(resolve));
    const before = pg.store.groupCommitStats();
    const lead = settle(pg.store.append(uniqueStream('lead'), [newEvent()], 'any'));
    const outcomes = Promise.all(appends.map((append) => settle(append())));
    await lead;
    const settled = await outcomes;
    const after = pg.store.groupCommitStats();
    expect(after.flushes - before.flushes).toBe(2);
    expect(after.maxAppends).toBeGreaterThanOrEqual(appends.length);
    return settled;
  }

  async function expectIntactChain(stream: string, count: number): Promise<void> {
    const events = await pg.store.readStream(stream);
    expect(events).toHaveLength(count);
    expect(verifyChain(events)).toEqual({ ok: true, checked: count });
  }

  it('fails a conflict and a duplicate alone, replays a retry and writes its valid neighbours (different streams)', async () => {
    const [conflicting, retried, elsewhere, valid] = [
      uniqueStream('conflict'),
      uniqueStream('retry'),
      uniqueStream('elsewhere'),
      uniqueStream('valid'),
    ];
    await pg.store.append(conflicting, [newEvent()], 'no-stream');
    const stored = [newEvent(), newEvent()];
    const original = await pg.store.append(retried, stored, 'no-stream');

    const [conflict, replay, duplicate, written] = await inOneFlush([
      () => pg.store.append(conflicting, [newEvent()], 5),
      () => pg.store.append(retried, stored, 'no-stream'),
      () => pg.store.append(elsewhere, [stored[0]], 'any'),
      () => pg.store.append(valid, newEvents(3), 'no-stream'),
    ]);

    const wrong = errorOf(conflict);
    expect(wrong).toBeInstanceOf(WrongExpectedRevisionError);
    expect(wrong).toMatchObject({ actual: 0 });
    expect(resultOf(replay)).toEqual({ ...original, idempotentReplay: true });
    expect(errorOf(duplicate)).toBeInstanceOf(IdempotencyViolationError);
    expect(resultOf(written)).toMatchObject({ nextRevision: 2, idempotentReplay: false });

    await expectIntactChain(conflicting, 1);
    await expectIntactChain(retried, 2);
    expect(await pg.store.readStream(elsewhere)).toEqual([]);
    await expectIntactChain(valid, 3);
  });

  it('applies appends to one stream in queue order, each with its own outcome', async () => {
    const stream = uniqueStream('same');
    await pg.store.append(stream, [newEvent()], 'no-stream');
    const first: NewEvent[] = newEvents(2);
    const elsewhereId = newEvent();
    await pg.store.append(uniqueStream('holder'), [elsewhereId], 'no-stream');

    const [one, conflict, retry, duplicate, two] = await inOneFlush([
      () => pg.store.append(stream, first, 0), // -> revision 2
      () => pg.store.append(stream, [newEvent()], 0), // the head is 2 now
      () => pg.store.append(stream, first, 0), // retry of the first: its original result
      () => pg.store.append(stream, [elsewhereId], 'any'), // an id of another stream
      () => pg.store.append(stream, [newEvent()], 2), // builds on the first
    ]);

    const firstResult = resultOf(one);
    expect(firstResult).toMatchObject({ nextRevision: 2, idempotentReplay: false });
    expect(errorOf(conflict)).toMatchObject({ actual: 2 });
    expect(errorOf(conflict)).toBeInstanceOf(WrongExpectedRevisionError);
    expect(resultOf(retry)).toEqual({ ...firstResult, idempotentReplay: true });
    expect(errorOf(duplicate)).toBeInstanceOf(IdempotencyViolationError);
    const secondResult = resultOf(two);
    expect(secondResult).toMatchObject({ nextRevision: 3, idempotentReplay: false });
    expect(secondResult.position).toBeGreaterThan(firstResult.position);

    await expectIntactChain(stream, 4);
    const events = await pg.store.readStream(stream);
    expect(events.map((e) => e.position)).toEqual([...events.map((e) => e.position)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(events[3].position).toBe(secondResult.position);
    // The next append to the stream (through the remembered head) still chains on.
    await pg.store.append(stream, [newEvent()], 3);
    await expectIntactChain(stream, 5);
  });

  /**
   * Holds an event id in an open transaction of another connection, so that a
   * flush inserting the same id waits for it, after it wrote its other appends.
   */
  async function withIdHeldOpen(
    id: NewEvent,
    work: (waitingFlushPid: () => Promise<number>) => Promise<void>,
    end: 'COMMIT' | 'ROLLBACK',
  ): Promise<void> {
    await sql.query('BEGIN');
    try {
      await sql.query(`SELECT * FROM es_append($1, 'any', ARRAY[$2::uuid], ARRAY['Held'], ARRAY[1], ARRAY['{}'], ARRAY['{}'])`, [
        uniqueStream('held'),
        id.id,
      ]);
      await work(() =>
        eventually(async () => {
          const { rows } = await watch.query<{ pid: number }>(
            `SELECT pid FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%es_append_batch(%'`,
          );
          return rows[0]?.pid;
        }, 'the flush to wait for the held id'),
      );
    } finally {
      await sql.query(end);
    }
  }

  it('fails every append of a flush whose connection is killed, and writes none of them', async () => {
    const [a, b, c] = [uniqueStream('killed-a'), uniqueStream('killed-b'), uniqueStream('killed-c')];
    const held = newEvent();
    let outcomes: Outcome[] = [];
    await withIdHeldOpen(
      held,
      async (waitingFlushPid) => {
        const flushed = inOneFlush([
          () => pg.store.append(a, newEvents(2), 'no-stream'),
          () => pg.store.append(b, [newEvent()], 'any'),
          () => pg.store.append(c, [held], 'no-stream'),
        ]);
        const pid = await waitingFlushPid();
        await watch.query('SELECT pg_terminate_backend($1)', [pid]);
        outcomes = await flushed;
      },
      'ROLLBACK',
    );

    for (const outcome of outcomes) {
      const error = errorOf(outcome);
      expect(error).toBeInstanceOf(EventStoreUnavailableError);
      expect(String(error)).toMatch(/group commit of 3 appends, none written/);
    }
    for (const stream of [a, b, c]) expect(await pg.store.readStream(stream)).toEqual([]);
    // The store goes on working (the pool replaced the killed connection).
    await expect(pg.store.append(a, [newEvent()], 'no-stream')).resolves.toMatchObject({ nextRevision: 0 });
  });

  it('retries each append alone when an id stored concurrently elsewhere aborts the flush', async () => {
    const [a, b] = [uniqueStream('abort-a'), uniqueStream('abort-b')];
    const held = newEvent();
    let outcomes: Outcome[] = [];
    await withIdHeldOpen(
      held,
      async (waitingFlushPid) => {
        const flushed = inOneFlush([() => pg.store.append(a, newEvents(2), 'no-stream'), () => pg.store.append(b, [held], 'no-stream')]);
        await waitingFlushPid();
        await sql.query('COMMIT'); // the flush's insert of the held id now fails on the primary key
        await sql.query('BEGIN'); // for withIdHeldOpen's own COMMIT
        outcomes = await flushed;
      },
      'COMMIT',
    );

    expect(resultOf(outcomes[0])).toMatchObject({ nextRevision: 1, idempotentReplay: false });
    expect(errorOf(outcomes[1])).toBeInstanceOf(IdempotencyViolationError);
    await expectIntactChain(a, 2);
    expect(await pg.store.readStream(b)).toEqual([]);
  });

  it('keeps positions growing with revisions in every stream when concurrent flushes share streams', async () => {
    // Two instances, two flushes in flight each: flushes of up to 8 appends over
    // the same 6 streams lock and write concurrently. A flush that wrote one
    // stream (taking its transaction id) before waiting for another's lock would
    // put a later revision at a smaller position.
    const streams = Array.from({ length: 6 }, () => uniqueStream('shared'));
    const instances = await Promise.all(
      [1, 2].map(() => createPostgresEventStore({ connectionString: pg.url, poolSize: 2, maxFlushesInFlight: 2 })),
    );
    try {
      const writers = Array.from({ length: 24 }, async (_, w) => {
        const writer = instances[w % 2];
        for (let i = 0; i < 15; i++) await writer.append(streams[(w + i) % streams.length], newEvents(1 + (i % 2)), 'any');
      });
      await Promise.all(writers);
      expect(Math.max(...instances.map((i) => i.groupCommitStats().maxAppends))).toBeGreaterThan(1);
    } finally {
      await Promise.all(instances.map((i) => i.close()));
    }
    let total = 0;
    for (const stream of streams) {
      const events = await pg.store.readStream(stream);
      total += events.length;
      expect(verifyChain(events)).toMatchObject({ ok: true });
      for (let i = 1; i < events.length; i++) expect(events[i].position).toBeGreaterThan(events[i - 1].position);
    }
    expect(total).toBe(24 * (8 * 1 + 7 * 2));
  });
});
