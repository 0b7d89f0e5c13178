import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { Principal, Role } from '../../src/auth/principal';
import type { WorkingCalendar } from '../../src/calendar/working-calendar.service';
import { fixedClock } from '../../src/common/clock';
import type { Region } from '../../src/regulations/regulation.model';
import { OversightQueries, scopeFor } from '../../src/projections/oversight/oversight.query';
import { StepTimelineQuery } from '../../src/projections/step-timeline/step-timeline.query';
import { WorkQueueQueries } from '../../src/projections/work-queue/work-queue.query';
import type { WorkQueueQuery } from '../../src/projections/work-queue/work-queue.query.dto';
import { queueScopeFor } from '../../src/projections/work-queue/work-queue.scope';
import { rng } from './history-templates';
import { measure, timed } from './latency';

export interface Latency {
  name: string;
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

const time = (name: string, count: number, run: (i: number) => Promise<unknown>): Promise<Latency> =>
  measure(name, count, (i) => timed(() => run(i)));

interface Sample {
  region: Region;
  provider_org: string;
  sc_org: string | null;
  executor_id: string | null;
  case_id: string;
}

const principal = (roles: Role[], organisation: string, region: Region, userId = 'bench-user'): Principal => ({
  userId,
  roles,
  organisation,
  region,
});

/**
 * Work-queue pages as staff and oversight ask for them (the other helper's
 * WorkQueueQueries, unchanged), over every open case of the history; then the
 * timeline and oversight reads of this module.
 */
export async function queryPhase(
  deps: { dataSource: DataSource; pool: Pool; calendar: WorkingCalendar; queries: number; seed: number; now: Date },
  log: (line: string) => void,
): Promise<{ openCases: number; latencies: Latency[] }> {
  const random = rng(deps.seed + 7);
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
  const [{ n }] = (await deps.pool.query<{ n: string }>('SELECT count(*) AS n FROM rm_work_queue')).rows;
  const openCases = Number(n);
  const samples = (
    await deps.pool.query<Sample>(
      'SELECT region, provider_org, sc_org, executor_id, case_id FROM rm_work_queue TABLESAMPLE SYSTEM (2) LIMIT 2000',
    )
  ).rows;
  if (samples.length === 0) throw new Error('the work queue is empty');
  log(`  ${openCases.toLocaleString('en')} open cases in rm_work_queue; ${deps.queries} queries per kind`);

  const queue = new WorkQueueQueries(deps.dataSource, fixedClock(deps.now));
  const page = (p: Principal, filters: Partial<WorkQueueQuery> = {}) =>
    queue.page(queueScopeFor(p, filters), { page: 1, pageSize: 50, ...filters });
  const kinds: Array<(s: Sample) => Promise<unknown>> = [
    (s) => page(principal(['oversight'], 'quality-authority', s.region)),
    (s) => page(principal(['oversight'], 'quality-authority', s.region), { status: 'overdue' }),
    (s) => page(principal(['clerk', 'head'], s.provider_org, s.region)),
    (s) => page(principal(['head'], s.provider_org, s.region), { role: 'head' }),
    (s) =>
      s.sc_org ? page(principal(['state-corporation-operator'], s.sc_org, s.region)) : page(principal(['clerk'], s.provider_org, s.region)),
    (s) => page(principal(['executor'], s.provider_org, s.region, s.executor_id ?? 'nobody'), { assignee: 'me' }),
  ];
  const latencies: Latency[] = [];
  latencies.push(await time('work queue: one page (mixed scopes)', deps.queries, (i) => kinds[i % kinds.length](pick(samples))));

  const timeline = new StepTimelineQuery(deps.dataSource, deps.calendar, fixedClock(deps.now));
  latencies.push(
    await time('case timeline', deps.queries, () => {
      const s = pick(samples);
      return timeline.timeline(s.case_id, principal(['oversight'], 'quality-authority', s.region));
    }),
  );
  const oversight = new OversightQueries(deps.dataSource);
  const year = (s: Sample) => scopeFor(principal(['oversight'], 'quality-authority', s.region), { from: '2019-01', to: '2019-12' });
  const count = Math.max(20, Math.floor(deps.queries / 8));
  latencies.push(
    await time('oversight summary: region, one year', count, () => oversight.summary(year(pick(samples)), { limit: 100, offset: 0 })),
  );
  latencies.push(
    await time('oversight steps: region, one year', count, () => oversight.steps(year(pick(samples)), { limit: 100, offset: 0 })),
  );
  latencies.push(
    await time('oversight breaches: region, one year', count, () => oversight.breaches(year(pick(samples)), { limit: 100, offset: 0 })),
  );
  return { openCases, latencies };
}
