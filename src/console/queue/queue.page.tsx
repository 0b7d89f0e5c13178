import type { Region } from '../../regulations/regulation.model';
import { CHANNELS, Channel, STEP_ROLES, StepRole, STEP_ACTIONS, StepAction } from '../../regulations/regulation.model';
import { QUEUE_STATUSES, QueueStatus } from '../../projections/work-queue/work-queue.status';
import type { WorkQueueItemDto, WorkQueuePageDto } from '../../projections/work-queue/work-queue.query.dto';
import { formatDateTime, formatNumber } from '../i18n/format';
import { Layout } from '../layout/layout';
import { mayReceive } from '../receive/receive-roles';
import type { PageContext } from '../page-context';
import { QueuePageQuery, queryString } from './queue-page.query';

export interface QueueView {
  page: WorkQueuePageDto;
  query: QueuePageQuery;
  region: Region;
  services: Array<{ code: string; name: string }>;
  /** Seconds until the next case on the page turns due today or overdue (the page refreshes itself then). */
  refreshIn: number;
}

const isStepRole = (value: string): value is StepRole => STEP_ROLES.some((r) => r === value);
const isStepAction = (value: string): value is StepAction => STEP_ACTIONS.some((a) => a === value);
const isChannel = (value: string): value is Channel => CHANNELS.some((c) => c === value);

function StatusBadge({ ctx, status }: { ctx: PageContext; status: QueueStatus }) {
  return <span class={`status status-${status}`}>{ctx.t.statuses[status]}</span>;
}

function Counts({ ctx, view }: { ctx: PageContext; view: QueueView }) {
  const { t, lang } = ctx;
  const { totals } = view.page;
  const link = (status: QueueStatus | undefined) => `/console/queue${queryString(view.query, { status, page: undefined })}`;
  return (
    <ul class="counts" aria-label={t.filterStatus}>
      <li>
        <a href={link(undefined)} aria-current={view.query.status === undefined ? 'true' : undefined} data-count="all">
          {t.totalAll}: <strong>{formatNumber(totals.all, lang)}</strong>
        </a>
      </li>
      {QUEUE_STATUSES.map((status) => (
        <li>
          <a
            href={link(status)}
            class={`status-${status}`}
            aria-current={view.query.status === status ? 'true' : undefined}
            data-count={status}
          >
            {t.statuses[status]}: <strong>{formatNumber(totals[status], lang)}</strong>
          </a>
        </li>
      ))}
    </ul>
  );
}

function Row({ ctx, view, item }: { ctx: PageContext; view: QueueView; item: WorkQueueItemDto }) {
  const { t, lang } = ctx;
  const step = item.currentStep;
  const service = view.services.find((s) => s.code === item.service)?.name ?? item.service;
  return (
    <tr class={`row-${item.status}`} data-case-id={item.caseId}>
      <td data-label={t.colCase}>
        <a class="case-id" href={`/console/cases/${item.caseId}`} title={item.caseId}>
          {item.caseId.slice(0, 8)}
        </a>
      </td>
      <td class="service" data-label={t.colService}>
        {service}
        <div class="muted">{isChannel(item.channel) ? t.channels[item.channel] : item.channel}</div>
      </td>
      <td data-label={t.colStep}>
        {isStepAction(step.action) ? t.stepActions[step.action] : step.action}
        <div class="muted">
          {isStepRole(step.role) ? t.stepRoles[step.role] : step.role} · {t.since} {formatDateTime(step.since, lang, view.region)}
        </div>
      </td>
      <td data-label={t.colExecutor}>{item.executorId ?? t.noExecutor}</td>
      <td data-label={t.colDue}>
        {item.dueAt ? <time datetime={item.dueAt}>{formatDateTime(item.dueAt, lang, view.region)}</time> : t.dueNotRegulated}
      </td>
      <td data-label={t.colStatus}>
        <StatusBadge ctx={ctx} status={item.status} />
      </td>
      <td data-label={t.colReceived}>
        <time datetime={item.receivedAt}>{formatDateTime(item.receivedAt, lang, view.region)}</time>
      </td>
    </tr>
  );
}

function Pager({ ctx, view }: { ctx: PageContext; view: QueueView }) {
  const { t } = ctx;
  const { page, pageSize, total } = view.page;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <nav class="pager" aria-label={t.pagination}>
      {page > 1 ? (
        <a href={`/console/queue${queryString(view.query, { page: page - 1 })}`} rel="prev">
          ← {t.prevPage}
        </a>
      ) : (
        <span class="muted">← {t.prevPage}</span>
      )}
      <span>
        {t.pageOf(page, pages)} ({t.shownOf(from, to, total)})
      </span>
      {page < pages ? (
        <a href={`/console/queue${queryString(view.query, { page: page + 1 })}`} rel="next">
          {t.nextPage} →
        </a>
      ) : (
        <span class="muted">{t.nextPage} →</span>
      )}
    </nav>
  );
}

/** The part of the page that live updates replace: counts, table, pager. */
export function QueueFragment({ ctx, view }: { ctx: PageContext; view: QueueView }) {
  const { t, lang } = ctx;
  return (
    <div
      data-refresh-in={String(view.refreshIn)}
      data-total={String(view.page.total)}
      data-announce={`${t.totalAll}: ${formatNumber(view.page.totals.all, lang)}`}
    >
      <Counts ctx={ctx} view={view} />
      {view.page.items.length === 0 ? (
        <p class="panel">{t.emptyQueue}</p>
      ) : (
        <div class="table-wrap">
          <table class="queue">
            <caption class="muted">
              {t.asOf} {formatDateTime(view.page.asOf, lang, view.region)}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t.colCase}</th>
                <th scope="col">{t.colService}</th>
                <th scope="col">{t.colStep}</th>
                <th scope="col">{t.colExecutor}</th>
                <th scope="col">{t.colDue}</th>
                <th scope="col">{t.colStatus}</th>
                <th scope="col">{t.colReceived}</th>
              </tr>
            </thead>
            <tbody>
              {view.page.items.map((item) => (
                <Row ctx={ctx} view={view} item={item} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager ctx={ctx} view={view} />
    </div>
  );
}

function Filters({ ctx, view }: { ctx: PageContext; view: QueueView }) {
  const { t } = ctx;
  const q = view.query;
  return (
    <form method="get" action="/console/queue" class="filters panel" aria-label={t.filters}>
      <div class="field">
        <label for="f-service">{t.filterService}</label>
        <select id="f-service" name="service">
          <option value="">{t.filterAny}</option>
          {view.services.map((s) => (
            <option value={s.code} selected={q.service === s.code}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="f-role">{t.filterStep}</label>
        <select id="f-role" name="role">
          <option value="">{t.filterAny}</option>
          {STEP_ROLES.map((role) => (
            <option value={role} selected={q.role === role}>
              {t.stepRoles[role]}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="f-status">{t.filterStatus}</label>
        <select id="f-status" name="status">
          <option value="">{t.filterAny}</option>
          {QUEUE_STATUSES.map((status) => (
            <option value={status} selected={q.status === status}>
              {t.statuses[status]}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="f-assignee">{t.filterAssignee}</label>
        <select id="f-assignee" name="assignee">
          <option value="">{t.assigneeAnyone}</option>
          <option value="me" selected={q.assignee === 'me'}>
            {t.assigneeMe}
          </option>
        </select>
      </div>
      <div class="field">
        <button type="submit">{t.applyFilters}</button>
      </div>
      <div class="field">
        <a class="button secondary" href="/console/queue">
          {t.resetFilters}
        </a>
      </div>
    </form>
  );
}

/** My queue: filters, then the live fragment (re-fetched on SSE signals by console.js). */
export function QueuePage({ ctx, view }: { ctx: PageContext; view: QueueView }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t.queueTitle}>
      <h1>{t.queueTitle}</h1>
      {ctx.principal && mayReceive(ctx.principal.roles) && (
        <p class="page-actions">
          <a class="button" href="/console/cases/new" data-new-application>
            {t.newApplication}
          </a>
        </p>
      )}
      <p class="muted">
        {t.queueIntro}{' '}
        <span class="live" data-live-indicator data-state="off" data-on={t.liveOn} data-off={t.liveOff} role="status">
          {t.liveOff}
        </span>
      </p>
      <Filters ctx={ctx} view={view} />
      <p class="visually-hidden" role="status" data-live-announce></p>
      <div
        id="queue-live"
        data-live-fragment={`/console/queue/fragment${queryString(view.query)}`}
        data-live-events="/console/queue/events"
      >
        <QueueFragment ctx={ctx} view={view} />
      </div>
    </Layout>
  );
}
