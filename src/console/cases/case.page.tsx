import type { Region } from '../../regulations/regulation.model';
import type { caseView } from '../../cases/case-view';
import { formatDateTime } from '../i18n/format';
import { Layout } from '../layout/layout';
import type { PageContext } from '../page-context';

export type CaseViewModel = ReturnType<typeof caseView>;

/**
 * Placeholder for the case page (who, what, actions, chronicle, timeline are
 * built on top of it): the case as the API shows it, personal data masked
 * by the API's own caseView.
 */
export function CasePage({ ctx, caseId, view, serviceName }: { ctx: PageContext; caseId: string; view: CaseViewModel; serviceName: string }) {
  const { t, lang } = ctx;
  const region: Region | undefined = ctx.principal?.region;
  return (
    <Layout ctx={ctx} title={t.caseTitle(caseId.slice(0, 8))}>
      <p>
        <a href="/console/queue">← {t.backToQueue}</a>
      </p>
      <h1>{t.caseTitle(caseId)}</h1>
      <dl class="facts panel">
        <dt>{t.caseService}</dt>
        <dd>{serviceName}</dd>
        <dt>{t.caseApplicant}</dt>
        <dd data-field="applicant">{view.applicant ? `${view.applicant.name} (${view.applicant.iin})` : '—'}</dd>
        <dt>{t.caseStatus}</dt>
        <dd>
          <code>{view.status}</code>
        </dd>
        <dt>{t.caseRegulation}</dt>
        <dd>
          <code>{view.regulation.versionId}</code>
        </dd>
        <dt>{t.caseReceived}</dt>
        <dd>{view.receivedAt && region ? formatDateTime(view.receivedAt, lang, region) : '—'}</dd>
      </dl>
      <p class="muted">{t.casePlaceholder}</p>
    </Layout>
  );
}
