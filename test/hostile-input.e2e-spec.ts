import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Principal, Role } from '../src/auth/principal';
import { issueToken } from '../src/auth/tokens';
import { fixedClock } from '../src/common/clock';
import { createTestApp, testConfig } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-db';

/**
 * Issue #15: text PostgreSQL cannot store (NUL, unpaired surrogates), bodies too
 * deep or too large and prototype keys are refused at the edge with
 * problem+json, before validation or a handler runs, so that no stored event
 * can stop a read model.
 */
const config = testConfig();
const clock = fixedClock('2019-03-04T04:00:00Z');
const token = (userId: string, role: Role, organisation: string) =>
  `Bearer ${issueToken({ userId, roles: [role], organisation, region: 'kostanay-oblast' } satisfies Principal, config.jwtSecret)}`;
const clerk = token('u-clerk', 'clerk', 'school-7');
const head = token('u-head', 'head', 'school-7');
const oversight = token('u-ov', 'oversight', 'regional-education-department');

const application = {
  channel: 'provider-office',
  service: 'secondary-education-duplicates',
  providerOrganisation: 'school-7',
  applicant: { iin: '900101300017', name: 'Иванов Иван' },
  documents: ['заявление'],
  consentToProtectedData: true,
};
/** The application as JSON text with `name` spliced in verbatim, so escapes reach the server's parser. */
const withRawName = (rawJsonString: string) => JSON.stringify(application).replace('"Иванов Иван"', rawJsonString);

describe('hostile input at the edge (#15)', () => {
  let app: INestApplication;
  let db: TestDatabase;
  const http = () => request(app.getHttpServer());
  const postJson = (path: string, text: string, auth = clerk) =>
    http().post(path).set('Authorization', auth).set('Content-Type', 'application/json').send(text);
  const expectProblem = (res: request.Response, status: number, code: string) => {
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  };

  beforeAll(async () => {
    db = await createTestDatabase('edge');
    app = await createTestApp({ databaseUrl: db.url, clock });
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  describe('text PostgreSQL cannot store', () => {
    it.each([
      ['a NUL in applicant.name', '"Ив\\u0000ан"'],
      ['a lone high surrogate in applicant.name', '"\\ud800x"'],
      ['a lone low surrogate in applicant.name', '"x\\udc00"'],
    ])('refuses %s with 400 text-not-storable', async (_what, raw) => {
      expectProblem(await postJson('/cases', withRawName(raw)), 400, 'text-not-storable');
    });

    it('refuses it in a key, deep in an array, in the query string, and in a route parameter', async () => {
      expectProblem(
        await postJson('/cases', JSON.stringify(application).replace('"documents"', '"doc\\u0000uments"')),
        400,
        'text-not-storable',
      );
      expectProblem(
        await postJson('/cases', JSON.stringify({ ...application, documents: ['a', 'b\\u0000'] }).replace('\\\\u0000', '\\u0000')),
        400,
        'text-not-storable',
      );
      expectProblem(await http().get('/regulations?service=a%00b'), 400, 'text-not-storable');
      expectProblem(await http().get('/regulations?a%00=1'), 400, 'text-not-storable');
      expectProblem(await http().get('/cases/abc%00').set('Authorization', clerk), 400, 'text-not-storable');
      expectProblem(await http().get('/cases/%ED%A0%80').set('Authorization', clerk), 400, 'malformed-url');
    });

    it('refuses a visa naming "u-\\u0000exec", and every projection keeps running', async () => {
      const received = await http().post('/cases').set('Authorization', clerk).send(application).expect(201);
      const id = received.body.caseId;
      expectProblem(await postJson(`/cases/${id}/visa`, '{"executorId":"u-\\u0000exec"}', head), 400, 'text-not-storable');
      expectProblem(await postJson('/cases', withRawName('"Ив\\u0000ан"')), 400, 'text-not-storable');
      const visa = await http().post(`/cases/${id}/visa`).set('Authorization', head).send({ executorId: 'u-exec' }).expect(200);
      // Every projection applies the visa's event: each one went past the refused requests (the machine may be slow: poll).
      const reached = async () => {
        const { body } = await http().get('/projections/status').set('Authorization', oversight).expect(200);
        return body.projections.every((p: { position: string }) => BigInt(p.position) >= BigInt(visa.body.position));
      };
      for (let tries = 0; !(await reached()) && tries < 100; tries++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await reached()).toBe(true);
      await http().get(`/cases/${id}/history`).set('Authorization', head).expect(200);
      const status = await http().get('/projections/status').set('Authorization', oversight).expect(200);
      expect(status.body.projections.map((p: { name: string; status: string }) => [p.name, p.status])).toEqual(
        status.body.projections.map((p: { name: string }) => [p.name, 'running']),
      );
      await http().get('/health/ready').expect(200);
    });
  });

  describe('bodies', () => {
    it('refuses a body nested 5,000 levels deep with 400 body-too-deep, not a 500', async () => {
      const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
      expectProblem(await postJson('/cases', deep), 400, 'body-too-deep');
      const deepArray = JSON.stringify({ ...application, documents: [] }).replace('[]', `${'['.repeat(40)}${']'.repeat(40)}`);
      expectProblem(await postJson('/cases', deepArray), 400, 'body-too-deep');
    });

    it('accepts nesting up to the limit', async () => {
      // 32 levels is far beyond any DTO: the request fails validation, not the depth check.
      const nested = JSON.stringify({
        ...application,
        applicant: { ...application.applicant, extra: JSON.parse(`${'['.repeat(30)}${']'.repeat(30)}`) },
      });
      expectProblem(await postJson('/cases', nested), 400, 'validation-failed');
    });

    it('refuses a body over the size limit with 413 body-too-large', async () => {
      const big = JSON.stringify({ ...application, documents: Array.from({ length: 400 }, () => 'x'.repeat(300)) });
      expect(big.length).toBeGreaterThan(100 * 1024);
      expectProblem(await postJson('/cases', big), 413, 'body-too-large');
    });

    it.each(['__proto__', 'constructor', 'prototype'])('refuses the key %s anywhere in a body with 400 forbidden-key', async (key) => {
      expectProblem(await postJson('/cases', JSON.stringify(application).replace('{', `{"${key}":{"x":1},`)), 400, 'forbidden-key');
      expectProblem(
        await postJson('/cases', JSON.stringify(application).replace('"applicant":{', `"applicant":{"${key}":{},`)),
        400,
        'forbidden-key',
      );
      expectProblem(
        await postJson('/cases', JSON.stringify({ ...application, documents: [{ [key]: 1 }] }).replace('"__proto__"', `"${key}"`)),
        400,
        'forbidden-key',
      );
    });
  });

  describe('every field validated (DTOs)', () => {
    const receive = (body: object, path = '/cases') => http().post(path).set('Authorization', clerk).send(body);
    const fieldsOf = (res: request.Response): string[] => (res.body.errors ?? []).map((e: { field: string }) => e.field);
    const { applicant: _applicant, ...withoutApplicant } = application;
    const refusal = { ...withoutApplicant, missingDocuments: ['фото'] };

    it('requires the applicant: 400, not a 500 TypeError', async () => {
      const received = await receive(withoutApplicant);
      expectProblem(received, 400, 'validation-failed');
      expect(fieldsOf(received)).toContain('applicant');
      expectProblem(await receive(refusal, '/cases/refuse-acceptance'), 400, 'validation-failed');
      expectProblem(await receive({ ...withoutApplicant, applicant: null }), 400, 'validation-failed');
    });

    it('reports applicant: [] as a validation failure, not a failed IIN check digit', async () => {
      const res = await receive({ ...application, applicant: [] });
      expectProblem(res, 400, 'validation-failed');
      expect(fieldsOf(res)).toContain('applicant');
    });

    it('trims text and refuses whitespace only', async () => {
      for (const body of [
        { ...application, applicant: { ...application.applicant, name: '   ' } },
        { ...application, providerOrganisation: ' ' },
        { ...application, documents: ['заявление', '  '] },
        { ...application, applicant: { ...application.applicant, name: 'Иванов\nИван' } },
      ]) {
        expectProblem(await receive(body), 400, 'validation-failed');
      }
      const padded = await receive({
        ...application,
        applicant: { ...application.applicant, name: '  Иванов Иван  ' },
        documents: [' заявление '],
      }).expect(201);
      const id = padded.body.caseId;
      expect((await http().get(`/cases/${id}`).set('Authorization', clerk).expect(200)).body.applicant.name).toBe('Иванов Иван');
      expectProblem(
        await http().post(`/cases/${id}/visa`).set('Authorization', head).send({ executorId: '   ' }),
        400,
        'validation-failed',
      );
      expectProblem(
        await http().post(`/cases/${id}/refuse-service`).set('Authorization', head).send({ grounds: '     ' }),
        400,
        'validation-failed',
      );
    });

    it('requires a power of attorney of a representative, on a day that exists and not after the receipt', async () => {
      const representative = { name: 'Петров Пётр', powerOfAttorney: { number: '2-1234', date: '2019-02-20' } };
      const { powerOfAttorney: _poa, ...withoutPowerOfAttorney } = representative;
      expectProblem(await receive({ ...application, representative: withoutPowerOfAttorney }), 400, 'validation-failed');
      expectProblem(
        await receive({ ...application, representative: { ...representative, powerOfAttorney: { number: '2-1', date: '2019-02-30' } } }),
        400,
        'validation-failed',
      );
      expectProblem(
        await receive({
          ...application,
          representative: { ...representative, powerOfAttorney: { number: '2-1', date: '2019-02-20T00:00:00Z' } },
        }),
        400,
        'validation-failed',
      );
      expectProblem(
        await receive({ ...application, representative: { ...representative, powerOfAttorney: { number: '2-1', date: '2999-01-01' } } }),
        400,
        'validation-failed',
      );
      expectProblem(
        await receive({ ...application, representative: { ...representative, powerOfAttorney: { number: '2-1', date: '2019-03-05' } } }),
        400,
        'power-of-attorney-in-future',
      );
      await receive({
        ...application,
        representative: { ...representative, powerOfAttorney: { number: '2-1', date: '2019-03-04' } },
      }).expect(201);
    });

    it('refuses dates that do not exist in query strings', async () => {
      expectProblem(await http().get('/regulations?date=2019-02-30'), 400, 'validation-failed');
      await http().get('/regulations?date=2019-02-28').expect(200);
      expectProblem(
        await http().get(
          '/regulations/in-force?region=kostanay-oblast&service=secondary-education-duplicates&channel=state-corporation&date=2019-02-29',
        ),
        400,
        'validation-failed',
      );
    });

    it('refuses an appeal id that is not a UUID, and oversight filters that are not identifiers or months', async () => {
      const { body } = await receive(application).expect(201);
      expectProblem(
        await http().post(`/cases/${body.caseId}/appeals/not-a-uuid/forward`).set('Authorization', clerk).send({ to: 'руководитель' }),
        400,
        'invalid-appeal-id',
      );
      expectProblem(await http().get('/oversight/summary?organisation=%20').set('Authorization', oversight), 400, 'validation-failed');
      expectProblem(await http().get('/oversight/summary?from=0000-01').set('Authorization', oversight), 400, 'validation-failed');
      await http().get('/oversight/summary?organisation=school-7&from=2019-01').set('Authorization', oversight).expect(200);
    });

    it('refuses a recall requested at an instant that does not exist', async () => {
      const { body } = await receive(application).expect(201);
      expectProblem(
        await http()
          .post(`/cases/${body.caseId}/recall-from-storage`)
          .set('Authorization', clerk)
          .send({ requestedAt: '2019-02-30T10:00:00Z' }),
        400,
        'validation-failed',
      );
      expectProblem(
        await http().post(`/cases/${body.caseId}/recall-from-storage`).set('Authorization', clerk).send({ requestedAt: '2019-04-10' }),
        400,
        'validation-failed',
      );
    });
  });

  describe('domain rules on well-formed input', () => {
    const operator = token('u-op', 'state-corporation-operator', 'sc-kostanay');

    it('refuses refusal of acceptance on the provider-office channel, where the regulation gives it only to the State Corporation', async () => {
      const res = await http()
        .post('/cases/refuse-acceptance')
        .set('Authorization', clerk)
        .send({ ...application, consentToProtectedData: undefined, missingDocuments: ['фото'] });
      expectProblem(res, 409, 'acceptance-refusal-not-regulated');
      expect(res.body.detail).toContain('работник Государственной корпорации отказывает в приеме заявления');
    });

    it('issues to a representative only by a notarised power of attorney where the regulation says so (Kostanay duplicates, app. 2 p. 8 sub-p. 4)', async () => {
      const throughSc = async (notarised: boolean) => {
        const representative = { name: 'Петров Пётр', powerOfAttorney: { number: '2-1', date: '2019-03-01', notarised } };
        const { body } = await http()
          .post('/cases')
          .set('Authorization', operator)
          .send({ ...application, channel: 'state-corporation', representative })
          .expect(201);
        const id = body.caseId;
        await http().post(`/cases/${id}/register`).set('Authorization', operator).send({}).expect(200);
        await http().post(`/cases/${id}/forward-to-provider`).set('Authorization', operator).send().expect(200);
        await http().post(`/cases/${id}/send-to-state-corporation`).set('Authorization', clerk).send().expect(200);
        return id;
      };
      const plain = await throughSc(false);
      const refused = await http().post(`/cases/${plain}/issue`).set('Authorization', operator).send({ to: 'representative' });
      expectProblem(refused, 409, 'power-of-attorney-not-notarised');
      expect(refused.body.detail).toContain('нотариально удостоверенной доверенности');
      await http().post(`/cases/${plain}/issue`).set('Authorization', operator).send({ to: 'applicant' }).expect(200);
      const notarised = await throughSc(true);
      await http().post(`/cases/${notarised}/issue`).set('Authorization', operator).send({ to: 'representative' }).expect(200);
    });

    it('refuses a recall requested before the hand-over to storage', async () => {
      const { body } = await http()
        .post('/cases')
        .set('Authorization', operator)
        .send({ ...application, channel: 'state-corporation' })
        .expect(201);
      const id = body.caseId;
      await http().post(`/cases/${id}/register`).set('Authorization', operator).send({}).expect(200);
      await http().post(`/cases/${id}/forward-to-provider`).set('Authorization', operator).send().expect(200);
      await http().post(`/cases/${id}/send-to-state-corporation`).set('Authorization', clerk).send().expect(200);
      clock.set('2019-04-10T04:00:00Z');
      await http().post(`/cases/${id}/hand-to-storage`).set('Authorization', operator).send().expect(200);
      clock.set('2019-04-11T04:00:00Z');
      const early = await http()
        .post(`/cases/${id}/recall-from-storage`)
        .set('Authorization', clerk)
        .send({ requestedAt: '2019-04-09T10:00:00Z' });
      expectProblem(early, 400, 'recall-before-hand-over');
      await http()
        .post(`/cases/${id}/recall-from-storage`)
        .set('Authorization', clerk)
        .send({ requestedAt: '2019-04-10T10:00:00Z' })
        .expect(200);
      clock.set('2019-03-04T04:00:00Z');
    });
  });
});
