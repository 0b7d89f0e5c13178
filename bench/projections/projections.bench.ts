import 'reflect-metadata';
import { startThrowawayPostgres, withAdminClient } from '../../src/database/throwaway-postgres';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fork } from 'node:child_process';
import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { loadCalendarDataset } from '../../src/calendar/calendar-data.loader';
import { WorkingCalendar } from '../../src/calendar/working-calendar.service';
import { workingTimeFrom } from '../../src/cases/working-time.adapter';
import { table } from '../event-store/stats';
import { createPostgresEventStore, type PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { loadCatalogFiles } from '../../src/regulations/catalog/load-catalog';
import { RegulationCatalog } from '../../src/regulations/catalog/regulation-catalog';
import { openReadModelsDataSource } from '../../src/projections/runtime/read-models.data-source';
import { benchProjections, benchReadModels } from './bench-projections';
import { parseProjectionsBenchOptions, PROJECTIONS_BENCH_HELP, type ProjectionsBenchOptions } from './bench-options';
import type { HistoryDone, HistoryJob, HistoryMessage } from './history-worker';
import { lagPhase } from './lag-phase';
import { queryPhase, readsMeanwhile, type Latency } from './query-phase';
import { queuePagePhase, QUEUE_PAGE_P95_TARGET_MS, SSE_P95_TARGET_MS, type QueuePageOutcome } from './queue-page-phase';
import { rebuildPhase } from './rebuild-phase';
import { mib, withPeakRss } from './rss-sampler';
import { API_P95_TARGETS_MS, type ApiLatency } from './api-phase';

/** Issue #21's rebuild targets. */
const REBUILD_TARGET_LOG_EVENTS_PER_S = 16_700;
const REBUILD_RSS_TARGET_BYTES = 2 ** 30;
const LAG_TARGET_RATE = 500;
const LAG_P95_TARGET_MS = 50;
const LAG_P99_TARGET_MS = 200;

const t0 = performance.now();
const log = (line: string): void => console.log(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${line}`);
const rate = (v: number): string => Math.round(v).toLocaleString('en');
const ms = (v: number): string => (Number.isFinite(v) ? v.toFixed(1) : '-');

/**
 * The history is generated and loaded in a child process of its own: its heap
 * needs room at 10 M events (three million case ids, the ordering), while this
 * process runs with the heap cap the rebuild has in production, and that
 * command-line cap overrides a worker thread's resourceLimits. Its young
 * generation is large: it allocates gigabytes of short-lived strings.
 */
function generateAndLoad(job: HistoryJob): Promise<HistoryDone> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'history-worker.js'), [], {
      execArgv: ['--max-semi-space-size=96', '--max-old-space-size=16384'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let done: HistoryDone | undefined;
    child.on('message', (message: HistoryMessage) => {
      if (message.kind === 'log') log(message.line);
      else done = message.history;
    });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      done !== undefined && code === 0 ? resolve(done) : reject(new Error(`the history generator exited with ${signal ?? code}`)),
    );
    child.send(job);
  });
}

function printConsolePhase(outcome: QueuePageOutcome): void {
  const met = (l: Latency, target: number) => `${ms(l.p95)} ms, target <= ${target} ms: ${l.p95 <= target ? 'met' : 'NOT met'}`;
  console.log(
    `\nConsole queue page (${rate(outcome.openCases)} open cases; the service in this process, loopback HTTP, session cookie; timing after the projections caught up in ${outcome.catchUpSeconds.toFixed(0)} s)\n`,
  );
  const rows = [...outcome.pages, outcome.sse];
  console.log(
    table(
      ['measure', 'count', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
      rows.map((l) => [l.name, String(l.count), ms(l.p50), ms(l.p95), ms(l.p99), ms(l.max)]),
    ),
  );
  for (const page of outcome.pages.filter((l) => l.name.startsWith('queue page')))
    console.log(`Queue page server time p95, ${page.name}: ${met(page, QUEUE_PAGE_P95_TARGET_MS)}`);
  console.log(`SSE delivery p95: ${met(outcome.sse, SSE_P95_TARGET_MS)}`);
  printApiPhase(outcome.api);
}

function printApiPhase(api: ApiLatency[]): void {
  console.log(`\nRead API over loopback HTTP (bearer token; real controllers, guards, validation, JSON), cases sampled from all cases\n`);
  console.log(
    table(
      ['request', 'count', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'target p95', 'met'],
      api.map((l) => [
        l.name,
        String(l.count),
        ms(l.p50),
        ms(l.p95),
        ms(l.p99),
        ms(l.max),
        `<= ${API_P95_TARGETS_MS[l.target]} ms`,
        l.p95 <= API_P95_TARGETS_MS[l.target] ? 'met' : 'NOT met',
      ]),
    ),
  );
}

/** --console-only: the console phase alone, on a database an earlier run kept (--keep). */
async function runConsoleOnly(options: ProjectionsBenchOptions, url: string): Promise<void> {
  const calendar = new WorkingCalendar(loadCalendarDataset({}));
  const domain = { calendar, time: workingTimeFrom(calendar), catalog: new RegulationCatalog(loadCatalogFiles()) };
  const pool = new Pool({ connectionString: url, max: 2 });
  try {
    printConsolePhase(
      await queuePagePhase(
        {
          url,
          pool,
          domain,
          pages: options.queuePages,
          changes: options.sseChanges,
          seed: options.seed,
          now: new Date('2020-11-02T06:00:00Z'),
        },
        log,
      ),
    );
    console.log('');
  } finally {
    await pool.end().catch(() => undefined);
  }
}

async function run(options: ProjectionsBenchOptions, url: string): Promise<void> {
  const calendar = new WorkingCalendar(loadCalendarDataset({}));
  const domain = { calendar, time: workingTimeFrom(calendar), catalog: new RegulationCatalog(loadCatalogFiles()) };
  const pool = new Pool({ connectionString: url, max: 6 });
  pool.on('error', () => undefined); // connections closed by the final DROP DATABASE
  let store: PostgresEventStore | undefined;
  let dataSource: DataSource | undefined;
  try {
    store = await createPostgresEventStore({ connectionString: url, poolSize: 4 });
    dataSource = await openReadModelsDataSource({ url, readModels: benchReadModels(), poolSize: 6, applicationName: 'projections-bench' });

    // 1. The history (in a worker thread, see history-worker.ts).
    const history = await generateAndLoad({
      url,
      seed: options.seed,
      templates: options.templates,
      openShare: 0.5,
      targets: { events: options.events, minCases: options.minCases, openCases: options.openCases },
    });
    log(
      `history: ${rate(history.events)} events, ${rate(history.cases)} cases (${rate(history.openCases)} open), ${history.channels} regulation versions × channels, loaded in ${history.seconds.toFixed(0)} s (${rate(history.events / history.seconds)} events/s)`,
    );
    log(
      `  by type: ${[...history.byType]
        .sort((a, b) => b[1] - a[1])
        .map(([t, n]) => `${t} ${rate(n)}`)
        .join(', ')}`,
    );
    log('  VACUUM ANALYZE es_events (as autovacuum would have in a running store)');
    await pool.query('VACUUM (ANALYZE) es_events');

    // 2. Rebuilds.
    const projections = benchProjections(calendar);
    log(
      `rebuild: ${projections.map((p) => p.name).join(', ')} ${options.sequential ? 'one after the other' : 'in one pass over the log'}, batches of ${options.batchSize} events`,
    );
    const rebuildDeps = { projections, dataSource, store };
    const {
      result: rebuilt,
      peakRssBytes: rebuildRss,
      startRssBytes: rssBeforeRebuild,
    } = await withPeakRss(() =>
      rebuildPhase(
        {
          ...rebuildDeps,
          pool,
          url,
          batchSize: options.batchSize,
          sequential: options.sequential,
          bareCap: options.bareRows,
        },
        log,
      ),
    );

    // 3. Queries.
    log('queries: work queue over the open cases, timelines, oversight');
    const queries = await queryPhase(
      { dataSource, pool, calendar, queries: options.queueQueries, seed: options.seed, now: new Date('2020-11-02T06:00:00Z') },
      log,
    );

    // 4. Lag.
    const lag = options.skipLag
      ? undefined
      : await lagPhase(
          {
            projections,
            dataSource,
            store,
            url,
            domain,
            seconds: options.lagSeconds,
            rate: options.lagRate,
            seed: options.seed,
            reads: await readsMeanwhile(options.lagReads, { dataSource, pool, calendar, seed: options.seed }),
          },
          log,
        );

    // 5. The console's queue page and its live updates, through the whole service (after the lag phase: its runners hold the projections' locks).
    let consolePhase;
    if (!options.skipConsole) {
      log('console: the service on this database; queue page over loopback HTTP, then SSE delivery of new cases');
      consolePhase = await queuePagePhase(
        {
          url,
          pool,
          domain,
          pages: options.queuePages,
          changes: options.sseChanges,
          seed: options.seed,
          now: new Date('2020-11-02T06:00:00Z'),
        },
        log,
      );
    }

    const m = rebuilt.measures;
    const sum = (pick: (r: (typeof m)[number]) => number) => m.reduce((n, r) => n + pick(r), 0);
    const bareRate = (r: { bareRows: number; bareSeconds: number }) => r.bareRows / r.bareSeconds;
    const allBareRate = sum((r) => r.bareRows) / rebuilt.bareWallSeconds;
    console.log(
      `\nHistory: ${rate(history.events)} events, ${rate(history.cases)} cases (${rate(history.openCases)} open), ${history.channels} regulation versions × channels; ${cpus().length} CPUs\n`,
    );
    const applied = sum((r) => r.events);
    console.log(
      `Rebuild from zero, ${options.sequential ? 'each projection alone, one after the other' : 'all four in one pass over the log (as projections:rebuild does)'}, batches of ${options.batchSize} log events. ` +
        'events = events the projection applied; events/s over the wall-clock time of its pass. ' +
        `Bare = one multi-row INSERT per ${options.batchSize} rows of what the rebuild left, ${options.sequential ? 'table after table' : 'the four read models at once'}; ` +
        'rebuild/bare = rows per second written by the rebuild over rows per second of the bare INSERT\n',
    );
    console.log(
      table(
        ['projection', 'events', 'seconds', 'events/s', 'rows', 'rows/s', 'bare rows/s', 'rebuild/bare'],
        [
          ...m.map((r) => [
            r.projection,
            rate(r.events),
            r.seconds.toFixed(1),
            rate(r.events / r.seconds),
            rate(r.rows),
            rate(r.rows / r.seconds),
            rate(bareRate(r)),
            (r.rows / r.seconds / bareRate(r)).toFixed(2),
          ]),
          [
            'all four',
            rate(applied),
            rebuilt.wallSeconds.toFixed(1),
            rate(applied / rebuilt.wallSeconds),
            rate(sum((r) => r.rows)),
            rate(sum((r) => r.rows) / rebuilt.wallSeconds),
            rate(allBareRate),
            (sum((r) => r.rows) / rebuilt.wallSeconds / allBareRate).toFixed(2),
          ],
        ],
      ),
    );
    console.log(
      `\nRebuild rate of all projections (target >= 20,000 events/s): ${rate(applied / rebuilt.wallSeconds)} events applied per second, summed over the four projections`,
    );
    console.log(
      `The log itself: ${rate(rebuilt.logEvents)} events through all four projections in ${rebuilt.wallSeconds.toFixed(1)} s, ${rate(rebuilt.logEvents / rebuilt.wallSeconds)} log events/s`,
    );
    const logRate = rebuilt.logEvents / rebuilt.wallSeconds;
    console.log(
      `Rebuild targets: >= ${rate(REBUILD_TARGET_LOG_EVENTS_PER_S)} log events/s (10 M events in 10 minutes): ${logRate >= REBUILD_TARGET_LOG_EVENTS_PER_S ? 'met' : 'NOT met'}; ` +
        `peak RSS of this process during the rebuild ${mib(rebuildRss)} (${mib(rssBeforeRebuild)} before it), target <= ${mib(REBUILD_RSS_TARGET_BYTES)}: ${rebuildRss <= REBUILD_RSS_TARGET_BYTES ? 'met' : 'NOT met'}`,
    );
    console.log(`\nQueries (work queue target: p95 <= 10 ms with ${rate(queries.openCases)} open cases)\n`);
    console.log(
      table(
        ['query', 'count', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
        queries.latencies.map((l) => [l.name, String(l.count), ms(l.p50), ms(l.p95), ms(l.p99), ms(l.max)]),
      ),
    );
    if (lag) {
      console.log(
        `\nEnd-to-end lag: ${rate(lag.appended)} appends at ${lag.achievedRate.toFixed(1)}/s (asked ${options.lagRate}/s), append return -> checkpoint commit\n`,
      );
      console.log(
        table(
          ['projection', 'events', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
          lag.lags.map((l) => [l.projection, String(l.events), ms(l.p50), ms(l.p95), ms(l.p99), ms(l.max)]),
        ),
      );
      const { reads } = lag;
      console.log(
        reads
          ? `Reads served meanwhile (${options.lagReads}/s, work-queue pages, timelines and oversight reads): ${rate(reads.count)}, p50 ${ms(reads.p50)} ms, p95 ${ms(reads.p95)} ms, p99 ${ms(reads.p99)} ms`
          : 'No reads served meanwhile (--lag-reads=0): #21 asks for the lag while queries run',
      );
      const lags = lag.lags;
      const worst = (pick: (l: (typeof lags)[number]) => number) => Math.max(...lags.map(pick));
      console.log(
        `Lag targets at ${LAG_TARGET_RATE} appends/s (this run: ${lag.achievedRate.toFixed(0)}/s): worst p95 ${ms(worst((l) => l.p95))} ms, target <= ${LAG_P95_TARGET_MS} ms: ${worst((l) => l.p95) <= LAG_P95_TARGET_MS ? 'met' : 'NOT met'}; ` +
          `worst p99 ${ms(worst((l) => l.p99))} ms, target <= ${LAG_P99_TARGET_MS} ms: ${worst((l) => l.p99) <= LAG_P99_TARGET_MS ? 'met' : 'NOT met'}${lag.achievedRate < LAG_TARGET_RATE * 0.95 ? ' (below the target rate: run with --lag-rate=500)' : ''}`,
      );
    }
    if (consolePhase) printConsolePhase(consolePhase);
    console.log('');
  } finally {
    await dataSource?.destroy().catch(() => undefined);
    await store?.close().catch(() => undefined);
    await pool.end().catch(() => undefined);
  }
}

async function main(): Promise<void> {
  const options = parseProjectionsBenchOptions(process.argv.slice(2));
  if (options === 'help') {
    console.log(PROJECTIONS_BENCH_HELP);
    return;
  }
  const server = await startThrowawayPostgres({ databaseUrl: options.databaseUrl, prefix: 'projections-bench-pg', log });
  const database = options.consoleOnly ?? `projections_bench_${randomBytes(4).toString('hex')}`;
  try {
    const info = await withAdminClient(server.adminUrl, async (client) => {
      if (!options.consoleOnly) await client.query(`CREATE DATABASE ${database}`);
      const settings = await client.query<{ v: string }>(
        `SELECT current_setting('server_version') || ', shared_buffers=' || current_setting('shared_buffers') || ', synchronous_commit=' || current_setting('synchronous_commit') AS v`,
      );
      return settings.rows[0].v;
    });
    log(`PostgreSQL ${info}; ${cpus().length} CPUs; database ${database}`);
    const url = new URL(server.adminUrl);
    url.pathname = `/${database}`;
    await (options.consoleOnly ? runConsoleOnly(options, url.toString()) : run(options, url.toString()));
  } finally {
    if (options.keepDatabase || options.consoleOnly) log(`kept database ${database}`);
    else
      await withAdminClient(server.adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)).catch((e: Error) =>
        log(`drop failed: ${e.message}`),
      );
    await server.stop();
    log('done');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
