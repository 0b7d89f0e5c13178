import { WorkQueueRow } from './work-queue.row';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { CLOCK, Clock } from '../../common/clock';
import { READ_MODELS_DATA_SOURCE } from '../runtime/tokens';
import type { WorkQueueItemDto, WorkQueuePageDto, WorkQueueQuery } from './work-queue.query.dto';
import type { QueueScope } from './work-queue.scope';
import { classify, DayBounds, dayBounds, QueueStatus } from './work-queue.status';

/** What the list query selects: the row without its log position. */
type ListRow = Omit<WorkQueueRow, 'position'>;

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

function whereFor(sql: Sql, scope: QueueScope, query: WorkQueueQuery): string[] {
  const where = [`region = ${sql.param(scope.region)}`];
  if (scope.providerOrganisations || scope.scOrganisations) {
    const either: string[] = [];
    if (scope.providerOrganisations?.length) either.push(`provider_org = ANY(${sql.param(scope.providerOrganisations)}::text[])`);
    if (scope.scOrganisations?.length) either.push(`sc_org = ANY(${sql.param(scope.scOrganisations)}::text[])`);
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

    const totalsSql = new Sql();
    const totalsWhere = whereFor(totalsSql, scope, query);
    const now = totalsSql.param(bounds.now);
    const end = totalsSql.param(bounds.endOfToday);
    const totalsText = `SELECT count(*) AS all,
        count(*) FILTER (WHERE due_at < ${now}) AS overdue,
        count(*) FILTER (WHERE due_at >= ${now} AND due_at < ${end}) AS due_today,
        count(*) FILTER (WHERE due_at >= ${end}) AS on_time,
        count(*) FILTER (WHERE due_at IS NULL) AS not_regulated
      FROM rm_work_queue WHERE ${totalsWhere.join(' AND ')}`;

    const listSql = new Sql();
    const listWhere = whereFor(listSql, scope, query);
    if (query.status) listWhere.push(statusPredicate(listSql, query.status, bounds));
    const listText = `SELECT case_id, region, provider_org, sc_org, service, channel, regulation_version_id, step_id, step_action, step_role,
        step_since, due_at, due_explanation, executor_id, received_at, revision
      FROM rm_work_queue WHERE ${listWhere.join(' AND ')}
      ORDER BY due_at ASC NULLS LAST, case_id
      LIMIT ${listSql.param(pageSize)} OFFSET ${listSql.param((page - 1) * pageSize)}`;

    const [[t], rows] = await Promise.all([
      this.dataSource.query<TotalsRow[]>(totalsText, totalsSql.values),
      this.dataSource.query<ListRow[]>(listText, listSql.values),
    ]);
    const totals = {
      all: Number(t.all),
      'on-time': Number(t.on_time),
      'due-today': Number(t.due_today),
      overdue: Number(t.overdue),
      'not-regulated': Number(t.not_regulated),
    };
    return {
      items: rows.map((r) => toItem(r, bounds)),
      totals,
      page,
      pageSize,
      total: query.status ? totals[query.status] : totals.all,
      asOf: bounds.now.toISOString(),
    };
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
