import { WORK_QUEUE_COLUMN_NAMES, WorkQueueRow } from './work-queue.row';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { CLOCK, Clock } from '../../common/clock';
import { READ_MODELS_DATA_SOURCE } from '../runtime/tokens';
import type { WorkQueueItemDto, WorkQueuePageDto, WorkQueueQuery } from './work-queue.query.dto';
import type { Region } from '../../regulations/regulation.model';
import type { QueueScope } from './work-queue.scope';
import { classify, DayBounds, dayBounds, QueueStatus } from './work-queue.status';
import { partiesFromRow } from '../../cases/case-access';
import type { CaseParties } from '../../cases/domain/case-visibility';

/** What the list query selects: the row without its log position. */
type ListRow = Omit<WorkQueueRow, 'position'>;
const LIST_COLUMNS = WORK_QUEUE_COLUMN_NAMES.filter((name) => name !== 'position').join(', ');

interface TotalsRow {
  all: string;
  overdue: string;
  due_today: string;
  on_time: string;
  not_regulated: string;
}

/** Parameterised SQL text: values are always bound, never spliced. */
class Sql {
  readonly values: unknown[] = [];
  param(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * `column = $n` for one value: PostgreSQL reads `= ANY(array)` from an index
 * in no particular order, even for a one-element array, so a staff page could
 * not come in due order from its organisation's index and was taken from the
 * region's index instead, skipping every other organisation's rows (1M-event
 * bench: p95 11.4 ms, 2.1 ms with the equality).
 */
function oneOf(sql: Sql, column: string, values: readonly string[]): string {
  return values.length === 1 ? `${column} = ${sql.param(values[0])}` : `${column} = ANY(${sql.param(values)}::text[])`;
}

function whereFor(sql: Sql, scope: QueueScope, query: WorkQueueQuery): string[] {
  const where = [`region = ${sql.param(scope.region)}`];
  if (scope.providerOrganisations || scope.scOrganisations) {
    const either: string[] = [];
    if (scope.providerOrganisations?.length) either.push(oneOf(sql, 'provider_org', scope.providerOrganisations));
    if (scope.scOrganisations?.length) either.push(oneOf(sql, 'sc_org', scope.scOrganisations));
    where.push(either.length ? `(${either.join(' OR ')})` : 'false');
  }
  if (scope.organisation) {
    const p = sql.param(scope.organisation);
    where.push(`(provider_org = ${p} OR sc_org = ${p})`);
  }
  if (scope.assignee) where.push(`executor_id = ${sql.param(scope.assignee)}`);
  if (query.role) where.push(`step_role = ${sql.param(query.role)}`);
  if (query.service) where.push(`service = ${sql.param(query.service)}`);
  if (query.channel) where.push(`channel = ${sql.param(query.channel)}`);
  return where;
}

/** Each status as a range of due_at: the list stays an index range scan. */
function statusPredicate(sql: Sql, status: QueueStatus, bounds: DayBounds): string {
  switch (status) {
    case 'not-regulated':
      return 'due_at IS NULL';
    case 'overdue':
      return `due_at < ${sql.param(bounds.now)}`;
    case 'due-today':
      return `due_at >= ${sql.param(bounds.now)} AND due_at < ${sql.param(bounds.endOfToday)}`;
    case 'on-time':
      return `due_at >= ${sql.param(bounds.endOfToday)}`;
  }
}

/**
 * Scopes whose totals the projection's day counts answer: a whole region
 * unfiltered (what oversight opens first, and the largest count there is), or
 * one organisation on one side unfiltered (what a clerk or an operator opens).
 */
type CountedByDay = { kind: 'region' } | { kind: 'organisation'; side: 'provider' | 'sc'; org: string };

function countedByDay(scope: QueueScope, query: WorkQueueQuery): CountedByDay | undefined {
  if (scope.organisation || scope.assignee || query.role || query.service || query.channel) return undefined;
  const { providerOrganisations: providers, scOrganisations: offices } = scope;
  if (providers === undefined && offices === undefined) return { kind: 'region' };
  const [provider, ...moreProviders] = providers ?? [];
  const [office, ...moreOffices] = offices ?? [];
  if (provider !== undefined && moreProviders.length === 0 && office === undefined)
    return { kind: 'organisation', side: 'provider', org: provider };
  if (office !== undefined && moreOffices.length === 0 && provider === undefined) return { kind: 'organisation', side: 'sc', org: office };
  return undefined;
}

/** Totals by counting the scope's rows (index-only over the scope's index). */
function countedTotals(scope: QueueScope, query: WorkQueueQuery, bounds: DayBounds): Sql & { text: string } {
  const sql = new Sql();
  const where = whereFor(sql, scope, query);
  const now = sql.param(bounds.now);
  const end = sql.param(bounds.endOfToday);
  const text = `SELECT count(*) AS all,
      count(*) FILTER (WHERE due_at < ${now}) AS overdue,
      count(*) FILTER (WHERE due_at >= ${now} AND due_at < ${end}) AS due_today,
      count(*) FILTER (WHERE due_at >= ${end}) AS on_time,
      count(*) FILTER (WHERE due_at IS NULL) AS not_regulated
    FROM rm_work_queue WHERE ${where.join(' AND ')}`;
  return Object.assign(sql, { text });
}

/**
 * Totals from the projection's counts per local due day (a region's in
 * rm_work_queue_region_days, an organisation's in rm_work_queue_org_days):
 * days before today are overdue, later days on time; only today's cases are
 * counted one by one, to split them at "now".
 */
function dayTotals(region: Region, by: CountedByDay, bounds: DayBounds): Sql & { text: string } {
  const sql = new Sql();
  const r = sql.param(region);
  const today = sql.param(bounds.today);
  let days = `rm_work_queue_region_days WHERE region = ${r}`;
  let todays = `region = ${r}`;
  if (by.kind === 'organisation') {
    const org = sql.param(by.org);
    days = `rm_work_queue_org_days WHERE region = ${r} AND side = ${sql.param(by.side)} AND org = ${org}`;
    todays += ` AND ${by.side === 'provider' ? 'provider_org' : 'sc_org'} = ${org}`;
  }
  const text = `SELECT coalesce(d.all, 0) AS all, coalesce(d.before, 0) + t.overdue AS overdue, coalesce(d.today, 0) - t.overdue AS due_today,
      coalesce(d.later, 0) AS on_time, coalesce(d.none, 0) AS not_regulated
    FROM (SELECT sum(n) AS all,
                 sum(n) FILTER (WHERE due_day < ${today}::date) AS before,
                 sum(n) FILTER (WHERE due_day = ${today}::date) AS today,
                 sum(n) FILTER (WHERE due_day > ${today}::date AND due_day <> 'infinity') AS later,
                 sum(n) FILTER (WHERE due_day = 'infinity') AS none
            FROM ${days}) d,
         (SELECT count(*) AS overdue FROM rm_work_queue
           WHERE ${todays} AND due_at >= ${sql.param(bounds.startOfToday)} AND due_at < ${sql.param(bounds.now)}) t`;
  return Object.assign(sql, { text });
}

/** The page's rows, in due order: the SQL `page` runs (the plan test explains this very text). */
export function listQuery(scope: QueueScope, query: WorkQueueQuery, bounds: DayBounds): Sql & { text: string } {
  const sql = new Sql();
  const where = whereFor(sql, scope, query);
  if (query.status) where.push(statusPredicate(sql, query.status, bounds));
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  const text = `SELECT ${LIST_COLUMNS}
      FROM rm_work_queue WHERE ${where.join(' AND ')}
      ORDER BY due_at ASC NULLS LAST, case_id
      LIMIT ${sql.param(pageSize)} OFFSET ${sql.param((page - 1) * pageSize)}`;
  return Object.assign(sql, { text });
}

@Injectable()
export class WorkQueueQueries {
  constructor(
    @Inject(READ_MODELS_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async page(scope: QueueScope, query: WorkQueueQuery): Promise<WorkQueuePageDto> {
    const bounds = dayBounds(scope.region, this.clock.now());
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;

    const byDay = countedByDay(scope, query);
    const totals = byDay ? dayTotals(scope.region, byDay, bounds) : countedTotals(scope, query, bounds);

    const list = listQuery(scope, query, bounds);

    const [[t], rows] = await Promise.all([
      this.dataSource.query<TotalsRow[]>(totals.text, totals.values),
      this.dataSource.query<ListRow[]>(list.text, list.values),
    ]);
    const counts = {
      all: Number(t.all),
      'on-time': Number(t.on_time),
      'due-today': Number(t.due_today),
      overdue: Number(t.overdue),
      'not-regulated': Number(t.not_regulated),
    };
    return {
      items: rows.map((r) => toItem(r, bounds)),
      totals: counts,
      page,
      pageSize,
      total: query.status ? counts[query.status] : counts.all,
      asOf: bounds.now.toISOString(),
    };
  }

  /**
   * The parties of the given open cases (by primary key): who may see each
   * one, for live pages deciding whom to tell that a case arrived or moved.
   * Closed cases are no longer in the queue and are absent from the answer.
   */
  async partiesOf(caseIds: readonly string[]): Promise<Map<string, CaseParties>> {
    if (caseIds.length === 0) return new Map();
    const rows = await this.dataSource.query<Array<Pick<ListRow, 'case_id' | 'region' | 'provider_org' | 'sc_org'>>>(
      'SELECT case_id, region, provider_org, sc_org FROM rm_work_queue WHERE case_id = ANY($1::text[])',
      [caseIds],
    );
    return new Map(rows.map((r) => [r.case_id, partiesFromRow(r.region, r.provider_org, r.sc_org)]));
  }
}

function toItem(r: ListRow, bounds: DayBounds): WorkQueueItemDto {
  return {
    caseId: r.case_id,
    region: r.region,
    providerOrganisation: r.provider_org,
    stateCorporationOrganisation: r.sc_org,
    service: r.service,
    channel: r.channel,
    regulationVersionId: r.regulation_version_id,
    currentStep: { stepId: r.step_id, action: r.step_action, role: r.step_role, since: r.step_since.toISOString() },
    executorId: r.executor_id,
    dueAt: r.due_at?.toISOString() ?? null,
    dueExplanation: r.due_explanation,
    status: classify(r.due_at, bounds),
    receivedAt: r.received_at.toISOString(),
    revision: r.revision,
  };
}
