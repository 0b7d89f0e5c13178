import { INestApplication } from '@nestjs/common';
import http from 'node:http';
import request from 'supertest';
import type { Principal } from '../../src/auth/principal';
import { issueToken } from '../../src/auth/tokens';
import { fixedClock } from '../../src/common/clock';
import { refreshInSeconds } from '../../src/console/queue/refresh-in';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { CaseDriver, minutesAfter, staff } from '../../src/projections/runtime/testing/case-driver';
import { createTestApp, testConfig } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-db';
import { until } from '../support/until';
import { portOf } from './support/browser';

const KST = staff('kostanay-oblast');
const T0 = new Date('2019-03-04T04:00:00Z'); // Mon 4 March 2019, 10:00 in Kostanay
const CASE_1 = '0b6f3a4e-1c2d-4e5f-8a9b-0000000000c1';
const CASE_2 = '0b6f3a4e-1c2d-4e5f-8a9b-0000000000c2';
const CASE_3 = '0b6f3a4e-1c2d-4e5f-8a9b-0000000000c3';
const CASE_LIVE_7 = '0b6f3a4e-1c2d-4e5f-8a9b-0000000000d7';
const CASE_LIVE_8 = '0b6f3a4e-1c2d-4e5f-8a9b-0000000000d8';
const CASE_OTHER_INSTANCE = '0b6f3a4e-1c2d-4e5f-8a9b-0000000000e1';
const MISSING = '0b6f3a4e-1c2d-4e5f-8a9b-0000000000ff';
const HOSTILE_NAME = '<script>alert("x")</script> Иванов';
const office = {
  region: 'kostanay-oblast' as const,
  service: 'secondary-education-duplicates',
  channel: 'provider-office' as const,
  providerOrganisation: 'school-7',
};

/** An SSE client that records the event names it receives. */
function listen(url: string, cookie: string): { events: string[]; close(): void; opened: Promise<number> } {
  const events: string[] = [];
  let req: http.ClientRequest | undefined;
  const opened = new Promise<number>((resolve, reject) => {
    req = http.get(url, { headers: { Cookie: cookie, Accept: 'text/event-stream' } }, (res) => {
      resolve(res.statusCode ?? 0);
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        for (const match of chunk.matchAll(/^event: (.+)$/gm)) events.push(match[1]);
      });
      res.on('error', () => undefined);
    });
    req.on('error', reject);
  });
  return { events, opened, close: () => req?.destroy() };
}

// Waits include the projection's lag, which on a shared, loaded cluster can reach tens of seconds.
jest.setTimeout(180_000);

describe('console queue page over HTTP: the work-queue read model rendered, live over SSE, links to the case page', () => {
  let app: INestApplication;
  let db: TestDatabase;
  let drive: CaseDriver;
  let base = '';
  const secret = testConfig().jwtSecret;
  const session = (p: Principal) => `console_session=${issueToken(p, secret, 600)}`;
  const head7 = session({ userId: 'u-head', roles: ['head'], organisation: 'school-7', region: 'kostanay-oblast' });
  const clerk8 = session({ userId: 'u-clerk8', roles: ['clerk'], organisation: 'school-8', region: 'kostanay-oblast' });
  const oversight = session({ userId: 'u-ov', roles: ['oversight'], organisation: 'kst-education', region: 'kostanay-oblast' });
  const get = (path: string, cookie: string) => request(app.getHttpServer()).get(path).set('Cookie', cookie);

  beforeAll(async () => {
    db = await createTestDatabase('consolequeue');
    app = await createTestApp({ databaseUrl: db.url, clock: fixedClock('2019-03-04T05:00:00Z') /* 11:00 in Kostanay */ });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${portOf(app.getHttpServer())}`;
    drive = new CaseDriver(app.get<EventStore>(EVENT_STORE));
    await drive.receive({ ...office, caseId: CASE_1, caller: KST.clerk, at: T0, applicant: { iin: '870515400707', name: HOSTILE_NAME } });
    await drive.act(CASE_1, { type: 'ImposeVisa', executorId: 'u-exec' }, KST.head, minutesAfter(T0, 15));
    await drive.receive({ ...office, channel: 'state-corporation', caseId: CASE_2, caller: KST.operator, at: T0 });
    await drive.receive({
      ...office,
      providerOrganisation: 'school-8',
      caseId: CASE_3,
      caller: { ...KST.clerk, organisation: 'school-8' },
      at: minutesAfter(T0, 30),
    });
    await until(
      'the queue shows the three cases',
      async () => (await get('/console/queue', head7)).text.includes(CASE_1) && (await get('/console/queue', clerk8)).text.includes(CASE_3),
      60_000,
    );
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('renders the head’s queue: the API’s rows and order, totals, status colours, links to the case page', async () => {
    const res = await get('/console/queue', head7).expect(200);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    const ids = [...res.text.matchAll(/data-case-id="([^"]+)"/g)].map((m) => m[1]);
    const api = await request(app.getHttpServer())
      .get('/work-queue')
      .set('Authorization', `Bearer ${head7.split('=')[1]}`)
      .expect(200);
    expect(ids).toEqual(api.body.items.map((i: { caseId: string }) => i.caseId));
    expect(ids).toEqual([CASE_2, CASE_1]);
    expect(res.text).not.toContain(CASE_3);
    expect(res.text).toContain(`href="/console/cases/${CASE_1}"`);
    expect(res.text).toMatch(/data-count="all">Всего: <strong>2<\/strong>/);
    expect(res.text).toContain('class="status status-');
    expect(res.text).toContain('Моя очередь');
    expect(res.text).toContain('data-live-events="/console/queue/events"');
  });

  it('speaks Kazakh on ?lang=kk', async () => {
    const res = await get('/console/queue?lang=kk', head7).expect(200);
    expect(res.text).toContain('<html lang="kk">');
    expect(res.text).toContain('Менің кезегім');
  });

  it('filters by status, drops empty form fields, and shows a bad filter as a page (400), not JSON', async () => {
    const all = await get('/console/queue?service=&role=&status=&assignee=', head7).expect(200);
    expect([...all.text.matchAll(/data-case-id="/g)]).toHaveLength(2);
    const mine = await get(
      '/console/queue?assignee=me',
      session({ userId: 'u-exec', roles: ['executor'], organisation: 'school-7', region: 'kostanay-oblast' }),
    ).expect(200);
    expect([...mine.text.matchAll(/data-case-id="([^"]+)"/g)].map((m) => m[1])).toEqual([CASE_1]);
    const bad = await get('/console/queue?status=late', head7).expect(400);
    expect(bad.headers['content-type']).toMatch(/^text\/html/);
    expect(bad.text).toContain('validation-failed');
    const fragment = await get('/console/queue/fragment?status=not-regulated', head7).expect(200);
    expect(fragment.text).not.toContain('<html');
    expect(fragment.text).toContain('data-refresh-in=');
  });

  it('tells the page when its next case turns due today or overdue (it refreshes itself then)', async () => {
    const api = await request(app.getHttpServer())
      .get('/work-queue')
      .set('Authorization', `Bearer ${head7.split('=')[1]}`)
      .expect(200);
    const now = Date.parse('2019-03-04T05:00:00Z');
    const expected = refreshInSeconds(
      new Date(now),
      'kostanay-oblast',
      api.body.items.map((i: { dueAt: string | null }) => i.dueAt),
    );
    const fragment = await get('/console/queue/fragment', head7).expect(200);
    expect(fragment.text).toContain(`data-refresh-in="${expected}"`);
  });

  it('refuses the queue to roles it is not for, with a page', async () => {
    const res = await get('/console/queue', oversight).expect(403);
    expect(res.text).toContain('role-not-allowed');
  });

  it('shows the case page with the applicant’s name as text, never as markup', async () => {
    const res = await get(`/console/cases/${CASE_1}`, head7).expect(200);
    expect(res.text).not.toContain('<script>alert');
    expect(res.text).toContain('&lt;script>alert(&quot;x&quot;)&lt;/script> Иванов');
  });

  it('gives a user of another organisation the same 404 page as a missing case', async () => {
    const foreign = await get(`/console/cases/${CASE_1}`, clerk8).expect(404);
    const missing = await get(`/console/cases/${MISSING}`, clerk8).expect(404);
    const malformed = await get('/console/cases/not-a-uuid', clerk8).expect(404);
    // Equal but for the URL the user typed (language links) and the per-request CSRF nonce.
    const normal = (html: string, id: string) => html.replaceAll(id, 'ID').replace(/(content|value)="[A-Za-z0-9_-]{43}"/g, '$1="T"');
    expect(normal(foreign.text, CASE_1)).toBe(normal(missing.text, MISSING));
    expect(normal(malformed.text, 'not-a-uuid')).toBe(normal(missing.text, MISSING));
  });

  it('answers an unknown /console path with the same 404 page as a missing case, under the console CSP', async () => {
    const missing = await get(`/console/cases/${MISSING}`, clerk8).expect(404);
    const normal = (html: string, path: string) => html.replaceAll(path, 'PATH').replace(/(content|value)="[A-Za-z0-9_-]{43}"/g, '$1="T"');
    for (const path of ['/console/nope', '/console/cases', '/console/nope/deeper']) {
      const res = await get(path, clerk8).expect(404);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['content-security-policy']).toBe(missing.headers['content-security-policy']);
      expect(normal(res.text, path)).toBe(normal(missing.text, `/console/cases/${MISSING}`));
    }
  });

  it('signals over SSE only the users who may see the case that arrived, after the read model has it', async () => {
    const head = listen(`${base}/console/queue/events`, head7);
    const other = listen(`${base}/console/queue/events`, clerk8);
    expect(await head.opened).toBe(200);
    expect(await other.opened).toBe(200);
    try {
      await new Promise((resolve) => setTimeout(resolve, 300)); // both watchers start from the current checkpoint
      await drive.receive({
        ...office,
        caseId: CASE_LIVE_8,
        providerOrganisation: 'school-8',
        caller: { ...KST.clerk, organisation: 'school-8' },
        at: minutesAfter(T0, 40),
      });
      await until('school-8 is told', () => other.events.includes('changed'), 60_000);
      expect(head.events).not.toContain('changed');
      await drive.receive({ ...office, caseId: CASE_LIVE_7, caller: KST.clerk, at: minutesAfter(T0, 45) });
      await until('school-7 is told', () => head.events.includes('changed'), 60_000);
      // The signal follows the commit: the fragment fetched now shows the case.
      expect((await get('/console/queue/fragment', head7).expect(200)).text).toContain(CASE_LIVE_7);
    } finally {
      head.close();
      other.close();
    }
  });

  it('signals a page served by an instance that does not run the projections (it polls the checkpoint)', async () => {
    const reader = await createTestApp({
      databaseUrl: db.url,
      clock: fixedClock('2019-03-04T05:00:00Z'),
      env: { PROJECTIONS_ENABLED: 'false' },
    });
    await reader.listen(0, '127.0.0.1');
    const stream = listen(`http://127.0.0.1:${portOf(reader.getHttpServer())}/console/queue/events`, head7);
    try {
      expect(await stream.opened).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await drive.receive({ ...office, caseId: CASE_OTHER_INSTANCE, caller: KST.clerk, at: minutesAfter(T0, 50) });
      // The first instance's projection commits it (its lag depends on the shared cluster's horizon), then the poll sees the checkpoint move.
      await until(
        'the projecting instance has the case',
        async () => (await get('/console/queue/fragment', head7)).text.includes(CASE_OTHER_INSTANCE),
        60_000,
      );
      await until('the other instance’s page is told', () => stream.events.includes('changed'), 5_000);
    } finally {
      stream.close();
      await reader.close();
    }
  });

  it('refuses the event stream without a session (to sign-in), like every page', async () => {
    const res = await request(app.getHttpServer()).get('/console/queue/events').set('X-Console-Fragment', '1').expect(401);
    expect(res.headers['hx-redirect']).toBe('/console/sign-in?reason=required');
  });
});
