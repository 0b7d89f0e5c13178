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

type Read = (s: Sample) => Promise<unknown>;

/** The reads the bench times, each asked for a sampled open case's region, organisation or id. */
interface Reads {
  queuePages: Read[];
  timeline: Read;
  summary: Read;
  steps: Read;
  breaches: Read;
}

interface ReadDeps {
  dataSource: DataSource;
  pool: Pool;
  calendar: WorkingCalendar;
  now: Date;
}

function readsOf(deps: ReadDeps): Reads {
  const queue = new WorkQueueQueries(deps.dataSource, fixedClock(deps.now));
  const page = (p: Principal, filters: Partial<WorkQueueQuery> = {}) =>
    queue.page(queueScopeFor(p, filters), { page: 1, pageSize: 50, ...filters });
  const timeline = new StepTimelineQuery(deps.dataSource, deps.calendar, fixedClock(deps.now));
  const oversight = new OversightQueries(deps.dataSource);
  const year = (s: Sample) => scopeFor(principal(['oversight'], 'quality-authority', s.region), { from: '2019-01', to: '2019-12' });
  return {
    queuePages: [
      (s) => page(principal(['oversight'], 'quality-authority', s.region)),
      (s) => page(principal(['oversight'], 'quality-authority', s.region), { status: 'overdue' }),
      (s) => page(principal(['clerk', 'head'], s.provider_org, s.region)),
      (s) => page(principal(['head'], s.provider_org, s.region), { role: 'head' }),
      (s) =>
        s.sc_org
          ? page(principal(['state-corporation-operator'], s.sc_org, s.region))
          : page(principal(['clerk'], s.provider_org, s.region)),
      (s) => page(principal(['executor'], s.provider_org, s.region, s.executor_id ?? 'nobody'), { assignee: 'me' }),
    ],
    timeline: (s) => timeline.timeline(s.case_id, principal(['oversight'], 'quality-authority', s.region)),
    summary: (s) => oversight.summary(year(s), { limit: 100, offset: 0 }),
    steps: (s) => oversight.steps(year(s), { limit: 100, offset: 0 }),
    breaches: (s) => oversight.breaches(year(s), { limit: 100, offset: 0 }),
  };
}

async function sampleOpenCases(pool: Pool): Promise<Sample[]> {
  const samples = (
    await pool.query<Sample>(
      'SELECT region, provider_org, sc_org, executor_id, case_id FROM rm_work_queue TABLESAMPLE SYSTEM (2) LIMIT 2000',
    )
  ).rows;
  if (samples.length === 0) throw new Error('the work queue is empty');
  return samples;
}

/**
 * Work-queue pages as staff and oversight ask for them (the other helper's
 * WorkQueueQueries, unchanged), over every open case of the history; then the
 * timeline and oversight reads of this module.
 */
export async function queryPhase(
  deps: ReadDeps & { queries: number; seed: number },
  log: (line: string) => void,
): Promise<{ openCases: number; latencies: Latency[] }> {
  const random = rng(deps.seed + 7);
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
  const [{ n }] = (await deps.pool.query<{ n: string }>('SELECT count(*) AS n FROM rm_work_queue')).rows;
  const openCases = Number(n);
  const samples = await sampleOpenCases(deps.pool);
  log(`  ${openCases.toLocaleString('en')} open cases in rm_work_queue; ${deps.queries} queries per kind`);

  const reads = readsOf(deps);
  const latencies: Latency[] = [];
  const { queuePages } = reads;
  latencies.push(await time('work queue: one page (mixed scopes)', deps.queries, (i) => queuePages[i % queuePages.length](pick(samples))));
  latencies.push(await time('case timeline', deps.queries, () => reads.timeline(pick(samples))));
  const count = Math.max(20, Math.floor(deps.queries / 8));
  latencies.push(await time('oversight summary: region, one year', count, () => reads.summary(pick(samples))));
  latencies.push(await time('oversight steps: region, one year', count, () => reads.steps(pick(samples))));
  latencies.push(await time('oversight breaches: region, one year', count, () => reads.breaches(pick(samples))));
  return { openCases, latencies };
}

/**
 * A read for the lag phase's readers: each call one of the reads above, in
 * the mix a staff UI asks for them (mostly queue pages and timelines), for a
 * random sampled case.
 */
export async function readMix(deps: ReadDeps & { seed: number }): Promise<() => Promise<unknown>> {
  const random = rng(deps.seed + 13);
  const samples = await sampleOpenCases(deps.pool);
  const reads = readsOf(deps);
  const mix: Read[] = [
    ...reads.queuePages,
    ...reads.queuePages,
    reads.timeline,
    reads.timeline,
    reads.timeline,
    reads.summary,
    reads.steps,
    reads.breaches,
  ];
  return () => mix[Math.floor(random() * mix.length)](samples[Math.floor(random() * samples.length)]);
}

/** The lag phase's readers: `perSecond` reads of readMix at the bench's "now" (none at 0). */
export async function readsMeanwhile(
  perSecond: number,
  deps: Omit<ReadDeps, 'now'> & { seed: number },
): Promise<{ perSecond: number; read: () => Promise<unknown> } | undefined> {
  return perSecond > 0 ? { perSecond, read: await readMix({ ...deps, now: new Date('2020-11-02T06:00:00Z') }) } : undefined;
}
