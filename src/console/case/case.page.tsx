import type { AvailableAction } from '../../cases/domain/available-actions';
import type { caseView } from '../../cases/case-view';
import type { CaseHistoryView } from '../../projections/case-history/history-view';
import { historyEntrySentence } from '../../projections/case-history/history-text';
import type { Region } from '../../regulations/regulation.model';
import { formatDateTime, problemMessage } from '../i18n/format';
import { CsrfField, Layout } from '../layout/layout';
import type { PageContext } from '../page-context';
import type { ActionType } from './case-action-form';
import { clauseHref } from './regulation-link';
import type { TimelineBar } from './timeline-bars';
import { TimelineSvg } from './timeline.svg';

export type CaseView = ReturnType<typeof caseView>;

export type CaseNotice = { kind: 'done'; action: ActionType } | { kind: 'problem'; code: string };

export interface CasePageData {
  caseId: string;
  view: CaseView;
  /** The service's clock (simulated in the demo): what "overdue" is judged against. */
  now: Date;
  region: Region;
  serviceName: string;
  /** The seed text of the case's regulation version (file under /regulations/texts), when the catalog still has it. */
  textFile: string | null;
  actions: AvailableAction[];
  /** Suggestions for the executor field: the organisation's executors the service knows of. */
  executors: string[];
  history: CaseHistoryView | null;
  bars: TimelineBar[] | null;
  notice?: CaseNotice;
  /** One per rendering: a resubmitted form is the same command (Idempotency-Key). */
  formKey: string;
  /** A fresh appeal id for the complaint form. */
  newAppealId: string;
}

function Facts({ ctx, data }: { ctx: PageContext; data: CasePageData }) {
  const { t, lang } = ctx;
  const c = t.casePage;
  const { view, region } = data;
  const when = (at: string) => formatDateTime(at, lang, region);
  const current = view.currentStep;
  const currentPlanned = current ? view.steps.find((s) => s.stepId === current.stepId) : undefined;
  const actions: Record<string, string> = t.stepActions;
  const roles: Record<string, string> = t.stepRoles;
  return (
    <dl class="facts">
      <dt>{t.caseApplicant}</dt>
      <dd data-field="applicant">
        {view.applicant ? `${view.applicant.name} · ${view.applicant.iin}` : '—'}
        {data.history?.personalDataMasked && <span class="muted"> ({c.personalMasked})</span>}
      </dd>
      {view.representative && (
        <>
          <dt>{c.representative}</dt>
          <dd>{view.representative.name}</dd>
        </>
      )}
      <dt>{t.caseService}</dt>
      <dd>{data.serviceName}</dd>
      <dt>{c.channel}</dt>
      <dd>{t.channels[view.regulation.channel]}</dd>
      <dt>{t.caseRegulation}</dt>
      <dd>
        {data.textFile ? (
          <a href={clauseHref(data.textFile, null)}>
            <code>{view.regulation.versionId}</code>
          </a>
        ) : (
          <code>{view.regulation.versionId}</code>
        )}
        {data.textFile && currentPlanned && (
          <>
            {' · '}
            <a href={clauseHref(data.textFile, currentPlanned.citation)} data-clause={currentPlanned.citation.paragraph}>
              {c.regulationClause(currentPlanned.citation.paragraph)}, {c.regulationText}
            </a>
          </>
        )}
      </dd>
      <dt>{c.provider}</dt>
      <dd>{view.providerOrganisation}</dd>
      {view.stateCorporationOrganisation && (
        <>
          <dt>{c.stateCorporation}</dt>
          <dd>{view.stateCorporationOrganisation}</dd>
        </>
      )}
      <dt>{t.caseReceived}</dt>
      <dd>{view.receivedAt ? when(view.receivedAt) : '—'}</dd>
      <dt>{t.caseStatus}</dt>
      <dd>
        <span class={`status case-status-${view.status}`}>{c.statuses[view.status]}</span>
      </dd>
      {current && (
        <>
          <dt>{t.caseCurrentStep}</dt>
          <dd>
            {actions[current.action] ?? current.action} ({roles[current.role] ?? current.role})
          </dd>
          <dt>{c.stepDue}</dt>
          <dd>
            {current.dueAt ? when(current.dueAt) : c.noDue}
            {current.dueAt && Date.parse(current.dueAt) < data.now.getTime() && <span class="status status-overdue"> {c.overdue}</span>}
          </dd>
        </>
      )}
      {view.overallDeadline?.dueAt && (
        <>
          <dt>{c.overallDue}</dt>
          <dd>{when(view.overallDeadline.dueAt)}</dd>
        </>
      )}
      {view.executorId && (
        <>
          <dt>{c.executor}</dt>
          <dd>{view.executorId}</dd>
        </>
      )}
      <dt>{c.revision}</dt>
      <dd>{view.revision}</dd>
    </dl>
  );
}

function Field({ id, label, hint, children }: { id: string; label: string; hint?: string; children: preact.ComponentChildren }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
      {hint && (
        <span class="muted hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
    </div>
  );
}

/** The inputs an action's form asks for; ids are unique per form (several forms share a page). */
function ActionFields({ ctx, action, data, prefix }: { ctx: PageContext; action: AvailableAction; data: CasePageData; prefix: string }) {
  const c = ctx.t.casePage;
  const id = (name: string) => `${prefix}-${name}`;
  switch (action.type) {
    case 'ForwardToProvider':
    case 'ReviewDocuments':
    case 'SignResult':
    case 'SendToStateCorporation':
    case 'HandToStorage':
      return null;
    case 'RegisterAtProvider':
      return (
        <Field id={id('registrationNumber')} label={c.fieldRegistrationNumber}>
          <input type="text" id={id('registrationNumber')} name="registrationNumber" maxLength={50} />
        </Field>
      );
    case 'ImposeVisa':
    case 'ReassignExecutor':
      return (
        <>
          <Field id={id('executorId')} label={c.fieldExecutor} hint={c.fieldExecutorHint}>
            <input
              type="text"
              id={id('executorId')}
              name="executorId"
              required
              maxLength={100}
              list={`${prefix}-executors`}
              aria-describedby={`${id('executorId')}-hint`}
              autocomplete="off"
            />
            <datalist id={`${prefix}-executors`}>
              {data.executors.map((executor) => (
                <option value={executor} />
              ))}
            </datalist>
          </Field>
          {action.type === 'ReassignExecutor' && (
            <Field id={id('reason')} label={c.fieldReason}>
              <input type="text" id={id('reason')} name="reason" required maxLength={500} />
            </Field>
          )}
        </>
      );
    case 'PrepareDraft':
      return (
        <Field id={id('summary')} label={c.fieldSummary}>
          <textarea id={id('summary')} name="summary" maxLength={1000} rows={2} />
        </Field>
      );
    case 'IssueResult':
      return (
        <Field id={id('to')} label={c.fieldTo}>
          <select id={id('to')} name="to" required>
            {action.to.map((to) => (
              <option value={to}>{to === 'applicant' ? c.toApplicant : c.toRepresentative}</option>
            ))}
          </select>
        </Field>
      );
    case 'RefuseService':
      return (
        <Field id={id('grounds')} label={c.fieldGrounds}>
          <textarea id={id('grounds')} name="grounds" required minLength={3} maxLength={2000} rows={3} />
        </Field>
      );
    case 'RecallFromStorage':
      return (
        <Field id={id('requestedAt')} label={c.fieldRequestedAt} hint={c.fieldRequestedAtHint}>
          <input type="text" id={id('requestedAt')} name="requestedAt" required aria-describedby={`${id('requestedAt')}-hint`} />
        </Field>
      );
    case 'FileAppeal':
      return (
        <>
          <input type="hidden" name="appealId" value={data.newAppealId} />
          <Field id={id('grounds')} label={c.fieldAppealGrounds}>
            <textarea id={id('grounds')} name="grounds" required minLength={3} maxLength={2000} rows={3} />
          </Field>
        </>
      );
    case 'ForwardAppeal':
      return (
        <>
          <input type="hidden" name="appealId" value={action.appealId} />
          <Field id={id('to')} label={c.fieldForwardTo}>
            <input type="text" id={id('to')} name="to" required maxLength={200} />
          </Field>
        </>
      );
    case 'DecideAppeal':
      return (
        <>
          <input type="hidden" name="appealId" value={action.appealId} />
          <fieldset class="choice">
            <legend>{c.fieldDecision}</legend>
            {(['upheld', 'rejected'] as const).map((decision) => (
              <label>
                <input type="radio" name="decision" value={decision} required /> {c.decisions[decision]}
              </label>
            ))}
          </fieldset>
          <Field id={id('reasoning')} label={c.fieldReasoning}>
            <textarea id={id('reasoning')} name="reasoning" required minLength={3} maxLength={4000} rows={3} />
          </Field>
        </>
      );
    default: {
      const unknown: never = action;
      return unknown;
    }
  }
}

function Actions({ ctx, data }: { ctx: PageContext; data: CasePageData }) {
  const c = ctx.t.casePage;
  return (
    <section class="panel" aria-labelledby="actions-title">
      <h2 id="actions-title">{c.actionsTitle}</h2>
      {data.actions.length === 0 ? (
        <p class="muted">{c.noActions}</p>
      ) : (
        <div class="actions">
          {data.actions.map((action, index) => {
            const prefix = `action-${index}`;
            const appeal = 'appealId' in action ? action.appealId : undefined;
            return (
              <form
                method="post"
                action={`/console/cases/${data.caseId}/actions`}
                class="action-form stack"
                data-action={action.type}
                aria-labelledby={`${prefix}-title`}
              >
                <h3 id={`${prefix}-title`}>
                  {c.actions[action.type]}
                  {appeal && <span class="muted"> · {c.appeal(appeal.slice(0, 8))}</span>}
                </h3>
                <CsrfField ctx={ctx} />
                <input type="hidden" name="action" value={action.type} />
                <input type="hidden" name="revision" value={String(data.view.revision)} />
                <input type="hidden" name="formKey" value={`${data.formKey}:${index}`} />
                <ActionFields ctx={ctx} action={action} data={data} prefix={prefix} />
                <div>
                  <button type="submit">{c.actions[action.type]}</button>
                </div>
              </form>
            );
          })}
        </div>
      )}
    </section>
  );
}

function Chronicle({ ctx, data }: { ctx: PageContext; data: CasePageData }) {
  const c = ctx.t.casePage;
  const history = data.history;
  if (!history) return <p class="notice">{c.readModelLag}</p>;
  if (history.entries.length === 0) return <p class="muted">{c.chronicleEmpty}</p>;
  return (
    <ol class="chronicle">
      {history.entries.map((entry) => (
        <li class={entry.late ? 'late' : undefined} data-revision={entry.revision}>
          <time datetime={entry.occurredAt}>{formatDateTime(entry.occurredAt, ctx.lang, data.region)}</time>
          <span class="chronicle-type">{c.eventTypes[entry.type]}</span>
          <span class="chronicle-text">{historyEntrySentence(history, entry, ctx.lang)}</span>
          {entry.citation && data.textFile && (
            <a href={clauseHref(data.textFile, entry.citation)} class="clause-link">
              {c.regulationClause(entry.citation.paragraph)}
            </a>
          )}
        </li>
      ))}
    </ol>
  );
}

function Notice({ ctx, notice }: { ctx: PageContext; notice: CaseNotice }) {
  const c = ctx.t.casePage;
  if (notice.kind === 'done') {
    return (
      <p class="notice notice-done" role="status">
        {c.done(c.actions[notice.action])}
      </p>
    );
  }
  return (
    <div class="notice notice-problem" role="alert">
      <strong>{c.problemTitle}:</strong> {problemMessage(notice.code, ctx.t)} <span class="muted">({notice.code})</span>
    </div>
  );
}

export function CasePage({ ctx, data }: { ctx: PageContext; data: CasePageData }) {
  const { t } = ctx;
  const c = t.casePage;
  return (
    <Layout ctx={ctx} title={t.caseTitle(data.caseId.slice(0, 8))}>
      <p class="crumbs">
        <a href="/console/queue">{t.backToQueue}</a>
      </p>
      <h1>
        {t.caseTitle('')}
        <span class="case-id">{data.caseId}</span>
      </h1>
      {data.notice && <Notice ctx={ctx} notice={data.notice} />}
      <div class="case-grid">
        <section aria-labelledby="facts-title" class="case-facts">
          <h2 id="facts-title" class="visually-hidden">
            {t.caseStatus}
          </h2>
          <Facts ctx={ctx} data={data} />
          <p>
            <a href={`/console/cases/${data.caseId}/replay`}>{c.replayLink}</a>
          </p>
        </section>
        <Actions ctx={ctx} data={data} />
      </div>
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{c.timelineTitle}</h2>
        {data.bars === null ? (
          <p class="notice">{c.readModelLag}</p>
        ) : data.bars.length === 0 ? (
          <p class="muted">{c.timelineEmpty}</p>
        ) : (
          <TimelineSvg ctx={ctx} bars={data.bars} />
        )}
      </section>
      <section aria-labelledby="chronicle-title">
        <h2 id="chronicle-title">{c.chronicleTitle}</h2>
        <Chronicle ctx={ctx} data={data} />
      </section>
    </Layout>
  );
}
