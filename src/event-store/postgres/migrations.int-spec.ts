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

  it('several store instances starting together on an empty database all work', async () => {
    const { db } = await freshPool();
    const stores = await Promise.all(
      Array.from({ length: 4 }, () => createPostgresEventStore({ connectionString: db.url, poolSize: 1 })),
    );
    try {
      const stream = uniqueStream();
      await Promise.all(stores.map((s) => s.append(stream, [newEvent()], 'any')));
      expect(await stores[0].readStream(stream)).toHaveLength(4);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });
});
