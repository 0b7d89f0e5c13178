import { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { PostgresStreamList } from '../src/audit/integrity/postgres-stream-list';
import { verifyAllStreams } from '../src/audit/integrity/verify-all';
import { runVerifyCommand } from '../src/audit/integrity/verify-command';
import { Principal, Role } from '../src/auth/principal';
import { issueToken } from '../src/auth/tokens';
import { fixedClock } from '../src/common/clock';
import { loadConfig } from '../src/config/config';
import { EVENT_STORE, EventStore } from '../src/event-store/event-store.port';
import { Region } from '../src/regulations/regulation.model';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-db';

const config = loadConfig({ LOG_JSON: 'false', LOG_LEVEL: 'error' });
const clock = fixedClock('2019-03-04T04:00:00Z'); // Mon 4 Mar 2019, 10:00 in Kostanay (UTC+6 then)

const token = (userId: string, role: Role, organisation: string, region: Region = 'kostanay-oblast') =>
  `Bearer ${issueToken({ userId, roles: [role], organisation, region } satisfies Principal, config.jwtSecret)}`;

const SCHOOL = 'school-7';
const clerk = token('u-clerk', 'clerk', SCHOOL);
const head = token('u-head', 'head', SCHOOL);
const executor = token('u-exec', 'executor', SCHOOL);
const reviewer = token('u-rev', 'appeal-reviewer', 'appeals-kostanay');
const oversight = token('u-ov', 'oversight', 'education-department-kostanay');
const admin = token('u-admin', 'admin', 'it-kostanay');
const APPEAL = '0b6c2f1e-9a11-4c1e-9d3a-5f0c7a1e2b1c';

const application = {
  channel: 'provider-office',
  service: 'secondary-education-duplicates',
  providerOrganisation: SCHOOL,
  applicant: { iin: '900101300017', name: 'Иванов Иван Иванович' },
  documents: ['заявление', 'удостоверение личности'],
  consentToProtectedData: true,
};

describe('the audit of a case (HTTP)', () => {
  let app: INestApplication;
  let db: TestDatabase;
  let sql: Client;
  let caseId: string;
  const http = () => request(app.getHttpServer());
  const at = (instant: string) => clock.set(instant);

  /** Receives a case and drives it through the real command API. */
  async function receive(): Promise<string> {
    at('2019-03-04T04:00:00Z');
    const received = await http().post('/cases').set('Authorization', clerk).send(application).expect(201);
    return received.body.caseId as string;
  }

  beforeAll(async () => {
    db = await createTestDatabase('audit_e2e');
    app = await createTestApp({ databaseUrl: db.url, clock });
    sql = new Client({ connectionString: db.url });
    await sql.connect();

    caseId = await receive();
    at('2019-03-05T05:00:00Z'); // the visa a day late: 3 office hours were due by 13:00 on the 4th
    await http().post(`/cases/${caseId}/visa`).set('Authorization', head).send({ executorId: 'u-exec' }).expect(200);
    at('2019-03-06T05:00:00Z');
    await http().post(`/cases/${caseId}/draft`).set('Authorization', executor).send({ summary: 'проект' }).expect(200);
    at('2019-03-06T06:00:00Z');
    await http().post(`/cases/${caseId}/sign`).set('Authorization', head).send().expect(200);
    at('2019-03-06T06:10:00Z');
    await http().post(`/cases/${caseId}/issue`).set('Authorization', clerk).send({ to: 'applicant' }).expect(200);
    at('2019-03-07T05:00:00Z');
    await http()
      .post(`/cases/${caseId}/appeals`)
      .set('Authorization', clerk)
      .send({ appealId: APPEAL, grounds: 'Виза наложена поздно <script>alert(1)</script>' })
      .expect(200);
    at('2019-03-18T05:00:00Z'); // after the 5 working days (8 March is a holiday)
    await http()
      .post(`/cases/${caseId}/appeals/${APPEAL}/decision`)
      .set('Authorization', head)
      .send({ decision: 'upheld', reasoning: 'Срок визы нарушен' })
      .expect(200);
    at('2019-04-01T04:00:00Z');
  });

  afterAll(async () => {
    await sql?.end();
    await app?.close();
    await db?.drop();
  });

  describe('replay', () => {
    it('at an instant: the visa was due by 13:00 as recorded, and overdue by the evening', async () => {
      const res = await http()
        .get(`/cases/${caseId}/replay`)
        .query({ at: '2019-03-04T18:00:00+06:00' })
        .set('Authorization', reviewer)
        .expect(200);
      expect(res.body).toMatchObject({
        caseId,
        point: { kind: 'at', at: '2019-03-04T12:00:00.000Z' },
        revision: 0,
        received: true,
        status: 'open',
        currentStep: {
          action: 'visa-imposed',
          role: 'head',
          dueAt: '2019-03-04T07:00:00.000Z',
          overdue: true,
          responsible: { role: 'head', organisation: SCHOOL, executorId: null },
        },
        regulation: { versionId: 'kostanay-oblast/secondary-education-duplicates/v2', source: 'case-snapshot' },
        breaches: [expect.objectContaining({ kind: 'step-overdue', subject: 'office-2' })],
      });
      expect(res.body.regulation.steps[1].citation).toMatchObject({ paragraph: '5', quote: expect.stringMatching(/3\s+\(три\)\s+часа/) });
      expect(res.body.events).toEqual([
        expect.objectContaining({
          type: 'ApplicationReceived',
          revision: 0,
          occurredAt: '2019-03-04T04:00:00.000Z',
          actor: { id: 'u-clerk', role: 'clerk', organisation: SCHOOL },
        }),
      ]);
      expect(res.body.events[0].position).toMatch(/^\d+$/);
      expect(res.body.events[0].recordedAt).toEqual(expect.any(String));
      const before = await http()
        .get(`/cases/${caseId}/replay`)
        .query({ at: '2019-03-01T00:00:00Z' })
        .set('Authorization', reviewer)
        .expect(200);
      expect(before.body).toMatchObject({ received: false, revision: -1, status: 'new', events: [] });
    });

    it('at a revision: the named executor was responsible, the late visa recorded', async () => {
      const res = await http().get(`/cases/${caseId}/replay`).query({ revision: '1' }).set('Authorization', executor).expect(200);
      expect(res.body).toMatchObject({
        revision: 1,
        asOf: null,
        namedExecutor: 'u-exec',
        currentStep: { action: 'draft-prepared', responsible: { role: 'executor', executorId: 'u-exec' } },
      });
      expect(res.body.steps[1]).toMatchObject({
        stepId: 'office-2',
        late: true,
        completedAt: '2019-03-05T05:00:00.000Z',
        lateByMinutes: 1320,
      });
      expect(res.body.events.map((e: { type: string }) => e.type)).toEqual(['ApplicationReceived', 'VisaImposed']);
    });

    it('latest agrees with the write side’s current view', async () => {
      const replay = await http().get(`/cases/${caseId}/replay`).set('Authorization', reviewer).expect(200);
      const current = await http().get(`/cases/${caseId}`).set('Authorization', reviewer).expect(200);
      expect(replay.body).toMatchObject({
        status: current.body.status,
        revision: current.body.revision,
        namedExecutor: current.body.executorId,
        currentStep: null,
      });
      expect(replay.body.breaches.map((b: { kind: string }) => b.kind)).toEqual(['step-late', 'appeal-late']);
    });

    it('steps mode: every event with the state before and after it', async () => {
      const res = await http()
        .get(`/cases/${caseId}/replay`)
        .query({ revision: '2', mode: 'steps' })
        .set('Authorization', oversight)
        .expect(200);
      expect(
        res.body.steps.map(
          (s: { event: { type: string }; before: { status: string }; after: { currentStep: { action: string } | null } }) => [
            s.event.type,
            s.before.status,
            s.after.currentStep?.action,
          ],
        ),
      ).toEqual([
        ['ApplicationReceived', 'new', 'visa-imposed'],
        ['VisaImposed', 'open', 'draft-prepared'],
        ['DraftPrepared', 'open', 'signed'],
      ]);
      expect(res.body.personalData).toMatchObject({ applicant: { iin: '900101******', name: 'И. И. И.' }, masked: true });
      expect(JSON.stringify(res.body)).not.toContain('900101300017');
    });

    it('refuses bad points and unknown cases with problem+json', async () => {
      const expectProblem = async (query: Record<string, string>, code: string) => {
        const res = await http().get(`/cases/${caseId}/replay`).query(query).set('Authorization', reviewer).expect(400);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(res.body.code).toBe(code);
      };
      await expectProblem({ at: 'yesterday' }, 'invalid-at');
      await expectProblem({ at: '2019-03-04T10:00:00' }, 'invalid-at');
      await expectProblem({ at: '2019-02-30T10:00:00Z' }, 'invalid-at');
      await expectProblem({ revision: '-1' }, 'invalid-revision');
      await expectProblem({ revision: '99' }, 'revision-beyond-stream');
      await expectProblem({ revision: '1', at: '2019-03-05T00:00:00Z' }, 'replay-point-ambiguous');
      await expectProblem({ mode: 'movie' }, 'validation-failed');
      await expectProblem({ colour: 'red' }, 'validation-failed');
      const missing = await http().get('/cases/5f0c7a1e-2b1c-4c1e-9d3a-0b6c2f1e9a11/replay').set('Authorization', reviewer).expect(404);
      expect(missing.body.code).toBe('case-not-found');
      expect((await http().get('/cases/not-a-uuid/replay').set('Authorization', reviewer).expect(400)).body.code).toBe('invalid-case-id');
      await http().get(`/cases/${caseId}/replay`).expect(401);
    });
  });

  describe('access', () => {
    it.each([
      ['a clerk of another school', token('u-c9', 'clerk', 'school-9')],
      ['oversight of another region', token('u-ov2', 'oversight', 'education-department-astana', 'astana')],
      ['an appeal reviewer of another region', token('u-rev2', 'appeal-reviewer', 'appeals-almaty', 'almaty-oblast')],
      ['a State Corporation office that did not receive it', token('u-op', 'state-corporation-operator', 'sc-kostanay')],
    ])('refuses %s: the case does not exist for them', async (_who, bearer) => {
      for (const path of ['replay', 'verify', 'dossier']) {
        const res = await http().get(`/cases/${caseId}/${path}`).set('Authorization', bearer).expect(404);
        expect(res.body).toMatchObject({ code: 'case-not-found', detail: 'No such case' });
      }
    });

    it('refuses an admin, who sees the case but does not read its audit', async () => {
      for (const path of ['replay', 'verify', 'dossier']) {
        const res = await http().get(`/cases/${caseId}/${path}`).set('Authorization', admin).expect(403);
        expect(res.body.code).toBe('role-not-allowed');
      }
    });

    it('serves the case’s own staff', async () => {
      await http().get(`/cases/${caseId}/verify`).set('Authorization', clerk).expect(200);
      await http().get(`/cases/${caseId}/dossier`).set('Authorization', head).expect(200);
    });
  });

  describe('dossier', () => {
    it('as JSON: the timeline against regulated durations, breaches, actors, appeal and integrity', async () => {
      const res = await http().get(`/cases/${caseId}/dossier`).set('Authorization', reviewer).expect(200);
      const d = res.body;
      expect(res.headers['cache-control']).toBe('no-store');
      expect(d).toMatchObject({
        caseId,
        status: 'completed',
        personalData: { applicant: { iin: '900101300017' }, masked: false },
        integrity: { verdict: 'intact', checked: 7 },
      });
      expect(d.timeline[1]).toMatchObject({
        stepId: 'office-2',
        regulatedDuration: { value: 3, unit: 'hours' },
        late: true,
        officeMinutes: 540,
        lateByOfficeMinutes: 360,
      });
      expect(d.breaches.map((b: { kind: string }) => b.kind)).toEqual(['step-late', 'appeal-late']);
      expect(d.actors.map((a: { id: string }) => a.id)).toEqual(['u-clerk', 'u-head', 'u-exec']);
      expect(d.appeals[0]).toMatchObject({ appealId: APPEAL, decision: 'upheld', late: true });
      expect(d.legal).toMatchObject({ source: 'catalog', approvingAct: { number: '285' } });
      const masked = await http().get(`/cases/${caseId}/dossier`).set('Authorization', oversight).expect(200);
      expect(masked.body.personalData).toMatchObject({ applicant: { iin: '900101******' }, masked: true });
      expect(JSON.stringify(masked.body)).not.toContain('Иванов');
    });

    it('as a printable, self-contained Russian page', async () => {
      const res = await http().get(`/cases/${caseId}/dossier`).query({ format: 'html' }).set('Authorization', reviewer).expect(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'");
      const html = res.text;
      expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(html).toContain('<html lang="ru">');
      for (const section of ['applicant', 'regulation', 'timeline', 'breaches', 'outcome', 'actors', 'appeals', 'integrity', 'events'])
        expect(html).toContain(`<section id="${section}">`);
      expect(html).toContain('Досье дела для рассмотрения жалобы');
      expect(html).toContain('Иванов Иван Иванович');
      expect(html).toContain('Виза наложена поздно &lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html).not.toMatch(/<script|<link|src=|href=/i);
      const masked = await http().get(`/cases/${caseId}/dossier?format=html`).set('Authorization', oversight).expect(200);
      expect(masked.text).not.toContain('900101300017');
      expect((await http().get(`/cases/${caseId}/dossier?format=pdf`).set('Authorization', reviewer).expect(400)).body.code).toBe(
        'validation-failed',
      );
    });
  });

  describe('tamper evidence', () => {
    it('an intact case verifies', async () => {
      const res = await http().get(`/cases/${caseId}/verify`).set('Authorization', reviewer).expect(200);
      expect(res.body).toMatchObject({
        caseId,
        streamId: `case-${caseId}`,
        verdict: 'intact',
        checked: 7,
        total: 7,
        firstMismatch: null,
        findings: [],
        head: { revision: 6, matches: true },
        // No checkpoint was signed: the statement claims the chain and the head, nothing more.
        anchor: { checkpoint: null, coveredRevisions: [], chainOnlyRevisions: [0, 1, 2, 3, 4, 5, 6] },
        statement: { verdict: 'intact', checkpoint: null },
      });
      expect(res.body.statement.ru).toMatch(
        /Подписанных контрольных точек, опубликованных вне базы данных, нет\..*ревизиями 0–6 новее любой контрольной точки и защищены только цепочкой хэшей/,
      );
    });

    it('an event edited in the database is named by the endpoint and by the CLI', async () => {
      const edited = await receive();
      at('2019-03-04T05:00:00Z');
      await http().post(`/cases/${edited}/visa`).set('Authorization', head).send({ executorId: 'u-exec' }).expect(200);
      at('2019-03-04T06:00:00Z');
      await http().post(`/cases/${edited}/draft`).set('Authorization', executor).send({}).expect(200);
      at('2019-04-01T04:00:00Z');
      const changed = await sql.query<{ event_id: string }>(
        `UPDATE es_events SET data = replace(data::text, '"u-exec"', '"u-someone-else"')::json WHERE stream_id = $1 AND revision = 1 RETURNING event_id`,
        [`case-${edited}`],
      );
      expect(changed.rowCount).toBe(1);

      const res = await http().get(`/cases/${edited}/verify`).set('Authorization', reviewer).expect(200);
      expect(res.body).toMatchObject({
        verdict: 'broken',
        checked: 1,
        total: 3,
        firstMismatch: { revision: 1, eventId: changed.rows[0].event_id, reason: 'hash-mismatch' },
      });
      const dossier = await http().get(`/cases/${edited}/dossier?format=html`).set('Authorization', reviewer).expect(200);
      expect(dossier.text).toContain('class="verdict-broken"');

      const store = app.get<EventStore>(EVENT_STORE);
      const heads = new PostgresStreamList(db.url);
      try {
        const summary = await verifyAllStreams(store, heads, { batchSize: 2 });
        expect(summary.broken.map((b) => [b.streamId, b.firstMismatch?.revision, b.firstMismatch?.eventId])).toEqual([
          [`case-${edited}`, 1, changed.rows[0].event_id],
        ]);
        expect(summary.intact).toBeGreaterThanOrEqual(2); // the first case and its access log
      } finally {
        await heads.close();
      }
      const out: string[] = [];
      expect(
        await runVerifyCommand(['--prefix', 'case-'], { env: { DATABASE_URL: db.url }, out: (t) => out.push(t), err: () => undefined }),
      ).toBe(1);
      expect(out.join('\n')).toContain(`BROKEN case-${edited}: revision 1 (event ${changed.rows[0].event_id}): hash-mismatch`);
    });

    it('a deleted event shows as a revision gap', async () => {
      const gapped = await receive();
      at('2019-03-04T05:00:00Z');
      await http().post(`/cases/${gapped}/visa`).set('Authorization', head).send({ executorId: 'u-exec' }).expect(200);
      at('2019-03-04T06:00:00Z');
      await http().post(`/cases/${gapped}/draft`).set('Authorization', executor).send({}).expect(200);
      at('2019-04-01T04:00:00Z');
      await sql.query('DELETE FROM es_events WHERE stream_id = $1 AND revision = 1', [`case-${gapped}`]);
      const res = await http().get(`/cases/${gapped}/verify`).set('Authorization', reviewer).expect(200);
      expect(res.body).toMatchObject({ verdict: 'broken', firstMismatch: { revision: 2, reason: 'revision-gap' } });
    });
  });

  describe('access log', () => {
    it('records every replay, verify and dossier request, granted or denied, with who, what, when and the correlation id', async () => {
      at('2019-04-02T03:00:00Z');
      await http()
        .get(`/cases/${caseId}/replay`)
        .query({ revision: '0' })
        .set('Authorization', reviewer)
        .set('X-Correlation-Id', 'appeal-42')
        .expect(200);
      await http()
        .get(`/cases/${caseId}/dossier`)
        .set('Authorization', token('u-c9', 'clerk', 'school-9'))
        .set('X-Correlation-Id', 'probe-1')
        .expect(404);
      const res = await http().get(`/cases/${caseId}/access-log`).set('Authorization', oversight).expect(200);
      expect(res.body).toMatchObject({ caseId, streamId: `audit-access-${caseId}`, integrity: { verdict: 'intact' } });
      const items = res.body.items as Array<Record<string, unknown>>;
      expect(items.length).toBe(res.body.total);
      expect(items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            what: 'replay',
            outcome: 'granted',
            who: {
              userId: 'u-rev',
              role: 'appeal-reviewer',
              roles: ['appeal-reviewer'],
              organisation: 'appeals-kostanay',
              region: 'kostanay-oblast',
            },
            parameters: { revision: '0' },
            occurredAt: '2019-04-02T03:00:00.000Z',
            correlationId: 'appeal-42',
          }),
          expect.objectContaining({
            what: 'dossier',
            outcome: 'denied',
            who: expect.objectContaining({ userId: 'u-c9', organisation: 'school-9' }),
            correlationId: 'probe-1',
          }),
          expect.objectContaining({ what: 'verify', outcome: 'granted' }),
        ]),
      );
      const paged = await http()
        .get(`/cases/${caseId}/access-log`)
        .query({ fromRevision: '1', limit: '2' })
        .set('Authorization', admin)
        .expect(200);
      expect(paged.body.items.map((i: { revision: number }) => i.revision)).toEqual([1, 2]);
      expect(paged.body.nextFromRevision).toBe(3);
    });

    it('is read by oversight, appeal reviewers and admins of the region only', async () => {
      expect((await http().get(`/cases/${caseId}/access-log`).set('Authorization', clerk).expect(403)).body.code).toBe('role-not-allowed');
      expect(
        (
          await http()
            .get(`/cases/${caseId}/access-log`)
            .set('Authorization', token('u-ov2', 'oversight', 'x', 'astana'))
            .expect(404)
        ).body.code,
      ).toBe('case-not-found');
      await http().get(`/cases/${caseId}/access-log`).set('Authorization', reviewer).expect(200);
      expect(
        (await http().get(`/cases/${caseId}/access-log`).query({ limit: '0' }).set('Authorization', reviewer).expect(400)).body.code,
      ).toBe('validation-failed');
    });
  });
});
