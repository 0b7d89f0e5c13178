import type { DataSource } from 'typeorm';
import { untilLogShows } from '../../test/support/log-visibility';
import { createTestDatabase, TestDatabase } from '../../test/support/test-db';
import { createPostgresEventStore, PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { readCheckpoints } from '../../src/projections/runtime/checkpoints';
import { countInPostgresLog } from '../../src/projections/runtime/event-count';
import type { Projection } from '../../src/projections/runtime/projection';
import { ProjectionRunner } from '../../src/projections/runtime/projection-runner';
import { openReadModelsDataSource } from '../../src/projections/runtime/read-models.data-source';
import { rebuildProjections } from '../../src/projections/runtime/rebuilder';
import { realDomain } from '../../src/projections/step-timeline/testing/projection-harness';
import { benchProjections, benchReadModels } from './bench-projections';
import { loadHistory } from './history-loader';
import { TemplateGenerator } from './history-templates';
import { JointPass } from './joint-pass';
import { comparableRows } from '../../src/projections/testing/comparable-rows';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };
/**
 * The four read models built live (the runtime's runners, small batches, as
 * the events arrive) and rebuilt from zero in one pass with large pages hold
 * the same rows, on a generated history: every regulation version and
 * channel of the catalog, open, refused and appealed cases, cases spread over
 * many pages and continued across them.
 */
describe('rebuilt read models equal the live ones (generated history, real PostgreSQL)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let dataSource: DataSource;
  let projections: Projection[];
  let last = 0n;
  const domain = realDomain();

  const tables = () => projections.flatMap((p) => p.tables);
  const rows = async () => Object.fromEntries(await Promise.all(tables().map(async (t) => [t, await comparableRows(dataSource, t)])));

  beforeAll(async () => {
    db = await createTestDatabase('rmlive');
    store = await createPostgresEventStore({ connectionString: db.url, pollDelays: { minMs: 5, maxMs: 20 } });
    dataSource = await openReadModelsDataSource({ url: db.url, readModels: benchReadModels() });
    projections = benchProjections(domain.calendar);
    const templates = new TemplateGenerator(domain, 7, 0.5).generate(64);
    await loadHistory(store, templates, 400, () => undefined, 113);
    // The head readers see may lag the imports' commit for a moment: the last position written is the one to wait for.
    const [{ max }]: Array<{ max: string }> = await dataSource.query('SELECT max(position)::text AS max FROM es_events');
    last = BigInt(max);
    await untilLogShows(store, last);
  }, 120_000);

  afterAll(async () => {
    await store?.close();
    await dataSource?.destroy();
    await db?.drop();
  });

  /** Rows the runners built live, for the experiment's test below. */
  let live: Record<string, string[]> = {};

  it('holds the same rows after a rebuild as the runners built live', async () => {
    const runners = projections.map(
      (projection) =>
        new ProjectionRunner({
          projection,
          dataSource,
          store,
          lockUrl: db.url,
          logger: quiet,
          options: { batchSize: 5, lockRetryMs: 100, backoff: { initialMs: 50, maxMs: 100 } },
        }),
    );
    for (const runner of runners) runner.start();
    try {
      const deadline = Date.now() + 90_000;
      for (;;) {
        const at = await readCheckpoints(
          dataSource,
          projections.map((p) => p.name),
        );
        if (projections.every((p) => (at.get(p.name)?.position ?? 0n) >= last)) break;
        if (Date.now() > deadline) throw new Error('the runners did not catch up');
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      for (const runner of runners) await runner.stop();
    }
    live = await rows();
    expect(live['rm_work_queue'].length).toBeGreaterThan(50);
    expect(live['rm_step_timeline'].length).toBeGreaterThan(300);

    await rebuildProjections({
      projections,
      dataSource,
      store,
      lockUrl: db.url,
      countEvents: countInPostgresLog(dataSource),
      batchSize: 997,
      lockWaitMs: 5_000,
    });
    const rebuilt = await rows();
    for (const table of tables()) expect({ table, rows: rebuilt[table] }).toEqual({ table, rows: live[table] });
  }, 150_000);

  // joint-lag.ts measures with the JointPass experiment: it must build what the runners build, or its figures mean nothing.
  it.each([
    ['one transaction for all four', false],
    ['one poll, a transaction each', true],
  ])(
    'the JointPass experiment (%s) builds the same rows as the runners',
    async (_, separateTransactions) => {
      expect(live['rm_work_queue']?.length).toBeGreaterThan(50);
      await dataSource.query(`TRUNCATE ${tables().join(', ')}`);
      await dataSource.query('UPDATE rm_checkpoints SET position = 0 WHERE projection = ANY($1::text[])', [projections.map((p) => p.name)]);
      const at = new Map<string, bigint>();
      const pass = new JointPass({
        projections,
        dataSource,
        store,
        batchSize: 5,
        separateTransactions,
        onCommitted: (p, to) => at.set(p, to),
      });
      pass.start();
      try {
        const deadline = Date.now() + 90_000;
        while (!projections.every((p) => (at.get(p.name) ?? 0n) >= last)) {
          if (pass.status.state === 'failed' || Date.now() > deadline)
            throw new Error(`the joint pass did not catch up (${pass.status.state})`);
          await new Promise((r) => setTimeout(r, 50));
        }
      } finally {
        await pass.stop();
      }
      const joint = await rows();
      for (const table of tables()) expect({ table, rows: joint[table] }).toEqual({ table, rows: live[table] });
    },
    150_000,
  );
});
