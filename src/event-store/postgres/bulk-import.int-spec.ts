import { Client } from 'pg';
import { Collector, eventually, newEvent, newEvents, sleep, token } from '../contract/test-events';
import { EventStoreUnavailableError, ImportedEvent, UnstorableTextError } from '../event-store.port';
import { verifyChain } from '../hash-chain';
import { toAppendParameters } from '../append-validation';
import { APPEND_SQL, appendValues } from './append-statements';
import { createPostgresEventStore } from './postgres-event-store';
import { StoreTestDatabase } from '../testing/store-test-database';

/**
 * What the contract suite cannot see of the PostgreSQL import (bulk-import.ts):
 * the stream locks, the gap rule against a transaction still open, and a
 * connection lost mid-import.
 */
describe('PostgreSQL event store: bulk import', () => {
  const pg = new StoreTestDatabase('es_import', { poolSize: 3 });
  let raw: Client;
  let watch: Client;

  beforeAll(async () => {
    await pg.open();
    raw = await pg.client();
    watch = await pg.client();
  });

  afterAll(async () => {
    await raw?.query('ROLLBACK').catch(() => undefined);
    await pg.close();
  });

  /** The backend of the import waiting for a stream lock, once it waits. */
  const importWaitingForLock = (): Promise<number> =>
    eventually(async () => {
      const { rows } = await watch.query<{ pid: number }>(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%pg_advisory_xact_lock%'",
      );
      return rows[0]?.pid;
    }, 'the import to wait for a stream lock');

  it('waits for an append holding a stream, continues from its head, and readers see both in commit order', async () => {
    const prefix = `imp-${token()}-`;
    const [held, other] = [`${prefix}held`, `${prefix}other`];
    const collector = new Collector();
    const subscription = pg.store.subscribeToAll({ filter: { streamPrefixes: [prefix] } }, collector.handler);
    try {
      const first = newEvent();
      await raw.query('BEGIN');
      const p = toAppendParameters(held, [first], 'no-stream');
      await raw.query(APPEND_SQL, appendValues(held, p)); // holds the stream's lock until COMMIT

      const events: ImportedEvent[] = [
        { ...newEvent(), streamId: other },
        { ...newEvent(), streamId: held },
        { ...newEvent(), streamId: held },
      ];
      const importing = pg.store.importEvents({ events, expected: new Map([[held, 'any']]) });
      await importWaitingForLock();
      await sleep(200);
      expect(collector.events).toEqual([]);
      expect(await pg.store.readStream(other)).toEqual([]); // nothing of the import before the lock is free

      await raw.query('COMMIT');
      const result = await importing;
      expect(result.nextRevisions).toEqual(
        new Map([
          [other, 0],
          [held, 2],
        ]),
      );
      const delivered = await collector.waitFor(4);
      expect(delivered.map((e) => e.id)).toEqual([first.id, ...events.map((e) => e.id)]);
      const stream = await pg.store.readStream(held);
      expect(stream.map((e) => e.revision)).toEqual([0, 1, 2]);
      expect(verifyChain(stream).ok).toBe(true);
    } finally {
      await raw.query('ROLLBACK').catch(() => undefined);
      await subscription.stop();
    }
  });

  it('a connection lost mid-import fails it with EventStoreUnavailableError and writes nothing; the store goes on', async () => {
    const prefix = `imp-kill-${token()}-`;
    const [held, other] = [`${prefix}held`, `${prefix}other`];
    await raw.query('BEGIN');
    const p = toAppendParameters(held, newEvents(1), 'no-stream');
    await raw.query(APPEND_SQL, appendValues(held, p));
    const events: ImportedEvent[] = [
      { ...newEvent(), streamId: other },
      { ...newEvent(), streamId: held },
    ];
    const importing = pg.store.importEvents({ events, expected: new Map([[held, 'any']]) }).catch((e: unknown) => e);
    const pid = await importWaitingForLock();
    await watch.query('SELECT pg_terminate_backend($1)', [pid]);
    const error = await importing;
    await raw.query('COMMIT');
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect(await pg.store.readStream(other)).toEqual([]);
    expect(await pg.store.readStream(held)).toHaveLength(1);
    // Again, on a healthy connection: the same import goes through.
    const again = await pg.store.importEvents({ events, expected: new Map([[held, 'any']]) });
    expect(again.nextRevisions).toEqual(
      new Map([
        [other, 0],
        [held, 1],
      ]),
    );
  });
  it('an event refused mid-COPY rolls the import back and leaves its connection usable', async () => {
    const single = await createPostgresEventStore({ connectionString: pg.url, poolSize: 1 });
    try {
      const stream = `imp-bad-${token()}`;
      const events: ImportedEvent[] = [
        ...newEvents(300).map((e) => ({ ...e, streamId: stream })),
        { ...newEvent('Bad', { text: 'nul\u0000' }), streamId: stream },
      ];
      await expect(single.importEvents({ events })).rejects.toBeInstanceOf(UnstorableTextError);
      expect(await single.readStream(stream)).toEqual([]);
      const result = await single.importEvents({ events: events.slice(0, 300) });
      expect(result.nextRevisions.get(stream)).toBe(299);
      expect((await single.append(stream, [newEvent()], 299)).nextRevision).toBe(300);
    } finally {
      await single.close();
    }
  });
});
