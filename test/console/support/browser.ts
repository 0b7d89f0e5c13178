import { existsSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';

export const NO_CHROMIUM = 'skipped: no Chromium (apt-get install chromium-headless-shell)';

/** Where the suites look for Debian's Chromium; CHROME_PATH wins. Browser downloads are not possible here. */
const CANDIDATES = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function findChromium(): string | undefined {
  const given = process.env.CHROME_PATH;
  if (given) return existsSync(given) ? given : undefined;
  return CANDIDATES.find((path) => existsSync(path));
}

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true, args: ARGS });
}

/**
 * `describe` when a Chromium is installed; otherwise the suite is skipped
 * with the message the README and .ci/run name (like the EventStoreDB suite).
 */
export function describeInBrowser(name: string, body: (executablePath: string) => void): void {
  const executablePath = findChromium();
  if (!executablePath) {
    // global-setup.ts prints the message once for the run; the skipped test carries it too.
    describe(name, () => {
      it.skip(NO_CHROMIUM, () => undefined);
    });
    return;
  }
  describe(name, () => body(executablePath));
}

/**
 * Every run saves a screenshot of each page under .tmp/console-screenshots
 * (git-ignored), so a test run leaves the checkout clean;
 * UPDATE_SCREENSHOTS=1 writes them over the committed ones the README shows.
 */
export const SCREENSHOTS =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? join(__dirname, '..', 'screenshots')
    : join(__dirname, '..', '..', '..', '.tmp', 'console-screenshots');

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, `${name}.png`);
}

/** The port a listening test app got (listen(0)). */
export function portOf(server: Server): number {
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('the test app is not listening on a TCP port');
  return address.port;
}

/** A page of its own browser context, with what went wrong in it. */
export interface Tab {
  page: Page;
  errors: string[];
}

export interface TabOptions {
  viewport?: { width: number; height: number };
  locale?: string;
  acceptDownloads?: boolean;
  /**
   * Also count every answer of 400 and above as an error (with its URL), instead
   * of Chromium's "Failed to load resource" console line; default true.
   */
  httpErrors?: boolean;
}

/**
 * Opens a tab in a fresh context (so cookies never leak between users),
 * collecting console errors and page errors; the context is added to
 * `contexts` for the suite's afterAll to close.
 */
export async function openTab(browser: Browser, contexts: BrowserContext[], options: TabOptions = {}): Promise<Tab> {
  const { viewport = { width: 1366, height: 768 }, locale = 'ru-RU', acceptDownloads = false, httpErrors = true } = options;
  const context = await browser.newContext({ viewport, locale, acceptDownloads });
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !(httpErrors && message.text().startsWith('Failed to load resource'))) errors.push(message.text());
  });
  if (httpErrors) {
    page.on('response', (response) => {
      if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
    });
  }
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors };
}

/** The development sign-in as a demo user; resolves once the console has landed (on `lands`, when given). */
export async function demoSignIn(t: Tab, base: string, userId: string, lands?: string): Promise<void> {
  await t.page.goto(`${base}/console/sign-in`);
  await t.page.click(`button[data-user="${userId}"]`);
  await t.page.waitForURL(lands !== undefined ? `${base}${lands}` : (url) => url.pathname !== '/console/sign-in');
}
