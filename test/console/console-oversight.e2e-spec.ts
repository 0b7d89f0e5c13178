import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { Principal } from '../../src/auth/principal';
import { issueToken } from '../../src/auth/tokens';
import { uuidFromName } from '../../src/cases/case-stream';
import { fixedClock } from '../../src/common/clock';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { clearBlock, recordBlock } from '../../src/projections/runtime/checkpoints';
import { ProjectionWaiter } from '../../src/projections/runtime/projection-waiter';
import { READ_MODELS_DATA_SOURCE } from '../../src/projections/runtime/tokens';
import { appendRun, lastAppendedPosition, realDomain } from '../../src/projections/step-timeline/testing/projection-harness';
import { scenarioCases } from '../../src/projections/step-timeline/testing/scenarios';
import type { DataSource } from 'typeorm';
import { createTestApp, testConfig } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-db';

const idOf = (name: string) => uuidFromName(`console-oversight-e2e:${name}`);
/** A provider whose code is markup: every page must show it as text. */
const HOSTILE_ORG = '<img src=x onerror=alert(1)>"school';

describe('console oversight and projections pages over HTTP', () => {
  let app: INestApplication;
  let db: TestDatabase;
  const secret = testConfig().jwtSecret;
  const token = (roles: Principal['roles'], organisation: string, region: Principal['region'] = 'kostanay-oblast') =>
    issueToken({ userId: `u-${roles[0]}-${region}`, roles, organisation, region }, secret, 600);
  const page = (path: string, session?: string) => {
    const r = request(app.getHttpServer()).get(path);
    return session ? r.set('Cookie', `console_session=${session}`) : r;
  };
  const oversightKst = token(['oversight'], 'kst-education');
  const oversightAlm = token(['oversight'], 'alm-education', 'almaty-oblast');
  const oversightAst = token(['oversight'], 'ast-education', 'astana');
  const admin = token(['admin'], 'ministry', 'astana');

  beforeAll(async () => {
    db = await createTestDatabase('consoleovs');
    app = await createTestApp({ databaseUrl: db.url, clock: fixedClock('2019-07-01T06:00:00Z') });
    const store = app.get<EventStore>(EVENT_STORE);
    const domain = realDomain();
    for (const run of Object.values(scenarioCases(domain, idOf))) await appendRun(store, run, 0);
    // The same late refusal as kst-adm, by a provider whose code is markup.
    const hostile = domain.open(
      idOf('hostile'),
      'kostanay-oblast',
      'school-admission',
      'provider-office',
      new Date('2019-06-03T04:00:00Z'),
      { providerOrg: HOSTILE_ORG },
    );
    hostile.receive(new Date('2019-06-03T04:00:00Z'));
    hostile.advance(new Date('2019-06-03T06:00:00Z'));
    hostile.refuseService(new Date('2019-06-12T04:00:00Z'));
    await appendRun(store, hostile, 0);
    expect(await app.get(ProjectionWaiter).waitFor(lastAppendedPosition(store), ['oversight'], 20_000)).toBe(true);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('shows an oversight officer their region’s counts, timeliness per step, breaches by role and person, with links to the cases', async () => {
    const res = await page('/console/oversight', oversightKst).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const html = res.text;
    expect(html).toContain('Надзор: Костанайская область');
    expect(html).toContain('school-7');
    expect(html).toContain('school-9');
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*data-chart="counts"/);
    expect(html).toMatch(/<svg[^>]*data-chart="steps"/);
    expect(html).toContain('data-table="breaches-by-role"');
    expect(html).toContain('school-7:head-1'); // the late appeal decision, by person
    // Steps by their words, not their codes: the appeal's consideration among the breaches.
    expect(html).toContain('<span title="appeal">рассмотрение жалобы</span>');
    expect(html).not.toContain('appeal-decided');
    expect(html).not.toMatch(/<code>[^<]*<\/code> [a-z-]+</);
    expect(html).toContain(`href="/console/cases/${idOf('kst-sc')}"`);
    expect(html).toContain(`href="/console/cases/${idOf('kst-adm')}"`);
    expect(html).not.toMatch(/style=|<script>/);
    // Another region's data is not on this page.
    expect(html).not.toContain('school-alm');
    expect(html).not.toContain(idOf('alm-office'));
  });

  it('shows another region’s oversight nothing of this one', async () => {
    const ast = (await page('/console/oversight', oversightAst).expect(200)).text;
    for (const name of ['kst-sc', 'kst-adm', 'kst-refused', 'alm-office', 'hostile']) expect(ast).not.toContain(idOf(name));
    expect(ast).not.toMatch(/school-7|school-9|school-alm/);
    expect(ast).toContain('За выбранный период данных нет.');
    const alm = (await page('/console/oversight', oversightAlm).expect(200)).text;
    expect(alm).toContain('school-alm');
    expect(alm).not.toMatch(/school-7|school-9/);
    // The CSV too.
    const csv = await page('/console/oversight/summary.csv', oversightAst).expect(200);
    expect(csv.text.trimEnd().split('\r\n')).toHaveLength(1);
  });

  it('is for the oversight role only; projections for admins only', async () => {
    for (const session of [token(['clerk'], 'school-7'), token(['head'], 'school-7'), admin]) {
      const res = await page('/console/oversight', session).expect(403);
      expect(res.text).toContain('Вашей роли это действие недоступно.');
      expect(res.text).not.toContain('school-7:head-1');
    }
    await page('/console/oversight/breaches.csv', token(['appeal-reviewer'], 'appeals')).expect(403);
    await page('/console/projections', oversightKst).expect(403);
    expect((await page('/console/oversight').expect(303)).headers.location).toBe('/console/sign-in?reason=required');
  });

  it('filters by provider, service and period through a GET form whose empty fields are ignored', async () => {
    const empty = await page('/console/oversight?organisation=&service=&from=&to=', oversightKst).expect(200);
    expect(empty.text).toContain('school-7');
    const school9 = (await page('/console/oversight?organisation=school-9&service=&from=2019-06&to=2019-06', oversightKst).expect(200))
      .text;
    expect(school9).toContain('school-9');
    expect(school9).not.toContain('school-7');
    expect(school9).toContain('value="school-9"');
    expect(school9).toContain('href="/console/oversight/breaches.csv?organisation=school-9&amp;from=2019-06&amp;to=2019-06"');
    const march = (await page('/console/oversight?from=2019-03&to=2019-03', oversightKst).expect(200)).text;
    expect(march).toContain('school-7');
    expect(march).not.toContain('school-9');
    const bad = await page('/console/oversight?from=2019-13', oversightKst).expect(400);
    expect(bad.text).toContain('Проверьте заполнение полей.');
    const reversed = await page('/console/oversight?from=2019-05&to=2019-04', oversightKst).expect(400);
    expect(reversed.text).toContain('Неверный период.');
    await page('/console/oversight?region=astana', oversightKst).expect(400); // no region field: always the user's own
  });

  it('downloads each table as the API’s CSV under the page’s filters', async () => {
    for (const table of ['summary', 'steps', 'breaches']) {
      const console = await page(`/console/oversight/${table}.csv?organisation=school-7`, oversightKst).expect(200);
      expect(console.headers['content-type']).toMatch(/^text\/csv/);
      expect(console.headers['content-disposition']).toBe(`attachment; filename="oversight-${table}.csv"`);
      const api = await request(app.getHttpServer())
        .get(`/oversight/${table}?format=csv&organisation=school-7`)
        .set('Authorization', `Bearer ${oversightKst}`)
        .expect(200);
      expect(console.text).toBe(api.text);
      expect(console.text.trimEnd().split('\r\n').length).toBeGreaterThan(1);
    }
    await page('/console/oversight/everything.csv', oversightKst).expect(404);
  });

  it('escapes hostile text from the read model', async () => {
    const html = (await page('/console/oversight', oversightKst).expect(200)).text;
    expect(html).not.toContain(HOSTILE_ORG);
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)>&quot;school');
  });

  it('speaks Kazakh on ?lang=kk', async () => {
    const html = (await page('/console/oversight?lang=kk', oversightKst).expect(200)).text;
    expect(html).toContain('<html lang="kk">');
    expect(html).toContain('Бақылау: Қостанай');
    expect(html).toContain('Мерзім бұзушылықтары');
    expect(html).toContain('<span title="appeal">шағымды қарау</span>');
  });

  it('shows an admin each projection’s status and lag, and a blocked one with the CLI commands that free it', async () => {
    const running = (await page('/console/projections', admin).expect(200)).text;
    for (const name of ['work-queue', 'case-history', 'step-timeline', 'oversight']) expect(running).toContain(`data-projection="${name}"`);
    expect(running).toContain('data-status="running"');
    expect(running).toContain('Заблокированных проекций нет.');
    const rm = app.get<DataSource>(READ_MODELS_DATA_SOURCE);
    await recordBlock(rm, 'case-history', {
      position: 123n,
      eventId: 'ev-1',
      streamId: 'case-x',
      type: 'ApplicationReceived',
      error: '<script>alert(1)</script>',
    });
    try {
      const blocked = (await page('/console/projections', admin).expect(200)).text;
      expect(blocked).toContain('data-blocked="case-history"');
      expect(blocked).toContain('npm run projections:admin -- retry case-history');
      expect(blocked).toContain('npm run projections:admin -- skip case-history --event ev-1 --reason');
      expect(blocked).toContain('&lt;script>alert(1)&lt;/script>');
      expect(blocked).not.toContain('<script>alert');
      expect((await page('/console/projections?lang=kk', admin).expect(200)).text).toContain('бұғатталған');
    } finally {
      await clearBlock(rm, 'case-history');
    }
  });
});
