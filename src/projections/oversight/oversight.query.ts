import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../auth/principal';
import { ProblemError } from '../../common/problem';
import type { Region } from '../../regulations/regulation.model';
import { READ_MODELS_DATA_SOURCE } from '../runtime/tokens';
import type { BreachRowDto, OversightQuery, StepStatsRowDto, SummaryRowDto } from './oversight.dto';
import { OVERSIGHT_CASES, OVERSIGHT_FACTS } from './oversight.projection';
import { OVERSIGHT_MONTHLY, OVERSIGHT_STEP_STATS, STEP_DIMENSIONS } from './oversight-rollups';

/** The filters after access rules: `region` undefined only for an admin asking for every region. */
export interface OversightScope {
  region?: Region;
  organisation?: string;
  service?: string;
  step?: string;
  from?: string;
  to?: string;
}

export interface Window {
  limit?: number;
  offset: number;
}

export interface Page<T> {
  items: T[];
  total: number;
}

/** Oversight users see their own region only; admins any region or all. */
export function scopeFor(principal: Principal, query: OversightQuery): OversightScope {
  let region = query.region;
  if (!principal.roles.includes('admin')) {
    if (region !== undefined && region !== principal.region) {
      throw new ProblemError(403, 'region-out-of-scope', `Oversight of ${principal.region} does not see ${region}`, {
        region: principal.region,
      });
    }
    region = principal.region;
  }
  if (query.from && query.to && query.from > query.to) {
    throw new ProblemError(400, 'invalid-month-range', `from (${query.from}) is after to (${query.to})`);
  }
  return { region, organisation: query.organisation, service: query.service, step: query.step, from: query.from, to: query.to };
}

/** WHERE conditions for one table; `params` is shared by the whole statement. */
function conditions(scope: OversightScope, params: unknown[], monthColumn: string, withStep: boolean): string[] {
  const out: string[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    out.push(sql.replace('?', `$${params.length}`));
  };
  if (scope.region) add('region = ?', scope.region);
  if (scope.organisation) add('provider_org = ?', scope.organisation);
  if (scope.service) add('service = ?', scope.service);
  if (withStep && scope.step) add('step_id = ?', scope.step);
  if (scope.from) add(`${monthColumn} >= ?`, scope.from);
  if (scope.to) add(`${monthColumn} <= ?`, scope.to);
  return out;
}

const whereOf = (parts: string[]): string => (parts.length ? `WHERE ${parts.join(' AND ')}` : '');

function limitOf(window: Window, params: unknown[]): string {
  if (window.limit === undefined) return '';
  params.push(window.limit, window.offset);
  return `LIMIT $${params.length - 1} OFFSET $${params.length}`;
}

const num = (v: string | number | null): number | null => (v === null ? null : Number(v));
const share = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);
const duration = (value: number | null, unit: string | null) => (value === null || unit === null ? null : { value, unit });
const round = (v: number | null): number | null => (v === null ? null : Math.round(v * 100) / 100);

interface SummarySql {
  region: string;
  provider_org: string;
  service: string;
  month: string;
  received: string;
  refused_at_acceptance: string;
  completed: string;
  refused_service: string;
  measured: string;
  on_time: string;
  late: string;
  not_regulated: string;
  total: string;
}

interface StepsSql {
  region: string;
  provider_org: string;
  service: string;
  channel: string;
  step_id: string;
  action: string;
  role: string;
  month: string;
  term_value: number | null;
  term_unit: string | null;
  allowed_office_minutes: number | null;
  ended: string;
  measured: string;
  on_time: string;
  late: string;
  not_regulated: string;
  median: number | null;
  p90: number | null;
  max_overrun: number | null;
  total: string;
}

interface BreachSql {
  case_id: string;
  region: string;
  provider_org: string;
  service: string;
  channel: string;
  step_id: string;
  action: string;
  role: string;
  month: string;
  term_value: number | null;
  term_unit: string | null;
  started_at: Date;
  due_at: Date | null;
  ended_at: Date;
  elapsed_office_minutes: number | null;
  overrun_minutes: number | null;
  overrun_basis: string | null;
  actor_id: string | null;
  actor_role: string | null;
  closed_by: string | null;
  total: string;
}

/** Reads of the oversight read model: aggregates over the per-step facts, computed per request. */
@Injectable()
export class OversightQueries {
  constructor(@Inject(READ_MODELS_DATA_SOURCE) private readonly db: DataSource) {}

  /**
   * Per region, provider, service and month: cases received / completed /
   * refused and the steps' timeliness, from the monthly rollup. Asked for one
   * step, the facts are counted instead (the rollup has no step dimension; the
   * case counts are not filtered by step either way).
   */
  async summary(scope: OversightScope, window: Window): Promise<Page<SummaryRowDto>> {
    const rows = scope.step ? await this.summaryFromFacts(scope, window) : await this.summaryFromRollup(scope, window);
    return {
      total: rows.total,
      items: rows.items.map((r) => ({
        region: r.region,
        organisation: r.provider_org,
        service: r.service,
        month: r.month,
        received: Number(r.received),
        refusedAtAcceptance: Number(r.refused_at_acceptance),
        completed: Number(r.completed),
        refusedService: Number(r.refused_service),
        measuredSteps: Number(r.measured),
        onTimeSteps: Number(r.on_time),
        lateSteps: Number(r.late),
        notRegulatedSteps: Number(r.not_regulated),
        onTimeShare: share(Number(r.on_time), Number(r.measured)),
      })),
    };
  }

  /** A row counts once anything is counted in it (a case counter back to zero leaves the row, as the facts-based count would). */
  private summaryFromRollup(scope: OversightScope, window: Window): Promise<Page<SummarySql>> {
    return this.paged<SummarySql>(window, (params) => {
      const where = whereOf([
        ...conditions(scope, params, 'month', false),
        'received + refused_at_acceptance + completed + refused_service + facts > 0',
      ]);
      return `SELECT region, provider_org, service, month, received, refused_at_acceptance, completed, refused_service,
                measured, on_time, late, not_regulated, count(*) OVER () AS total
           FROM ${OVERSIGHT_MONTHLY} ${where}
          ORDER BY region, month, provider_org, service`;
    });
  }

  /** The summary counted from the cases and facts themselves. */
  summaryFromFacts(scope: OversightScope, window: Window): Promise<Page<SummarySql>> {
    return this.paged<SummarySql>(window, (params) => {
      const received = whereOf(conditions(scope, params, 'received_month', false));
      const closed = whereOf([...conditions(scope, params, 'closed_month', false), `outcome IN ('completed', 'service-refused')`]);
      const facts = whereOf(conditions(scope, params, 'month', true));
      return `WITH parts AS (
           SELECT region, provider_org, service, received_month AS month,
                  count(*) FILTER (WHERE outcome <> 'acceptance-refused') AS received,
                  count(*) FILTER (WHERE outcome = 'acceptance-refused') AS refused_at_acceptance,
                  0 AS completed, 0 AS refused_service, 0 AS measured, 0 AS on_time, 0 AS late, 0 AS not_regulated
             FROM ${OVERSIGHT_CASES} ${received} GROUP BY 1, 2, 3, 4
           UNION ALL
           SELECT region, provider_org, service, closed_month, 0, 0,
                  count(*) FILTER (WHERE outcome = 'completed'), count(*) FILTER (WHERE outcome = 'service-refused'), 0, 0, 0, 0
             FROM ${OVERSIGHT_CASES} ${closed} GROUP BY 1, 2, 3, 4
           UNION ALL
           SELECT region, provider_org, service, month, 0, 0, 0, 0,
                  count(*) FILTER (WHERE status IN ('on-time', 'late')), count(*) FILTER (WHERE status = 'on-time'),
                  count(*) FILTER (WHERE status = 'late'), count(*) FILTER (WHERE status = 'not-regulated')
             FROM ${OVERSIGHT_FACTS} ${facts} GROUP BY 1, 2, 3, 4
         )
         SELECT region, provider_org, service, month,
                sum(received) AS received, sum(refused_at_acceptance) AS refused_at_acceptance, sum(completed) AS completed,
                sum(refused_service) AS refused_service, sum(measured) AS measured, sum(on_time) AS on_time, sum(late) AS late,
                sum(not_regulated) AS not_regulated, count(*) OVER () AS total
           FROM parts GROUP BY 1, 2, 3, 4
          ORDER BY region, month, provider_org, service`;
    });
  }

  /**
   * Per region, provider, service, step and month: on-time share among steps
   * with a due instant, median and 90th percentile of elapsed office time, next
   * to the regulated duration. Steps without a stated duration count as
   * not regulated, never on time; the receipt (no known start) is left out.
   */
  async steps(scope: OversightScope, window: Window): Promise<Page<StepStatsRowDto>> {
    // The page's rows and the total from the rollup; each row's median and p90 from its elapsed times, kept in the row.
    const rows = await this.paged<StepsSql>(
      window,
      (params, w) => {
        const where = whereOf(conditions(scope, params, 'month', true));
        const limit = limitOf(w, params);
        return `WITH page AS (
           SELECT ${STEP_DIMENSIONS}, ended, measured, on_time, late, not_regulated, max_overrun, elapsed, count(*) OVER () AS total
             FROM ${OVERSIGHT_STEP_STATS} ${where}
            ORDER BY ${STEP_DIMENSIONS} ${limit}
         )
         SELECT ${STEP_DIMENSIONS}, ended, measured, on_time, late, not_regulated, max_overrun, total, pct.median, pct.p90
           FROM page CROSS JOIN LATERAL (
             SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY v) AS median, percentile_cont(0.9) WITHIN GROUP (ORDER BY v) AS p90
               FROM unnest(page.elapsed) AS v
           ) pct
          ORDER BY ${STEP_DIMENSIONS}`;
      },
      'window-in-statement',
    );
    return {
      total: rows.total,
      items: rows.items.map((r) => ({
        region: r.region,
        organisation: r.provider_org,
        service: r.service,
        channel: r.channel,
        step: r.step_id,
        action: r.action,
        role: r.role,
        month: r.month,
        regulatedDuration: duration(r.term_value, r.term_unit),
        allowedOfficeMinutes: r.allowed_office_minutes,
        ended: Number(r.ended),
        measured: Number(r.measured),
        onTime: Number(r.on_time),
        late: Number(r.late),
        notRegulated: Number(r.not_regulated),
        onTimeShare: share(Number(r.on_time), Number(r.measured)),
        medianElapsedOfficeMinutes: round(num(r.median)),
        p90ElapsedOfficeMinutes: round(num(r.p90)),
        maxOverrunMinutes: round(num(r.max_overrun)),
      })),
    };
  }

  /** Late steps, newest first: who (role and person) breached which term, and by how much. */
  async breaches(scope: OversightScope, window: Window): Promise<Page<BreachRowDto>> {
    // The total is the late count of the steps rollup (every late fact is in one of its rows): only the page is read from the facts.
    const rows = await this.paged<BreachSql>(window, (params) => {
      const where = whereOf([...conditions(scope, params, 'month', true), `status = 'late'`]);
      const lateInScope = whereOf(conditions(scope, params, 'month', true));
      return `SELECT case_id, region, provider_org, service, channel, step_id, action, role, month, term_value, term_unit, started_at, due_at,
                ended_at, elapsed_office_minutes, overrun_minutes, overrun_basis, actor_id, actor_role, closed_by,
                (SELECT coalesce(sum(late), 0) FROM ${OVERSIGHT_STEP_STATS} ${lateInScope}) AS total
           FROM ${OVERSIGHT_FACTS} ${where}
          ORDER BY ended_at DESC, case_id, row_key`;
    });
    return {
      total: rows.total,
      items: rows.items.map((r) => ({
        caseId: r.case_id,
        region: r.region,
        organisation: r.provider_org,
        service: r.service,
        channel: r.channel,
        step: r.step_id,
        action: r.action,
        responsibleRole: r.role,
        actor: r.actor_id === null ? null : { id: r.actor_id, role: r.actor_role ?? '' },
        month: r.month,
        regulatedDuration: duration(r.term_value, r.term_unit),
        startedAt: r.started_at.toISOString(),
        dueAt: r.due_at?.toISOString() ?? null,
        endedAt: r.ended_at.toISOString(),
        elapsedOfficeMinutes: round(r.elapsed_office_minutes),
        overrunMinutes: round(r.overrun_minutes),
        overrunBasis: r.overrun_basis,
        endedBy: r.closed_by,
      })),
    };
  }

  /**
   * Runs a statement built for a window; the total rides on every row
   * (count(*) OVER ()), so a page past the end asks once more for one row.
   */
  private async paged<T extends { total: string }>(
    window: Window,
    build: (params: unknown[], window: Window) => string,
    /** 'window-in-statement': the statement places LIMIT/OFFSET itself (from the window it is given). */
    windowing: 'appended' | 'window-in-statement' = 'appended',
  ): Promise<Page<T>> {
    const run = async (w: Window): Promise<T[]> => {
      const params: unknown[] = [];
      const sql = build(params, w);
      const limit = windowing === 'appended' ? limitOf(w, params) : '';
      return this.db.query(`${sql} ${limit}`, params);
    };
    const items = await run(window);
    if (items.length > 0 || window.offset === 0) return { items, total: Number(items[0]?.total ?? 0) };
    const first = await run({ limit: 1, offset: 0 });
    return { items, total: Number(first[0]?.total ?? 0) };
  }
}
