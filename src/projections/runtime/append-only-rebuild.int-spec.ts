import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '../../event-store/event-store.port';
import type { Projection } from './projection';
import { rebuildProjection } from './rebuilder';
import { createShadow, dropShadow, indexAppendOnlyShadow, shadowSchemaOf, tidyShadow } from './shadow-tables';
import { appendTicks, TEST_READ_MODEL } from './testing/counting-projection';
import { ProjectionTestDatabase } from '../testing/projection-database';
import { untilLogShows } from '../../../test/support/log-visibility';

/** A log of ticks, one row per event (append-only), and a per-stream total (upserted). */
class TickLog implements Projection {
  readonly tables = ['rm_test_tick_log', 'rm_test_tick_totals'];
  readonly appendOnlyTables = ['rm_test_tick_log'];
  /** Writes every row twice: a duplicate key. */
  duplicate = false;

  constructor(readonly name: string) {}

  async apply(events: RecordedEvent[], tx: EntityManager): Promise<void> {
    const positions = events.map((e) => e.position.toString());
    const rows = this.duplicate ? [...positions, ...positions] : positions;
    await tx.query('INSERT INTO rm_test_tick_log (position, stream_id) SELECT p, $2 FROM unnest($1::bigint[]) p', [rows, 'any']);
    await tx.query(
      `INSERT INTO rm_test_tick_totals (stream_id, n) SELECT s, count(*) FROM unnest($1::text[]) s GROUP BY s
       ON CONFLICT (stream_id) DO UPDATE SET n = rm_test_tick_totals.n + EXCLUDED.n`,
      [events.map((e) => e.streamId)],
    );
  }
}

/** Indexes of a table (its constraint's and the others), by name, with whether the planner may use them yet. */
const indexesOf = async (pg: ProjectionTestDatabase, table: string): Promise<Array<{ name: string; checkxmin: boolean }>> =>
  pg.dataSource.query(
    `SELECT c.relname AS name, i.indcheckxmin AS checkxmin FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = to_regclass($1) ORDER BY 1`,
    [table],
  );

describe('append-only tables: keys and indexes built after the fill (real PostgreSQL)', () => {
  const pg = new ProjectionTestDatabase('aor', [TEST_READ_MODEL]);

  beforeAll(async () => {
    await pg.open();
    await pg.dataSource.query('CREATE TABLE rm_test_tick_log (position bigint PRIMARY KEY, stream_id text NOT NULL)');
    await pg.dataSource.query('CREATE INDEX rm_test_tick_log_stream ON rm_test_tick_log (stream_id)');
    await pg.dataSource.query('CREATE TABLE rm_test_tick_totals (stream_id text PRIMARY KEY, n int NOT NULL)');
    await untilLogShows(pg.store, await appendTicks(pg.store, 120));
  });

  afterAll(() => pg.close());

  it('the shadow copy has no key or index while it fills; afterwards it has the live ones, under their names', async () => {
    const projection = new TickLog('tick-shadow');
    const schema = shadowSchemaOf(projection.name);
    try {
      await createShadow(pg.dataSource, projection);
      expect(await indexesOf(pg, `${schema}.rm_test_tick_log`)).toEqual([]);
      expect((await indexesOf(pg, `${schema}.rm_test_tick_totals`)).map((i) => i.name)).toEqual(['rm_test_tick_totals_pkey']);
      await indexAppendOnlyShadow(pg.dataSource, projection);
      expect((await indexesOf(pg, `${schema}.rm_test_tick_log`)).map((i) => i.name)).toEqual([
        'rm_test_tick_log_pkey',
        'rm_test_tick_log_stream',
      ]);
    } finally {
      await dropShadow(pg.dataSource, projection.name);
    }
  });

  it('a rebuild swaps in the filled table with its key and index, usable by the planner at once', async () => {
    const result = await rebuildProjection({ projection: new TickLog('tick-rebuild'), ...pg.rebuildDeps() });
    expect(result.applied['tick-rebuild']).toBe(120);
    expect(await pg.dataSource.query('SELECT count(*)::int AS n, count(DISTINCT position)::int AS d FROM rm_test_tick_log')).toEqual([
      { n: 120, d: 120 },
    ]);
    expect(await indexesOf(pg, 'rm_test_tick_log')).toEqual([
      { name: 'rm_test_tick_log_pkey', checkxmin: false },
      { name: 'rm_test_tick_log_stream', checkxmin: false },
    ]);
    const [{ constraint }] = await pg.dataSource.query(
      "SELECT conname AS constraint FROM pg_constraint WHERE conrelid = 'rm_test_tick_log'::regclass AND contype = 'p'",
    );
    expect(constraint).toBe('rm_test_tick_log_pkey');
    // Tidied before the swap (tidyShadow): the upserted table vacuumed, the append-only one only analysed.
    const tidied = await pg.dataSource.query(
      `SELECT relname AS table, last_vacuum IS NOT NULL AS vacuumed, last_analyze IS NOT NULL AS analysed FROM pg_stat_user_tables
        WHERE relid IN ('rm_test_tick_log'::regclass, 'rm_test_tick_totals'::regclass) ORDER BY 1`,
    );
    expect(tidied).toEqual([
      { table: 'rm_test_tick_log', vacuumed: false, analysed: true },
      { table: 'rm_test_tick_totals', vacuumed: true, analysed: true },
    ]);
  });

  it('tidying rewrites an upserted table without its dead rows, visibility map set; an append-only one is only analysed', async () => {
    const projection = new TickLog('tick-tidy');
    const schema = shadowSchemaOf(projection.name);
    const physical = async (table: string): Promise<{ file: string; bytes: number; pages: number; allVisible: number }> => {
      const [row] = await pg.dataSource.query(
        `SELECT pg_relation_filenode(c.oid)::text AS file, pg_relation_size(c.oid)::int AS bytes,
                (pg_relation_size(c.oid) / current_setting('block_size')::int)::int AS pages, c.relallvisible AS "allVisible"
           FROM pg_class c WHERE c.oid = to_regclass($1)`,
        [`${schema}.${table}`],
      );
      return row;
    };
    try {
      await createShadow(pg.dataSource, projection);
      await pg.dataSource.query(`INSERT INTO ${schema}.rm_test_tick_log SELECT g, 's' FROM generate_series(1, 100) g`);
      // As a rebuild leaves it: every row rewritten on several pages, the live versions last in the file.
      await pg.dataSource.query(`INSERT INTO ${schema}.rm_test_tick_totals SELECT 's' || g, 0 FROM generate_series(1, 2000) g`);
      for (let page = 0; page < 5; page++) await pg.dataSource.query(`UPDATE ${schema}.rm_test_tick_totals SET n = n + 1`);
      const log = await physical('rm_test_tick_log');
      const totals = await physical('rm_test_tick_totals');

      await tidyShadow(pg.dataSource, projection);

      expect(await physical('rm_test_tick_log')).toEqual(log);
      const tidied = await physical('rm_test_tick_totals');
      expect(tidied.file).not.toBe(totals.file);
      expect(tidied.bytes).toBeLessThan(totals.bytes / 3);
      expect(tidied.allVisible).toBe(tidied.pages);
      const [{ n }] = await pg.dataSource.query(`SELECT count(*)::int AS n FROM ${schema}.rm_test_tick_totals WHERE n = 5`);
      expect(n).toBe(2000);
    } finally {
      await dropShadow(pg.dataSource, projection.name);
    }
  });

  it('a duplicate key in an append-only table fails the rebuild at the build, naming the table; the live model is unchanged', async () => {
    const before = await pg.dataSource.query('SELECT position FROM rm_test_tick_log ORDER BY 1');
    const projection = new TickLog('tick-duplicate');
    projection.duplicate = true;
    await expect(rebuildProjection({ projection, ...pg.rebuildDeps() })).rejects.toThrow(
      /^tick-duplicate: the rebuilt rm_test_tick_log cannot take its keys and indexes: could not create unique index "rm_test_tick_log_pkey"/,
    );
    expect(await pg.dataSource.query('SELECT position FROM rm_test_tick_log ORDER BY 1')).toEqual(before);
    expect(await pg.dataSource.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [shadowSchemaOf('tick-duplicate')])).toEqual([]);
  });

  it('an append-only table that is not among the projection’s tables is refused before anything is copied', async () => {
    const projection: Projection = {
      name: 'tick-stray',
      tables: ['rm_test_tick_totals'],
      appendOnlyTables: ['rm_test_tick_log'],
      apply: async () => undefined,
    };
    await expect(rebuildProjection({ projection, ...pg.rebuildDeps() })).rejects.toThrow(
      'tick-stray: append-only tables rm_test_tick_log are not among its tables',
    );
  });
});
