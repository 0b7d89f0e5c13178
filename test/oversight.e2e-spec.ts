import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { Principal } from '../src/auth/principal';
import { issueToken } from '../src/auth/tokens';
import { uuidFromName } from '../src/cases/case-stream';
import { fixedClock } from '../src/common/clock';
import { loadConfig } from '../src/config/config';
import { EVENT_STORE, EventStore } from '../src/event-store/event-store.port';
import { ProjectionWaiter } from '../src/projections/runtime/projection-waiter';
import { appendRun, lastAppendedPosition, realDomain } from '../src/projections/step-timeline/testing/projection-harness';
import { scenarioCases } from '../src/projections/step-timeline/testing/scenarios';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-db';

const idOf = (name: string) => uuidFromName(`oversight-e2e:${name}`);

describe('step timelines and oversight statistics over HTTP', () => {
  let app: INestApplication;
  let db: TestDatabase;
  const config = loadConfig({ LOG_JSON: 'false', LOG_LEVEL: 'error' });
  const bearer = (roles: Principal['roles'], organisation: string, region: Principal['region'] = 'kostanay-oblast') =>
    `Bearer ${issueToken({ userId: `u-${roles[0]}`, roles, organisation, region }, config.jwtSecret)}`;
  const oversightKst = bearer(['oversight'], 'kst-education');
  const admin = bearer(['admin'], 'ministry', 'astana');
  const get = (path: string, auth?: string) => {
    const r = request(app.getHttpServer()).get(path);
    return auth ? r.set('Authorization', auth) : r;
  };

  beforeAll(async () => {
    db = await createTestDatabase('ovse2e');
    app = await createTestApp({
      databaseUrl: db.url,
      clock: fixedClock('2015-02-04T07:00:00Z') /* 13:00 in Almaty oblast, two hours into the pending issue */,
    });

    const store = app.get<EventStore>(EVENT_STORE);
    for (const run of Object.values(scenarioCases(realDomain(), idOf))) await appendRun(store, run, 0);
    // Our own last position, not headPosition(): on a shared server another database's open transaction holds the finished horizon back.
    const head = lastAppendedPosition(store);
    expect(await app.get(ProjectionWaiter).waitFor(head, ['step-timeline', 'oversight'], 20_000)).toBe(true);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  describe('GET /cases/:id/timeline', () => {
    it('gives each step its regulated duration, due, start, end, elapsed office time, overrun and status', async () => {
      const res = await get(`/cases/${idOf('kst-sc')}/timeline`, bearer(['head'], 'school-7')).expect(200);
      expect(res.body).toMatchObject({
        region: 'kostanay-oblast',
        outcome: 'completed',
        providerOrganisation: 'school-7',
        stateCorporationOrganisation: 'sc-kostanay',
      });
      const steps = res.body.steps as Array<{ stepId: string; status: string }>;
      expect(steps.map((s) => `${s.stepId}:${s.status}`)).toEqual([
        'sc-1:not-measured',
        'sc-2:on-time',
        'sc-4:on-time',
        'sc-5:on-time',
        'sc-5:within-step',
        'sc-5:within-step',
        'sc-5:within-step',
        'sc-5:within-step',
        'sc-6:not-measured',
        'appeal:late',
      ]);
      expect(steps[1]).toMatchObject({
        regulatedDuration: { regulated: true, value: 5, unit: 'minutes' },
        dueAt: '2019-03-04T04:05:00.000Z',
        startedAt: '2019-03-04T04:00:00.000Z',
        endedAt: '2019-03-04T04:04:00.000Z',
        elapsedOfficeMinutes: 4,
        overrun: { minutes: -1, basis: 'office-minutes' },
      });
      expect(steps[4]).toMatchObject({ withinStep: 'sc-5', action: 'registered', regulatedDuration: null });
      // The hand-over's minutes run from the applicant's arrival, which no one records: no due, neither on time nor late.
      expect(steps[8]).toMatchObject({
        dueAt: null,
        dueExplanation: expect.stringMatching(/arrival/),
        overrun: null,
        elapsedOfficeMinutes: 480,
        actor: { id: 'sc-kostanay:state-corporation-operator-1', role: 'state-corporation-operator' },
      });
      expect(steps[9]).toMatchObject({
        kind: 'appeal',
        regulatedDuration: { regulated: true, value: 5, unit: 'working-days' },
        overrun: { basis: 'end-minus-due' },
      });
    });

    it('shows steps without a stated duration as not regulated with the text’s note, and the step in progress', async () => {
      const res = await get(`/cases/${idOf('alm-office')}/timeline`, bearer(['appeal-reviewer'], 'appeals', 'almaty-oblast')).expect(200);
      const steps = res.body.steps as Array<{ status: string; regulatedDuration: unknown }>;
      expect(steps.map((s) => s.status)).toEqual(['not-regulated', 'not-regulated', 'not-regulated', 'in-progress']);
      for (const s of steps) expect(s.regulatedDuration).toMatchObject({ regulated: false, note: expect.stringMatching(/\S/) });
      // Started Wed 4 Feb 2015 11:00 local; now 13:00: two office hours, no due instant.
      expect(steps[3]).toMatchObject({
        stepId: 'office-4',
        endedAt: null,
        dueAt: null,
        elapsedOfficeMinutes: 120,
        overdue: false,
        actor: null,
      });
    });

    it('is for staff of the case’s organisations and oversight and appeal reviewers of its region', async () => {
      const kstSc = `/cases/${idOf('kst-sc')}/timeline`;
      await get(kstSc, bearer(['state-corporation-operator'], 'sc-kostanay')).expect(200);
      await get(kstSc, oversightKst).expect(200);
      // For other organisations and regions the case does not exist.
      expect((await get(kstSc, bearer(['clerk'], 'school-8')).expect(404)).body.code).toBe('case-not-found');
      expect((await get(kstSc, bearer(['oversight'], 'ast-education', 'astana')).expect(404)).body.code).toBe('case-not-found');
      expect((await get(kstSc, admin).expect(403)).body.code).toBe('role-not-allowed');
      await get(kstSc).expect(401);
      expect((await get(`/cases/${idOf('nobody')}/timeline`, oversightKst).expect(404)).body.code).toBe('case-not-found');
      expect((await get('/cases/not-a-uuid/timeline', oversightKst).expect(400)).body.code).toBe('invalid-case-id');
    });
  });

  describe('GET /oversight/*', () => {
    it('scopes oversight users to their own region; admins see every region', async () => {
      const own = await get('/oversight/summary', oversightKst).expect(200);
      expect(new Set(own.body.items.map((i: { region: string }) => i.region))).toEqual(new Set(['kostanay-oblast']));
      expect(own.body).toMatchObject({ page: 1, pageSize: 100, total: own.body.items.length });
      const other = await get('/oversight/steps?region=almaty-oblast', oversightKst).expect(403);
      expect(other.body.code).toBe('region-out-of-scope');
      const all = await get('/oversight/summary', admin).expect(200);
      expect(new Set(all.body.items.map((i: { region: string }) => i.region))).toEqual(new Set(['kostanay-oblast', 'almaty-oblast']));
      expect((await get('/oversight/summary', bearer(['clerk'], 'school-7')).expect(403)).body.code).toBe('role-not-allowed');
    });

    it('never counts a step without a stated duration as on time', async () => {
      const res = await get('/oversight/steps?region=almaty-oblast', admin).expect(200);
      expect(res.body.items.length).toBeGreaterThan(0);
      for (const row of res.body.items)
        expect(row).toMatchObject({ regulatedDuration: null, onTime: 0, late: 0, onTimeShare: null, notRegulated: 1 });
      const [summary] = (await get('/oversight/summary?region=almaty-oblast', admin).expect(200)).body.items;
      expect(summary).toMatchObject({ onTimeSteps: 0, measuredSteps: 0, notRegulatedSteps: 3, onTimeShare: null });
    });

    it('filters by organisation, service, step and months, and pages', async () => {
      const res = await get('/oversight/breaches?organisation=school-7&from=2019-04&to=2019-04&pageSize=1', oversightKst).expect(200);
      expect(res.body).toMatchObject({ total: 1, page: 1, pageSize: 1 });
      expect(res.body.items[0]).toMatchObject({
        step: 'appeal',
        responsibleRole: 'head',
        actor: { id: 'school-7:head-1', role: 'head' },
        overrunBasis: 'end-minus-due',
      });
      expect(res.body.items[0].overrunMinutes).toBeGreaterThan(0);
      expect((await get('/oversight/breaches?organisation=school-7&from=2019-03&to=2019-03', oversightKst).expect(200)).body.total).toBe(0);
      const steps = await get('/oversight/steps?service=school-admission&step=office-2', oversightKst).expect(200);
      expect(steps.body.items).toEqual([
        expect.objectContaining({
          organisation: 'school-9',
          month: '2019-06',
          onTime: 1,
          onTimeShare: 1,
          regulatedDuration: { value: 3, unit: 'hours' },
        }),
      ]);
      const empty = await get('/oversight/breaches?page=5&pageSize=10', oversightKst).expect(200);
      expect(empty.body).toMatchObject({ items: [], total: 2 });
    });

    it('exports any table as CSV with a header row', async () => {
      const csv = await get('/oversight/breaches?format=csv', oversightKst).expect(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers['content-disposition']).toMatch(/oversight-breaches\.csv/);
      const lines = csv.text.trimEnd().split('\r\n');
      expect(lines[0].split(',')).toEqual(
        expect.arrayContaining(['caseId', 'step', 'responsibleRole', 'actorId', 'overrunMinutes', 'overrunBasis']),
      );
      expect(lines).toHaveLength(1 + 2);
      for (const table of ['summary', 'steps']) {
        const res = await get(`/oversight/${table}?format=csv&region=almaty-oblast`, admin).expect(200);
        expect(res.headers['content-type']).toMatch(/^text\/csv/);
        const [header, ...rows] = res.text.trimEnd().split('\r\n');
        expect(header).toMatch(/^region,organisation,service,/);
        expect(rows.length).toBeGreaterThan(0);
      }
      const steps = await get('/oversight/steps?format=csv&region=almaty-oblast', admin).expect(200);
      expect(steps.text).toContain('not regulated');
    });

    it('answers bad filters with problem+json', async () => {
      expect((await get('/oversight/summary?from=2019-13', oversightKst).expect(400)).body.code).toBe('validation-failed');
      expect((await get('/oversight/summary?pageSize=100000', oversightKst).expect(400)).body.code).toBe('validation-failed');
      expect((await get('/oversight/summary?from=2019-05&to=2019-04', oversightKst).expect(400)).body.code).toBe('invalid-month-range');
      expect((await get('/oversight/summary?format=xml', oversightKst).expect(400)).body.code).toBe('validation-failed');
    });
  });
});
