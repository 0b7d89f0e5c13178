import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Pool } from 'pg';
import { AppModule } from '../../src/app.module';
import type { Role } from '../../src/auth/principal';
import { issueToken } from '../../src/auth/tokens';
import { appendCaseEvents } from '../../src/cases/case-stream';
import { loadConfig } from '../../src/config/config';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { configureHttp } from '../../src/http-setup';
import { REGIONS, type Region } from '../../src/regulations/regulation.model';
import { ProjectionRuntime } from '../../src/projections/runtime/projection-runtime.service';
import { WorkQueueQueries } from '../../src/projections/work-queue/work-queue.query';
import { WorkQueueQuery } from '../../src/projections/work-queue/work-queue.query.dto';
import { queueScopeFor } from '../../src/projections/work-queue/work-queue.scope';
import { CaseRun } from '../../src/cases/testing/domain-driver';
import { rng, type Domain } from './history-templates';
import type { Latency } from './query-phase';
import { latencyOf, measure, timed, timedGet } from './latency';
import { apiPhase, type ApiLatency } from './api-phase';

/** Targets of issue #19, printed next to the figures. */
export const QUEUE_PAGE_P95_TARGET_MS = 50;
export const SSE_P95_TARGET_MS = 1_000;

export interface QueuePageOutcome {
  openCases: number;
  /** Seconds the service took to follow the log (the notary starts from zero here) before timing began. */
  catchUpSeconds: number;
  pages: Latency[];
  /** The read API with a bearer token (api-phase.ts). */
  api: ApiLatency[];
  sse: Latency;
}

interface Org {
  region: Region;
  organisation: string;
  roles: Role[];
  open: number;
}

const isRegion = (value: string): value is Region => REGIONS.some((r) => r === value);

/** Reads an SSE body and resolves the waiter of each `event: changed`. */
class SseClient {
  private waiter: ((at: number) => void) | undefined;
  private readonly controller = new AbortController();
  changed = 0;

  async open(url: string, cookie: string): Promise<void> {
    const response = await fetch(url, { headers: { Cookie: cookie, Accept: 'text/event-stream' }, signal: this.controller.signal });
    if (!response.ok || !response.body) throw new Error(`SSE answered ${response.status}`);
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    void (async () => {
      let buffer = '';
      for (;;) {
        const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (/^event: changed$/m.test(message)) {
            this.changed += 1;
            const waiter = this.waiter;
            this.waiter = undefined;
            waiter?.(performance.now());
          }
        }
      }
    })();
  }

  /** The instant the next `changed` arrives (NaN after `timeoutMs`). */
  next(timeoutMs: number): Promise<number> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        resolve(NaN);
      }, timeoutMs);
      this.waiter = (at) => {
        clearTimeout(timer);
        resolve(at);
      };
    });
  }

  close(): void {
    this.controller.abort();
  }
}

/** Instants tried for a new case: the clock's, else ones at which the catalog has versions in force everywhere (as the lag phase uses). */
const RECEIPT_INSTANTS = (now: Date) => [now, new Date('2019-10-01T04:00:00Z'), new Date('2019-03-04T04:00:00Z')];

/** A new case received by the organisation: the first office service in force that accepts one at the first instant that works. */
function newCaseFor(domain: Domain, org: Org, now: Date): () => CaseRun {
  const services = new Set(domain.catalog.list({ region: org.region, channel: 'provider-office' }).map((v) => v.service.code));
  for (const at of RECEIPT_INSTANTS(now)) {
    for (const service of services) {
      const make = () => {
        const version = domain.catalog.inForce(org.region, service, 'provider-office', domain.time.localDate(at, org.region));
        const run = new CaseRun(randomUUID(), version, 'provider-office', { providerOrg: org.organisation }, domain.time);
        run.receive(at);
        return run;
      };
      try {
        make();
        return make;
      } catch {
        // not in force then, or outside its acceptance window: try the next one
      }
    }
  }
  throw new Error(`no office service of ${org.region} accepts an application at ${now.toISOString()}`);
}

/**
 * The console's queue page through the whole service (AppModule, its HTTP
 * setup, the session cookie), over loopback HTTP in this process: the time
 * from sending GET /console/queue to the last byte of the page, as staff of
 * the busiest organisations and of sampled ones see it. Then live updates: a
 * page's SSE stream is open, a new case for its organisation is appended (the
 * event decide() gives, through the service's own event store), and the
 * time from the append's start to the `changed` message is measured.
 */
export async function queuePagePhase(
  deps: { url: string; pool: Pool; domain: Domain; pages: number; changes: number; seed: number; now: Date },
  log: (line: string) => void,
): Promise<QueuePageOutcome> {
  const [{ n }] = (await deps.pool.query<{ n: string }>('SELECT count(*) AS n FROM rm_work_queue')).rows;
  const orgRows = (
    await deps.pool.query<{ region: string; org: string; sc: boolean; open: string }>(
      `SELECT region, provider_org AS org, false AS sc, count(*) AS open FROM rm_work_queue GROUP BY 1, 2
       UNION ALL
       SELECT region, sc_org, true, count(*) FROM rm_work_queue WHERE sc_org IS NOT NULL GROUP BY 1, 2
       ORDER BY open DESC`,
    )
  ).rows;
  const orgs: Org[] = orgRows.flatMap((r) =>
    isRegion(r.region)
      ? [{ region: r.region, organisation: r.org, roles: r.sc ? ['state-corporation-operator'] : ['clerk', 'head'], open: Number(r.open) }]
      : [],
  );
  const busiest = orgs.filter((o) => o.roles[0] === 'clerk')[0];
  if (!busiest) throw new Error('the work queue is empty');

  const dir = mkdtempSync(join(tmpdir(), 'pbench-console-'));
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'development',
    LOG_LEVEL: 'error',
    LOG_JSON: 'false',
    SIMULATED_CLOCK_START: deps.now.toISOString(),
    NOTARY_KEY_FILE: join(dir, 'notary.key'),
    WITNESS_DIR: join(dir, 'witness'),
    NOTARY_CHECKPOINT_INTERVAL_MS: '0',
  });
  const app: INestApplication = await NestFactory.create(AppModule.forRoot({ config, databaseUrl: deps.url }), { logger: ['error'] });
  configureHttp(app, { bodyLimitBytes: config.bodyLimitBytes });
  await app.listen(0, '127.0.0.1');
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  try {
    // A service that has been running is caught up: wait until every projection is (the notary starts from zero on this database).
    const started = performance.now();
    const runtime = app.get(ProjectionRuntime);
    for (;;) {
      const status = await runtime.status();
      if (status.every((s) => s.lagEvents === 0 && s.status === 'running')) break;
      if (performance.now() - started > 30 * 60_000)
        throw new Error(`projections did not catch up: ${JSON.stringify(status.map((s) => [s.name, s.status, s.lagEvents]))}`);
      await sleep(1000);
    }
    const catchUpSeconds = (performance.now() - started) / 1000;
    log(
      `  service up on ${base}; projections caught up in ${catchUpSeconds.toFixed(0)} s; busiest organisation ${busiest.organisation} with ${busiest.open} open cases`,
    );

    const cookieFor = (org: Org, userId: string) =>
      `console_session=${issueToken({ userId, roles: org.roles, organisation: org.organisation, region: org.region }, config.jwtSecret, 3600)}`;
    const time = (name: string, count: number, next: (i: number) => [string, string]) =>
      measure(name, count, (i) => {
        const [path, cookie] = next(i);
        return timedGet(base, path, { Cookie: cookie });
      });

    const random = rng(deps.seed + 19);
    const sampled = orgs.slice(0, 200);
    const pick = () => sampled[Math.floor(random() * sampled.length)];
    const filters = ['', '?status=overdue', '?status=due-today', '?page=2', '?status=on-time&page=3'];
    const busiestCookie = cookieFor(busiest, 'bench-head');
    // Baselines in the same run, same client and server: the machine's noise, and the query the page is built on.
    const queries = app.get(WorkQueueQueries);
    const busiestPrincipal = { userId: 'bench-head', roles: busiest.roles, organisation: busiest.organisation, region: busiest.region };
    const queueQuery = new WorkQueueQuery();
    const pages = [
      await time('baseline: GET /health/live (trivial route)', deps.pages, () => ['/health/live', '']),
      await measure('baseline: the work-queue query alone (busiest organisation)', deps.pages, () =>
        timed(() => queries.page(queueScopeFor(busiestPrincipal, queueQuery), queueQuery)),
      ),
      await time(`queue page: busiest organisation (${busiest.open} open)`, deps.pages, () => ['/console/queue', busiestCookie]),
      await time('queue page: 200 largest queues, mixed filters', deps.pages, (i) => {
        const org = pick();
        return [`/console/queue${filters[i % filters.length]}`, cookieFor(org, `bench-${i}`)];
      }),
    ];

    const api = await apiPhase({ base, jwtSecret: config.jwtSecret, pool: deps.pool, count: deps.pages, seed: deps.seed });

    // Live updates: an open page of the busiest organisation, a new case of that organisation at a time.
    const sse = new SseClient();
    await sse.open(`${base}/console/queue/events`, busiestCookie);
    await sleep(500);
    const store = app.get<EventStore>(EVENT_STORE);
    const newCase = newCaseFor(deps.domain, busiest, deps.now);
    const delivered: number[] = [];
    let missed = 0;
    for (let i = 0; i < deps.changes; i++) {
      const run = newCase();
      const meta = { commandId: randomUUID(), correlationId: run.caseId, causationId: run.caseId };
      const arrival = sse.next(10_000);
      const t = performance.now();
      await appendCaseEvents(store, run.caseId, run.events, meta, 'no-stream');
      const at = await arrival;
      if (Number.isNaN(at)) missed += 1;
      else delivered.push(at - t);
      await sleep(100 + random() * 200); // apart, so each change is its own signal
    }
    sse.close();
    if (missed > 0)
      log(`  ${missed} of ${deps.changes} changes reached no SSE client within 10 s (counted as missing, not in the figures)`);
    return {
      openCases: Number(n),
      catchUpSeconds,
      pages,
      api,
      sse: latencyOf(`SSE: append -> 'changed' at an open queue page (${missed} missed)`, delivered),
    };
  } finally {
    await app.close();
  }
}
