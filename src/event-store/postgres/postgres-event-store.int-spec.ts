import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-db';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { Collector, newEvent, newEvents, readAllEventually, uniqueStream } from '../contract/test-events';
import { EventStoreUnavailableError, IdempotencyViolationError, NewEvent, RecordedEvent } from '../event-store.port';
import { createPostgresEventStore, PostgresEventStore } from './postgres-event-store';

describeEventStoreContract('PostgreSQL', async () => {
  const db = await createTestDatabase('es_contract');
  const store = await createPostgresEventStore({ connectionString: db.url, poolSize: 5 });
  return {
    store,
    openAnother: () => createPostgresEventStore({ connectionString: db.url, poolSize: 2 }),
    dispose: async () => {
      await store.close();
      await db.drop();
    },
  };
});

// Every append through es_append: its hash chain, checks and errors on their own.
describeEventStoreContract('PostgreSQL, complete append path only', async () => {
  const db = await createTestDatabase('es_contract_fn');
  const store = await createPostgresEventStore({ connectionString: db.url, poolSize: 5, streamHeadCacheSize: 0 });
  return {
    store,
    openAnother: () => createPostgresEventStore({ connectionString: db.url, poolSize: 2, streamHeadCacheSize: 0 }),
    dispose: async () => {
      await store.close();
      await db.drop();
    },
  };
});

describe('PostgreSQL event store specifics', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase('es_pg');
    store = await createPostgresEventStore({ connectionString: db.url, poolSize: 3 });
  });

  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  it('event ids are unique across streams: reusing one elsewhere is an IdempotencyViolationError', async () => {
    const event = newEvent();
    await store.append(uniqueStream(), [event], 'no-stream');
    const other = uniqueStream();
    await expect(store.append(other, [newEvent(), event], 'any')).rejects.toBeInstanceOf(IdempotencyViolationError);
    expect(await store.readStream(other)).toEqual([]);
  });

  it('reports recordedAt as the stored timestamp to the millisecond, truncated like pg parses it, on every read path', async () => {
    const stream = uniqueStream();
    const [event] = newEvents(1);
    await store.append(stream, [event], 'no-stream');
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      // A sub-millisecond part that rounding would carry into the next millisecond.
      await client.query("UPDATE es_events SET recorded_at = '1969-12-31 23:59:59.9996+00' WHERE event_id = $1", [event.id]);
      const { rows } = await client.query<{ recorded_at: Date }>('SELECT recorded_at FROM es_events WHERE event_id = $1', [event.id]);
      expect(rows[0].recorded_at.toISOString()).toBe('1969-12-31T23:59:59.999Z');
    } finally {
      await client.end();
    }
    const [read] = await store.readStream(stream);
    // Eventually: on a shared server another database's open transaction holds the finished horizon back.
    const [viaAll] = await readAllEventually(store, { filter: { streamPrefixes: [stream] } }, 1);
    expect([read.recordedAt.toISOString(), viaAll.recordedAt.toISOString()]).toEqual([
      '1969-12-31T23:59:59.999Z',
      '1969-12-31T23:59:59.999Z',
    ]);
  });

  it('stores the JSON text exactly as serialised, with its hash', async () => {
    const stream = uniqueStream();
    const data = { b: 1, a: [1.5, 'x'], nested: { ключ: 'мән' } };
    await store.append(stream, [{ id: randomUUID(), type: 'T', schemaVersion: 2, data, metadata: {} }], 'no-stream');
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ data: string; hash: string }>(
        'SELECT data::text AS data, hash FROM es_events WHERE stream_id = $1',
        [stream],
      );
      expect(rows[0].data).toBe(JSON.stringify(data));
      const [read] = await store.readStream(stream);
      expect(read.hash).toBe(rows[0].hash);
    } finally {
      await client.end();
    }
  });

  it('hands every read path a page of odd events exactly as appended (data and metadata parsed on first read)', async () => {
    const stream = uniqueStream('odd');
    const odd: unknown[] = [
      null,
      { a: null, b: [null, {}], c: '' },
      // eslint-disable-next-line no-loss-of-precision -- a number beyond 2^53 on purpose: it must round-trip as JavaScript rounds it
      { big: 12345678901234567890, tiny: 1e-300, neg: -1.5e300, zero: 0 },
      { esc: '"\\/\b\f\n\r\t\u0001é😀', kz: 'ӘҒҚҢӨҰҮҺІ әғқңөұүһі', ru: 'Жалоба', flag: '🇰🇿' },
      'just a string',
      [1, [2, [3, [4]]]],
      { blob: 'я'.repeat(200_000), list: Array.from({ length: 2000 }, (_, i) => ({ i })) },
    ];
    const appended: NewEvent[] = odd.map((data, i) => ({
      ...newEvent('OddThing', data),
      metadata: { correlationId: `c-${i}`, note: i % 2 === 0 ? null : 'ɵ\u2028', actor: { id: 'officer-1', role: 'officer' } },
    }));
    await store.append(stream, appended, 'no-stream');
    // What toRecordedEvent gave before parsing became lazy: both texts parsed at once, a plain object.
    const expected = (event: RecordedEvent): RecordedEvent => ({
      ...event,
      data: JSON.parse(event.rawData),
      metadata: JSON.parse(event.rawMetadata),
    });
    const check = (events: RecordedEvent[]): void => {
      expect(events.map((e) => e.data)).toEqual(odd);
      expect(events.map((e) => e.metadata)).toEqual(appended.map((e) => e.metadata));
      expect(events.map((e) => e.rawData)).toEqual(odd.map((data) => JSON.stringify(data)));
      for (const event of events) {
        expect(Object.keys(event)).toEqual(Object.keys(expected(event)));
        expect(event).toEqual(expected(event));
      }
    };
    check(await store.readStream(stream));
    check(await readAllEventually(store, { filter: { streamPrefixes: [stream] } }, odd.length));
    const collector = new Collector();
    const subscription = store.subscribeToAll({ filter: { streamPrefixes: [stream] }, batchSize: 3 }, collector.handler);
    try {
      check(await collector.waitFor(odd.length));
    } finally {
      await subscription.stop();
    }
  });

  it('positions encode the transaction id and the index within the append', async () => {
    const result = await store.append(uniqueStream(), newEvents(3), 'no-stream');
    // Eventually: a transaction open elsewhere on the server (any database) holds back readers.
    const events = await readAllEventually(store, { after: result.position - 3n, maxCount: 3 }, 3);
    expect(events.map((e) => e.position & 0xfffffn)).toEqual([0n, 1n, 2n]);
    expect(new Set(events.map((e) => e.position >> 20n)).size).toBe(1);
  });

  it('maps an unreachable server to EventStoreUnavailableError', async () => {
    const unreachable = new PostgresEventStore({ connectionString: 'postgres://postgres@127.0.0.1:1/none', connectionTimeoutMs: 2000 });
    try {
      await expect(unreachable.ping()).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(unreachable.append(uniqueStream(), [newEvent()], 'any')).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(unreachable.init()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    } finally {
      await unreachable.close();
    }
  });
});
