import type { Principal } from '../../auth/principal';
import { ProblemError } from '../../common/problem';
import { appendRun, catchUp, dumpTables, realDomain, resetProjection } from '../step-timeline/testing/projection-harness';
import { scenarioCases } from '../step-timeline/testing/scenarios';
import { OversightProjection } from './oversight.projection';
import { OversightQueries, scopeFor } from './oversight.query';
import { OVERSIGHT_READ_MODEL } from './oversight.read-model';
import { ProjectionTestDatabase } from '../testing/projection-database';

const all = { offset: 0 };
const oversightOf = (region: Principal['region']): Principal => ({
  userId: 'o-1',
  roles: ['oversight'],
  organisation: 'quality-authority',
  region,
});

describe('oversight projection and queries (PostgreSQL)', () => {
  const domain = realDomain();
  const pg = new ProjectionTestDatabase('oversight', [OVERSIGHT_READ_MODEL]);
  let projection: OversightProjection;
  let queries: OversightQueries;

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
    await catchUp(projection, pg.store, pg.dataSource, 0n, 7);
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

  it('keeps oversight users to their region; admins see every region', async () => {
    expect(() => scopeFor(oversightOf('astana'), { region: 'kostanay-oblast' })).toThrow(ProblemError);
    expect(scopeFor(oversightOf('astana'), {}).region).toBe('astana');
    const admin: Principal = { userId: 'a', roles: ['admin'], organisation: 'ministry', region: 'astana' };
    const regions = new Set((await queries.summary(scopeFor(admin, {}), all)).items.map((i) => i.region));
    expect([...regions].sort()).toEqual(['almaty-oblast', 'kostanay-oblast']);
    expect(() => scopeFor(admin, { from: '2019-05', to: '2019-04' })).toThrow(/after/);
  });

  it('rebuilds to exactly the same rows as it built live', async () => {
    const tables: Array<[string, string]> = [
      ['rm_oversight_step_facts', 'case_id, row_key'],
      ['rm_oversight_cases', 'case_id'],
      ['rm_oversight_plans', 'plan_key'],
    ];
    const live = await dumpTables(pg.dataSource, tables);
    await resetProjection(projection, pg.dataSource);
    expect((await dumpTables(pg.dataSource, tables)).rm_oversight_step_facts).toHaveLength(0);
    await catchUp(new OversightProjection(domain.calendar), pg.store, pg.dataSource, 0n, 1000);
    expect(await dumpTables(pg.dataSource, tables)).toEqual(live);
  });
});
