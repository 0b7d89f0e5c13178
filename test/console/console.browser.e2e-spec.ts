import { INestApplication } from '@nestjs/common';
import type { Browser, BrowserContext } from 'playwright-core';
import { issueToken } from '../../src/auth/tokens';
import { fixedClock } from '../../src/common/clock';
import { CONSOLE_CSP } from '../../src/console/http/console-http.middleware';
import { DEMO_ORGANISATIONS } from '../../src/demo/demo-users';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { CaseDriver } from '../../src/projections/runtime/testing/case-driver';
import { createTestApp, testConfig } from '../support/test-app';
import { until } from '../support/until';
import { createTestDatabase, TestDatabase } from '../support/test-db';
import { demoSignIn, describeInBrowser, launchChromium, openTab, portOf, screenshotPath, Tab } from './support/browser';

const VIEWPORT = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const KOSTANAY = DEMO_ORGANISATIONS['kostanay-oblast'];
const SEEDED = ['a3f18c20-4d1e-4b7a-9c3e-5f0a1b2c3d41', '6c2e9b7d-1a3f-4e58-8b0c-2d4f6a8b0c52', 'd94b3e6f-7c2a-4f19-a8d0-3e5f7a9b1c63'];

/** A page that records console errors and failed requests (a CSP violation is a console error). */

// Waits include the projection's lag, which on a shared, loaded cluster can reach tens of seconds.
jest.setTimeout(180_000);

describeInBrowser('console in Chromium: sign-in, my queue live over SSE, isolation, CSP, CSRF', (executablePath) => {
  let app: INestApplication;
  let db: TestDatabase;
  let browser: Browser;
  let base = '';
  const contexts: BrowserContext[] = [];
  const secret = testConfig().jwtSecret;

  beforeAll(async () => {
    db = await createTestDatabase('consolebrowser');
    app = await createTestApp({ databaseUrl: db.url, clock: fixedClock('2019-03-04T05:00:00Z') /* Mon 11:00 in Kostanay */ });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${portOf(app.getHttpServer())}`;
    browser = await launchChromium(executablePath);

    // A few cases already waiting (received earlier through the domain), so the pages show a real queue.
    const drive = new CaseDriver(app.get<EventStore>(EVENT_STORE));
    const clerk = {
      id: 'demo-kostanay-oblast-clerk',
      roles: ['clerk'],
      organisation: KOSTANAY.provider,
      region: 'kostanay-oblast' as const,
    };
    const operator = {
      id: 'demo-kostanay-oblast-sc-operator',
      roles: ['state-corporation-operator'],
      organisation: KOSTANAY.stateCorporation,
      region: 'kostanay-oblast' as const,
    };
    const parties = { region: 'kostanay-oblast' as const, providerOrganisation: KOSTANAY.provider };
    await drive.receive({
      ...parties,
      caseId: SEEDED[0],
      service: 'secondary-education-duplicates',
      channel: 'provider-office',
      caller: clerk,
      at: new Date('2019-02-25T04:30:00Z'),
      applicant: { iin: '870515400707', name: 'Ахметов Ерлан Серикович' },
    });
    await drive.receive({
      ...parties,
      caseId: SEEDED[1],
      service: 'secondary-education-duplicates',
      channel: 'state-corporation',
      caller: operator,
      at: new Date('2019-03-01T05:00:00Z'),
      applicant: { iin: '870515400707', name: 'Ким Ольга Викторовна' },
    });
    const last = await drive.receive({
      ...parties,
      caseId: SEEDED[2],
      service: 'externat-permission',
      channel: 'state-corporation',
      caller: operator,
      at: new Date('2019-03-04T03:10:00Z'),
      applicant: { iin: '870515400707', name: 'Нурланов Дамир Асетович' },
    });
    await until(
      'the seeded cases are in the queue',
      async () =>
        (await fetch(`${base}/work-queue?position=${last}`, {
          headers: {
            Authorization: `Bearer ${issueToken({ userId: 'u-seed', roles: ['head'], organisation: KOSTANAY.provider, region: 'kostanay-oblast' }, secret, 600)}`,
          },
        })
          .then((r) => r.json())
          .then((b: { total?: number }) => b.total)) === 3,
      60_000,
    );
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
    await db?.drop();
  });

  const tab = (viewport = VIEWPORT, locale = 'ru-RU'): Promise<Tab> => openTab(browser, contexts, { viewport, locale });

  /** The clerk receives an application through the console's form (from the queue's link), as at the counter; returns the new case's id. */
  async function receiveThroughForm(clerk: Tab, name: string): Promise<string> {
    await clerk.page.click('a[data-new-application]');
    await clerk.page.waitForURL(`${base}/console/cases/new`);
    expect(await clerk.page.inputValue('#f-providerOrganisation')).toBe(KOSTANAY.provider); // the clerk's own organisation
    await clerk.page.selectOption('#f-service', 'secondary-education-duplicates');
    await clerk.page.selectOption('#f-channel', 'provider-office');
    await clerk.page.fill('#f-applicantIin', '870515400708'); // a typo: the check digit fails
    await clerk.page.fill('#f-applicantName', name);
    await clerk.page.fill('#f-documents', 'заявление\nдокумент, удостоверяющий личность');
    await clerk.page.check('#f-consent');
    await clerk.page.click('form.receive-form button[type="submit"]');
    // Refused: the form comes back as typed, with the domain's problem in Russian and the field marked.
    await clerk.page.waitForSelector('[data-problem="invalid-iin"]');
    expect(await clerk.page.inputValue('#f-applicantName')).toBe(name);
    expect(await clerk.page.inputValue('#f-service')).toBe('secondary-education-duplicates');
    expect(await clerk.page.getAttribute('#f-applicantIin', 'aria-invalid')).toBe('true');
    await clerk.page.screenshot({ path: screenshotPath('case-new-refused'), fullPage: true, animations: 'disabled' });
    expect(clerk.errors.splice(0)).toEqual([`400 ${base}/console/cases/new`]); // that refusal, and nothing else
    await clerk.page.fill('#f-applicantIin', '870515400707');
    await clerk.page.screenshot({ path: screenshotPath('case-new'), fullPage: true, animations: 'disabled' });
    await clerk.page.click('form.receive-form button[type="submit"]');
    await clerk.page.waitForURL(/\/console\/cases\/[0-9a-f-]{36}\?position=\d+$/);
    const caseId = /\/console\/cases\/([0-9a-f-]{36})/.exec(clerk.page.url())?.[1];
    if (!caseId) throw new Error(`not on a case page: ${clerk.page.url()}`);
    return caseId;
  }

  it('a head with the queue open sees the case the clerk receives arrive live, without a reload; another organisation never sees it', async () => {
    const signIn = await tab();
    const first = await signIn.page.goto(`${base}/console/sign-in`);
    expect(first?.headers()['content-security-policy']).toBe(CONSOLE_CSP);
    await signIn.page.screenshot({ path: screenshotPath('sign-in'), animations: 'disabled' });

    const clerk = await tab();
    await demoSignIn(clerk, base, 'demo-kostanay-oblast-clerk', '/console/queue');

    const head = await tab();
    await demoSignIn(head, base, 'demo-kostanay-oblast-head', '/console/queue');
    await head.page.waitForSelector('[data-live-indicator][data-state="on"]');
    await head.page.evaluate(() => document.documentElement.setAttribute('data-loaded-once', 'yes'));
    const before = Number(await head.page.locator('[data-count="all"] strong').textContent());
    expect(before).toBe(SEEDED.length);

    // Another organisation of the same region signs in by pasting a token.
    const other = await tab();
    await other.page.goto(`${base}/console/sign-in`);
    await other.page.fill(
      '#token',
      issueToken(
        { userId: 'u-other-head', roles: ['head'], organisation: 'demo-kostanay-school-99', region: 'kostanay-oblast' },
        secret,
        600,
      ),
    );
    await other.page.click('form[action="/console/sign-in"] button[type="submit"]');
    await other.page.waitForURL(`${base}/console/queue`);
    await other.page.waitForSelector('[data-live-indicator][data-state="on"]');

    const caseId = await receiveThroughForm(clerk, 'Сапарова Асель Нурлановна');
    const row = head.page.locator(`tr[data-case-id="${caseId}"]`);
    await row.waitFor({ timeout: 60_000 }); // projection lag on a shared, loaded cluster
    expect(await head.page.evaluate(() => document.documentElement.getAttribute('data-loaded-once'))).toBe('yes'); // no reload
    expect(await head.page.locator('[data-count="all"] strong').textContent()).toBe(String(before + 1));
    expect(await head.page.locator('[data-live-announce]').textContent()).toBe(`Всего: ${before + 1}`); // what a screen reader hears
    await head.page.screenshot({ path: screenshotPath('queue-head'), animations: 'disabled' });

    await clerk.page.goto(`${base}/console/queue`);
    await clerk.page.locator(`tr[data-case-id="${caseId}"]`).waitFor({ timeout: 60_000 });
    await clerk.page.click(`a[href="/console/cases/${caseId}"]`);
    await clerk.page.waitForURL(`${base}/console/cases/${caseId}`);
    expect(await clerk.page.locator('[data-field="applicant"]').textContent()).toContain('Сапарова Асель Нурлановна');

    // The other organisation: nothing arrived (its page was told nothing), and the case is a 404.
    await other.page.reload();
    expect(await other.page.locator('tr[data-case-id]').count()).toBe(0);
    for (const t of [signIn, clerk, head, other]) expect(t.errors).toEqual([]);
    const foreign = await other.page.goto(`${base}/console/cases/${caseId}`);
    expect(foreign?.status()).toBe(404);
    await other.page.screenshot({ path: screenshotPath('not-found'), animations: 'disabled' });
  });

  it('refuses a POST without the CSRF token, even from the console’s own origin with the session cookie', async () => {
    const t = await tab();
    await demoSignIn(t, base, 'demo-kostanay-oblast-executor-1', '/console/queue');
    const status = await t.page.evaluate(async () => (await fetch('/console/sign-out', { method: 'POST' })).status);
    expect(status).toBe(403);
    const withToken = await t.page.evaluate(async () => {
      const token = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
      return (await fetch('/console/sign-out', { method: 'POST', headers: { 'X-CSRF-Token': token } })).status;
    });
    expect(withToken).toBe(200); // followed the 303 to the sign-in page
  });

  it('renders in Kazakh and on a phone, keyboard first: the skip link is the first stop', async () => {
    const kk = await tab(VIEWPORT, 'kk-KZ');
    await demoSignIn(kk, base, 'demo-kostanay-oblast-head', '/console/queue');
    expect(await kk.page.getAttribute('html', 'lang')).toBe('kk');
    await kk.page.screenshot({ path: screenshotPath('queue-head-kk'), animations: 'disabled' });
    await kk.page.keyboard.press('Tab');
    expect(await kk.page.evaluate(() => document.activeElement?.className)).toBe('skip-link');

    const phone = await tab(PHONE);
    await demoSignIn(phone, base, 'demo-kostanay-oblast-head', '/console/queue');
    const width = await phone.page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await phone.page.screenshot({ path: screenshotPath('queue-head-phone'), fullPage: true, animations: 'disabled' });
    for (const t of [kk, phone]) expect(t.errors).toEqual([]);
  });
});
