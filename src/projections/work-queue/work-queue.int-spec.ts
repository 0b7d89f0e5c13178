import type { Principal } from '../../auth/principal';
import { fixedClock } from '../../common/clock';
import { ProjectionRunner } from '../runtime/projection-runner';
import { rebuildProjection } from '../runtime/rebuilder';
import { CaseDriver, minutesAfter, staff } from '../runtime/testing/case-driver';
import { WorkQueueProjection } from './work-queue.projection';
import { listQuery, WorkQueueQueries } from './work-queue.query';
import type { WorkQueueQuery } from './work-queue.query.dto';
import { WORK_QUEUE_READ_MODEL } from './work-queue.read-model';
import { CreateWorkQueueOrgDays1767500000000 } from './work-queue-org-days.migration';
import { queueScopeFor } from './work-queue.scope';
import { dayBounds } from './work-queue.status';
import { AT_SCHOOL_OFFICE, THROUGH_STATE_CORPORATION } from '../testing/kostanay-school-cases';
import { until } from '../../../test/support/until';
import { ProjectionTestDatabase } from '../testing/projection-database';

const KST = staff('kostanay-oblast');
// Mon 4 March 2019, 10:00 in Kostanay (UTC+6).
const T0 = new Date('2019-03-04T04:00:00Z');
const principal = (
  roles: Principal['roles'],
  organisation: string,
  userId = 'u-x',
  region: Principal['region'] = 'kostanay-oblast',
): Principal => ({
  userId,
  roles,
  organisation,
  region,
});

describe('work queue read model (real domain, real PostgreSQL)', () => {
  const pg = new ProjectionTestDatabase('wq', [WORK_QUEUE_READ_MODEL]);
  let runner: ProjectionRunner;
  let last = 0n;
  const clock = fixedClock(minutesAfter(T0, 60)); // 11:00 local
  let queries: WorkQueueQueries;

  const settled = () => until('the work queue to catch up', () => pg.checkpointReached('work-queue', last));
  const page = (who: Principal, query: WorkQueueQuery = {}) => queries.page(queueScopeFor(who, query), query);
  const ids = (items: Array<{ caseId: string }>) => items.map((i) => i.caseId);

  beforeAll(async () => {
    await pg.open();
    queries = new WorkQueueQueries(pg.dataSource, clock);
    const drive = new CaseDriver(pg.store);
    const office = AT_SCHOOL_OFFICE;

    // a: registered, then the head's visa names u-exec: waits for the executor's draft (13 working days).
    await drive.receive({ ...office, caseId: 'a', caller: KST.clerk, at: T0 });
    last = await drive.act('a', { type: 'ImposeVisa', executorId: 'u-exec' }, KST.head, minutesAfter(T0, 20));
    // b: registered at 10:10, waits for the visa (3 office hours: due 14:40 local today, after lunch).
    last = await drive.receive({ ...office, caseId: 'b', caller: KST.clerk, at: minutesAfter(T0, 10) });
    // c: registered at 10:00 on Friday 1 March: the visa was due the same day: overdue.
    last = await drive.receive({ ...office, caseId: 'c', caller: KST.clerk, at: new Date('2019-03-01T04:00:00Z') });
    // d: another school.
    last = await drive.receive({
      ...office,
      caseId: 'd',
      providerOrganisation: 'school-8',
      caller: { ...KST.clerk, organisation: 'school-8' },
      at: T0,
    });
    // e: the whole path: leaves the queue.
    await drive.receive({ ...office, caseId: 'e', caller: KST.clerk, at: T0 });
    await drive.act('e', { type: 'ImposeVisa', executorId: 'u-exec' }, KST.head, minutesAfter(T0, 5));
    await drive.act('e', { type: 'PrepareDraft' }, KST.executor, minutesAfter(T0, 10));
    await drive.act('e', { type: 'SignResult' }, KST.head, minutesAfter(T0, 15));
    last = await drive.act('e', { type: 'IssueResult', to: 'applicant' }, KST.clerk, minutesAfter(T0, 20));
    // f: motivated refusal; g: incomplete package refused at the State Corporation's counter (the regulation gives that refusal to it, not to the office).
    await drive.receive({ ...office, caseId: 'f', caller: KST.clerk, at: T0 });
    last = await drive.act('f', { type: 'RefuseService', grounds: 'unreliable documents' }, KST.head, minutesAfter(T0, 30));
    last = await drive.receive({
      ...office,
      channel: 'state-corporation',
      caseId: 'g',
      caller: KST.operator,
      at: T0,
      missingDocuments: ['identity-document'],
    });
    // s: through the State Corporation office sc-kst for school-7: received, registered, forwarded; the provider has 13 working days.
    const sc = THROUGH_STATE_CORPORATION;
    await drive.receive({ ...sc, caseId: 's', caller: KST.operator, at: T0 });
    await drive.act('s', { type: 'RegisterAtProvider' }, KST.operator, minutesAfter(T0, 2));
    last = await drive.act('s', { type: 'ForwardToProvider' }, KST.operator, minutesAfter(T0, 30));
    // Visa within the provider's 13 days: names the executor, the step stays.
    last = await drive.act('s', { type: 'ImposeVisa', executorId: 'u-exec' }, KST.head, minutesAfter(T0, 50));
    // n: Almaty oblast, a regulation that states no durations (2015).
    last = await drive.receive({
      region: 'almaty-oblast',
      service: 'school-admission',
      channel: 'provider-office',
      providerOrganisation: 'school-7',
      caseId: 'n',
      caller: staff('almaty-oblast').clerk,
      at: new Date('2015-06-02T04:00:00Z'),
      category: 'first-grade',
    });

    runner = pg.runner(new WorkQueueProjection(), { batchSize: 7 });
    runner.start();
    await settled();
  });

  afterAll(async () => {
    await runner?.stop();
    await pg.close();
  });

  it('holds each open case at the step it awaits; closed cases are gone', async () => {
    const rows: Array<{ case_id: string; step_action: string; step_role: string; executor_id: string | null }> = await pg.dataSource.query(
      'SELECT case_id, step_action, step_role, executor_id FROM rm_work_queue ORDER BY case_id',
    );
    expect(rows).toEqual([
      { case_id: 'a', step_action: 'draft-prepared', step_role: 'executor', executor_id: 'u-exec' },
      { case_id: 'b', step_action: 'visa-imposed', step_role: 'head', executor_id: null },
      { case_id: 'c', step_action: 'visa-imposed', step_role: 'head', executor_id: null },
      { case_id: 'd', step_action: 'visa-imposed', step_role: 'head', executor_id: null },
      { case_id: 'n', step_action: 'visa-imposed', step_role: 'head', executor_id: null },
      { case_id: 's', step_action: 'result-prepared', step_role: 'provider', executor_id: 'u-exec' },
    ]);
  });

  it('a head of school-7: their cases by due instant, statuses in local time, totals per status', async () => {
    const res = await page(principal(['head'], 'school-7'));
    expect(ids(res.items)).toEqual(['c', 'b', 'a', 's']);
    expect(res.items.map((i) => i.status)).toEqual(['overdue', 'due-today', 'on-time', 'on-time']);
    expect(res.items[1]).toMatchObject({
      caseId: 'b',
      region: 'kostanay-oblast',
      providerOrganisation: 'school-7',
      stateCorporationOrganisation: null,
      service: 'secondary-education-duplicates',
      channel: 'provider-office',
      regulationVersionId: 'kostanay-oblast/secondary-education-duplicates/v2',
      currentStep: { action: 'visa-imposed', role: 'head', since: '2019-03-04T04:10:00.000Z' },
      executorId: null,
      receivedAt: '2019-03-04T04:10:00.000Z',
    });
    expect(res.items[1].dueAt! > '2019-03-04T05:00:00.000Z' && res.items[1].dueAt! < '2019-03-04T18:00:00.000Z').toBe(true);
    expect(res.totals).toEqual({ all: 4, 'on-time': 2, 'due-today': 1, overdue: 1, 'not-regulated': 0 });
    expect(res.total).toBe(4);
  });

  it('filters by status, role, assignee, service and channel, and paginates', async () => {
    const head = principal(['head'], 'school-7');
    const overdue = await page(head, { status: 'overdue' });
    expect(ids(overdue.items)).toEqual(['c']);
    expect(overdue.total).toBe(1);
    expect(overdue.totals.all).toBe(4); // totals ignore the status filter
    expect(ids((await page(head, { role: 'head' })).items)).toEqual(['c', 'b']);
    expect(ids((await page(principal(['executor'], 'school-7', 'u-exec'), { assignee: 'me' })).items)).toEqual(['a', 's']);
    expect(ids((await page(head, { channel: 'state-corporation' })).items)).toEqual(['s']);
    expect(ids((await page(head, { service: 'externat-permission' })).items)).toEqual([]);
    const second = await page(head, { page: 2, pageSize: 3 });
    expect(ids(second.items)).toEqual(['s']);
    expect(second).toMatchObject({ page: 2, pageSize: 3, total: 4 });
  });

  it('scopes staff to their organisation, operators to their office, oversight to their region', async () => {
    expect(ids((await page(principal(['clerk'], 'school-8'))).items)).toEqual(['d']);
    expect(ids((await page(principal(['state-corporation-operator'], 'sc-kst'))).items)).toEqual(['s']);
    expect(ids((await page(principal(['oversight'], 'kst-education'))).items)).toEqual(['c', 'd', 'b', 'a', 's']);
    expect(ids((await page(principal(['oversight'], 'kst-education'), { organisation: 'school-8' })).items)).toEqual(['d']);
    expect(ids((await page(principal(['oversight'], 'kst-education'), { organisation: 'sc-kst' })).items)).toEqual(['s']);
  });

  it('a step without a regulated duration is "not regulated" and sorts last', async () => {
    const res = await page(principal(['oversight'], 'alm-education', 'u-o', 'almaty-oblast'));
    expect(res.items).toEqual([expect.objectContaining({ caseId: 'n', dueAt: null, status: 'not-regulated' })]);
    expect(res.totals['not-regulated']).toBe(1);
  });

  const instants = [
    minutesAfter(T0, 60), // 11:00 local: b is due at 14:40 today
    minutesAfter(T0, 300), // 15:00 local: b's due instant has passed today
    new Date('2019-03-03T20:00:00Z'), // 02:00 local on the 4th, before any of the day's deadlines
    new Date('2019-03-20T04:00:00Z'),
    new Date('2019-02-01T04:00:00Z'),
  ];
  /** The page's totals against a count of its items by status, at each instant. */
  const expectTotalsAgreeWithItems = async (who: Principal) => {
    for (const at of instants) {
      const at_ = new WorkQueueQueries(pg.dataSource, fixedClock(at));
      const res = await at_.page(queueScopeFor(who, {}), { pageSize: 100 });
      const byStatus = { all: res.items.length, 'on-time': 0, 'due-today': 0, overdue: 0, 'not-regulated': 0 };
      for (const item of res.items) byStatus[item.status] += 1;
      expect({ who: who.organisation, at: at.toISOString(), totals: res.totals }).toEqual({
        who: who.organisation,
        at: at.toISOString(),
        totals: byStatus,
      });
    }
  };

  it("a whole region's totals (kept per local due day) agree with its cases, before, during and after the day's deadlines", async () => {
    await expectTotalsAgreeWithItems(principal(['oversight'], 'kst-education'));
    const days: Array<{ n: number }> = await pg.dataSource.query(
      "SELECT n FROM rm_work_queue_region_days WHERE region = 'kostanay-oblast'",
    );
    expect(days.reduce((sum, d) => sum + d.n, 0)).toBe(5);
  });

  it("an organisation's totals (kept per local due day) agree with its cases, for staff of a provider and for a State Corporation operator", async () => {
    for (const who of [
      principal(['clerk'], 'school-7'),
      principal(['head'], 'school-8'),
      principal(['state-corporation-operator'], 'sc-kst'),
    ]) {
      await expectTotalsAgreeWithItems(who);
    }
    const days: Array<{ side: string; org: string; n: number }> = await pg.dataSource.query(
      "SELECT side, org, sum(n)::int AS n FROM rm_work_queue_org_days WHERE region = 'kostanay-oblast' GROUP BY 1, 2 HAVING sum(n) <> 0 ORDER BY 1, 2",
    );
    expect(days).toEqual([
      { side: 'provider', org: 'school-7', n: 4 },
      { side: 'provider', org: 'school-8', n: 1 },
      { side: 'sc', org: 'sc-kst', n: 1 },
    ]);
  });

  it("the migration fills an organisation's day counts from an existing queue as the projection keeps them", async () => {
    const kept = () =>
      pg.dataSource.query(
        'SELECT region, side, org, due_day, n FROM rm_work_queue_org_days WHERE n <> 0 ORDER BY region, side, org, due_day',
      );
    const live = await kept();
    expect(live.length).toBeGreaterThan(0);
    const runner = pg.dataSource.createQueryRunner();
    try {
      await runner.query('DROP TABLE rm_work_queue_org_days');
      await new CreateWorkQueueOrgDays1767500000000().up(runner);
    } finally {
      await runner.release();
    }
    expect(await kept()).toEqual(live);
  });

  it('a rebuild from zero gives the same rows as the live projection', async () => {
    const dump = async () => [
      await pg.dataSource.query('SELECT * FROM rm_work_queue ORDER BY case_id'),
      await pg.dataSource.query('SELECT * FROM rm_work_queue_region_days WHERE n <> 0 ORDER BY region, due_day'),
      await pg.dataSource.query('SELECT * FROM rm_work_queue_org_days WHERE n <> 0 ORDER BY region, side, org, due_day'),
    ];
    const live = await dump();
    await runner.stop();
    await rebuildProjection({
      projection: new WorkQueueProjection(),
      ...pg.rebuildDeps(),
      batchSize: 3,
    });
    expect(await dump()).toEqual(live);
  });

  it('answers every scope from its index, never sorting a whole region (timings: npm run bench:projections)', async () => {
    await pg.dataSource.query(`
      INSERT INTO rm_work_queue (case_id, region, provider_org, sc_org, service, channel, regulation_version_id, step_id, step_action, step_role,
                                 step_since, due_at, due_explanation, executor_id, received_at, revision, position)
      SELECT 'bulk-' || i, 'kostanay-oblast', CASE WHEN i % 10 = 3 THEN 'org-big' ELSE 'org-' || (i % 400) END, CASE WHEN i % 3 = 0 THEN 'sc-' || (i % 20) END,
             'secondary-education-duplicates', CASE WHEN i % 3 = 0 THEN 'state-corporation' ELSE 'provider-office' END,
             'kostanay-oblast/secondary-education-duplicates/v2', 'office-2',
             (ARRAY['visa-imposed','draft-prepared','signed','issued'])[1 + i % 4], (ARRAY['head','executor','head','clerk'])[1 + i % 4],
             timestamptz '2019-03-01' + i * interval '1 minute',
             CASE WHEN i % 10 = 0 THEN NULL ELSE timestamptz '2019-02-20' + (i % 5000) * interval '7 minutes' END,
             'x', CASE WHEN i % 4 = 1 THEN 'u-' || (i % 1000) END, timestamptz '2019-03-01', 1, i
        FROM generate_series(1, 20000) AS i
       ORDER BY md5(i::text)`); // rows land in no index's order, as cases received over time do
    await pg.dataSource.query('ANALYZE rm_work_queue');
    const cases: Array<[Principal, WorkQueueQuery]> = [
      [principal(['oversight'], 'kst-education'), {}],
      [principal(['oversight'], 'kst-education'), { status: 'on-time', page: 40 }],
      [principal(['head'], 'org-7'), {}],
      [principal(['head'], 'org-7'), { role: 'clerk', status: 'overdue' }],
      [principal(['executor'], 'org-5', 'u-5'), { assignee: 'me' }],
      [principal(['state-corporation-operator'], 'sc-3'), { role: 'clerk' }],
    ];
    for (const [who, query] of cases) {
      const res = await page(who, query);
      expect(res.items.length).toBeGreaterThan(0);
    }

    // The plans of the list query the code runs, with its own bound values.
    const explain = async (who: Principal, query: WorkQueueQuery) => {
      const list = listQuery(queueScopeFor(who, query), query, dayBounds('kostanay-oblast', clock.now()));
      const plan: Array<{ 'QUERY PLAN': string }> = await pg.dataSource.query(`EXPLAIN ${list.text}`, list.values);
      return plan.map((r) => r['QUERY PLAN']).join('\n');
    };
    // A small organisation: its index, then a sort of a few rows.
    const staffPlan = await explain(principal(['head'], 'org-7'), { role: 'clerk' });
    expect(staffPlan).toMatch(/rm_work_queue_provider_role_due/);
    expect(staffPlan).not.toMatch(/Seq Scan/);
    // Staff of a large organisation (a tenth of the region) opening their queue: its own index in due order, never the
    // region's with every other organisation's rows read and filtered out.
    const ownQueuePlan = await explain(principal(['head'], 'org-big'), {});
    expect(ownQueuePlan).toMatch(/Index Scan using rm_work_queue_provider_due/);
    expect(ownQueuePlan).not.toMatch(/rm_work_queue_region_due|Sort|Seq Scan/);
    // The whole region: the page is read in index order, no sort of the region's rows.
    const regionPlan = await explain(principal(['oversight'], 'kst-education'), {});
    expect(regionPlan).toMatch(/Index (Only )?Scan using rm_work_queue_region_due/);
    expect(regionPlan).not.toMatch(/Sort|Seq Scan/);
  });
});
