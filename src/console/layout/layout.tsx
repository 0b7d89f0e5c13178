import type { ComponentChildren } from 'preact';
import { DEMO_USERS } from '../../demo/demo-users';
import { CSRF_FIELD } from '../auth/csrf';
import { LANGS } from '../i18n/messages';
import type { PageContext } from '../page-context';
import { navFor } from './nav';

/** htmx settings: no inline indicator styles (CSP), no eval, no scripts from swapped HTML, same-origin only. */
const HTMX_CONFIG = JSON.stringify({
  includeIndicatorStyles: false,
  allowEval: false,
  allowScriptTags: false,
  selfRequestsOnly: true,
  historyCacheSize: 0,
});

const LANG_NAMES = { ru: 'Русский', kk: 'Қазақша' } as const;

/** The hidden CSRF field every console form carries. */
export const CsrfField = ({ ctx }: { ctx: PageContext }) => <input type="hidden" name={CSRF_FIELD} value={ctx.csrfToken} />;

/** The current URL with ?lang= set (other parameters kept). */
function withLang(url: string, lang: string): string {
  const parsed = new URL(url, 'http://console.invalid');
  parsed.searchParams.set('lang', lang);
  return `${parsed.pathname}?${parsed.searchParams.toString()}`;
}

function LanguageSwitch({ ctx }: { ctx: PageContext }) {
  return (
    <nav class="lang" aria-label={ctx.t.language}>
      {LANGS.map((lang) =>
        lang === ctx.lang ? (
          <span aria-current="true" lang={lang}>
            {LANG_NAMES[lang]}
          </span>
        ) : (
          <a href={withLang(ctx.url, lang)} lang={lang} hreflang={lang}>
            {LANG_NAMES[lang]}
          </a>
        ),
      )}
    </nav>
  );
}

function UserBlock({ ctx }: { ctx: PageContext }) {
  const { principal, t } = ctx;
  if (!principal) return null;
  const demo = DEMO_USERS.find((u) => u.userId === principal.userId);
  return (
    <div class="user">
      <span class="user-id" title={`${t.signedInAs} ${principal.userId}`}>
        {demo ? demo.displayName[ctx.lang] : principal.userId}
      </span>
      <span class="user-meta">
        <span title={t.role}>{principal.roles.map((r) => t.roles[r]).join(', ')}</span>
        {' · '}
        <span title={t.organisation}>{principal.organisation}</span>
        {' · '}
        <span title={t.region}>{t.regions[principal.region]}</span>
      </span>
      <form method="post" action="/console/sign-out" class="sign-out">
        <CsrfField ctx={ctx} />
        <button type="submit">{t.signOut}</button>
      </form>
    </div>
  );
}

/** Every console page: header (user, role, region, language, sign-out), role-filtered nav, main. */
export function Layout({ ctx, title, children }: { ctx: PageContext; title: string; children: ComponentChildren }) {
  const { t, principal } = ctx;
  const current = new URL(ctx.url, 'http://console.invalid').pathname;
  return (
    <html lang={t.htmlLang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="htmx-config" content={HTMX_CONFIG} />
        <meta name="csrf-token" content={ctx.csrfToken} />
        <title>{`${title} · ${t.appName}`}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/console/assets/console.css" />
        <script src="/console/assets/htmx.min.js" defer></script>
        <script src="/console/assets/console.js" defer></script>
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t.skipToContent}
        </a>
        <header class="top">
          <a class="brand" href="/console">
            {t.appName}
          </a>
          {principal && (
            <nav class="sections" aria-label={t.mainNav}>
              {navFor(principal).map((item) => (
                <a href={item.href} aria-current={current.startsWith(item.href) ? 'page' : undefined}>
                  {t[item.label]}
                </a>
              ))}
            </nav>
          )}
          <LanguageSwitch ctx={ctx} />
          <UserBlock ctx={ctx} />
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
      </body>
    </html>
  );
}
