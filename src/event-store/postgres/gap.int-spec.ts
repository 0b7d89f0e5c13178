import { Client } from 'pg';
import { Collector, newEvent, sleep, token } from '../contract/test-events';
import { NewEvent } from '../event-store.port';
import { APPEND_SQL, appendValues } from './append-statements';
import { toAppendParameters } from '../append-validation';
import { StoreTestDatabase } from '../testing/store-test-database';

/**
 * The gap problem: a transaction that took an earlier position commits after
 * a later one. A reader must wait for it instead of moving past it.
 */
describe('PostgreSQL event store: no event is skipped when transactions commit out of order', () => {
  const pg = new StoreTestDatabase('es_gap', { poolSize: 3 });
  let raw: Client;

  beforeAll(async () => {
    await pg.open();
    raw = await pg.client();
  });

  afterAll(async () => {
    await raw?.query('ROLLBACK').catch(() => undefined);
    await pg.close();
  });

  /** es_append inside the raw client's open transaction. */
  async function appendInOpenTransaction(streamId: string, event: NewEvent): Promise<bigint> {
    const p = toAppendParameters(streamId, [event], 'no-stream');
    const { rows } = await raw.query<{ last_position: string }>(APPEND_SQL, appendValues(streamId, p));
    return BigInt(rows[0].last_position);
  }

  it('holds back a later commit until the earlier transaction commits, then delivers both in order', async () => {
    const prefix = `gap-${token()}-`;
    const collector = new Collector();
    const subscription = pg.store.subscribeToAll({ filter: { streamPrefixes: [prefix] } }, collector.handler);
    try {
      const eventA = newEvent();
      const eventB = newEvent();

      await raw.query('BEGIN');
      const positionA = await appendInOpenTransaction(`${prefix}A`, eventA); // T1: earlier position, still open
      const resultB = await pg.store.append(`${prefix}B`, [eventB], 'no-stream'); // T2: later position, committed
      expect(positionA < resultB.position).toBe(true);

      // T2 is committed and the subscriber has been woken and kept polling, but must not pass T1.
      await sleep(500);
      const beforeCommit = collector.events.map((e) => e.id);
      const readAllBeforeCommit = await pg.store.readAll({ filter: { streamPrefixes: [prefix] } });
      const headBeforeCommit = await pg.store.headPosition();

      await raw.query('COMMIT');
      await collector.waitFor(2, 2_000).catch(() => undefined);
      await sleep(100);
      // One assertion, so that a failure shows both what leaked early and what was skipped.
      expect({
        beforeCommit,
        readAllBeforeCommit: readAllBeforeCommit.map((e) => e.id),
        headBeforeT1: headBeforeCommit < positionA,
        afterCommit: collector.events.map((e) => e.id),
      }).toEqual({
        beforeCommit: [],
        readAllBeforeCommit: [],
        headBeforeT1: true,
        afterCommit: [eventA.id, eventB.id],
      });
      expect(collector.events.map((e) => e.position)).toEqual([positionA, resultB.position]);
    } finally {
      await raw.query('ROLLBACK').catch(() => undefined);
      await subscription.stop();
    }
  });

  it('a rolled-back transaction holds readers back only while it is open and leaves nothing behind', async () => {
    const prefix = `gap-rb-${token()}-`;
    const collector = new Collector();
    const subscription = pg.store.subscribeToAll({ filter: { streamPrefixes: [prefix] } }, collector.handler);
    try {
      await raw.query('BEGIN');
      await appendInOpenTransaction(`${prefix}A`, newEvent());
      const eventB = newEvent();
      await pg.store.append(`${prefix}B`, [eventB], 'no-stream');
      await sleep(200);
      expect(collector.events).toEqual([]);

      await raw.query('ROLLBACK');
      await collector.waitFor(1);
      await sleep(100);
      expect(collector.events.map((e) => e.id)).toEqual([eventB.id]);
      expect(await pg.store.readStream(`${prefix}A`)).toEqual([]);
    } finally {
      await subscription.stop();
    }
  });
});
