import { startThrowawayPostgres, withAdminClient } from '../../src/database/throwaway-postgres';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { openReadModelsDataSource } from '../../src/projections/runtime/read-models.data-source';
import { TRANSPARENCY_READ_MODEL } from '../../src/transparency/notary.read-model';
import { createPostgresEventStore, PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { AppendFn, CREATE_RAW_TABLE, rawInsert, runWriters, storeAppend } from './append-bench';
import { BenchOptions, HELP, parseBenchOptions } from './bench-options';
import { bulkLoad, catchUp, CatchUpResult, readingEveryEvent } from './catchup-bench';
import { notaryAppendPhase, notaryCatchUpPhase } from './notary-bench';
import { cpuMark, cpuSince, CpuSpent, stealMark, stealSince } from './cpu-usage';
import { median, mergeResults, ratioRange, roundOrder } from './interleaved';
import { eventsPerSecond, percentile, PhaseResult, table } from './stats';
import { CaseWriter } from './workload';
import { CREATE_RAW_IMPORT_TABLE, ImportFn, rawCopy, runImports, storeImport } from './import-bench';

const t0 = performance.now();
const log = (line: string): void => console.log(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${line}`);

/** Server-wide WAL position and WAL syncs (other databases' activity included). */
interface WalMark {
  lsn: string;
  syncs: number;
}
const walMark = async (pool: Pool): Promise<WalMark> => {
  const { rows } = await pool.query<{ lsn: string; syncs: string | null }>(
    // wal_sync left pg_stat_wal in PostgreSQL 18 (the embedded server): read it by name, null there.
    "SELECT pg_current_wal_lsn()::text AS lsn, (SELECT to_jsonb(w) ->> 'wal_sync' FROM pg_stat_wal w) AS syncs",
  );
  return { lsn: rows[0].lsn, syncs: rows[0].syncs === null ? Number.NaN : Number(rows[0].syncs) };
};
const walSince = async (pool: Pool, before: WalMark): Promise<{ bytes: number; syncs: number }> => {
  const after = await walMark(pool);
  const { rows } = await pool.query<{ bytes: string }>('SELECT pg_wal_lsn_diff($1::pg_lsn, $2::pg_lsn)::text AS bytes', [
    after.lsn,
    before.lsn,
  ]);
  return { bytes: Number(rows[0].bytes), syncs: after.syncs - before.syncs };
};

const ms = (value: number): string => value.toFixed(2);
const cpuPerAppend = (cpu: CpuSpent, appends: number): string =>
  `CPU/append: bench ${Math.round(cpu.clientUs / appends)} µs, server ${cpu.serverUs === undefined ? 'n/a' : `${Math.round(cpu.serverUs / appends)} µs`}`;
const rate = (value: number): string => Math.round(value).toLocaleString('en');

type Variant = 'ours' | 'raw';
const VARIANTS: readonly Variant[] = ['ours', 'raw'];

/** What one variant did over all its segments at one concurrency. */
interface VariantTotals {
  segments: PhaseResult[];
  cpu: CpuSpent;
  walBytes: number;
  walSyncs: number;
  steal: number[];
}

const emptyTotals = (): VariantTotals => ({ segments: [], cpu: { clientUs: 0, serverUs: 0 }, walBytes: 0, walSyncs: 0, steal: [] });
const pct = (share: number | undefined): string => (share === undefined || Number.isNaN(share) ? 'n/a' : `${(share * 100).toFixed(0)}%`);
const mean = (values: number[]): number => (values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length);

/**
 * One variant's segment: CHECKPOINT first (the same starting point for every
 * segment: the first write to a page after a checkpoint logs the whole page),
 * then writers for `seconds`, with the CPU, WAL and steal it cost.
 */
async function segment(
  pool: Pool,
  totals: VariantTotals,
  label: string,
  writers: number,
  seconds: number,
  makeAppend: () => AppendFn,
): Promise<PhaseResult> {
  await pool.query('CHECKPOINT').catch(() => undefined);
  const walBefore = await walMark(pool);
  const cpuBefore = await cpuMark(pool);
  const stealBefore = await stealMark();
  const result = await runWriters(label, writers, seconds, makeAppend);
  const steal = await stealSince(stealBefore);
  const cpu = await cpuSince(pool, cpuBefore);
  const wal = await walSince(pool, walBefore);
  totals.segments.push(result);
  totals.cpu.clientUs += cpu.clientUs;
  totals.cpu.serverUs = totals.cpu.serverUs === undefined || cpu.serverUs === undefined ? undefined : totals.cpu.serverUs + cpu.serverUs;
  totals.walBytes += wal.bytes;
  totals.walSyncs += wal.syncs;
  if (steal !== undefined) totals.steal.push(steal);
  return result;
}

/**
 * Each concurrency runs as `rounds` rounds of both variants, in alternating
 * order, instead of one long phase of each: on a shared machine the CPU left to
 * a guest drifts by tens of percent within a minute, and a drift between two
 * long phases lands in the ratio whole. Interleaved, both variants see the
 * same machine; the per-round ratios show how much it moved.
 */
async function appendPhases(options: BenchOptions, store: PostgresEventStore, pool: Pool): Promise<void> {
  const sample = new CaseWriter('sample').next().events[0];
  const bytes = Buffer.byteLength(JSON.stringify(sample.data)) + Buffer.byteLength(JSON.stringify(sample.metadata));
  const perSegment = options.seconds / options.rounds;
  log(
    `append phases: ${options.writers.join(', ')} writers; per variant ${options.seconds} s in ${options.rounds} interleaved rounds of ${perSegment.toFixed(1)} s (+${options.warmupSeconds} s warm-up); ~${bytes} B data+metadata per event, 1-3 events per append, pool of ${pool.options.max} connections`,
  );
  await pool.query(CREATE_RAW_TABLE);
  let position = 0n;
  const makers: Record<Variant, () => AppendFn> = { ours: storeAppend(store), raw: rawInsert(pool, () => ++position) };
  const rows: string[][] = [];
  for (const writers of options.writers) {
    const totals: Record<Variant, VariantTotals> = { ours: emptyTotals(), raw: emptyTotals() };
    for (const variant of VARIANTS) await runWriters(`${variant}-w${writers}-warm`, writers, options.warmupSeconds, makers[variant]);
    const roundRatios: number[] = [];
    store.resetGroupCommitStats();
    for (let round = 0; round < options.rounds; round++) {
      const rates = {} as Record<Variant, number>;
      for (const variant of roundOrder(VARIANTS, round)) {
        const result = await segment(pool, totals[variant], `${variant}-w${writers}-r${round}`, writers, perSegment, makers[variant]);
        rates[variant] = eventsPerSecond(result);
      }
      roundRatios.push(rates.ours / rates.raw);
    }
    const merged = { ours: mergeResults(totals.ours.segments), raw: mergeResults(totals.raw.segments) };
    for (const variant of VARIANTS) {
      const result = merged[variant];
      const t = totals[variant];
      log(
        `  ${variant.padEnd(4)} ${String(writers).padStart(2)} writers: ${rate(eventsPerSecond(result))} events/s, ${result.appends} appends, p50 ${ms(percentile(result.latenciesMs, 50))} ms, p99 ${ms(percentile(result.latenciesMs, 99))} ms, ${Math.round(t.walBytes / result.events)} WAL bytes/event, ${Number.isNaN(t.walSyncs) ? 'n/a' : (result.appends / Math.max(1, t.walSyncs)).toFixed(1)} appends/WAL sync, ${cpuPerAppend(t.cpu, result.appends)}, CPU stolen ${pct(mean(t.steal))}`,
      );
    }
    const range = ratioRange(roundRatios);
    const flushes = store.groupCommitStats();
    log(`  ${String(writers).padStart(2)} writers, ours/raw by round: ${roundRatios.map((r) => r.toFixed(2)).join(', ')}`);
    const { ours: o, raw: r } = merged;
    rows.push([
      String(writers),
      rate(eventsPerSecond(o)),
      ms(percentile(o.latenciesMs, 50)),
      ms(percentile(o.latenciesMs, 99)),
      rate(eventsPerSecond(r)),
      ms(percentile(r.latenciesMs, 50)),
      ms(percentile(r.latenciesMs, 99)),
      median(roundRatios).toFixed(2),
      `${range.low.toFixed(2)}-${range.high.toFixed(2)}`,
      (eventsPerSecond(o) / eventsPerSecond(r)).toFixed(2),
      options.groupCommit ? `${(flushes.appends / Math.max(1, flushes.flushes)).toFixed(1)} / ${flushes.maxAppends}` : 'off',
      options.groupCommit ? (flushes.events / Math.max(1, flushes.flushes)).toFixed(1) : 'off',
      pct(mean([...totals.ours.steal, ...totals.raw.steal])),
    ]);
  }
  console.log(`\nAppend throughput (targets, median ours/raw of the rounds: >= 0.9 at 1 writer, >= 1.0 at 16, >= 1.5 at 64)\n`);
  console.log(
    table(
      [
        'writers',
        'ours ev/s',
        'ours p50 ms',
        'ours p99 ms',
        'raw ev/s',
        'raw p50 ms',
        'raw p99 ms',
        'median ours/raw',
        'rounds',
        'overall',
        'appends/flush mean / max',
        'events/flush mean',
        'CPU stolen',
      ],
      rows,
    ),
  );
  console.log('');
}

/**
 * importEvents against a bare COPY of the same rows, in interleaved rounds as
 * the append phases (see appendPhases): per round each variant imports
 * `importEvents` events into new streams, in imports of `eventsPerImport`.
 */
async function importPhase(options: BenchOptions, store: PostgresEventStore, pool: Pool): Promise<void> {
  const shape = { eventsPerImport: options.eventsPerImport, eventsPerStream: options.eventsPerStream };
  const imports = Math.max(1, Math.round(options.importEvents / shape.eventsPerImport));
  log(
    `bulk import: per variant and round ${imports} imports of ${shape.eventsPerImport.toLocaleString('en')} events (${shape.eventsPerStream} per stream, interleaved) into new streams; ${options.rounds} interleaved rounds; bare COPY into a table with only a primary key`,
  );
  await pool.query(CREATE_RAW_IMPORT_TABLE);
  let position = 0n;
  const runs: Record<Variant, ImportFn> = { ours: storeImport(store), raw: rawCopy(pool, () => ++position) };
  await runImports('warm-ours', 1, shape, runs.ours);
  await runImports('warm-raw', 1, shape, runs.raw);
  const totals: Record<Variant, { events: number; seconds: number }> = { ours: { events: 0, seconds: 0 }, raw: { events: 0, seconds: 0 } };
  const ratios: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const rates: Record<Variant, number> = { ours: 0, raw: 0 };
    for (const variant of roundOrder(VARIANTS, round)) {
      await pool.query('CHECKPOINT').catch(() => undefined);
      const result = await runImports(`${variant}-r${round}`, imports, shape, runs[variant]);
      totals[variant].events += result.events;
      totals[variant].seconds += result.seconds;
      rates[variant] = result.events / result.seconds;
    }
    ratios.push(rates.ours / rates.raw);
  }
  const range = ratioRange(ratios);
  const overall = (v: Variant) => totals[v].events / totals[v].seconds;
  log(`  bulk import, ours/COPY by round: ${ratios.map((r) => r.toFixed(2)).join(', ')}`);
  console.log(`\nBulk import (target, median ours/COPY of the rounds: >= 0.8)\n`);
  console.log(
    table(
      ['events per import', 'ours ev/s', 'bare COPY ev/s', 'median ours/COPY', 'rounds', 'overall'],
      [
        [
          rate(shape.eventsPerImport),
          rate(overall('ours')),
          rate(overall('raw')),
          median(ratios).toFixed(2),
          `${range.low.toFixed(2)}-${range.high.toFixed(2)}`,
          (overall('ours') / overall('raw')).toFixed(2),
        ],
      ],
    ),
  );
  console.log('');
}

async function catchUpPhase(options: BenchOptions, store: PostgresEventStore, pool: Pool): Promise<CatchUpResult> {
  log(`catch-up: bulk-loading ${options.catchupEvents.toLocaleString('en')} events through SQL`);
  await bulkLoad(pool, options.catchupEvents, log);
  log('  VACUUM ANALYZE es_events (as autovacuum would have in a running store)');
  await pool.query('VACUUM (ANALYZE) es_events');
  const { rows } = await pool.query<{ count: string }>('SELECT count(*) FROM es_events');
  log(
    `catch-up: subscribing from position 0 over ${Number(rows[0].count).toLocaleString('en')} events, batch size ${options.catchupBatchSize}, no-op handler`,
  );
  const stealBefore = await stealMark();
  const cpuBefore = process.cpuUsage();
  const result = await catchUp(store, options.catchupBatchSize, log);
  const cpu = process.cpuUsage(cpuBefore);
  const stolen = await stealSince(stealBefore);
  const perSecond = result.events / result.seconds;
  // No baseline here: the subscriber's own CPU per event and the steal say whether the machine or the store set the rate.
  console.log(`\nCatch-up read (target >= 100,000 events/s with a no-op handler)\n`);
  console.log(
    table(
      ['events', 'seconds', 'events/s', 'subscriber CPU/event', 'CPU stolen'],
      [
        [
          rate(result.events),
          result.seconds.toFixed(1),
          rate(perSecond),
          `${((cpu.user + cpu.system) / result.events).toFixed(1)} µs`,
          pct(stolen),
        ],
      ],
    ),
  );
  const reading = await catchUp(store, options.catchupBatchSize, log, readingEveryEvent);
  console.log(`\n  with a handler that reads every event's data and metadata: ${rate(reading.events / reading.seconds)} events/s\n`);
  return result;
}

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  if (options === 'help') {
    console.log(HELP);
    return;
  }
  const server = await startThrowawayPostgres({ databaseUrl: options.databaseUrl, prefix: 'es-bench-pg', log });
  const database = `es_bench_${randomBytes(4).toString('hex')}`;
  let pool: Pool | undefined;
  let store: PostgresEventStore | undefined;
  let readModels: DataSource | undefined;
  try {
    const info = await withAdminClient(server.adminUrl, async (client) => {
      await client.query(`CREATE DATABASE ${database}`);
      const settings = await client.query<{ v: string }>(
        `SELECT current_setting('server_version') || ', synchronous_commit=' || current_setting('synchronous_commit') ||
                ', shared_buffers=' || current_setting('shared_buffers') AS v`,
      );
      return settings.rows[0].v;
    });
    log(`PostgreSQL ${info}; ${cpus().length} CPUs; database ${database}`);
    const url = new URL(server.adminUrl);
    url.pathname = `/${database}`;
    // One pool for both variants, by default as large as the largest concurrency.
    pool = new Pool({ connectionString: url.toString(), max: options.poolSize ?? Math.max(4, ...options.writers) });
    pool.on('error', () => undefined); // connections closed by the final DROP DATABASE
    store = await createPostgresEventStore({
      pool,
      groupCommit: options.groupCommit,
      maxFlushesInFlight: options.maxFlushesInFlight,
      maxEventsPerFlush: options.maxEventsPerFlush,
    });
    log(
      `group commit ${options.groupCommit ? `on, ${options.maxFlushesInFlight ?? 'default'} flushes in flight, ${options.maxEventsPerFlush ?? 'default'} events per flush at most` : 'off'}`,
    );
    if (!options.skipNotary)
      readModels = await openReadModelsDataSource({
        url: url.toString(),
        readModels: [TRANSPARENCY_READ_MODEL],
        poolSize: 4,
        applicationName: 'bench-notary',
      });
    const notary = readModels && { store, dataSource: readModels, url: url.toString(), log, pool };
    if (!options.skipAppend) await appendPhases(options, store, pool);
    if (!options.skipAppend && notary) {
      const { seconds, rounds, warmupSeconds } = options;
      await notaryAppendPhase(
        notary,
        { writers: options.notaryWriters, seconds, rounds, warmupSeconds, batchSize: options.notaryBatchSize },
        storeAppend(store),
      );
    }
    if (!options.skipImport) await importPhase(options, store, pool);
    if (!options.skipCatchup) {
      const baseline = await catchUpPhase(options, store, pool);
      if (notary) await notaryCatchUpPhase(notary, { batchSize: options.notaryBatchSize, baseline });
    }
  } finally {
    await readModels?.destroy().catch(() => undefined);
    await store?.close();
    await pool?.end();
    if (!options.keepDatabase) {
      await withAdminClient(server.adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)).catch((e: Error) =>
        log(`drop failed: ${e.message}`),
      );
    }
    await server.stop();
    log('done');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
