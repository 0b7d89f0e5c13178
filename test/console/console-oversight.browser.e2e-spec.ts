import { INestApplication } from '@nestjs/common';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { issueToken } from '../../src/auth/tokens';
import { uuidFromName } from '../../src/cases/case-stream';
import { fixedClock } from '../../src/common/clock';
import { DEMO_ORGANISATIONS, demoUser } from '../../src/demo/demo-users';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { ProjectionWaiter } from '../../src/projections/runtime/projection-waiter';
import { appendRun, lastAppendedPosition, realDomain } from '../../src/projections/step-timeline/testing/projection-harness';
import { scenarioCases } from '../../src/projections/step-timeline/testing/scenarios';
import { createTestApp, testConfig } from '../support/test-app';
import { until } from '../support/until';
import { createTestDatabase, TestDatabase } from '../support/test-db';
import { demoSignIn, describeInBrowser, launchChromium, openTab, portOf, screenshotPath, Tab } from './support/browser';

const VIEWPORT = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const PROVIDER = DEMO_ORGANISATIONS['kostanay-oblast'].provider;

describeInBrowser('console in Chromium: oversight counts follow an issued case; admins see the projections', (executablePath) => {
  let app: INestApplication;
  let db: TestDatabase;
  let browser: Browser;
  let base = '';
  const contexts: BrowserContext[] = [];
  const secret = testConfig().jwtSecret;

  beforeAll(async () => {
    db = await createTestDatabase('consoleovsbrowser');
    app = await createTestApp({ databaseUrl: db.url, clock: fixedClock('2019-03-04T05:00:00Z') /* Mon 11:00 in Kostanay */ });
    // Some history for the charts: the projection tests' scenario cases (school-7, school-9, a late appeal, a late refusal).
    const store = app.get<EventStore>(EVENT_STORE);
    for (const run of Object.values(scenarioCases(realDomain(), (n) => uuidFromName(`console-oversight-browser:${n}`))))
      await appendRun(store, run, 0);
    expect(await app.get(ProjectionWaiter).waitFor(lastAppendedPosition(store), ['oversight'], 60_000)).toBe(true);
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${portOf(app.getHttpServer())}`;
    browser = await launchChromium(executablePath);
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
    await db?.drop();
  });

  const tab = (viewport = VIEWPORT, locale = 'ru-RU'): Promise<Tab> => openTab(browser, contexts, { viewport, locale, httpErrors: false });

  const bearer = (key: 'clerk' | 'head' | 'executor-1') => {
    const user = demoUser('kostanay-oblast', key);
    if (!user) throw new Error(`no demo ${key}`);
    return { auth: `Bearer ${issueToken(user, secret, 600)}`, id: user.userId };
  };

  async function api(path: string, who: 'clerk' | 'head' | 'executor-1', body: unknown): Promise<Record<string, unknown>> {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: bearer(who).auth },
      body: JSON.stringify(body),
    });
    const json: unknown = await response.json();
    if (response.status >= 300 || typeof json !== 'object' || json === null)
      throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`);
    return Object.fromEntries(Object.entries(json));
  }

  /** The demo provider's counts in the summary table (0 when it has no row yet). */
  async function countsOf(page: Page): Promise<{ received: number; completed: number }> {
    const row = page.locator('table[data-table="summary"] tr', { hasText: PROVIDER });
    if ((await row.count()) === 0) return { received: 0, completed: 0 };
    const cell = async (name: string) => Number((await row.first().locator(`[data-count="${name}"]`).textContent())?.replace(/\D/g, ''));
    return { received: await cell('received'), completed: await cell('completed') };
  }

  it('an oversight officer sees the received and completed counts change after a case is received and issued', async () => {
    const t = await tab();
    await demoSignIn(t, base, 'demo-kostanay-oblast-oversight', '/console/oversight');
    expect(await countsOf(t.page)).toEqual({ received: 0, completed: 0 });
    await t.page.locator('svg[data-chart="counts"]').waitFor();

    // The clerk receives, the head imposes a visa, the executor drafts, the head signs, the clerk issues: all through the API.
    const received = await api('/cases', 'clerk', {
      channel: 'provider-office',
      service: 'secondary-education-duplicates',
      providerOrganisation: PROVIDER,
      applicant: { iin: '870515400707', name: 'Сапарова Асель Нурлановна' },
      documents: ['заявление', 'документ, удостоверяющий личность'],
      consentToProtectedData: true,
    });
    const caseId = String(received.caseId);
    await until('the received case counted', async () => (await t.page.reload(), (await countsOf(t.page)).received === 1), 30_000);
    expect(await countsOf(t.page)).toEqual({ received: 1, completed: 0 });

    await api(`/cases/${caseId}/visa`, 'head', { executorId: bearer('executor-1').id });
    await api(`/cases/${caseId}/draft`, 'executor-1', { summary: 'проект дубликата' });
    await api(`/cases/${caseId}/sign`, 'head', {});
    await api(`/cases/${caseId}/issue`, 'clerk', { to: 'applicant' });
    await until(
      'the issued case counted as completed',
      async () => (await t.page.reload(), (await countsOf(t.page)).completed === 1),
      30_000,
    );
    expect(await countsOf(t.page)).toEqual({ received: 1, completed: 1 });

    // Filters by keyboard: type the provider, Enter submits the GET form.
    await t.page.fill('#f-organisation', PROVIDER);
    await t.page.press('#f-organisation', 'Enter');
    await t.page.waitForURL(/organisation=demo-kostanay-school-7/);
    expect(await t.page.locator('table[data-table="summary"] tbody tr').count()).toBe(1);
    await t.page.goto(`${base}/console/oversight`);
    await t.page.screenshot({ path: screenshotPath('oversight'), fullPage: true });
    await t.page.screenshot({ path: screenshotPath('oversight-viewport') });
    const width = await t.page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(VIEWPORT.width);

    // The CSV link downloads the table.
    const download = t.page.waitForEvent('download');
    await t.page.click('a[data-csv="summary"]');
    expect((await download).suggestedFilename()).toBe('oversight-summary.csv');
    expect(t.errors).toEqual([]);
  });

  it('renders oversight in Kazakh and on a phone without sideways scrolling', async () => {
    const kk = await tab(VIEWPORT, 'kk-KZ');
    await demoSignIn(kk, base, 'demo-kostanay-oblast-oversight', '/console/oversight');
    expect(await kk.page.getAttribute('html', 'lang')).toBe('kk');
    await kk.page.screenshot({ path: screenshotPath('oversight-kk') });
    const phone = await tab(PHONE);
    await demoSignIn(phone, base, 'demo-kostanay-oblast-oversight', '/console/oversight');
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await phone.page.screenshot({ path: screenshotPath('oversight-phone'), fullPage: true });
    for (const t of [kk, phone]) expect(t.errors).toEqual([]);
  });

  it('an admin sees every projection running, caught up', async () => {
    const t = await tab();
    await demoSignIn(t, base, 'demo-kostanay-oblast-admin', '/console/projections');
    for (const name of ['work-queue', 'case-history', 'step-timeline', 'oversight']) {
      await t.page.locator(`tr[data-projection="${name}"] [data-status="running"]`).waitFor();
    }
    await t.page.screenshot({ path: screenshotPath('projections'), fullPage: true });
    expect(t.errors).toEqual([]);
  });
});
