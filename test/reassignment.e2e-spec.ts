import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Role } from '../src/auth/principal';
import { issueToken } from '../src/auth/tokens';
import { fixedClock } from '../src/common/clock';
import { loadConfig } from '../src/config/config';
import { ProjectionWaiter } from '../src/projections/runtime/projection-waiter';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-db';

/**
 * A visa that names a mistyped executor no longer blocks the case: the head
 * names another one, the step's recorded deadline does not move, and every
 * read (history, timeline, work queue, dossier, replay) shows the change.
 */
const config = loadConfig({ LOG_JSON: 'false', LOG_LEVEL: 'error' });
const clock = fixedClock('2019-03-04T04:00:00Z'); // Mon 4 Mar 2019, 10:00 in Kostanay

const SCHOOL = 'school-7';
const token = (userId: string, role: Role, organisation = SCHOOL) =>
  `Bearer ${issueToken({ userId, roles: [role], organisation, region: 'kostanay-oblast' }, config.jwtSecret)}`;
const clerk = token('u-clerk', 'clerk');
const head = token('u-head', 'head');
const executor = token('u-exec', 'executor');
const mistyped = token('u-exce', 'executor');
const reviewer = token('u-rev', 'appeal-reviewer', 'kst-appeals');

describe('reassigning the executor (HTTP)', () => {
  let app: INestApplication;
  let db: TestDatabase;
  let caseId: string;
  let dueBefore: string;
  let position: string;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    db = await createTestDatabase('reassign');
    app = await createTestApp({ databaseUrl: db.url, clock });
    const received = await http()
      .post('/cases')
      .set('Authorization', clerk)
      .send({
        channel: 'provider-office',
        service: 'secondary-education-duplicates',
        providerOrganisation: SCHOOL,
        applicant: { iin: '900101300017', name: 'Иванов Иван' },
        documents: ['заявление'],
        consentToProtectedData: true,
      })
      .expect(201);
    caseId = received.body.caseId;
    clock.advance(60 * 60_000);
    const visa = await http().post(`/cases/${caseId}/visa`).set('Authorization', head).send({ executorId: 'u-exce' }).expect(200);
    dueBefore = visa.body.case.currentStep.dueAt;
    expect(visa.body.case.currentStep).toMatchObject({ action: 'draft-prepared', role: 'executor' });
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('before: the real executor may not draft, and a new visa is out of order', async () => {
    expect((await http().post(`/cases/${caseId}/draft`).set('Authorization', executor).send({}).expect(403)).body.code).toBe(
      'not-the-named-executor',
    );
    expect(
      (await http().post(`/cases/${caseId}/visa`).set('Authorization', head).send({ executorId: 'u-exec' }).expect(409)).body.code,
    ).toBe('step-out-of-order');
  });

  it('only the provider’s head reassigns, with a reason', async () => {
    expect(
      (
        await http()
          .post(`/cases/${caseId}/executor`)
          .set('Authorization', clerk)
          .send({ executorId: 'u-exec', reason: 'typo' })
          .expect(403)
      ).body.code,
    ).toBe('role-not-allowed');
    expect(
      (
        await http()
          .post(`/cases/${caseId}/executor`)
          .set('Authorization', token('u-h9', 'head', 'school-9'))
          .send({ executorId: 'u-exec', reason: 'typo' })
          .expect(404)
      ).body.code,
    ).toBe('case-not-found');
    expect(
      (await http().post(`/cases/${caseId}/executor`).set('Authorization', head).send({ executorId: 'u-exec' }).expect(400)).body.code,
    ).toBe('validation-failed');
  });

  it('the head names the right executor: the deadline stays, the new executor drafts, the old one cannot', async () => {
    clock.advance(30 * 60_000);
    const res = await http()
      .post(`/cases/${caseId}/executor`)
      .set('Authorization', head)
      .set('If-Match', '"1"')
      .send({ executorId: 'u-exec', reason: 'the visa named a mistyped user' })
      .expect(200);
    expect(res.body.events).toEqual([{ type: 'ExecutorReassigned', revision: 2 }]);
    expect(res.body.case).toMatchObject({ executorId: 'u-exec', currentStep: { action: 'draft-prepared', dueAt: dueBefore } });
    position = res.body.position;
    expect(await app.get(ProjectionWaiter).waitFor(BigInt(position), ['case-history', 'step-timeline', 'work-queue'], 30_000)).toBe(true);
    expect((await http().post(`/cases/${caseId}/draft`).set('Authorization', mistyped).send({}).expect(403)).body.code).toBe(
      'not-the-named-executor',
    );
  });

  it('history, timeline and work queue show it, the step’s due instant unchanged', async () => {
    const history = await http().get(`/cases/${caseId}/history?position=${position}`).set('Authorization', head).expect(200);
    expect(history.body.entries.map((e: { type: string }) => e.type)).toEqual(['ApplicationReceived', 'VisaImposed', 'ExecutorReassigned']);
    expect(history.body.entries[2]).toMatchObject({
      actor: { id: 'u-head', role: 'head' },
      step: null,
      dueAt: null,
      details: { previousExecutorId: 'u-exce', executorId: 'u-exec', reason: 'the visa named a mistyped user' },
    });
    const text = await http().get(`/cases/${caseId}/history?format=text&lang=ru`).set('Authorization', head).expect(200);
    expect(text.text).toContain('назначил исполнителем u-exec вместо u-exce');

    const timeline = await http().get(`/cases/${caseId}/timeline?position=${position}`).set('Authorization', head).expect(200);
    const open = timeline.body.steps.find((s: { status: string }) => s.status === 'in-progress');
    expect(open).toMatchObject({
      action: 'draft-prepared',
      dueAt: dueBefore,
      reassignments: [{ from: 'u-exce', to: 'u-exec', by: 'u-head', reason: 'the visa named a mistyped user' }],
    });

    const mine = await http().get(`/work-queue?assignee=me&position=${position}`).set('Authorization', executor).expect(200);
    expect(mine.body.items).toEqual([expect.objectContaining({ caseId, executorId: 'u-exec', dueAt: dueBefore })]);
    const theirs = await http().get('/work-queue?assignee=me').set('Authorization', mistyped).expect(200);
    expect(theirs.body.items).toEqual([]);
  });

  it('the dossier and the replay show it', async () => {
    const dossier = await http().get(`/cases/${caseId}/dossier`).set('Authorization', reviewer).expect(200);
    expect(dossier.body.reassignments).toEqual([
      expect.objectContaining({ from: 'u-exce', to: 'u-exec', reason: 'the visa named a mistyped user', revision: 2 }),
    ]);
    const html = await http().get(`/cases/${caseId}/dossier?format=html`).set('Authorization', reviewer).expect(200);
    expect(html.text).toContain('Замена исполнителя');
    const before = await http().get(`/cases/${caseId}/replay?revision=1`).set('Authorization', reviewer).expect(200);
    const after = await http().get(`/cases/${caseId}/replay?revision=2`).set('Authorization', reviewer).expect(200);
    expect(JSON.stringify(before.body)).toContain('u-exce');
    expect(JSON.stringify(after.body)).toContain('"u-exec"');
  });

  it('then the case goes on', async () => {
    clock.advance(60 * 60_000);
    await http().post(`/cases/${caseId}/draft`).set('Authorization', executor).send({ summary: 'проект' }).expect(200);
    const projections = await http()
      .get('/projections/status')
      .set('Authorization', token('u-adm', 'admin', 'kst-it'))
      .expect(200);
    // Every projection took the new event in its stride.
    for (const p of projections.body.projections as Array<{ name: string; status: string; blocked: unknown; failedAttempts: number }>) {
      expect({ name: p.name, status: p.status, blocked: p.blocked, failedAttempts: p.failedAttempts }).toEqual({
        name: p.name,
        status: 'running',
        blocked: null,
        failedAttempts: 0,
      });
    }
  });
});
