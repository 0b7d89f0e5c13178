import { Layout } from '../layout/layout';
import { problemMessage } from '../i18n/format';
import type { PageContext } from '../page-context';

/**
 * The console's error page. A missing case and a case the user may not see
 * render the same 404 (the API's rule: no answer tells which ids exist).
 */
export function ErrorPage({ ctx, status, code }: { ctx: PageContext; status: number; code: string }) {
  const { t } = ctx;
  const notFound = status === 404;
  const title = notFound ? t.notFoundTitle : status === 403 ? t.forbiddenTitle : t.errorTitle;
  const text = notFound ? t.notFoundText : status >= 500 && code === 'internal' ? t.serverErrorText : problemMessage(code, t);
  return (
    <Layout ctx={ctx} title={title}>
      <section class="error-page" aria-labelledby="error-title">
        <h1 id="error-title">{title}</h1>
        <p>{text}</p>
        {!notFound && (
          <p class="muted">
            {t.errorCode}: <code>{code}</code>
          </p>
        )}
        <p>
          <a href="/console">{t.backToStart}</a>
        </p>
      </section>
    </Layout>
  );
}
