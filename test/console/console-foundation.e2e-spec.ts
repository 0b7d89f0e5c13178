import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { issueToken } from '../../src/auth/tokens';
import { CONSOLE_CSP } from '../../src/console/http/console-http.middleware';
import { createTestApp, testConfig } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-db';

/** name=value pairs of a response's Set-Cookie headers, with their attributes. */
function cookiesOf(res: request.Response): Map<string, string> {
  const raw = res.headers['set-cookie'];
  const list: string[] = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
  return new Map(list.map((line) => [line.slice(0, line.indexOf('=')), line]));
}

const valueOf = (cookie: string | undefined): string => (cookie ?? '').split(';')[0].split('=').slice(1).join('=');

/** The CSRF token a page carries for its session. */
const csrfOf = (html: string): string => /name="csrf-token" content="([^"]+)"/.exec(html)?.[1] ?? '';

describe('console foundation over HTTP: headers, sign-in, cookies, CSRF, assets', () => {
  let app: INestApplication;
  let db: TestDatabase;
  const secret = testConfig().jwtSecret;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    db = await createTestDatabase('consolefound');
    app = await createTestApp({ databaseUrl: db.url });
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  /** A browser's first visit: the nonce cookie and the page's CSRF token. */
  async function visitSignIn(lang = 'ru'): Promise<{ nonce: string; csrf: string; html: string }> {
    const res = await http().get(`/console/sign-in?lang=${lang}`).expect(200);
    return { nonce: valueOf(cookiesOf(res).get('console_csrf')), csrf: csrfOf(res.text), html: res.text };
  }

  it('serves the sign-in page with a strict CSP, in Russian by default and Kazakh on ?lang=kk', async () => {
    const res = await http().get('/console/sign-in').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toBe(CONSOLE_CSP);
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.text).toMatch(/^<!doctype html><html lang="ru">/);
    expect(res.text).toContain('Вход');
    expect(res.text).not.toMatch(/<script>|<style|style=/); // no inline script or style
    const kk = await http().get('/console/sign-in?lang=kk').expect(200);
    expect(kk.text).toContain('<html lang="kk">');
    expect(cookiesOf(kk).get('console_lang')).toMatch(/^console_lang=kk; Path=\/console;/);
    const accept = await http().get('/console/sign-in').set('Accept-Language', 'en;q=1, kk;q=0.8, ru;q=0.5').expect(200);
    expect(accept.text).toContain('<html lang="kk">');
  });

  it('keeps every console page out of the API’s OpenAPI document (ConsolePages)', async () => {
    const doc = await http().get('/docs-json').expect(200);
    const paths = Object.keys(doc.body.paths ?? {});
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.filter((path) => path.startsWith('/console'))).toEqual([]);
  });

  it('leaves the API’s headers as they were (no console CSP outside /console)', async () => {
    const res = await http().get('/health/live');
    expect(res.headers['content-security-policy']).toBeUndefined();
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('lists the demo users by region outside production', async () => {
    const { html } = await visitSignIn();
    expect(html).toContain('demo-kostanay-oblast-head');
    expect(html).toContain('Костанайская область');
  });

  it('demo sign-in sets an HttpOnly, SameSite=Strict session cookie scoped to /console, then opens the user’s section', async () => {
    const { nonce, csrf } = await visitSignIn();
    const res = await http()
      .post('/console/sign-in/demo')
      .set('Cookie', `console_csrf=${nonce}`)
      .type('form')
      .send({ _csrf: csrf, userId: 'demo-kostanay-oblast-head' })
      .expect(303);
    expect(res.headers.location).toBe('/console');
    const session = cookiesOf(res).get('console_session') ?? '';
    expect(session).toMatch(/; Path=\/console; SameSite=Strict; Max-Age=\d+; HttpOnly$/);
    expect(session).not.toContain('Secure'); // plain HTTP here; HTTPS requests get Secure
    const home = await http()
      .get('/console')
      .set('Cookie', `console_csrf=${nonce}; console_session=${valueOf(session)}`)
      .expect(303);
    expect(home.headers.location).toBe('/console/queue');
  });

  it('marks the session cookie Secure when the request came over HTTPS', async () => {
    app.getHttpAdapter().getInstance().set('trust proxy', 'loopback');
    try {
      const first = await http().get('/console/sign-in').set('X-Forwarded-Proto', 'https').expect(200);
      const nonce = valueOf(cookiesOf(first).get('console_csrf'));
      expect(cookiesOf(first).get('console_csrf')).toContain('; Secure');
      const res = await http()
        .post('/console/sign-in')
        .set('X-Forwarded-Proto', 'https')
        .set('Cookie', `console_csrf=${nonce}`)
        .type('form')
        .send({
          _csrf: csrfOf(first.text),
          token: issueToken({ userId: 'u-1', roles: ['clerk'], organisation: 'school-7', region: 'kostanay-oblast' }, secret, 600),
        })
        .expect(303);
      expect(cookiesOf(res).get('console_session')).toMatch(/; HttpOnly; Secure$/);
    } finally {
      app.getHttpAdapter().getInstance().set('trust proxy', false);
    }
  });

  it('refuses a POST without the CSRF token, or with another session’s token', async () => {
    const { nonce, csrf } = await visitSignIn();
    const missing = await http()
      .post('/console/sign-in/demo')
      .set('Cookie', `console_csrf=${nonce}`)
      .type('form')
      .send({ userId: 'demo-kostanay-oblast-head' })
      .expect(403);
    expect(missing.text).toContain('csrf-failed');
    expect(missing.headers['set-cookie'] ?? []).not.toEqual(expect.arrayContaining([expect.stringMatching(/^console_session=[^;]/)]));
    const other = await visitSignIn();
    await http()
      .post('/console/sign-in/demo')
      .set('Cookie', `console_csrf=${other.nonce}`)
      .type('form')
      .send({ _csrf: csrf, userId: 'demo-kostanay-oblast-head' })
      .expect(403);
  });

  it('sends an unknown or expired token back to sign-in with a message, never a 5xx', async () => {
    const expired = issueToken({ userId: 'u-1', roles: ['head'], organisation: 'school-7', region: 'kostanay-oblast' }, secret, -60);
    const res = await http().get('/console').set('Cookie', `console_session=${expired}`).expect(303);
    expect(res.headers.location).toBe('/console/sign-in?reason=expired');
    expect(cookiesOf(res).get('console_session')).toMatch(/^console_session=; Path=\/console;.*Max-Age=0/);
    const garbage = await http().get('/console').set('Cookie', 'console_session=not-a-token').expect(303);
    expect(garbage.headers.location).toBe('/console/sign-in?reason=invalid');
    const none = await http().get('/console').expect(303);
    expect(none.headers.location).toBe('/console/sign-in?reason=required');
    const page = await http().get('/console/sign-in?reason=expired').expect(200);
    expect(page.text).toContain('Срок действия токена истёк');
    const { nonce, csrf } = await visitSignIn();
    const pasted = await http()
      .post('/console/sign-in')
      .set('Cookie', `console_csrf=${nonce}`)
      .type('form')
      .send({ _csrf: csrf, token: 'nonsense' })
      .expect(303);
    expect(pasted.headers.location).toBe('/console/sign-in?reason=invalid');
  });

  it('signs out: clears the session cookie', async () => {
    const token = issueToken({ userId: 'u-1', roles: ['clerk'], organisation: 'school-7', region: 'kostanay-oblast' }, secret, 600);
    const page = await http().get('/console/sign-in').set('Cookie', `console_session=${token}`).expect(200);
    const nonce = valueOf(cookiesOf(page).get('console_csrf'));
    const res = await http()
      .post('/console/sign-out')
      .set('Cookie', `console_csrf=${nonce}; console_session=${token}`)
      .type('form')
      .send({ _csrf: csrfOf(page.text) })
      .expect(303);
    expect(res.headers.location).toBe('/console/sign-in?reason=signed-out');
    expect(cookiesOf(res).get('console_session')).toMatch(/Max-Age=0/);
  });

  it('has no demo sign-in in production: neither listed nor accepted', async () => {
    const production = await createTestApp({
      databaseUrl: db.url,
      env: { NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-that-is-long-enough-42' },
    });
    try {
      const page = await request(production.getHttpServer()).get('/console/sign-in').expect(200);
      expect(page.text).not.toContain('demo-kostanay-oblast-head');
      expect(page.text).not.toContain('/console/sign-in/demo');
      const nonce = valueOf(cookiesOf(page).get('console_csrf'));
      const res = await request(production.getHttpServer())
        .post('/console/sign-in/demo')
        .set('Cookie', `console_csrf=${nonce}`)
        .type('form')
        .send({ _csrf: csrfOf(page.text), userId: 'demo-kostanay-oblast-head' })
        .expect(404);
      expect(cookiesOf(res).get('console_session')).toBeUndefined();
    } finally {
      await production.close();
    }
  });

  it('answers unknown /console paths with the console’s HTML 404 in the user’s language, and other paths with the API’s JSON 404', async () => {
    const page = await http().get('/console/nope?lang=kk').expect(404);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toBe(CONSOLE_CSP);
    expect(page.text).toMatch(/^<!doctype html><html lang="kk">/);
    expect(page.text).toContain('Табылмады');
    const post = await http().post('/console/cases').set('Accept-Language', 'ru').expect(404);
    expect(post.text).toContain('Не найдено');
    const api = await http().get('/nope').expect(404);
    expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(api.headers['content-security-policy']).toBeUndefined();
    expect(api.body).toMatchObject({ status: 404, code: 'not-found' });
  });

  it('serves htmx from node_modules and the console’s own CSS and JS, nothing else', async () => {
    const htmx = await http().get('/console/assets/htmx.min.js').expect(200);
    expect(htmx.headers['content-type']).toMatch(/^text\/javascript/);
    expect(htmx.text).toContain('htmx');
    await http()
      .get('/console/assets/console.css')
      .expect(200)
      .expect('Content-Type', /text\/css/);
    await http().get('/console/assets/console.js').expect(200);
    await http().get('/console/assets/..%2F..%2Fpackage.json').expect(404);
    await http().get('/console/assets/constructor').expect(404);
  });
});
