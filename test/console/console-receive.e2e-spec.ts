import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { Principal, Role } from '../../src/auth/principal';
import { issueToken } from '../../src/auth/tokens';
import { loadCase, uuidFromName } from '../../src/cases/case-stream';
import { fixedClock } from '../../src/common/clock';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { kk } from '../../src/console/i18n/kk';
import { ru } from '../../src/console/i18n/ru';
import { createTestApp, testConfig } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-db';

const secret = testConfig().jwtSecret;
const clock = fixedClock('2019-03-04T04:00:00Z'); // Mon 4 Mar 2019, 10:00 in Kostanay
const SCHOOL = 'school-7';
const HOSTILE = '<script>alert(1)</script> Иванов "Иван"';
const IIN = '900101300017';
const BAD_IIN = '900101300018'; // 12 digits, wrong check digit: the domain refuses it

const principal = (userId: string, role: Role, organisation = SCHOOL): Principal => ({
  userId,
  roles: [role],
  organisation,
  region: 'kostanay-oblast',
});
const clerk = principal('u-clerk', 'clerk');
const operator = principal('u-sc', 'state-corporation-operator', 'sc-kostanay');
const head = principal('u-head', 'head');
const oversight = principal('u-ov', 'oversight', 'regional-education-department');

const cookie = (res: request.Response, name: string): string => {
  const raw = res.headers['set-cookie'];
  const list: string[] = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
  return (list.find((line) => line.startsWith(`${name}=`)) ?? '').split(';')[0].split('=').slice(1).join('=');
};
const csrfOf = (html: string): string => /name="csrf-token" content="([^"]+)"/.exec(html)?.[1] ?? '';
const formKeyOf = (html: string): string => /name="formKey" value="([^"]+)"/.exec(html)?.[1] ?? '';

describe('console: receiving an application (/console/cases/new) over HTTP', () => {
  let app: INestApplication;
  let db: TestDatabase;
  let store: EventStore;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    db = await createTestDatabase('consolereceive');
    app = await createTestApp({ databaseUrl: db.url, clock });
    store = app.get<EventStore>(EVENT_STORE);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  /** A browser's visit: the form, with the cookies its CSRF token is bound to. */
  async function visit(who: Principal, path = '/console/cases/new') {
    const session = issueToken(who, secret, 3600);
    const res = await http().get(path).set('Cookie', `console_session=${session}`);
    const nonce = cookie(res, 'console_csrf');
    return {
      res,
      html: res.text,
      csrf: csrfOf(res.text),
      formKey: formKeyOf(res.text),
      cookies: `console_session=${session}; console_csrf=${nonce}`,
    };
  }

  const form = (overrides: Record<string, string> = {}) => ({
    service: 'secondary-education-duplicates',
    channel: 'provider-office',
    providerOrganisation: SCHOOL,
    applicantIin: IIN,
    applicantName: 'Сапарова Асель',
    documents: 'заявление\r\n  документ, удостоверяющий личность  \r\n\r\n',
    consent: 'yes',
    ...overrides,
  });

  /** The case id POST /console/cases/new derives from the form's key (as POST /cases does from Idempotency-Key). */
  const caseIdFor = (who: Principal, formKey: string) => uuidFromName(`case:${who.userId}:console:${formKey}`);

  it('offers the clerk the services in force in the region, in the page language, with their own organisation as provider', async () => {
    const page = await visit(clerk);
    expect(page.res.status).toBe(200);
    expect(page.html).toContain('<option value="secondary-education-duplicates"');
    expect(page.html).toContain('name="providerOrganisation" value="school-7"');
    expect(page.html).toContain(ru.receivePage.title);
    expect(page.formKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(page.html).not.toMatch(/<script>|style="/); // CSP: no inline script or style
    const sc = await visit(operator, '/console/cases/new?lang=kk');
    expect(sc.html).toContain(kk.receivePage.title);
    expect(sc.html).toMatch(/name="providerOrganisation" value[ /]/); // an operator names the provider
    // The queue links to it for these roles only.
    expect((await visit(clerk, '/console/queue')).html).toContain('href="/console/cases/new"');
    expect((await visit(head, '/console/queue')).html).not.toContain('href="/console/cases/new"');
  });

  it('refuses a POST without the CSRF token and appends nothing', async () => {
    const page = await visit(clerk);
    const res = await http()
      .post('/console/cases/new')
      .set('Cookie', page.cookies)
      .type('form')
      .send({ ...form(), formKey: page.formKey })
      .expect(403);
    expect(res.text).toContain('csrf-failed');
    expect((await loadCase(store, caseIdFor(clerk, page.formKey))).revision).toBe(-1);
    // The same form with its token is received at exactly that id: the check above looked in the right place.
    await http()
      .post('/console/cases/new')
      .set('Cookie', page.cookies)
      .type('form')
      .send({ ...form(), _csrf: page.csrf, formKey: page.formKey })
      .expect(303);
    expect((await loadCase(store, caseIdFor(clerk, page.formKey))).revision).toBe(0);
  });

  it('receives a valid form through the command path and redirects to the new case; a double submit receives once', async () => {
    const page = await visit(clerk);
    const send = () =>
      http()
        .post('/console/cases/new')
        .set('Cookie', page.cookies)
        .type('form')
        .send({ ...form(), _csrf: page.csrf, formKey: page.formKey })
        .expect(303);
    const first = await send();
    const caseId = caseIdFor(clerk, page.formKey);
    expect(first.headers.location).toMatch(new RegExp(`^/console/cases/${caseId}\\?position=\\d+$`));
    const loaded = await loadCase(store, caseId);
    expect(loaded.events.map((e) => e.type)).toEqual(['ApplicationReceived']);
    expect(loaded.events[0]?.data).toMatchObject({
      documents: ['заявление', 'документ, удостоверяющий личность'],
      provider: { organisation: SCHOOL },
      consentToProtectedData: true,
    });
    const again = await send();
    expect(again.headers.location).toBe(first.headers.location);
    expect((await loadCase(store, caseId)).revision).toBe(0);
    // The page it lands on shows the case.
    const casePage = await http().get(first.headers.location).set('Cookie', page.cookies).expect(200);
    expect(casePage.text).toContain('Сапарова Асель');
  });

  it('shows a bad IIN with the localized message, the entered values kept and escaped', async () => {
    const page = await visit(clerk);
    const res = await http()
      .post('/console/cases/new?lang=kk')
      .set('Cookie', page.cookies)
      .type('form')
      .send({ ...form({ applicantIin: BAD_IIN, applicantName: HOSTILE, category: '' }), _csrf: page.csrf, formKey: page.formKey })
      .expect(400); // the API's status for invalid-iin
    expect(res.text).toContain(kk.problems['invalid-iin']);
    expect(res.text).toContain('data-problem="invalid-iin"');
    expect(res.text).toContain(`name="applicantIin" value="${BAD_IIN}"`);
    expect(res.text).toMatch(/data-field="applicantIin"[^>]*>[\s\S]*?aria-invalid="true"/);
    expect(res.text).toContain('value="&lt;script>alert(1)&lt;/script> Иванов &quot;Иван&quot;"');
    expect(res.text).not.toContain('<script>alert(1)');
    expect(res.text).toMatch(/<option value="secondary-education-duplicates" selected/);
    expect(res.text).toContain('документ, удостоверяющий личность');
    expect(formKeyOf(res.text)).not.toBe(page.formKey); // nothing was received: the corrected form is a new receipt
    expect((await loadCase(store, caseIdFor(clerk, page.formKey))).revision).toBe(-1);
  });

  it('places the DTO’s validation failures on their fields, in Russian', async () => {
    const page = await visit(clerk);
    const res = await http()
      .post('/console/cases/new')
      .set('Cookie', page.cookies)
      .type('form')
      .send({ ...form({ applicantIin: '12345', documents: '   ', poaNumber: '2-1234' }), _csrf: page.csrf, formKey: page.formKey })
      .expect(400);
    expect(res.text).toContain(ru.problems['validation-failed']);
    expect(res.text).toContain(ru.receivePage.fieldErrors.applicantIin);
    expect(res.text).toContain(ru.receivePage.fieldErrors.documents);
    expect(res.text).toContain(ru.receivePage.fieldErrors.representativeName); // a power of attorney without the representative
    expect(res.text).not.toContain(ru.receivePage.fieldErrors.applicantName);
    expect(res.text).toContain('name="applicantIin" value="12345"');
  });

  it('gives a head or oversight the role page (403), for the form and the post alike', async () => {
    for (const who of [head, oversight]) {
      const page = await visit(who);
      expect(page.res.status).toBe(403);
      expect(page.html).toContain(ru.forbiddenTitle);
      expect(page.html).not.toContain('name="formKey"');
      const post = await http()
        .post('/console/cases/new')
        .set('Cookie', page.cookies)
        .type('form')
        .send({ ...form(), _csrf: page.csrf, formKey: '5f0c7a1e-2b1c-4c1e-9d3a-0b6c2f1e9a11' });
      expect(post.status).toBe(403);
      expect((await loadCase(store, caseIdFor(who, '5f0c7a1e-2b1c-4c1e-9d3a-0b6c2f1e9a11'))).revision).toBe(-1);
    }
  });
});
