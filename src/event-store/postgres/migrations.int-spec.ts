import { Pool } from 'pg';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-db';
import { newEvent, uniqueStream } from '../contract/test-events';
import { EVENT_STORE_MIGRATIONS_TABLE, migrateEventStore } from './migrate';
import { EVENT_STORE_MIGRATIONS } from './migrations';
import { createPostgresEventStore } from './postgres-event-store';

describe('PostgreSQL event store migrations', () => {
  const databases: TestDatabase[] = [];
  const pools: Pool[] = [];

  async function freshPool(): Promise<{ db: TestDatabase; pool: Pool }> {
    const db = await createTestDatabase('es_mig');
    databases.push(db);
    const pool = new Pool({ connectionString: db.url, max: 2 });
    pools.push(pool);
    return { db, pool };
  }

  const ledger = async (pool: Pool) =>
    (await pool.query<{ name: string }>(`SELECT name FROM ${EVENT_STORE_MIGRATIONS_TABLE} ORDER BY id`)).rows.map((r) => r.name);

  /**
   * What the store's first, hand-written runner left after applying versions
   * 1..n: the same schema (its SQL is the migrations' SQL) and its own ledger.
   */
  async function firstRunnerStore(pool: Pool, n: number): Promise<void> {
    await migrateEventStore(pool, EVENT_STORE_MIGRATIONS.slice(0, n));
    await pool.query(`DROP TABLE ${EVENT_STORE_MIGRATIONS_TABLE}`);
    await pool.query(`
      CREATE TABLE IF NOT EXISTS es_migrations (
        version    int PRIMARY KEY,
        name       text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    await pool.query(`INSERT INTO es_migrations (version, name) SELECT v, 'migration ' || v FROM generate_series(1, $1::int) v`, [n]);
  }

  /** Each table, index, sequence and function of the schema with the transaction that last wrote its catalog row. */
  async function catalog(pool: Pool): Promise<Map<string, string>> {
    const { rows } = await pool.query<{ object: string; xmin: string }>(`
      SELECT oid::regclass::text AS object, xmin::text FROM pg_class WHERE relnamespace = 'public'::regnamespace
      UNION ALL
      SELECT oid::regprocedure::text, xmin::text FROM pg_proc WHERE pronamespace = 'public'::regnamespace`);
    return new Map(rows.map((r) => [r.object, r.xmin]));
  }

  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
    await Promise.all(databases.map((d) => d.drop()));
  });

  const allNames = EVENT_STORE_MIGRATIONS.map((m) => m.name);

  it('a fresh database: applies every migration once; running again changes nothing', async () => {
    const { pool } = await freshPool();
    expect(await migrateEventStore(pool)).toEqual(allNames);
    expect(await migrateEventStore(pool)).toEqual([]);
    expect(await ledger(pool)).toEqual(allNames);
    const firstLedger = await pool.query(`SELECT to_regclass('es_migrations') IS NULL AS absent`);
    expect(firstLedger.rows[0].absent).toBe(true);
  });

  it('concurrent runs apply each migration exactly once', async () => {
    const { db, pool } = await freshPool();
    const other = new Pool({ connectionString: db.url, max: 2 });
    pools.push(other);
    const runs = await Promise.all([pool, other, pool, other].map((p) => migrateEventStore(p)));
    expect(runs.flat().sort()).toEqual([...allNames].sort());
    expect(await ledger(pool)).toEqual(allNames);
  });

  it('a store the first runner migrated upgrades without running any of its DDL again', async () => {
    const { db, pool } = await freshPool();
    await firstRunnerStore(pool, EVENT_STORE_MIGRATIONS.length);
    const before = await catalog(pool);

    const store = await createPostgresEventStore({ connectionString: db.url, poolSize: 1 });
    try {
      expect(await ledger(pool)).toEqual(allNames);
      const after = await catalog(pool);
      for (const [object, xmin] of before) expect([object, after.get(object)]).toEqual([object, xmin]);
      const stream = uniqueStream();
      await store.append(stream, [newEvent()], 'no-stream');
      expect(await store.readStream(stream)).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it('a store the first runner left before migration 3 upgrades: its streams keep their chain and take the fast path', async () => {
    const { db, pool } = await freshPool();
    await firstRunnerStore(pool, 2);
    const stream = uniqueStream();
    // An append through the version-2 function (no head hash returned then).
    const old = await pool.query<{ next_revision: string }>(
      `SELECT next_revision FROM es_append($1, 'no-stream', ARRAY[$2]::uuid[], ARRAY['Old']::text[], ARRAY[1]::int[], ARRAY['{}']::text[], ARRAY['{}']::text[])`,
      [stream, crypto.randomUUID()],
    );
    expect(old.rows[0].next_revision).toBe('0');

    const store = await createPostgresEventStore({ connectionString: db.url, poolSize: 1 });
    try {
      expect(await ledger(pool)).toEqual(allNames);
      await store.append(stream, [newEvent()], 0); // through es_append version 3: the head is remembered
      await store.append(stream, [newEvent()], 1); // through the fast statement
      const events = await store.readStream(stream);
      expect(events.map((e) => e.revision)).toEqual([0, 1, 2]);
      for (let i = 1; i < events.length; i += 1) expect(events[i].prevHash).toBe(events[i - 1].hash);
      const head = await pool.query<{ revision: string; last_hash: string }>(
        'SELECT revision, last_hash FROM es_streams WHERE stream_id = $1',
        [stream],
      );
      expect(head.rows[0]).toEqual({ revision: '2', last_hash: events[2].hash });
    } finally {
      await store.close();
    }
  });

  it('several store instances starting together on an empty database all work', async () => {
    const { db } = await freshPool();
    const stores = await Promise.all(Array.from({ length: 4 }, () => createPostgresEventStore({ connectionString: db.url, poolSize: 1 })));
    try {
      const stream = uniqueStream();
      await Promise.all(stores.map((s) => s.append(stream, [newEvent()], 'any')));
      expect(await stores[0].readStream(stream)).toHaveLength(4);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });
});
