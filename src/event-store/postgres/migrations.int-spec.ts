import { Pool } from 'pg';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-db';
import { newEvent, uniqueStream } from '../contract/test-events';
import { runMigrations } from './migration-runner';
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
    (await pool.query<{ version: number }>('SELECT version FROM es_migrations ORDER BY version')).rows.map((r) => r.version);

  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
    await Promise.all(databases.map((d) => d.drop()));
  });

  const allVersions = EVENT_STORE_MIGRATIONS.map((m) => m.version);

  it('applies every migration once; running again changes nothing', async () => {
    const { pool } = await freshPool();
    expect(await runMigrations(pool, EVENT_STORE_MIGRATIONS)).toEqual(allVersions);
    expect(await runMigrations(pool, EVENT_STORE_MIGRATIONS)).toEqual([]);
    expect(await ledger(pool)).toEqual(allVersions);
  });

  it('concurrent runs apply each migration exactly once', async () => {
    const { db, pool } = await freshPool();
    const other = new Pool({ connectionString: db.url, max: 2 });
    pools.push(other);
    const runs = await Promise.all([pool, other, pool, other].map((p) => runMigrations(p, EVENT_STORE_MIGRATIONS)));
    expect(runs.flat().sort((a, b) => a - b)).toEqual(allVersions);
    expect(await ledger(pool)).toEqual(allVersions);
  });

  it('a store created before migration 3 upgrades: its streams keep their chain and take the fast path', async () => {
    const { db, pool } = await freshPool();
    await runMigrations(
      pool,
      EVENT_STORE_MIGRATIONS.filter((m) => m.version < 3),
    );
    const stream = uniqueStream();
    // An append through the version-2 function (no head hash returned then).
    const old = await pool.query<{ next_revision: string }>(
      `SELECT next_revision FROM es_append($1, 'no-stream', ARRAY[$2]::uuid[], ARRAY['Old']::text[], ARRAY[1]::int[], ARRAY['{}']::text[], ARRAY['{}']::text[])`,
      [stream, crypto.randomUUID()],
    );
    expect(old.rows[0].next_revision).toBe('0');

    const store = await createPostgresEventStore({ connectionString: db.url, poolSize: 1 });
    try {
      expect(await ledger(pool)).toEqual(allVersions);
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
