import type { AppealedCase } from '../../projections/case-history/appealed-cases.query';
import type { Region } from '../../regulations/regulation.model';
import { formatDateTime } from '../i18n/format';
import { Layout } from '../layout/layout';
import type { PageContext } from '../page-context';

/** Undecided appeals first (soonest decision due), then the rest as listed (newest appeal first). */
export function byUrgency(cases: AppealedCase[]): AppealedCase[] {
  const pendingDue = (c: AppealedCase) =>
    Math.min(...c.appeals.filter((a) => a.decision === null).map((a) => (a.decisionDueAt ? Date.parse(a.decisionDueAt) : Infinity)));
  const pending = cases.filter((c) => c.appeals.some((a) => a.decision === null)).sort((a, b) => pendingDue(a) - pendingDue(b));
  return [...pending, ...cases.filter((c) => c.appeals.every((a) => a.decision !== null))];
}

export function AppealsPage({
  ctx,
  cases,
  region,
  serviceNames,
  now,
}: {
  ctx: PageContext;
  cases: AppealedCase[];
  region: Region;
  serviceNames: Record<string, string>;
  now: Date;
}) {
  const { t, lang } = ctx;
  const c = t.casePage;
  const when = (at: string) => formatDateTime(at, lang, region);
  return (
    <Layout ctx={ctx} title={c.appealsTitle}>
      <h1>{c.appealsTitle}</h1>
      <p class="muted">{c.appealsIntro}</p>
      {cases.length === 0 ? (
        <p>{c.emptyAppeals}</p>
      ) : (
        <div class="table-wrap">
          <table class="queue appeals">
            <thead>
              <tr>
                <th scope="col">{t.colCase}</th>
                <th scope="col">{t.colService}</th>
                <th scope="col">{t.caseApplicant}</th>
                <th scope="col">{c.colAppeals}</th>
              </tr>
            </thead>
            <tbody>
              {byUrgency(cases).map((item) => (
                <tr data-case-id={item.caseId}>
                  <td data-label={t.colCase}>
                    <a class="case-id" href={`/console/cases/${item.caseId}/replay`}>
                      {item.caseId.slice(0, 8)}
                    </a>
                    <br />
                    <a href={`/console/cases/${item.caseId}`} class="muted">
                      {c.statuses[item.status]}
                    </a>
                  </td>
                  <td data-label={t.colService} class="service">
                    {serviceNames[item.service] ?? item.service}
                  </td>
                  <td data-label={t.caseApplicant}>{item.applicant.name}</td>
                  <td data-label={c.colAppeals}>
                    <ul class="appeal-list">
                      {item.appeals.map((appeal) => (
                        <li>
                          {c.colFiled} {when(appeal.filedAt)}
                          {' · '}
                          {appeal.decision === null ? (
                            <span
                              class={`status ${appeal.decisionDueAt && Date.parse(appeal.decisionDueAt) < now.getTime() ? 'status-overdue' : 'status-due-today'}`}
                            >
                              {c.decisionPending}
                              {appeal.decisionDueAt ? `, ${c.colDecisionDue.toLowerCase()} ${when(appeal.decisionDueAt)}` : ''}
                            </span>
                          ) : (
                            <span class={`status ${appeal.decidedLate ? 'status-overdue' : 'status-on-time'}`}>
                              {c.decided[appeal.decision]}
                            </span>
                          )}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
