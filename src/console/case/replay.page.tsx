import type { CaseVerification } from '../../audit/case-audit.service';
import type { CaseReplaySteps } from '../../audit/replay/replay';
import type { StateSnapshot } from '../../audit/replay/state-snapshot';
import type { CaseEventType } from '../../cases/domain/case.events';
import type { Region } from '../../regulations/regulation.model';
import { formatDateTime } from '../i18n/format';
import { Layout } from '../layout/layout';
import type { PageContext } from '../page-context';

export interface ReplayPageData {
  caseId: string;
  replay: CaseReplaySteps;
  /** The revision shown (the slider's value). */
  revision: number;
  lastRevision: number;
  verification: CaseVerification;
  region: Region;
}

function Snapshot({ ctx, state, region }: { ctx: PageContext; state: StateSnapshot; region: Region }) {
  const c = ctx.t.casePage;
  const actions: Record<string, string> = ctx.t.stepActions;
  const step = state.currentStep;
  return (
    <dl class="facts snapshot">
      <dt>{c.stateStatus}</dt>
      <dd>{c.statuses[state.status]}</dd>
      <dt>{c.stateStep}</dt>
      <dd>
        {step ? `${actions[step.action] ?? step.action}${step.dueAt ? ` · ${formatDateTime(step.dueAt, ctx.lang, region)}` : ''}` : c.none}
      </dd>
      <dt>{c.stateExecutor}</dt>
      <dd>{state.namedExecutor ?? c.none}</dd>
      <dt>{c.stateSigned}</dt>
      <dd>{state.signed ? c.yes : c.no}</dd>
      <dt>{c.stateResult}</dt>
      <dd>{c.resultLocations[state.resultLocation]}</dd>
      <dt>{c.stateAppeals}</dt>
      <dd>
        {state.appeals.length === 0
          ? c.none
          : state.appeals.map((a) => (a.decision ? c.decided[a.decision] : c.decisionPending)).join(', ')}
      </dd>
    </dl>
  );
}

const isEventType = (type: string, known: Record<CaseEventType, string>): type is CaseEventType => type in known;

function Integrity({ ctx, verification }: { ctx: PageContext; verification: CaseVerification }) {
  const c = ctx.t.casePage;
  const intact = verification.verdict === 'intact';
  return (
    <section class={`panel integrity integrity-${verification.verdict}`} aria-labelledby="integrity-title">
      <h2 id="integrity-title">{c.integrityTitle}</h2>
      <p class={`verdict status ${intact ? 'status-on-time' : 'status-overdue'}`} data-verdict={verification.verdict}>
        {intact ? c.intact : c.broken}
      </p>
      <p lang="ru">{verification.statement.ru}</p>
      {verification.findings.length > 0 && (
        <>
          <h3>{c.findings}</h3>
          <ul>
            {verification.findings.map((finding) => (
              <li>
                <code>{finding.reason}</code> · {c.revision} {finding.revision}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/**
 * The appeal reviewer's replay: a slider over the case's revisions (a GET
 * form: works without script; console.js submits it on change), each event
 * up to the chosen revision with the state before and after it, the
 * integrity verdict and the dossier and bundle downloads.
 */
export function ReplayPage({ ctx, data }: { ctx: PageContext; data: ReplayPageData }) {
  const { t, lang } = ctx;
  const c = t.casePage;
  const base = `/console/cases/${data.caseId}`;
  return (
    <Layout ctx={ctx} title={c.replayTitle(data.caseId.slice(0, 8))}>
      <p class="crumbs">
        <a href={base}>{t.caseTitle(data.caseId.slice(0, 8))}</a>
      </p>
      <h1>
        {c.replayTitle('')}
        <span class="case-id">{data.caseId}</span>
      </h1>
      <p class="muted">{c.replayIntro}</p>
      <form method="get" action={`${base}/replay`} class="replay-form" data-replay-form>
        <label for="revision">{c.revisionSlider}</label>
        <input
          type="range"
          id="revision"
          name="revision"
          min="0"
          max={String(data.lastRevision)}
          step="1"
          value={String(data.revision)}
          data-replay-slider
          aria-describedby="revision-output"
        />
        <output id="revision-output" for="revision" data-template={c.revisionOf(-1, data.lastRevision)}>
          {c.revisionOf(data.revision, data.lastRevision)}
        </output>
        <button type="submit" class="secondary">
          {c.showRevision}
        </button>
      </form>
      <div class="replay-grid">
        <section aria-labelledby="events-title">
          <h2 id="events-title">{c.eventsTitle}</h2>
          <ol class="replay-events">
            {data.replay.steps.map((step) => (
              <li data-revision={step.event.revision}>
                <h3>
                  <span class="muted">#{step.event.revision}</span>{' '}
                  {isEventType(step.event.type, c.eventTypes) ? c.eventTypes[step.event.type] : step.event.type}
                  <span class="muted">
                    {' · '}
                    <time datetime={step.event.occurredAt}>{formatDateTime(step.event.occurredAt, lang, data.region)}</time>
                    {step.event.actor && ` · ${step.event.actor.id}`}
                  </span>
                  {step.event.step?.late && <span class="status status-overdue"> {c.timelineBreach}</span>}
                </h3>
                <div class="before-after">
                  <div>
                    <h4>{c.before}</h4>
                    <Snapshot ctx={ctx} state={step.before} region={data.region} />
                  </div>
                  <div>
                    <h4>{c.after}</h4>
                    <Snapshot ctx={ctx} state={step.after} region={data.region} />
                  </div>
                </div>
              </li>
            ))}
          </ol>
        </section>
        <aside>
          <Integrity ctx={ctx} verification={data.verification} />
          <section class="panel" aria-labelledby="downloads-title">
            <h2 id="downloads-title">{c.downloadsTitle}</h2>
            <ul class="downloads">
              <li>
                <a href={`${base}/dossier`} download data-download="dossier">
                  {c.downloadDossier}
                </a>
              </li>
              <li>
                <a href={`${base}/bundle`} download data-download="bundle">
                  {c.downloadBundle}
                </a>
              </li>
            </ul>
          </section>
        </aside>
      </div>
    </Layout>
  );
}
