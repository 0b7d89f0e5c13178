import { INestApplication } from '@nestjs/common';
import type { Browser, BrowserContext } from 'playwright-core';
import { issueToken } from '../../src/auth/tokens';
import { fixedClock } from '../../src/common/clock';
import { DEMO_ORGANISATIONS, demoUser } from '../../src/demo/demo-users';
import { createTestApp, testConfig } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-db';
import { demoSignIn, describeInBrowser, launchChromium, openTab, portOf, screenshotPath, Tab } from './support/browser';

const VIEWPORT = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const KOSTANAY = DEMO_ORGANISATIONS['kostanay-oblast'];
const EXECUTOR = 'demo-kostanay-oblast-executor-1';

describeInBrowser(
  'console in Chromium: the case page from visa to issue, and the appeal reviewer’s replay and dossier',
  (executablePath) => {
    let app: INestApplication;
    let db: TestDatabase;
    let browser: Browser;
    let base = '';
    const contexts: BrowserContext[] = [];
    const secret = testConfig().jwtSecret;
    const clock = fixedClock('2019-03-04T05:00:00Z'); // Mon 11:00 in Kostanay

    beforeAll(async () => {
      db = await createTestDatabase('consolecasebrowser');
      app = await createTestApp({ databaseUrl: db.url, clock });
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

    const tab = (viewport = VIEWPORT): Promise<Tab> => openTab(browser, contexts, { viewport, acceptDownloads: true });

    async function signedIn(userId: string, viewport = VIEWPORT): Promise<Tab> {
      const t = await tab(viewport);
      await demoSignIn(t, base, userId);
      return t;
    }

    async function receiveThroughApi(name: string): Promise<string> {
      const clerk = demoUser('kostanay-oblast', 'clerk');
      if (!clerk) throw new Error('no demo clerk');
      const response = await fetch(`${base}/cases`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${issueToken(clerk, secret, 600)}` },
        body: JSON.stringify({
          channel: 'provider-office',
          service: 'secondary-education-duplicates',
          providerOrganisation: KOSTANAY.provider,
          applicant: { iin: '870515400707', name },
          documents: ['заявление', 'документ, удостоверяющий личность'],
          consentToProtectedData: true,
        }),
      });
      const body: unknown = await response.json();
      const caseId = typeof body === 'object' && body !== null ? Reflect.get(body, 'caseId') : undefined;
      if (response.status !== 201 || typeof caseId !== 'string')
        throw new Error(`receive failed: ${response.status} ${JSON.stringify(body)}`);
      return caseId;
    }

    /** Submits the case page's form for an action with the keyboard (Enter in its last field, or on its button), then waits for the page it lands on. */
    async function act(t: Tab, caseId: string, action: string, fill: Record<string, string> = {}): Promise<void> {
      const form = t.page.locator(`form[data-action="${action}"]`);
      await form.waitFor();
      for (const [name, value] of Object.entries(fill)) {
        const field = form.locator(`[name="${name}"]`);
        if ((await field.evaluate((element) => element.tagName)) === 'SELECT') await field.selectOption(value);
        else await field.fill(value);
      }
      await form.locator('button[type="submit"]').focus();
      await t.page.keyboard.press('Enter');
      await t.page.waitForURL((url) => url.pathname === `/console/cases/${caseId}` && url.searchParams.has('position'));
      await t.page.locator('.notice-done').waitFor();
    }

    /** The chronicle and timeline are read models: on a loaded machine they may trail the redirect's 2 s wait, so reload until they show it. */
    async function reloadUntil(t: Tab, what: string, shown: () => Promise<boolean>): Promise<void> {
      for (let attempt = 0; attempt < 30; attempt++) {
        if (await shown().catch(() => false)) return;
        await t.page.waitForTimeout(500);
        await t.page.reload();
      }
      throw new Error(`the page never showed ${what}`);
    }
    const chronicleShows = (t: Tab, text: string) =>
      reloadUntil(t, text, async () => ((await t.page.locator('ol.chronicle').textContent({ timeout: 1000 })) ?? '').includes(text));

    it('head imposes a visa, the executor drafts, the head signs, the clerk issues; an appeal reviewer replays it with the slider and downloads the dossier', async () => {
      const caseId = await receiveThroughApi('Сапарова Асель Нурлановна');
      const casePath = `${base}/console/cases/${caseId}`;

      const head = await signedIn('demo-kostanay-oblast-head');
      await head.page.goto(casePath);
      expect(
        await head.page.locator('form[data-action]').evaluateAll((forms) => forms.map((f) => f.getAttribute('data-action'))),
      ).toContain('ImposeVisa');
      await head.page.screenshot({ path: screenshotPath('case-head'), fullPage: true });
      await act(head, caseId, 'ImposeVisa', { executorId: EXECUTOR });
      await chronicleShows(head, 'Наложена виза');

      clock.advance(40 * 60_000);
      const executor = await signedIn(EXECUTOR);
      await executor.page.goto(casePath);
      await act(executor, caseId, 'PrepareDraft', { summary: 'Проект дубликата аттестата' });

      clock.advance(30 * 60_000);
      await head.page.goto(casePath);
      await act(head, caseId, 'SignResult');

      clock.advance(30 * 60_000);
      const clerk = await signedIn('demo-kostanay-oblast-clerk');
      await clerk.page.goto(casePath);
      await act(clerk, caseId, 'IssueResult', { to: 'applicant' });
      expect(await clerk.page.locator('.case-status-completed').count()).toBe(1);
      // Receipt, visa, draft, signature and issue: each step's bar pair.
      await reloadUntil(
        clerk,
        'five timeline rows',
        async () => (await clerk.page.locator('svg.timeline-svg g.timeline-row').count()) === 5,
      );
      await chronicleShows(clerk, 'Результат выдан');
      await clerk.page.screenshot({ path: screenshotPath('case-completed'), fullPage: true });

      // The clerk takes in a complaint on the same page.
      await act(clerk, caseId, 'FileAppeal', { grounds: 'Результат выдан с нарушением порядка' });

      const phone = await signedIn('demo-kostanay-oblast-head', PHONE);
      await phone.page.goto(`${casePath}?lang=kk`);
      await phone.page.screenshot({ path: screenshotPath('case-head-phone-kk'), fullPage: true });

      const reviewer = await signedIn('demo-kostanay-oblast-appeal-reviewer');
      expect(new URL(reviewer.page.url()).pathname).toBe('/console/appeals');
      await reviewer.page.locator(`tr[data-case-id="${caseId}"]`).waitFor();
      await reviewer.page.screenshot({ path: screenshotPath('appeals'), fullPage: true });
      await reviewer.page.click(`tr[data-case-id="${caseId}"] a[href="/console/cases/${caseId}/replay"]`);
      await reviewer.page.waitForURL(`${casePath}/replay`);
      expect(await reviewer.page.locator('[data-verdict="intact"]').count()).toBe(1);
      const last = Number(await reviewer.page.locator('input[type="range"]').getAttribute('max'));
      expect(await reviewer.page.locator('ol.replay-events > li').count()).toBe(last + 1);

      // The slider: keyboard to revision 1, then console.js loads it on change.
      await reviewer.page.locator('input[type="range"]').fill('1');
      await reviewer.page.waitForURL((url) => url.searchParams.get('revision') === '1');
      expect(await reviewer.page.locator('ol.replay-events > li').count()).toBe(2);
      expect(await reviewer.page.locator('output#revision-output').textContent()).toContain('1');
      await reviewer.page.screenshot({ path: screenshotPath('replay'), fullPage: true });

      const [download] = await Promise.all([reviewer.page.waitForEvent('download'), reviewer.page.click('a[data-download="dossier"]')]);
      expect(download.suggestedFilename()).toBe(`case-${caseId}.dossier.html`);

      for (const t of [head, executor, clerk, phone, reviewer]) expect(t.errors).toEqual([]);
    }, 120_000);
  },
);
