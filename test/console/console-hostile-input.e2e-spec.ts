import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { Principal } from '../../src/auth/principal';
import { issueToken } from '../../src/auth/tokens';
import { fixedClock } from '../../src/common/clock';
import { HOSTILE_STRINGS } from '../../src/fuzz/hostile-values';
import { percentEncode } from '../../src/fuzz/percent-encoding';
import { createTestApp, testConfig } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-db';

/**
 * The fuzzer reads its routes from the OpenAPI document, which leaves the
 * console out: here every console route gets each hostile string in its path
 * parameter, in every query parameter a console page reads, and in every field
 * of its forms (with a valid CSRF token, so the value reaches validation).
 * Nothing may draw a 5xx or show a stack trace.
 */
const SCHOOL = 'school-7';
const CLERK: Principal = { userId: 'u-clerk', roles: ['clerk'], organisation: SCHOOL, region: 'kostanay-oblast' };
const EVERY_ROLE: Principal = {
  userId: 'u-all',
  roles: ['clerk', 'head', 'executor', 'state-corporation-operator', 'oversight', 'appeal-reviewer', 'admin'],
  organisation: SCHOOL,
  region: 'kostanay-oblast',
};

describe('console routes under hostile input', () => {
  let app: INestApplication;
  let db: TestDatabase;
  let caseId = '';
  const secret = testConfig().jwtSecret;
  const session = issueToken(EVERY_ROLE, secret, 600);
  const http = () => request(app.getHttpServer());
  const problems: string[] = [];

  /** A 5xx, or an answer that shows a stack trace, is a finding: collected so one run lists them all. */
  function check(label: string, res: request.Response): void {
    if (res.status >= 500) problems.push(`${label} → ${res.status}`);
    else if (/\n\s+at .+\(.+:\d+:\d+\)/.test(res.text ?? '')) problems.push(`${label} → ${res.status} with a stack trace`);
  }

  beforeAll(async () => {
    db = await createTestDatabase('consolehostile');
    app = await createTestApp({ databaseUrl: db.url, clock: fixedClock('2019-03-04T05:00:00Z') });
    const res = await http()
      .post('/cases')
      .set('Authorization', `Bearer ${issueToken(CLERK, secret, 600)}`)
      .send({
        channel: 'provider-office',
        service: 'secondary-education-duplicates',
        providerOrganisation: SCHOOL,
        applicant: { iin: '870515400707', name: 'Иванов Иван' },
        documents: ['заявление'],
        consentToProtectedData: true,
      })
      .expect(201);
    caseId = res.body.caseId;
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  /** Each page with the query parameters it reads (and `lang`, which every page reads). */
  const pages = (): Array<[string, string[]]> => [
    ['/console', ['lang']],
    ['/console/sign-in', ['lang', 'next', 'reason']],
    ['/console/queue', ['lang', 'service', 'step', 'status', 'assignee', 'page']],
    ['/console/queue/fragment', ['lang', 'service', 'step', 'status', 'assignee', 'page']],
    ['/console/appeals', ['lang', 'page']],
    ['/console/oversight', ['lang', 'provider', 'service', 'from', 'to']],
    ['/console/oversight/summary.csv', ['lang', 'provider', 'service', 'from', 'to']],
    ['/console/projections', ['lang']],
    ['/console/cases/new', ['lang']],
    [`/console/cases/${caseId}`, ['lang', 'problem', 'done']],
    [`/console/cases/${caseId}/replay`, ['lang', 'revision']],
    [`/console/cases/${caseId}/dossier`, ['lang', 'format']],
    [`/console/cases/${caseId}/bundle`, ['lang']],
  ];

  // One parameter at a time: a request with several bad ones would stop at the first the validation refuses.
  it('answers every page with a hostile value in each query parameter it reads without a 5xx', async () => {
    for (const [path, params] of pages()) {
      for (const name of params) {
        for (const value of HOSTILE_STRINGS) {
          check(
            `GET ${path}?${name}=${JSON.stringify(value)}`,
            await http()
              .get(`${path}?${name}=${percentEncode(value)}`)
              .set('Cookie', `console_session=${session}`),
          );
        }
        // Repeated and bracketed parameters become arrays and objects in Express's query parser.
        check(`GET ${path} ${name} as array`, await http().get(`${path}?${name}=1&${name}=2`).set('Cookie', `console_session=${session}`));
        check(
          `GET ${path} ${name} as object`,
          await http().get(`${path}?${name}[x]=1&${name}[__proto__][y]=1`).set('Cookie', `console_session=${session}`),
        );
      }
    }
    expect(problems).toEqual([]);
  });

  it('answers hostile path parameters and session cookies without a 5xx', async () => {
    for (const value of HOSTILE_STRINGS) {
      const id = percentEncode(value);
      for (const path of [
        `/console/cases/${id}`,
        `/console/cases/${id}/replay`,
        `/console/cases/${id}/dossier`,
        `/console/cases/${id}/bundle`,
        `/console/assets/${id}`,
      ]) {
        check(`GET ${path}`, await http().get(path).set('Cookie', `console_session=${session}`));
      }
      check(
        `GET /console/queue with session ${JSON.stringify(value)}`,
        await http()
          .get('/console/queue')
          .set('Cookie', `console_session=${percentEncode(value)}; console_csrf=${percentEncode(value)}`),
      );
    }
    expect(problems).toEqual([]);
  });

  it('answers hostile form fields, with a valid CSRF token, without a 5xx', async () => {
    const page = await http().get(`/console/cases/${caseId}`).set('Cookie', `console_session=${session}`).expect(200);
    const csrf = /name="csrf-token" content="([^"]+)"/.exec(page.text)?.[1] ?? '';
    const nonce = /console_csrf=([^;]+)/.exec(String(page.headers['set-cookie'] ?? ''))?.[1] ?? '';
    expect(csrf).not.toBe('');
    const cookies = `console_session=${session}; console_csrf=${nonce}`;
    const fields = [
      'action',
      'revision',
      'formKey',
      'executorId',
      'reason',
      'grounds',
      'to',
      'appealId',
      'decision',
      'reasoning',
      'requestedAt',
      'token',
      'userId',
    ];
    const receiveFields = [
      'service',
      'channel',
      'providerOrganisation',
      'applicantIin',
      'applicantName',
      'representativeName',
      'representativeIin',
      'poaNumber',
      'poaDate',
      'poaNotarised',
      'documents',
      'category',
      'consent',
    ];
    fields.push(...receiveFields);
    const posts = [
      `/console/cases/${caseId}/actions`,
      '/console/cases/new',
      '/console/sign-in',
      '/console/sign-in/demo',
      '/console/sign-out',
    ];
    for (const path of posts) {
      for (const value of HOSTILE_STRINGS) {
        const form: Record<string, string> = { _csrf: csrf };
        for (const field of fields) form[field] = value;
        check(`POST ${path} fields=${JSON.stringify(value)}`, await http().post(path).set('Cookie', cookies).type('form').send(form));
      }
      check(
        `POST ${path} JSON body`,
        await http()
          .post(path)
          .set('Cookie', cookies)
          .set('X-CSRF-Token', csrf)
          .send({ action: { nested: [1, { deep: true }] }, revision: [], __proto__: { polluted: 1 } }),
      );
    }
    expect(problems).toEqual([]);
  });

  it('leaves the service ready afterwards', async () => {
    await http().get('/health/ready').expect(200);
  });
});
