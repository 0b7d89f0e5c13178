import { StepTimelineProjection } from './step-timeline.projection';
import { STEP_TIMELINE_READ_MODEL } from './step-timeline.read-model';
import { appendRun, catchUp, dumpTables, realDomain, resetProjection } from './testing/projection-harness';
import { scenarioCases } from './testing/scenarios';
import { ProjectionTestDatabase } from '../testing/projection-database';

const at = (iso: string) => new Date(iso);

describe('step timeline projection (PostgreSQL)', () => {
  const domain = realDomain();
  const pg = new ProjectionTestDatabase('timeline', [STEP_TIMELINE_READ_MODEL]);
  let projection: StepTimelineProjection;

  const rowsOf = async (caseId: string) =>
    pg.dataSource.query(
      `SELECT row_key, seq, kind, step_id, action, role, within_step, term_value, term_unit, term_note, due_at, started_at, ended_at,
              elapsed_office_minutes, allowed_office_minutes, overrun_minutes, overrun_basis, status, actor_id, actor_role, closed_by
         FROM rm_step_timeline WHERE case_id = $1 ORDER BY seq`,
      [caseId],
    );

  beforeAll(async () => {
    await pg.open();
    projection = new StepTimelineProjection(domain.calendar);

    const cases = scenarioCases(domain, (name) => `${name}-1`);
    // Appended case by case, applied in batches of 4: cases span batches as they would live.
    for (const run of Object.values(cases)) await appendRun(pg.store, run, 0);
    await catchUp(projection, pg.store, pg.dataSource, 0n, 4);
  });

  afterAll(() => pg.close());

  it('records every step of a completed case with its duration, due, start, end, elapsed office time and status', async () => {
    const rows = await rowsOf('kst-sc-1');
    expect(rows.map((r: { row_key: string }) => r.row_key)).toEqual([
      'sc-1',
      'sc-2',
      'sc-4',
      'sc-5',
      'sc-5@3',
      'sc-5@4',
      'sc-5@5',
      'sc-5@6',
      'sc-6',
      'appeal:ap-1',
    ]);
    const byKey = Object.fromEntries(rows.map((r: { row_key: string }) => [r.row_key, r]));
    expect(byKey['sc-1']).toMatchObject({
      status: 'not-measured',
      term_value: 2,
      term_unit: 'minutes',
      elapsed_office_minutes: null,
      closed_by: 'ApplicationReceived',
    });
    expect(byKey['sc-2']).toMatchObject({
      status: 'on-time',
      term_value: 5,
      term_unit: 'minutes',
      due_at: at('2019-03-04T04:05:00Z'),
      started_at: at('2019-03-04T04:00:00Z'),
      ended_at: at('2019-03-04T04:04:00Z'),
      elapsed_office_minutes: 4,
      allowed_office_minutes: 5,
      overrun_minutes: -1,
      overrun_basis: 'office-minutes',
      role: 'state-corporation-operator',
      actor_role: 'state-corporation-operator',
    });
    // 10:04–13:00 and 14:30–18:30 on Mon 4 Mar, 9:00–11:00 on Tue 5 Mar: 176 + 240 + 120.
    expect(byKey['sc-4']).toMatchObject({
      status: 'on-time',
      term_value: 1,
      term_unit: 'days',
      elapsed_office_minutes: 536,
      overrun_basis: 'end-minus-due',
    });
    expect(byKey['sc-4'].overrun_minutes).toBeLessThan(0);
    expect(byKey['sc-5']).toMatchObject({
      status: 'on-time',
      term_value: 13,
      term_unit: 'working-days',
      closed_by: 'ResultSentToStateCorporation',
    });
    // The hand-over's 5 minutes run from the applicant's arrival, which no one records: no due, never late nor on time.
    expect(byKey['sc-6']).toMatchObject({
      status: 'not-measured',
      due_at: null,
      elapsed_office_minutes: 480,
      overrun_minutes: null,
      actor_id: 'sc-kostanay:state-corporation-operator-1',
    });
    expect(byKey['appeal:ap-1']).toMatchObject({
      kind: 'appeal',
      status: 'late',
      term_value: 5,
      term_unit: 'working-days',
      closed_by: 'AppealDecided',
    });
  });

  it('marks the actions inside an enclosing step as such, chained from the step’s start', async () => {
    const rows = (await rowsOf('kst-sc-1')).filter((r: { kind: string }) => r.kind === 'within-step');
    expect(rows.map((r: { action: string }) => r.action)).toEqual(['registered', 'visa-imposed', 'draft-prepared', 'signed']);
    expect(
      rows.every(
        (r: { status: string; within_step: string; due_at: unknown }) =>
          r.status === 'within-step' && r.within_step === 'sc-5' && r.due_at === null,
      ),
    ).toBe(true);
    expect(rows[0]).toMatchObject({
      started_at: at('2019-03-05T05:00:00Z'),
      ended_at: at('2019-03-05T06:00:00Z'),
      elapsed_office_minutes: 60,
    });
    // 12:00–13:00 and 14:30–18:30 on Tue 5 Mar, 9:00–10:00 on Wed 6 Mar.
    expect(rows[1]).toMatchObject({ started_at: at('2019-03-05T06:00:00Z'), elapsed_office_minutes: 360, actor_role: 'head' });
  });

  it('never counts a step without a stated duration as on time, and keeps the step in progress in the track', async () => {
    const rows = await rowsOf('alm-office-1');
    expect(rows.map((r: { status: string }) => r.status)).toEqual(['not-regulated', 'not-regulated', 'not-regulated']);
    expect(rows.every((r: { term_value: unknown; term_note: string }) => r.term_value === null && r.term_note.length > 0)).toBe(true);
    const track = await projection.store.loadOne(pg.dataSource, 'alm-office-1');
    expect(track?.open).toMatchObject({ stepId: 'office-4', action: 'issued', startedAt: '2015-02-04T05:00:00.000Z', dueAt: null });
    expect(track?.outcome).toBe('open');
  });

  it('records a refusal at acceptance as an unmeasured step and a service refusal as the end of the running step', async () => {
    expect(await rowsOf('kst-refused-1')).toEqual([
      expect.objectContaining({ row_key: 'sc-1-refusal', status: 'not-measured', term_value: 3, closed_by: 'AcceptanceRefused' }),
    ]);
    const refused = await rowsOf('kst-adm-1');
    expect(refused.map((r: { row_key: string; status: string }) => `${r.row_key}:${r.status}`)).toEqual([
      'office-1:not-measured',
      'office-2:on-time',
      'office-3:late',
    ]);
    expect(refused[2]).toMatchObject({ closed_by: 'ServiceRefused', overrun_basis: 'end-minus-due', actor_role: 'executor' });
    const track = await projection.store.loadOne(pg.dataSource, 'kst-adm-1');
    expect(track).toMatchObject({ outcome: 'service-refused', open: null, closedMonth: '2019-06' });
  });

  it('rebuilds to exactly the same rows as it built live, whatever the batch size', async () => {
    const tables: Array<[string, string]> = [
      ['rm_step_timeline', 'case_id, row_key'],
      ['rm_step_timeline_cases', 'case_id'],
      ['rm_step_timeline_plans', 'plan_key'],
    ];
    const live = await dumpTables(pg.dataSource, tables);
    await resetProjection(projection, pg.dataSource);
    expect((await dumpTables(pg.dataSource, tables)).rm_step_timeline).toHaveLength(0);
    await catchUp(new StepTimelineProjection(domain.calendar), pg.store, pg.dataSource, 0n, 500);
    expect(await dumpTables(pg.dataSource, tables)).toEqual(live);
  });
});
