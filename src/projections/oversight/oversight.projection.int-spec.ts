import type { Principal } from '../../auth/principal';
import { ProblemError } from '../../common/problem';
import { appendRun, catchUp, dumpTables, realDomain, resetProjection } from '../step-timeline/testing/projection-harness';
import { scenarioCases } from '../step-timeline/testing/scenarios';
import { OversightProjection } from './oversight.projection';
import { OversightQueries, scopeFor } from './oversight.query';
import { OVERSIGHT_READ_MODEL } from './oversight.read-model';
import { comparableRows } from '../testing/comparable-rows';
import { ProjectionTestDatabase } from '../testing/projection-database';

const all = { offset: 0 };
const oversightOf = (region: Principal['region']): Principal => ({
  userId: 'o-1',
  roles: ['oversight'],
  organisation: 'quality-authority',
  region,
});
const admin: Principal = { userId: 'a', roles: ['admin'], organisation: 'ministry', region: 'astana' };

describe('oversight projection and queries (PostgreSQL)', () => {
  const domain = realDomain();
  const pg = new ProjectionTestDatabase('oversight', [OVERSIGHT_READ_MODEL]);
  let projection: OversightProjection;
  let queries: OversightQueries;
  let caughtUpTo = 0n;

  beforeAll(async () => {
    await pg.open();
    projection = new OversightProjection(domain.calendar);
    queries = new OversightQueries(pg.dataSource);
    for (const run of Object.values(scenarioCases(domain))) await appendRun(pg.store, run, 0);
    // Ten Kostanay duplicates at the office in April 2019, received at 9:00 local (03:00 UTC): the head's visa
    // (3 hours) after 20, 40, ..., 200 office minutes: nine on time (180 is exactly due), one late.
    const days = ['01', '02', '03', '04', '05', '08', '09', '10', '11', '12'];
    for (const [k, day] of days.entries()) {
      const received = new Date(`2019-04-${day}T03:00:00Z`);
      const run = domain.open(`kst-office-${day}`, 'kostanay-oblast', 'secondary-education-duplicates', 'provider-office', received, {
        providerOrg: 'school-7',
      });
      run.receive(received);
      run.advance(new Date(received.getTime() + (k + 1) * 20 * 60_000));
      await appendRun(pg.store, run, 0);
    }
    caughtUpTo = await catchUp(projection, pg.store, pg.dataSource, 0n, 7);
  });

  afterAll(() => pg.close());

  it('gives per step and month the on-time share, median and 90th percentile of elapsed office time against the regulated duration', async () => {
    const scope = scopeFor(oversightOf('kostanay-oblast'), { service: 'secondary-education-duplicates', step: 'office-2' });
    const { items, total } = await queries.steps(scope, all);
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({
      region: 'kostanay-oblast',
      organisation: 'school-7',
      channel: 'provider-office',
      step: 'office-2',
      action: 'visa-imposed',
      role: 'head',
      month: '2019-04',
      regulatedDuration: { value: 3, unit: 'hours' },
      allowedOfficeMinutes: 180,
      ended: 10,
      measured: 10,
      onTime: 9,
      late: 1,
      onTimeShare: 0.9,
      medianElapsedOfficeMinutes: 110,
      p90ElapsedOfficeMinutes: 182,
      maxOverrunMinutes: 20,
    });
  });

  it('never counts a step whose duration is not stated as on time', async () => {
    const { items } = await queries.steps(scopeFor(oversightOf('almaty-oblast'), {}), all);
    expect(items.map((i) => i.step)).toEqual(['office-1', 'office-2', 'office-3']);
    for (const item of items) {
      expect(item).toMatchObject({ regulatedDuration: null, notRegulated: 1, onTime: 0, late: 0, measured: 0, onTimeShare: null });
    }
    // The receipt has no known start: no elapsed time; the others took time, measured against nothing.
    expect(items.map((i) => i.medianElapsedOfficeMinutes)).toEqual([null, 180, 840]); // 10:00–13:00; 14:00 (in the break) to 11:00 two days later
    const [summary] = (await queries.summary(scopeFor(oversightOf('almaty-oblast'), {}), all)).items;
    expect(summary).toMatchObject({ received: 1, completed: 0, measuredSteps: 0, onTimeSteps: 0, notRegulatedSteps: 3, onTimeShare: null });
  });

  it('counts cases received, completed and refused by month, per provider and service', async () => {
    const { items } = await queries.summary(scopeFor(oversightOf('kostanay-oblast'), { from: '2019-03', to: '2019-06' }), all);
    const row = (org: string, service: string, month: string) =>
      items.find((i) => i.organisation === org && i.service === service && i.month === month);
    expect(row('school-7', 'secondary-education-duplicates', '2019-03')).toMatchObject({
      received: 1,
      refusedAtAcceptance: 1,
      completed: 1,
      refusedService: 0,
      lateSteps: 0,
      onTimeSteps: 3,
    });
    expect(row('school-7', 'secondary-education-duplicates', '2019-04')).toMatchObject({
      received: 10,
      completed: 0,
      measuredSteps: 11,
      onTimeSteps: 9,
      lateSteps: 2,
    });
    expect(row('school-9', 'school-admission', '2019-06')).toMatchObject({ received: 1, refusedService: 1, onTimeSteps: 1, lateSteps: 1 });
  });

  it('lists breaches newest first with the responsible role, the person and the overrun', async () => {
    const { items, total } = await queries.breaches(scopeFor(oversightOf('kostanay-oblast'), {}), { limit: 2, offset: 0 });
    expect(total).toBe(3);
    expect(items[0]).toMatchObject({
      caseId: 'kst-adm',
      step: 'office-3',
      responsibleRole: 'executor',
      actor: { id: 'school-9:executor-1', role: 'executor' },
      endedBy: 'ServiceRefused',
      overrunBasis: 'end-minus-due',
    });
    const visa = (
      await queries.breaches(scopeFor(oversightOf('kostanay-oblast'), { step: 'office-2', service: 'secondary-education-duplicates' }), all)
    ).items;
    expect(visa).toEqual([
      expect.objectContaining({
        caseId: 'kst-office-12',
        responsibleRole: 'head',
        actor: { id: 'school-7:head-1', role: 'head' },
        overrunMinutes: 20,
        overrunBasis: 'office-minutes',
        regulatedDuration: { value: 3, unit: 'hours' },
      }),
    ]);
    // The hand-over (sc-6) has no due instant: never a breach, never on time.
    expect((await queries.breaches(scopeFor(oversightOf('kostanay-oblast'), { step: 'sc-6' }), all)).total).toBe(0);
    expect((await queries.steps(scopeFor(oversightOf('kostanay-oblast'), { step: 'sc-6' }), all)).total).toBe(0);
    const pastTheEnd = await queries.breaches(scopeFor(oversightOf('kostanay-oblast'), {}), { limit: 10, offset: 100 });
    expect(pastTheEnd).toEqual({ items: [], total: 3 });
  });

  it('answers the summary from its rollup exactly as counting the cases and facts does, for every region, month range and filter', async () => {
    const scopes = [
      scopeFor(admin, {}),
      scopeFor(admin, { region: 'kostanay-oblast' }),
      scopeFor(admin, { region: 'kostanay-oblast', from: '2019-04', to: '2019-04' }),
      scopeFor(admin, { organisation: 'school-7', service: 'secondary-education-duplicates' }),
      scopeFor(admin, { region: 'almaty-oblast' }),
      scopeFor(admin, { from: '2019-05' }),
    ];
    for (const scope of scopes) {
      const fromFacts = await queries.summaryFromFacts(scope, all);
      expect([scope, fromFacts.total > 0]).toEqual([scope, true]);
      const rollup = await queries.summary(scope, all);
      expect(rollup.total).toBe(fromFacts.total);
      expect(
        rollup.items.map((i) => [i.region, i.month, i.organisation, i.service, i.received, i.refusedAtAcceptance, i.completed]),
      ).toEqual(
        fromFacts.items.map((r) => [
          r.region,
          r.month,
          r.provider_org,
          r.service,
          Number(r.received),
          Number(r.refused_at_acceptance),
          Number(r.completed),
        ]),
      );
      expect(rollup.items.map((i) => [i.refusedService, i.measuredSteps, i.onTimeSteps, i.lateSteps, i.notRegulatedSteps])).toEqual(
        fromFacts.items.map((r) => [
          Number(r.refused_service),
          Number(r.measured),
          Number(r.on_time),
          Number(r.late),
          Number(r.not_regulated),
        ]),
      );
    }
    // Pages of one: every row in order, the total on each.
    const scope = scopeFor(admin, {});
    const whole = await queries.summary(scope, all);
    for (let offset = 0; offset < whole.total; offset++) {
      const page = await queries.summary(scope, { limit: 1, offset });
      expect(page).toEqual({ total: whole.total, items: [whole.items[offset]] });
    }
    expect(await queries.summary(scope, { limit: 5, offset: whole.total })).toEqual({ total: whole.total, items: [] });
  });

  it('pages the steps statistics from the rollup with exact medians, 90th percentiles and totals', async () => {
    const scope = scopeFor(admin, {});
    const whole = await queries.steps(scope, all);
    expect(whole.total).toBeGreaterThan(3);
    expect(whole.items).toHaveLength(whole.total);
    // Recounted from the facts in SQL, group by group.
    const recount: Array<{ ended: string; median: number | null; p90: number | null; max_overrun: number | null }> =
      await pg.dataSource.query(
        `SELECT count(*) AS ended, percentile_cont(0.5) WITHIN GROUP (ORDER BY elapsed_office_minutes) AS median,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY elapsed_office_minutes) AS p90,
              max(overrun_minutes) FILTER (WHERE status = 'late') AS max_overrun
         FROM rm_oversight_step_facts WHERE status <> 'not-measured'
        GROUP BY region, month, provider_org, service, channel, step_id, action, role, term_value, term_unit, allowed_office_minutes
        ORDER BY region, month, provider_org, service, channel, step_id, action, role, term_value, term_unit, allowed_office_minutes`,
      );
    const round = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
    expect(whole.items.map((i) => [i.ended, i.medianElapsedOfficeMinutes, i.p90ElapsedOfficeMinutes, i.maxOverrunMinutes])).toEqual(
      recount.map((r) => [Number(r.ended), round(r.median), round(r.p90), round(r.max_overrun)]),
    );
    for (const offset of [0, 1, whole.total - 1]) {
      expect(await queries.steps(scope, { limit: 1, offset })).toEqual({ total: whole.total, items: [whole.items[offset]] });
    }
    expect(await queries.steps(scope, { limit: 2, offset: whole.total + 3 })).toEqual({ total: whole.total, items: [] });
  });

  it('counts the breaches of a scope exactly, from the rollup, on every page', async () => {
    const scopes = [
      scopeFor(admin, {}),
      scopeFor(admin, { region: 'kostanay-oblast', from: '2019-04', to: '2019-04' }),
      scopeFor(admin, { service: 'secondary-education-duplicates', step: 'office-2' }),
      scopeFor(admin, { region: 'almaty-oblast' }),
    ];
    for (const scope of scopes) {
      const whole = await queries.breaches(scope, all);
      expect(whole.total).toBe(whole.items.length);
      for (const offset of [0, Math.max(0, whole.total - 1)]) {
        const page = await queries.breaches(scope, { limit: 1, offset });
        expect(page).toEqual({ total: whole.total, items: whole.items.slice(offset, offset + 1) });
      }
      expect((await queries.breaches(scope, { limit: 3, offset: whole.total + 2 })).total).toBe(whole.total);
    }
    expect((await queries.breaches(scopes[0], all)).total).toBeGreaterThan(1);
  });

  it('keeps oversight users to their region; admins see every region', async () => {
    expect(() => scopeFor(oversightOf('astana'), { region: 'kostanay-oblast' })).toThrow(ProblemError);
    expect(scopeFor(oversightOf('astana'), {}).region).toBe('astana');
    const regions = new Set((await queries.summary(scopeFor(admin, {}), all)).items.map((i) => i.region));
    expect([...regions].sort()).toEqual(['almaty-oblast', 'kostanay-oblast']);
    expect(() => scopeFor(admin, { from: '2019-05', to: '2019-04' })).toThrow(/after/);
  });

  it('keeps the largest overrun of a steps row when a smaller one comes in a later batch', async () => {
    // Two more late visas in April 2019 (school-7, duplicates): 60 then 10 minutes over the 3 hours, each event its own batch.
    for (const [day, minutes] of [
      ['22', 240],
      ['23', 190],
    ] as const) {
      const received = new Date(`2019-04-${day}T03:00:00Z`);
      const run = domain.open(`kst-late-${day}`, 'kostanay-oblast', 'secondary-education-duplicates', 'provider-office', received, {
        providerOrg: 'school-7',
      });
      run.receive(received);
      run.advance(new Date(received.getTime() + minutes * 60_000));
      await appendRun(pg.store, run, 0);
    }
    caughtUpTo = await catchUp(projection, pg.store, pg.dataSource, caughtUpTo, 1);
    const scope = scopeFor(oversightOf('kostanay-oblast'), {
      service: 'secondary-education-duplicates',
      step: 'office-2',
      from: '2019-04',
      to: '2019-04',
    });
    const [row] = (await queries.steps(scope, all)).items;
    const [recount] = await pg.dataSource.query<Array<{ max: number }>>(
      `SELECT max(overrun_minutes) AS max FROM rm_oversight_step_facts
        WHERE region = 'kostanay-oblast' AND month = '2019-04' AND step_id = 'office-2' AND status = 'late'`,
    );
    expect(row.late).toBe(3);
    expect(row.maxOverrunMinutes).toBe(Math.round(recount.max * 100) / 100);
    expect(row.maxOverrunMinutes).toBeGreaterThanOrEqual(60);
  });

  it('rebuilds to exactly the same rows as it built live', async () => {
    const tables: Array<[string, string]> = [
      ['rm_oversight_step_facts', 'case_id, row_key'],
      ['rm_oversight_cases', 'case_id'],
      ['rm_oversight_plans', 'plan_key'],
      ['rm_oversight_monthly', 'region, month, provider_org, service'],
    ];
    // A steps row's elapsed times are a multiset: compared in order.
    const dump = async () => ({
      tables: await dumpTables(pg.dataSource, tables),
      stepStats: await comparableRows(pg.dataSource, 'rm_oversight_step_stats'),
    });
    const live = await dump();
    expect(live.stepStats.length).toBeGreaterThan(0);
    await resetProjection(projection, pg.dataSource);
    expect((await dump()).tables.rm_oversight_step_facts).toHaveLength(0);
    await catchUp(new OversightProjection(domain.calendar), pg.store, pg.dataSource, 0n, 1000);
    expect(await dump()).toEqual(live);
    // One event per batch: every rollup row is merged as often as it can be, and ends the same.
    await resetProjection(projection, pg.dataSource);
    await catchUp(new OversightProjection(domain.calendar), pg.store, pg.dataSource, 0n, 1);
    expect(await dump()).toEqual(live);
  });
});
