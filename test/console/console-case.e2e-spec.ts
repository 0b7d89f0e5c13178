import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { Principal, Role } from '../../src/auth/principal';
import { issueToken } from '../../src/auth/tokens';
import { fixedClock } from '../../src/common/clock';
import { newId } from '../../src/common/ids';
import type { Region } from '../../src/regulations/regulation.model';
import { createTestApp, testConfig } from '../support/test-app';
import { until } from '../support/until';
import { createTestDatabase, TestDatabase } from '../support/test-db';

const secret = testConfig().jwtSecret;
const clock = fixedClock('2019-03-04T04:00:00Z'); // Mon 4 Mar 2019, 10:00 in Kostanay
const SCHOOL = 'school-7';
const HOSTILE = '<script>alert(1)</script> Иванов Иван';
const IIN = '900101300017';

const principal = (userId: string, role: Role, organisation = SCHOOL, region: Region = 'kostanay-oblast'): Principal => ({
  userId,
  roles: [role],
  organisation,
  region,
});
const tokenOf = (p: Principal) => issueToken(p, secret, 3600);
const bearer = (p: Principal) => `Bearer ${tokenOf(p)}`;

const clerk = principal('u-clerk', 'clerk');
const head = principal('u-head', 'head');
const executor = principal('u-exec', 'executor');
const oversight = principal('u-ov', 'oversight', 'regional-education-department');
const reviewer = principal('u-appeals', 'appeal-reviewer', 'appeals-office');
const foreignHead = principal('u-head-8', 'head', 'school-8');
const otherRegionReviewer = principal('u-appeals-astana', 'appeal-reviewer', 'appeals-office', 'astana');

/** name=value of a response's Set-Cookie header. */
const cookie = (res: request.Response, name: string): string => {
  const raw = res.headers['set-cookie'];
  const list: string[] = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
  return (list.find((line) => line.startsWith(`${name}=`)) ?? '').split(';')[0].split('=').slice(1).join('=');
};
/** The whole Set-Cookie line for a cookie ('' when not set). */
const setCookieLine = (res: request.Response, name: string): string => {
  const raw = res.headers['set-cookie'];
  const list: string[] = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
  return list.find((line) => line.startsWith(`${name}=`)) ?? '';
};
/** The flash cookie a POST's redirect set, as the browser sends it back. */
const flashOf = (res: request.Response): string => setCookieLine(res, 'console_flash').split(';')[0];
const csrfOf = (html: string): string => /name="csrf-token" content="([^"]+)"/.exec(html)?.[1] ?? '';

describe('console case page and appeal review over HTTP', () => {
  let app: INestApplication;
  let db: TestDatabase;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    db = await createTestDatabase('consolecase');
    app = await createTestApp({ databaseUrl: db.url, clock });
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  /** A case received at the school's office, by the API. */
  async function receive(name = HOSTILE): Promise<{ id: string; position: string }> {
    const res = await http()
      .post('/cases')
      .set('Authorization', bearer(clerk))
      .send({
        channel: 'provider-office',
        service: 'secondary-education-duplicates',
        providerOrganisation: SCHOOL,
        applicant: { iin: IIN, name },
        documents: ['заявление'],
        consentToProtectedData: true,
      })
      .expect(201);
    return { id: res.body.caseId, position: res.body.position };
  }

  /** A browser's visit: the page, with the session cookie and the CSRF nonce cookie it was bound to. */
  async function visit(path: string, who: Principal, extraCookie = '') {
    const session = tokenOf(who);
    const res = await http()
      .get(path)
      .set('Cookie', `console_session=${session}${extraCookie ? `; ${extraCookie}` : ''}`);
    const nonce = cookie(res, 'console_csrf');
    return { res, html: res.text, csrf: csrfOf(res.text), cookies: `console_session=${session}; console_csrf=${nonce}` };
  }

  const revisionOf = async (id: string): Promise<number> =>
    (await http().get(`/cases/${id}`).set('Authorization', bearer(head)).expect(200)).body.revision;

  it('sends a visitor without a session to sign-in', async () => {
    const { id } = await receive();
    const res = await http().get(`/console/cases/${id}`).expect(303);
    expect(res.headers.location).toBe('/console/sign-in?reason=required');
  });

  it('shows the head who, what, the regulation clause and the visa form, hostile text escaped', async () => {
    const { id, position } = await receive();
    // The chronicle and timeline are read models: on a loaded machine they may trail the page's own 2 s wait.
    await until('the case page shows the read models', async () =>
      (await visit(`/console/cases/${id}`, head)).html.includes('class="chronicle"'),
    );
    const { res, html } = await visit(`/console/cases/${id}?position=${position}`, head);
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(html).toContain('&lt;script>alert(1)&lt;/script> Иванов Иван'); // text: < escaped, so no element can open
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain(IIN); // staff see the applicant as the API shows them
    expect(html).toContain('kostanay-oblast/secondary-education-duplicates/v2');
    expect(html).toMatch(/href="\/regulations\/texts\/[^"]+#:~:text=/);
    expect(html).toContain('data-action="ImposeVisa"');
    expect(html).toContain('<svg'); // the timeline
    expect(html).toContain('class="chronicle"');
    const clerkPage = await visit(`/console/cases/${id}`, clerk);
    expect(clerkPage.html).not.toContain('data-action="ImposeVisa"'); // the rules give the visa to the head
  });

  it('masks the applicant for oversight exactly as the API does', async () => {
    const { id } = await receive('Сапарова Асель');
    const api = await http().get(`/cases/${id}`).set('Authorization', bearer(oversight)).expect(200);
    const { html } = await visit(`/console/cases/${id}`, oversight);
    expect(html).toContain(`${api.body.applicant.name} · ${api.body.applicant.iin}`);
    expect(html).not.toContain(IIN);
    expect(html).not.toContain('Сапарова');
    expect(html).not.toContain('data-action='); // oversight reads, never acts
  });

  it('answers a case of another organisation with the same 404 page as a missing one', async () => {
    const { id } = await receive();
    const foreign = await visit(`/console/cases/${id}`, foreignHead);
    const missing = await visit(`/console/cases/${newId()}`, foreignHead);
    const malformed = await visit('/console/cases/not-a-uuid', foreignHead);
    expect(foreign.res.status).toBe(404);
    expect(missing.res.status).toBe(404);
    expect(malformed.res.status).toBe(404);
    const body = (html: string) =>
      html
        .replace(/<head>[\s\S]*<\/head>/, '')
        .replace(/href="[^"]*lang=[^"]*"/g, '')
        .replace(/name="_csrf" value="[^"]*"/g, '');
    expect(body(foreign.html)).toBe(body(missing.html));
    expect(foreign.html).toContain('Не найдено');
    // Posting to it is the same 404, and nothing is appended.
    const post = await http()
      .post(`/console/cases/${id}/actions`)
      .set('Cookie', foreign.cookies)
      .type('form')
      .send({ _csrf: foreign.csrf, action: 'ImposeVisa', revision: '0', executorId: 'u-exec' })
      .expect(404);
    expect(body(post.text)).toBe(body(missing.html));
    expect(await revisionOf(id)).toBe(0);
  });

  it('posts an action through the command path: the visa is appended, then the page says so', async () => {
    const { id } = await receive();
    const page = await visit(`/console/cases/${id}`, head);
    const res = await http()
      .post(`/console/cases/${id}/actions`)
      .set('Cookie', page.cookies)
      .type('form')
      .send({ _csrf: page.csrf, action: 'ImposeVisa', revision: '0', formKey: 'k-1', executorId: 'u-exec' })
      .expect(303);
    expect(res.headers.location).toMatch(new RegExp(`^/console/cases/${id}\\?position=\\d+$`));
    const api = await http().get(`/cases/${id}`).set('Authorization', bearer(head)).expect(200);
    expect(api.body.revision).toBe(1);
    expect(api.body.executorId).toBe('u-exec');
    const after = await visit(res.headers.location, head, flashOf(res));
    expect(after.html).toContain('Выполнено: Наложить визу.');
    await until('the chronicle shows the visa', async () => (await visit(res.headers.location, head)).html.includes('Наложена виза'));
    // The same form posted twice (a double click) is one command: nothing more is appended.
    await http()
      .post(`/console/cases/${id}/actions`)
      .set('Cookie', page.cookies)
      .type('form')
      .send({ _csrf: page.csrf, action: 'ImposeVisa', revision: '0', formKey: 'k-1', executorId: 'u-exec' })
      .expect(303);
    expect(await revisionOf(id)).toBe(1);
    // The executor named now sees the draft form.
    expect((await visit(`/console/cases/${id}`, executor)).html).toContain('data-action="PrepareDraft"');
  });

  it('refuses a POST without the CSRF token and appends nothing', async () => {
    const { id } = await receive();
    const page = await visit(`/console/cases/${id}`, head);
    const res = await http()
      .post(`/console/cases/${id}/actions`)
      .set('Cookie', page.cookies)
      .type('form')
      .send({ action: 'ImposeVisa', revision: '0', executorId: 'u-exec' })
      .expect(403);
    expect(res.text).toContain('csrf-failed');
    expect(await revisionOf(id)).toBe(0);
  });

  it('turns the API’s problem code into a message in the user’s language', async () => {
    const { id } = await receive();
    const page = await visit(`/console/cases/${id}`, head);
    await http()
      .post(`/console/cases/${id}/actions`)
      .set('Cookie', page.cookies)
      .type('form')
      .send({ _csrf: page.csrf, action: 'ImposeVisa', revision: '0', formKey: 'k-2', executorId: 'u-exec' })
      .expect(303);
    // The same page's form for another action, now stale: If-Match refuses it.
    const stale = await http()
      .post(`/console/cases/${id}/actions`)
      .set('Cookie', page.cookies)
      .type('form')
      .send({ _csrf: page.csrf, action: 'RefuseService', revision: '0', formKey: 'k-3', grounds: 'Недостоверные документы' })
      .expect(303);
    expect(stale.headers.location).toBe(`/console/cases/${id}`);
    expect((await visit(stale.headers.location, head, flashOf(stale))).html).toContain('Дело изменилось с момента открытия');
    expect((await visit(`${stale.headers.location}?lang=kk`, head, flashOf(stale))).html).toContain('Іс ашылғаннан бері өзгерді');
    // A rule of the domain: the executor may not sign.
    const exec = await visit(`/console/cases/${id}`, executor);
    const wrong = await http()
      .post(`/console/cases/${id}/actions`)
      .set('Cookie', exec.cookies)
      .type('form')
      .send({ _csrf: exec.csrf, action: 'SignResult', formKey: 'k-4' })
      .expect(303);
    expect(wrong.headers.location).toBe(`/console/cases/${id}`);
    expect((await visit(wrong.headers.location, executor, flashOf(wrong))).html).toContain('(step-out-of-order)');
    expect(await revisionOf(id)).toBe(1);
  });

  it('carries a form’s outcome in a one-shot flash cookie, so a crafted link cannot show a false notice', async () => {
    const { id } = await receive();
    const other = await receive();
    const page = await visit(`/console/cases/${id}`, head);
    const res = await http()
      .post(`/console/cases/${id}/actions`)
      .set('Cookie', page.cookies)
      .type('form')
      .send({ _csrf: page.csrf, action: 'ImposeVisa', revision: '0', formKey: 'k-flash', executorId: 'u-exec' })
      .expect(303);
    const setFlash = setCookieLine(res, 'console_flash');
    expect(setFlash).toMatch(/; Path=\/console; SameSite=Strict; Max-Age=60; HttpOnly/);
    // Shown once, then cleared by the page that showed it.
    const shown = await visit(res.headers.location, head, flashOf(res));
    expect(shown.html).toContain('notice-done');
    expect(setCookieLine(shown.res, 'console_flash')).toMatch(/^console_flash=; Path=\/console; SameSite=Strict; Max-Age=0; HttpOnly/);
    expect((await visit(res.headers.location, head)).html).not.toContain('notice-');
    // Another case's page does not show it, and leaves it alone.
    const elsewhere = await visit(`/console/cases/${other.id}`, head, flashOf(res));
    expect(elsewhere.html).not.toContain('notice-');
    expect(setCookieLine(elsewhere.res, 'console_flash')).toBe('');
    // The query parameters of old links open the page without a notice.
    for (const query of ['done=ImposeVisa', 'problem=stale-revision', 'done=RefuseService&position=1']) {
      const crafted = await visit(`/console/cases/${id}?${query}`, head);
      expect(crafted.res.status).toBe(200);
      expect(crafted.html).not.toContain('notice-');
    }
  });

  it('lists appealed cases to the appeal reviewer, replays them with a slider, verifies, and logs the dossier download', async () => {
    const { id } = await receive();
    const appealId = newId();
    await http()
      .post(`/cases/${id}/appeals`)
      .set('Authorization', bearer(clerk))
      .send({ appealId, grounds: 'Результат не выдан в срок' })
      .expect(200);
    // The list reads the chronicle's read model: wait until it holds the appeal.
    await until('the appeals list shows the case', async () => (await visit('/console/appeals', reviewer)).html.includes(id));
    const list = await visit('/console/appeals', reviewer);
    expect(list.res.status).toBe(200);
    expect(list.html).toContain(`href="/console/cases/${id}/replay"`);
    expect((await visit('/console/appeals', head)).res.status).toBe(403);

    const replay = await visit(`/console/cases/${id}/replay?revision=0`, reviewer);
    expect(replay.res.status).toBe(200);
    expect(replay.html).toMatch(/<input type="range" id="revision" name="revision" min="0" max="1" step="1" value="0"/);
    expect(replay.html).toContain('Заявление принято');
    expect(replay.html).not.toContain('Подана жалоба'); // revision 0 only
    expect(replay.html).toContain('data-verdict="intact"');
    const latest = await visit(`/console/cases/${id}/replay`, reviewer);
    expect(latest.html).toContain('Подана жалоба');
    expect((await visit(`/console/cases/${id}/replay?revision=9`, reviewer)).res.status).toBe(400);

    const dossier = await http().get(`/console/cases/${id}/dossier`).set('Cookie', replay.cookies).expect(200);
    expect(dossier.headers['content-disposition']).toBe(`attachment; filename="case-${id}.dossier.html"`);
    expect(dossier.headers['cache-control']).toBe('no-store');
    expect(dossier.text).not.toContain('<script>alert(1)');
    const bundle = await http().get(`/console/cases/${id}/bundle`).set('Cookie', replay.cookies).expect(200);
    expect(bundle.headers['content-disposition']).toBe(`attachment; filename="case-${id}.bundle.json"`);
    const log = await http().get(`/cases/${id}/access-log`).set('Authorization', bearer(reviewer)).expect(200);
    const entries = JSON.stringify(log.body);
    // Each download and view is in the case's access log, as the API's are.
    for (const what of [
      '"what":"dossier","parameters":{"format":"html"}',
      '"what":"dossier","parameters":{"format":"bundle"}',
      '"what":"replay"',
      '"what":"verify"',
    ]) {
      expect(entries).toContain(what);
    }

    const elsewhere = await visit(`/console/cases/${id}/replay`, otherRegionReviewer);
    expect(elsewhere.res.status).toBe(404);
    expect((await http().get(`/console/cases/${id}/dossier`).set('Cookie', elsewhere.cookies)).status).toBe(404);
  });
});
