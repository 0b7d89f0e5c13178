import type { DemoUser } from '../../demo/demo-users';
import type { Region } from '../../regulations/regulation.model';
import { CsrfField, Layout } from '../layout/layout';
import type { PageContext } from '../page-context';
import type { SignInReason } from './sign-in-required';

const REASON_KEYS = {
  required: 'signInReasonRequired',
  expired: 'signInReasonExpired',
  invalid: 'signInReasonInvalid',
  'signed-out': 'signInReasonSignedOut',
} as const satisfies Record<SignInReason, string>;

function DemoSignIn({ ctx, users }: { ctx: PageContext; users: readonly DemoUser[] }) {
  const { t, lang } = ctx;
  const regions = [...new Set(users.map((u) => u.region))];
  const byRegion = (region: Region) => users.filter((u) => u.region === region);
  return (
    <section class="panel" aria-labelledby="demo-title">
      <h2 id="demo-title">{t.demoTitle}</h2>
      <p class="muted">{t.demoIntro}</p>
      <div class="demo-users">
        {regions.map((region) => (
          <fieldset>
            <legend>{t.regions[region]}</legend>
            <ul>
              {byRegion(region).map((user) => (
                <li>
                  <form method="post" action="/console/sign-in/demo">
                    <CsrfField ctx={ctx} />
                    <input type="hidden" name="userId" value={user.userId} />
                    <button
                      type="submit"
                      data-user={user.userId}
                      title={`${user.organisation} · ${user.roles.map((r) => t.roles[r]).join(', ')}`}
                    >
                      {user.displayName[lang]}
                      <span class="muted">
                        {' '}
                        · {user.roles.map((r) => t.roles[r]).join(', ')} · {user.organisation}
                      </span>
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          </fieldset>
        ))}
      </div>
    </section>
  );
}

/** Token paste, and in development the demo users by region, role and organisation. */
export function SignInPage({ ctx, reason, demoUsers }: { ctx: PageContext; reason?: SignInReason; demoUsers?: readonly DemoUser[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t.signInTitle}>
      <h1>{t.signInTitle}</h1>
      {reason && (
        <p class="notice" role="status">
          {t[REASON_KEYS[reason]]}
        </p>
      )}
      <form method="post" action="/console/sign-in" class="stack">
        <CsrfField ctx={ctx} />
        <p class="muted">{t.signInIntro}</p>
        <label for="token">{t.tokenLabel}</label>
        <input type="password" id="token" name="token" required autocomplete="off" spellcheck={false} />
        <div>
          <button type="submit">{t.signInButton}</button>
        </div>
      </form>
      {demoUsers && <DemoSignIn ctx={ctx} users={demoUsers} />}
    </Layout>
  );
}
