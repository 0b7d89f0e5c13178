import { ConsoleLogger, INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Principal, Role } from '../src/auth/principal';
import { issueToken } from '../src/auth/tokens';
import { fixedClock } from '../src/common/clock';
import { loadConfig } from '../src/config/config';
import { loadCatalogFiles } from '../src/regulations/catalog/load-catalog';
import { buildPlan } from '../src/cases/domain/plan';
import { PERFORMERS } from '../src/cases/domain/case.decide';
import { firstDayToApply } from './support/catalog-days';
import { Region, StepAction, StepRole } from '../src/regulations/regulation.model';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-db';

const config = loadConfig({ LOG_JSON: 'false', LOG_LEVEL: 'error' });
const clock = fixedClock('2019-03-04T04:00:00Z'); // Mon 4 Mar 2019, 10:00 in Kostanay (UTC+6 then)

const token = (userId: string, role: Role, organisation: string, region: Region = 'kostanay-oblast') =>
  `Bearer ${issueToken({ userId, roles: [role], organisation, region } satisfies Principal, config.jwtSecret)}`;

const SCHOOL = 'school-7';
const SC = 'sc-kostanay';
const clerk = token('u-clerk', 'clerk', SCHOOL);
const head = token('u-head', 'head', SCHOOL);
const executor = token('u-exec', 'executor', SCHOOL);
const operator = token('u-op', 'state-corporation-operator', SC);
const oversight = token('u-ov', 'oversight', 'regional-education-department');

const application = (channel: string, service = 'secondary-education-duplicates') => ({
  channel,
  service,
  providerOrganisation: SCHOOL,
  applicant: { iin: '900101300017', name: 'Иванов Иван' },
  documents: ['заявление', 'удостоверение личности'],
  consentToProtectedData: true,
});

/** Keeps every log line, at every level, so a test can look for personal data in them. */
class CapturingLogger extends ConsoleLogger {
  readonly lines: string[] = [];
  protected override printMessages(messages: unknown[], context?: string, logLevel?: string): void {
    this.lines.push(
      JSON.stringify({ messages, context, logLevel }, (_k, v) => (v instanceof Error ? { message: v.message, stack: v.stack } : v)),
    );
  }
}

describe('cases over HTTP', () => {
  const logs = new CapturingLogger('test', { logLevels: ['error', 'warn', 'log', 'debug', 'verbose'] });
  let app: INestApplication;
  let db: TestDatabase;
  const http = () => request(app.getHttpServer());
  const later = (minutes: number) => clock.advance(minutes * 60_000);

  beforeAll(async () => {
    db = await createTestDatabase('cases');
    app = await createTestApp({ databaseUrl: db.url, clock, logger: logs });
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  afterAll(() => {
    // Runs after every test of this file: none of them may have logged personal data.
    const text = logs.lines.join('\n');
    expect(logs.lines.length).toBeGreaterThan(0);
    expect(text).not.toContain('900101300017');
    expect(text).not.toContain('Иванов');
  });

  beforeEach(() => clock.set('2019-03-04T04:00:00Z'));

  it('drives Kostanay duplicates through the State Corporation, with the provider’s work inside its 13 working days', async () => {
    const received = await http().post('/cases').set('Authorization', operator).send(application('state-corporation')).expect(201);
    const id = received.body.caseId;
    expect(received.headers.etag).toBe('"0"');
    expect(received.body.case.regulation.versionId).toBe('kostanay-oblast/secondary-education-duplicates/v2');
    expect(received.body.case.currentStep).toMatchObject({ action: 'registered', dueAt: '2019-03-04T04:05:00.000Z' });
    expect(BigInt(received.body.position)).toBeGreaterThan(0n);

    later(3);
    await http().post(`/cases/${id}/register`).set('Authorization', operator).set('If-Match', '"0"').send({}).expect(200);
    later(60);
    const forwarded = await http().post(`/cases/${id}/forward-to-provider`).set('Authorization', operator).send().expect(200);
    expect(forwarded.body.case.currentStep).toMatchObject({ action: 'result-prepared', role: 'provider' });
    later(60);
    await http().post(`/cases/${id}/visa`).set('Authorization', head).send({ executorId: 'u-exec' }).expect(200);
    await http().post(`/cases/${id}/draft`).set('Authorization', executor).send({ summary: 'проект' }).expect(200);
    await http().post(`/cases/${id}/sign`).set('Authorization', head).send().expect(200);
    const sent = await http().post(`/cases/${id}/send-to-state-corporation`).set('Authorization', clerk).send().expect(200);
    expect(sent.body.case.currentStep).toMatchObject({ action: 'issued' });
    const issued = await http().post(`/cases/${id}/issue`).set('Authorization', operator).send({ to: 'applicant' }).expect(200);
    expect(issued.body.case.status).toBe('completed');
    expect(issued.headers.etag).toBe('"7"');

    const after = await http().post(`/cases/${id}/sign`).set('Authorization', head).send().expect(409);
    expect(after.body.code).toBe('case-closed');
  });

  it('enforces roles, organisations, order and revisions with problem+json', async () => {
    await http().post('/cases').send(application('provider-office')).expect(401);
    const received = await http().post('/cases').set('Authorization', clerk).send(application('provider-office')).expect(201);
    const id = received.body.caseId;

    const wrongRole = await http().post(`/cases/${id}/visa`).set('Authorization', executor).send({ executorId: 'u-exec' }).expect(403);
    expect(wrongRole.body.code).toBe('wrong-role');
    const notStaff = await http().post(`/cases/${id}/sign`).set('Authorization', oversight).send().expect(403);
    expect(notStaff.body.code).toBe('role-not-allowed');
    const foreign = await http()
      .post(`/cases/${id}/visa`)
      .set('Authorization', token('u-h9', 'head', 'school-9'))
      .send({ executorId: 'x' })
      .expect(404);
    expect(foreign.body.code).toBe('case-not-found');
    const outOfOrder = await http().post(`/cases/${id}/sign`).set('Authorization', head).send().expect(409);
    expect(outOfOrder.body).toMatchObject({ code: 'step-out-of-order', details: { expected: { action: 'visa-imposed' } } });
    const stale = await http()
      .post(`/cases/${id}/visa`)
      .set('Authorization', head)
      .set('If-Match', '"5"')
      .send({ executorId: 'u-exec' })
      .expect(412);
    expect(stale.body).toMatchObject({ code: 'stale-revision', currentRevision: 0 });
    const unknownField = await http()
      .post(`/cases/${id}/visa`)
      .set('Authorization', head)
      .send({ executorId: 'u-exec', actor: 'someone-else' })
      .expect(400);
    expect(unknownField.body.code).toBe('validation-failed');
    await http().post(`/cases/${id}/visa`).set('Authorization', head).send({ executorId: 'u-exec' }).expect(200);
    const notNamed = await http()
      .post(`/cases/${id}/draft`)
      .set('Authorization', token('u-other', 'executor', SCHOOL))
      .send({})
      .expect(403);
    expect(notNamed.body.code).toBe('not-the-named-executor');

    const badIin = await http()
      .post('/cases')
      .set('Authorization', clerk)
      .send({ ...application('provider-office'), applicant: { iin: '900101300018', name: 'X' } })
      .expect(400);
    expect(badIin.body.code).toBe('invalid-iin');
    await http().get('/cases/not-a-uuid').set('Authorization', clerk).expect(400);
    const missing = await http().get('/cases/5f0c7a1e-2b1c-4c1e-9d3a-0b6c2f1e9a11').set('Authorization', clerk).expect(404);
    expect(missing.body.code).toBe('case-not-found');
  });

  it('binds to the version in force and refuses what is not', async () => {
    clock.set('2021-03-01T04:00:00Z');
    const repealed = await http().post('/cases').set('Authorization', clerk).send(application('provider-office')).expect(422);
    expect(repealed.body.code).toBe('regulation-not-in-force');
    clock.set('2019-03-04T04:00:00Z');
    const closed = await http().post('/cases').set('Authorization', clerk).send(application('portal')).expect(422);
    expect(closed.body.code).toBe('channel-not-available');
    clock.set('2019-03-04T04:00:00Z');
    const noCategory = await http()
      .post('/cases')
      .set('Authorization', clerk)
      .send(application('provider-office', 'school-admission'))
      .expect(400);
    expect(noCategory.body.code).toBe('category-required');
    const window = await http()
      .post('/cases')
      .set('Authorization', clerk)
      .send({ ...application('provider-office', 'school-admission'), category: 'first-grade' })
      .expect(409);
    expect(window.body.code).toBe('outside-acceptance-window');
    await http()
      .post('/cases')
      .set('Authorization', clerk)
      .send({ ...application('provider-office', 'school-admission'), category: 'transfer' })
      .expect(201);
  });

  it('makes a retried command with the same Idempotency-Key return the first result and write nothing', async () => {
    const first = await http()
      .post('/cases')
      .set('Authorization', clerk)
      .set('Idempotency-Key', 'k-1')
      .send(application('provider-office'))
      .expect(201);
    const again = await http()
      .post('/cases')
      .set('Authorization', clerk)
      .set('Idempotency-Key', 'k-1')
      .send(application('provider-office'))
      .expect(201);
    expect(again.body).toMatchObject({ caseId: first.body.caseId, revision: 0, position: first.body.position, replayed: true });
    const id = first.body.caseId;
    const visa = await http()
      .post(`/cases/${id}/visa`)
      .set('Authorization', head)
      .set('Idempotency-Key', 'k-2')
      .send({ executorId: 'u-exec' })
      .expect(200);
    const retried = await http()
      .post(`/cases/${id}/visa`)
      .set('Authorization', head)
      .set('Idempotency-Key', 'k-2')
      .send({ executorId: 'u-exec' })
      .expect(200);
    expect(retried.body).toMatchObject({ revision: visa.body.revision, replayed: true });
    expect(retried.headers['idempotent-replayed']).toBe('true');
    const reused = await http()
      .post(`/cases/${id}/visa`)
      .set('Authorization', head)
      .set('Idempotency-Key', 'k-2')
      .send({ executorId: 'u-other' })
      .expect(422);
    expect(reused.body.code).toBe('idempotency-key-reused');
    const current = await http().get(`/cases/${id}`).set('Authorization', head).expect(200);
    expect(current.headers.etag).toBe('"1"');
  });

  it('logs a failure without the request body', async () => {
    // A malformed body and an unknown route exercise the error paths that log.
    await http()
      .post('/cases')
      .set('Authorization', clerk)
      .set('Content-Type', 'application/json')
      .send('{"applicant":{"iin":"900101300017",')
      .expect(400);
    await http()
      .post('/cases')
      .set('Authorization', clerk)
      .send({ ...application('provider-office'), channel: 'telegraph' })
      .expect(400);
  });

  it('shows the applicant only to roles that need it', async () => {
    const { body } = await http().post('/cases').set('Authorization', clerk).send(application('provider-office')).expect(201);
    const staffView = await http().get(`/cases/${body.caseId}`).set('Authorization', head).expect(200);
    expect(staffView.body.applicant).toEqual({ iin: '900101300017', name: 'Иванов Иван' });
    const oversightView = await http().get(`/cases/${body.caseId}`).set('Authorization', oversight).expect(200);
    expect(oversightView.body.applicant).toEqual({ iin: '900101******', name: 'И. И.' });
    await http()
      .get(`/cases/${body.caseId}`)
      .set('Authorization', token('u-x', 'clerk', 'school-9'))
      .expect(404);
    await http()
      .get(`/cases/${body.caseId}`)
      .set('Authorization', token('u-y', 'oversight', 'dept', 'astana'))
      .expect(404);
  });

  it('refuses acceptance, refuses the service, and takes an appeal to a late decision', async () => {
    const refused = await http()
      .post('/cases/refuse-acceptance')
      .set('Authorization', operator)
      .send({ ...application('state-corporation'), consentToProtectedData: undefined, missingDocuments: ['фото'] })
      .expect(201);
    expect(refused.body.case.status).toBe('acceptance-refused');

    const { body } = await http().post('/cases').set('Authorization', clerk).send(application('provider-office')).expect(201);
    const id = body.caseId;
    await http().post(`/cases/${id}/refuse-service`).set('Authorization', head).send({ grounds: 'недостоверные документы' }).expect(200);
    const appealId = '0b6c2f1e-9a11-4c1e-9d3a-5f0c7a1e2b1c';
    const filed = await http()
      .post(`/cases/${id}/appeals`)
      .set('Authorization', clerk)
      .send({ appealId, grounds: 'не согласен' })
      .expect(200);
    expect(filed.body.case.appeals[0]).toMatchObject({ appealId });
    await http().post(`/cases/${id}/appeals/${appealId}/forward`).set('Authorization', clerk).send({ to: 'руководитель' }).expect(200);
    clock.set('2019-03-20T04:00:00Z');
    const decided = await http()
      .post(`/cases/${id}/appeals/${appealId}/decision`)
      .set('Authorization', head)
      .send({ decision: 'rejected', reasoning: 'основания отказа подтверждены' })
      .expect(200);
    expect(decided.body.case.appeals[0]).toMatchObject({ decision: 'rejected' });
  });

  it('hands an uncollected result to storage after a month and recalls it within one working day', async () => {
    const { body } = await http().post('/cases').set('Authorization', operator).send(application('state-corporation')).expect(201);
    const id = body.caseId;
    for (const [path, who, payload] of [
      ['register', operator, {}],
      ['forward-to-provider', operator, undefined],
      ['send-to-state-corporation', clerk, undefined],
    ] as const) {
      later(30);
      await http().post(`/cases/${id}/${path}`).set('Authorization', who).send(payload).expect(200);
    }
    clock.set('2019-04-10T04:00:00Z');
    const stored = await http().post(`/cases/${id}/hand-to-storage`).set('Authorization', operator).send().expect(200);
    expect(stored.body.case.resultLocation).toBe('provider-storage');
    const tooEarly = await http().post(`/cases/${id}/issue`).set('Authorization', operator).send({ to: 'applicant' }).expect(409);
    expect(tooEarly.body.code).toBe('result-in-provider-storage');
    clock.set('2019-04-11T04:00:00Z');
    await http()
      .post(`/cases/${id}/recall-from-storage`)
      .set('Authorization', clerk)
      .send({ requestedAt: '2019-04-10T10:00:00Z' })
      .expect(200);
    const issued = await http().post(`/cases/${id}/issue`).set('Authorization', operator).send({ to: 'applicant' }).expect(200);
    expect(issued.body.case.status).toBe('completed');
  });

  /** The issue's bar: every regulation of the catalog, on every channel it allows, end to end over HTTP. */
  describe('every regulation of the catalog, on every channel', () => {
    const ROUTE: Partial<Record<StepAction, { path: string; body?: object }>> = {
      'forwarded-to-provider': { path: 'forward-to-provider' },
      registered: { path: 'register', body: {} },
      received: { path: 'register', body: {} },
      'documents-reviewed': { path: 'review-documents' },
      'request-processed': { path: 'review-documents' },
      'visa-imposed': { path: 'visa', body: { executorId: 'u-executor' } },
      'draft-prepared': { path: 'draft', body: {} },
      signed: { path: 'sign' },
      'sent-to-state-corporation': { path: 'send-to-state-corporation' },
      'result-prepared': { path: 'send-to-state-corporation' },
      issued: { path: 'issue', body: { to: 'applicant' } },
      'sent-to-portal': { path: 'issue', body: { to: 'applicant' } },
      enrolled: { path: 'issue', body: { to: 'applicant' } },
    };
    const paths = loadCatalogFiles().flatMap((v) =>
      v.channels.filter((c) => c.available && c.wording === 'full').map((c) => [v.id, c.channel, v] as const),
    );

    it.each(paths)('%s via %s', async (_id, channel, version) => {
      const plan = buildPlan(version, channel);
      const tokenFor = (role: StepRole) => {
        const tokenRole = PERFORMERS[role][0] as Role;
        const sc = tokenRole === 'state-corporation-operator';
        return token(tokenRole === 'executor' ? 'u-executor' : `u-${tokenRole}`, tokenRole, sc ? SC : SCHOOL, version.region);
      };
      clock.set(firstDayToApply(version));
      const received = await http()
        .post('/cases')
        .set('Authorization', tokenFor(plan.steps[0].role))
        .send({ ...application(channel, version.service.code), ...(version.windows[0] ? { category: version.windows[0].category } : {}) })
        .expect(201);
      expect(received.body.case.regulation.versionId).toBe(version.id);
      for (const step of plan.steps.slice(1)) {
        later(5);
        const route = ROUTE[step.action]!;
        await http()
          .post(`/cases/${received.body.caseId}/${route.path}`)
          .set('Authorization', tokenFor(step.role))
          .send(route.body)
          .expect(200);
      }
      const final = await http().get(`/cases/${received.body.caseId}`).set('Authorization', tokenFor(plan.steps[0].role)).expect(200);
      expect(final.body.status).toBe('completed');
    });
  });
});
