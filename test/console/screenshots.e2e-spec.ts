import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The committed screenshots are the console's picture book: each must be one
 * a browser test still takes (screenshotPath('name')), so none shows a page
 * that no longer exists. No app, no browser: it reads the files only.
 */
describe('console screenshots', () => {
  it('are exactly the ones the browser tests write', () => {
    const dir = __dirname;
    const written = new Set(
      readdirSync(dir)
        .filter((file) => file.endsWith('.browser.e2e-spec.ts'))
        .flatMap((file) => [...readFileSync(join(dir, file), 'utf8').matchAll(/screenshotPath\('([a-z0-9-]+)'\)/g)].map((m) => m[1])),
    );
    const committed = readdirSync(join(dir, 'screenshots'))
      .filter((file) => file.endsWith('.png'))
      .map((file) => file.slice(0, -'.png'.length));
    expect(written.size).toBeGreaterThan(0);
    expect(committed.filter((name) => !written.has(name))).toEqual([]);
  });
});
