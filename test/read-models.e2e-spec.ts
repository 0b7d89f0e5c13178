import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { Principal } from '../src/auth/principal';
import { issueToken } from '../src/auth/tokens';
import { fixedClock } from '../src/common/clock';
import { loadConfig } from '../src/config/config';
import { EVENT_STORE, EventStore } from '../src/event-store/event-store.port';
import { CaseDriver, minutesAfter, staff } from '../src/projections/runtime/testing/case-driver';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-db';

const KST = staff('kostanay-oblast');
const T0 = new Date('2019-03-04T04:00:00Z'); // Mon 4 March 2019, 10:00 in Kostanay
const CASE_1 = '0b6f3a4e-1c2d-4e5f-8a9b-000000000001';
const CASE_2 = '0b6f3a4e-1c2d-4e5f-8a9b-000000000002';
const CASE_3 = '0b6f3a4e-1c2d-4e5f-8a9b-000000000003';
const CASE_4 = '0b6f3a4e-1c2d-4e5f-8a9b-000000000004';

describe('read models over HTTP: work queue, case history, read-your-writes', () => {
  let app: INestApplication;
  let db: TestDatabase;
  let drive: CaseDriver;
  let last = 0n;
  const config = loadConfig({ LOG_JSON: 'false', LOG_LEVEL: 'error' });
  const bearer = (roles: Principal['roles'], organisation: string, userId = 'u-caller', region: Principal['region'] = 'kostanay-oblast') =>
    `Bearer ${issueToken({ userId, roles, organisation, region }, config.jwtSecret)}`;
  const head7 = bearer(['head'], 'school-7', 'u-head');
  const oversight = bearer(['oversight'], 'kst-education', 'u-oversight');
  const get = (path: string, auth?: string) => {
    const r = request(app.getHttpServer()).get(path);
    return auth ? r.set('Authorization', auth) : r;
  };

  beforeAll(async () => {
    db = await createTestDatabase('rme2e');
    app = await createTestApp({ databaseUrl: db.url, clock: fixedClock('2019-03-04T05:00:00Z') /* 11:00 in Kostanay */ });

    // Histories through the real domain, appended while the projections run.
    drive = new CaseDriver(app.get<EventStore>(EVENT_STORE));
    const office = {
      region: 'kostanay-oblast' as const,
      service: 'secondary-education-duplicates',
      channel: 'provider-office' as const,
      providerOrganisation: 'school-7',
    };
    await drive.receive({ ...office, caseId: CASE_1, caller: KST.clerk, at: T0 });
    await drive.act(CASE_1, { type: 'ImposeVisa', executorId: 'u-exec' }, KST.head, minutesAfter(T0, 15));
    await drive.receive({ ...office, channel: 'state-corporation', caseId: CASE_2, caller: KST.operator, at: T0 });
    last = await drive.receive({
      ...office,
      providerOrganisation: 'school-8',
      caseId: CASE_3,
      caller: { ...KST.clerk, organisation: 'school-8' },
      at: minutesAfter(T0, 30),
    });
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  describe('GET /work-queue', () => {
    it('waits for the position a write returned, then lists the head’s cases by due instant with totals', async () => {
      const res = await get(`/work-queue?position=${last}`, head7).expect(200);
      expect(res.headers['x-projection-stale']).toBeUndefined();
      expect(res.body.items.map((i: { caseId: string }) => i.caseId)).toEqual([CASE_2, CASE_1]);
      expect(res.body.items[1]).toMatchObject({
        caseId: CASE_1,
        providerOrganisation: 'school-7',
        regulationVersionId: 'kostanay-oblast/secondary-education-duplicates/v2',
        currentStep: { action: 'draft-prepared', role: 'executor' },
        executorId: 'u-exec',
        status: 'on-time',
      });
      expect(res.body.totals).toMatchObject({ all: 2 });
      expect(res.body).toMatchObject({ page: 1, pageSize: 50, total: 2, asOf: '2019-03-04T05:00:00.000Z' });
    });

    it('scopes: the executor’s own cases, the State Corporation office’s, the region for oversight', async () => {
      const mine = await get('/work-queue?assignee=me', bearer(['executor'], 'school-7', 'u-exec')).expect(200);
      expect(mine.body.items.map((i: { caseId: string }) => i.caseId)).toEqual([CASE_1]);
      const sc = await get('/work-queue', bearer(['state-corporation-operator'], 'sc-kst', 'u-op')).expect(200);
      expect(sc.body.items.map((i: { caseId: string }) => i.caseId)).toEqual([CASE_2]);
      const region = await get('/work-queue?pageSize=2', oversight).expect(200);
      expect(region.body.totals.all).toBe(3);
      expect(region.body.items).toHaveLength(2);
      const other = await get('/work-queue', bearer(['oversight'], 'ast-education', 'u-o', 'astana')).expect(200);
      expect(other.body.totals.all).toBe(0);
    });

    it('refuses other organisations, other roles, bad filters and missing tokens with problem+json', async () => {
      const foreign = await get('/work-queue?organisation=school-8', head7).expect(403);
      expect(foreign.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(foreign.body.code).toBe('organisation-out-of-scope');
      expect((await get('/work-queue', bearer(['appeal-reviewer'], 'kst-appeals')).expect(403)).body.code).toBe('role-not-allowed');
      const bad = await get('/work-queue?status=soon&pageSize=1000&position=-1&colour=red', head7).expect(400);
      expect(bad.body.code).toBe('validation-failed');
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['status', 'pageSize', 'position', 'colour']),
      );
      await get('/work-queue').expect(401);
    });
  });

  describe('GET /cases/:id/history', () => {
    it('gives staff the chronicle with the applicant’s data', async () => {
      const res = await get(`/cases/${CASE_1}/history?position=${last}`, head7).expect(200);
      expect(res.body).toMatchObject({ caseId: CASE_1, status: 'open', personalDataMasked: false, applicant: { iin: '870515400707' } });
      expect(res.body.entries.map((e: { type: string }) => e.type)).toEqual(['ApplicationReceived', 'VisaImposed']);
      expect(res.body.entries[1]).toMatchObject({
        actor: { id: 'u-head', role: 'head', organisation: 'school-7' },
        step: { action: 'visa-imposed' },
        citation: { paragraph: '5', subparagraph: '2' },
        late: false,
        details: { executorId: 'u-exec' },
      });
    });

    it('masks personal data for oversight and admin, not for appeal reviewers', async () => {
      const masked = await get(`/cases/${CASE_1}/history`, oversight).expect(200);
      expect(masked.body.applicant).toEqual({ iin: '870515******', name: 'А. Н. С.' });
      expect(JSON.stringify(masked.body)).not.toContain('870515400707');
      expect((await get(`/cases/${CASE_1}/history`, bearer(['admin'], 'kst-it')).expect(200)).body.personalDataMasked).toBe(true);
      expect((await get(`/cases/${CASE_1}/history`, bearer(['appeal-reviewer'], 'kst-appeals')).expect(200)).body.applicant.iin).toBe(
        '870515400707',
      );
    });

    it('renders sentences in Russian and Kazakh as text/plain', async () => {
      const ru = await get(`/cases/${CASE_1}/history?format=text&lang=ru`, head7).expect(200);
      expect(ru.headers['content-type']).toMatch(/^text\/plain; charset=utf-8/);
      expect(ru.text).toContain(
        '04.03.2019 10:15 — руководитель (u-head, school-7) наложил визу, исполнитель u-exec; срок: 04.03.2019 13:00; выполнено в срок. Основание: п. 5 пп. 2 регламента',
      );
      const kk = await get(`/cases/${CASE_1}/history?format=text&lang=kk`, oversight).expect(200);
      expect(kk.text).toContain(
        '04.03.2019 10:15 — басшы (u-head, school-7) бұрыштама қойды, орындаушы u-exec; мерзімі: 04.03.2019 13:00; мерзімінде орындалды.',
      );
      expect(kk.text).not.toContain('Сапарова');
    });

    it('refuses staff of another organisation, unknown cases and bad queries', async () => {
      expect((await get(`/cases/${CASE_1}/history`, bearer(['clerk'], 'school-8')).expect(404)).body.code).toBe('case-not-found');
      expect((await get(`/cases/${CASE_4}/history`, head7).expect(404)).body.code).toBe('case-not-found');
      expect((await get(`/cases/${CASE_1}/history?format=pdf&lang=en`, head7).expect(400)).body.code).toBe('validation-failed');
    });
  });

  describe('read-your-own-writes', () => {
    it('a query with the position of a fresh write sees it', async () => {
      const position = await drive.receive({
        region: 'kostanay-oblast',
        service: 'secondary-education-duplicates',
        channel: 'provider-office',
        providerOrganisation: 'school-7',
        caseId: CASE_4,
        caller: KST.clerk,
        at: minutesAfter(T0, 40),
      });
      const queue = await get(`/work-queue?position=${position}`, head7).expect(200);
      expect(queue.headers['x-projection-stale']).toBeUndefined();
      expect(queue.body.items.map((i: { caseId: string }) => i.caseId)).toContain(CASE_4);
      const history = await get(`/cases/${CASE_4}/history?position=${position}`, head7).expect(200);
      expect(history.body.entries).toHaveLength(1);
    });

    it('answers after about 2 s with X-Projection-Stale when the position is not reached', async () => {
      const started = Date.now();
      const res = await get(`/work-queue?position=${last * 1000n}`, head7).expect(200);
      const waited = Date.now() - started;
      expect(res.headers['x-projection-stale']).toBe('true');
      expect(waited).toBeGreaterThanOrEqual(1900);
      expect(waited).toBeLessThan(5000);
      expect(res.body.items.length).toBeGreaterThan(0);
    });
  });

  it('reports the projections on /projections/status and in readiness; documents the routes', async () => {
    const status = await get('/projections/status', oversight).expect(200);
    expect(status.body.projections).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'work-queue', status: 'running' }),
        expect.objectContaining({ name: 'case-history', status: 'running' }),
      ]),
    );
    const ready = await get('/health/ready').expect(200);
    expect(ready.body.checks.map((c: { name: string }) => c.name)).toEqual(
      expect.arrayContaining(['projection:work-queue', 'projection:case-history']),
    );
    const docs = await get('/docs-json').expect(200);
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/work-queue', '/cases/{id}/history', '/projections/status']));
  });
});
