import { loadCalendarDataset } from '../calendar/calendar-data.loader';
import { WorkingCalendar } from '../calendar/working-calendar.service';
import { forgetKnownPlans } from '../cases/plan-codec';
import { NotaryProjection } from '../transparency/notary.projection';
import { untilLogShows } from '../../test/support/log-visibility';
import { CaseHistoryProjection } from './case-history/case-history.projection';
import { OversightProjection } from './oversight/oversight.projection';
import { READ_MODELS } from './read-models.registry';
import { readCheckpoints } from './runtime/checkpoints';
import type { Projection } from './runtime/projection';
import { filterOf } from './runtime/projection-filter';
import { ProjectionRunner } from './runtime/projection-runner';
import { rebuildProjections } from './runtime/rebuilder';
import { CaseDriver, minutesAfter, staff } from './runtime/testing/case-driver';
import { AT_SCHOOL_OFFICE, THROUGH_STATE_CORPORATION } from './testing/kostanay-school-cases';
import { comparableRows } from './testing/comparable-rows';
import { ProjectionTestDatabase } from './testing/projection-database';
import { StepTimelineProjection } from './step-timeline/step-timeline.projection';
import { WorkQueueProjection } from './work-queue/work-queue.projection';

const KST = staff('kostanay-oblast');
const T0 = new Date('2019-03-04T04:00:00Z'); // Mon 4 March 2019, 10:00 in Kostanay
/** Tables of the runtime and the notary's signed checkpoints (published, never rebuilt). */
const NOT_REBUILT = ['rm_checkpoints', 'rm_migrations', 'tl_checkpoints'];

/**
 * The rebuild swaps in copies of the live tables: after it, the schema is
 * exactly what the migrations made (index and constraint names, storage
 * options), so later migrations still find what they alter.
 */
describe('rebuilding every real read model at once (real domain, real PostgreSQL)', () => {
  const pg = new ProjectionTestDatabase('rmr', READ_MODELS);
  let projections: Projection[];
  let drive: CaseDriver;
  const runners: ProjectionRunner[] = [];
  let last = 0n;

  /** Every projection has applied every event up to `last` its filter asks for. */
  const caughtUp = async () => {
    await untilLogShows(pg.store, last);
    const checkpoints = await readCheckpoints(
      pg.dataSource,
      projections.map((p) => p.name),
    );
    for (const projection of projections) {
      const at = checkpoints.get(projection.name)?.position;
      if (at === undefined) return false;
      const pending = await pg.store.readAll({ after: at, maxCount: 1, filter: filterOf(projection) });
      if (pending.length > 0 && pending[0].position <= last) return false;
    }
    return true;
  };
  const until = async (what: string, condition: () => Promise<boolean>) => {
    const deadline = Date.now() + 15_000;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const tables = () => projections.flatMap((p) => p.tables);
  const rows = async () => Object.fromEntries(await Promise.all(tables().map(async (t) => [t, await comparableRows(pg.dataSource, t)])));
  const schema = async () => ({
    // indcheckxmin: an index the planner may not use yet (built over rows updated in place while older transactions run).
    indexes: await pg.dataSource.query(
      `SELECT x.tablename, x.indexname, x.indexdef, i.indcheckxmin, i.indisvalid FROM pg_indexes x JOIN pg_index i ON i.indexrelid = (quote_ident(x.schemaname) || '.' || quote_ident(x.indexname))::regclass
        WHERE x.tablename = ANY($1) ORDER BY 1, 2`,
      [tables()],
    ),
    constraints: await pg.dataSource.query(
      `SELECT c.relname, k.conname, pg_get_constraintdef(k.oid) AS def FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
        WHERE c.relname = ANY($1) AND c.relnamespace = current_schema()::regnamespace ORDER BY 1, 2`,
      [tables()],
    ),
    tables: await pg.dataSource.query(
      `SELECT c.relname, c.reloptions, n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = ANY($1) AND c.relkind = 'r' ORDER BY 1`,
      [tables()],
    ),
    columns: await pg.dataSource.query(
      `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
        WHERE table_name = ANY($1) AND table_schema = current_schema() ORDER BY 1, ordinal_position`,
      [tables()],
    ),
  });

  beforeAll(async () => {
    await pg.open();
    const calendar = new WorkingCalendar(loadCalendarDataset({}));
    projections = [
      new WorkQueueProjection(),
      new CaseHistoryProjection(),
      new StepTimelineProjection(calendar),
      new OversightProjection(calendar),
      new NotaryProjection(),
    ];
    drive = new CaseDriver(pg.store);
    const office = AT_SCHOOL_OFFICE;
    await drive.receive({ ...office, caseId: 'a', caller: KST.clerk, at: T0 });
    await drive.act('a', { type: 'ImposeVisa', executorId: 'u-exec' }, KST.head, minutesAfter(T0, 20));
    await drive.receive({ ...office, caseId: 'e', caller: KST.clerk, at: T0 });
    await drive.act('e', { type: 'ImposeVisa', executorId: 'u-exec' }, KST.head, minutesAfter(T0, 5));
    await drive.act('e', { type: 'PrepareDraft' }, KST.executor, minutesAfter(T0, 10));
    await drive.act('e', { type: 'SignResult' }, KST.head, minutesAfter(T0, 15));
    await drive.act('e', { type: 'IssueResult', to: 'applicant' }, KST.clerk, minutesAfter(T0, 20));
    await drive.receive({ ...office, caseId: 'f', caller: KST.clerk, at: T0 });
    await drive.act('f', { type: 'RefuseService', grounds: 'unreliable documents' }, KST.head, minutesAfter(T0, 30));
    // The regulation gives refusal of acceptance to the State Corporation only.
    await drive.receive({
      ...office,
      channel: 'state-corporation',
      caseId: 'g',
      caller: KST.operator,
      at: T0,
      missingDocuments: ['identity-document'],
    });
    const sc = THROUGH_STATE_CORPORATION;
    await drive.receive({ ...sc, caseId: 's', caller: KST.operator, at: T0 });
    await drive.act('s', { type: 'RegisterAtProvider' }, KST.operator, minutesAfter(T0, 2));
    last = await drive.act('s', { type: 'ForwardToProvider' }, KST.operator, minutesAfter(T0, 30));
    // As a process that never wrote these cases: the runners load the plans the receipts name from the store.
    forgetKnownPlans();
    for (const projection of projections) {
      const runner = pg.runner(projection, { batchSize: 4 });
      runners.push(runner);
      runner.start();
    }
    await until('the live read models', caughtUp);
  });

  afterAll(async () => {
    for (const runner of runners) await runner.stop();
    await pg.close();
  });

  it('every read-model table belongs to exactly one projection (a table no projection declares would not be rebuilt)', async () => {
    const all: Array<{ tablename: string }> = await pg.dataSource.query(
      "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND NOT starts_with(tablename, 'es_') ORDER BY 1",
    );
    const declared = tables();
    expect(new Set(declared).size).toBe(declared.length);
    expect(all.map((t) => t.tablename).filter((t) => !NOT_REBUILT.includes(t))).toEqual([...declared].sort());
  });

  it('gives the same rows, the same indexes, constraints and storage options, and the running instances carry on', async () => {
    const liveRows = await rows();
    const liveSchema = await schema();
    expect(liveRows['rm_work_queue']).toHaveLength(2);
    expect(liveSchema.indexes.map((i: { indexname: string }) => i.indexname)).toContain('rm_work_queue_region_due');

    forgetKnownPlans(); // and so does the rebuild
    await rebuildProjections({
      projections,
      ...pg.rebuildDeps(),
      batchSize: 3,
      lockWaitMs: 5_000,
    });
    expect(await rows()).toEqual(liveRows);
    expect(await schema()).toEqual(liveSchema);

    last = await drive.act('a', { type: 'PrepareDraft' }, KST.executor, minutesAfter(T0, 40));
    await until('the instances carry on after the swap', caughtUp);
    expect(runners.map((r) => r.status.state)).toEqual(projections.map(() => 'running'));
  });
});
