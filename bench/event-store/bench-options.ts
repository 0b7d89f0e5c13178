import { NOTARY_BATCH_SIZE } from '../../src/transparency/notary.projection';

/** The service runs the notary at its own batch size: measure that. */
const SERVICE_BATCH = NOTARY_BATCH_SIZE;

/** Command-line flags (`--name=value`), each with an environment fallback (BENCH_NAME). */
export interface BenchOptions {
  databaseUrl?: string;
  writers: number[];
  /** Measured seconds per variant and concurrency, after a short warm-up. */
  seconds: number;
  /** Interleaved rounds those seconds are split into (see appendPhases in store.bench.ts). */
  rounds: number;
  warmupSeconds: number;
  catchupEvents: number;
  catchupBatchSize: number;
  /** Connections in the pool both variants share; default: the largest writer count. */
  poolSize?: number;
  /** Writers of the notary on/off append comparison. */
  notaryWriters: number;
  /** The notary's batch size (events per transaction) in both notary phases. */
  notaryBatchSize: number;
  /** No notary phases (append on/off, catch-up from zero). */
  skipNotary: boolean;
  /** Group commit in the store (default on); flushes in flight and events per flush when set. */
  groupCommit: boolean;
  maxFlushesInFlight?: number;
  maxEventsPerFlush?: number;
  skipAppend: boolean;
  /** Bulk import vs bare COPY: events per variant and round, per import, per stream. */
  importEvents: number;
  eventsPerImport: number;
  eventsPerStream: number;
  skipImport: boolean;
  skipCatchup: boolean;
  keepDatabase: boolean;
}

export const HELP = `Event store benchmark: PostgreSQL adapter vs raw INSERTs, the same appends with the
notary (transparency log) following vs without, then the catch-up read rate and a
notary catch-up from zero against it.

Usage: npm run bench:store -- [flags]      (or node --max-semi-space-size=64 dist-bench/bench/event-store/store.bench.js [flags],
                                            the young generation the service runs with)

  --writers=1,16,64        concurrent writers per phase               (BENCH_WRITERS)
  --seconds=8              measured seconds per variant and concurrency (BENCH_SECONDS)
  --rounds=4               interleaved rounds those seconds are split into,
                           alternating which variant goes first       (BENCH_ROUNDS)
  --warmup=1               warm-up seconds before each measured phase  (BENCH_WARMUP)
  --catchup-events=1000000 events bulk-loaded for the catch-up read    (BENCH_CATCHUP_EVENTS)
  --catchup-batch=1000     subscription batch size for the catch-up    (BENCH_CATCHUP_BATCH)
  --pool=N                 connections shared by both variants         (BENCH_POOL)
                           default: the largest writer count
  --notary-writers=16      writers of the append with / without the notary following (BENCH_NOTARY_WRITERS)
  --notary-batch=${SERVICE_BATCH}       the notary's events per transaction          (BENCH_NOTARY_BATCH)
                           default: the service's (NotaryProjection.batchSize)
  --skip-notary            no notary phases (append on/off; catch-up of the
                           notary from zero over the catch-up events, against
                           the plain catch-up read of the same run)
  --skip-append            only the catch-up phases
  --group-commit=on|off    the store's group commit                    (BENCH_GROUP_COMMIT)
  --flushes=N              group commit: flushes in flight             (BENCH_FLUSHES)
                           default: the store's (a quarter of the pool, 1 to 2)
  --flush-events=N         group commit: events per flush at most      (BENCH_FLUSH_EVENTS)
  --import-events=50000    bulk import: events per variant and round    (BENCH_IMPORT_EVENTS)
  --import-size=10000      bulk import: events per import (transaction) (BENCH_IMPORT_SIZE)
  --import-stream=10       bulk import: events per stream, interleaved   (BENCH_IMPORT_STREAM)
  --skip-import            no bulk import phase (importEvents vs a bare COPY of the same rows)
  --skip-catchup           no catch-up phases
  --keep-database          do not drop the benchmark database
  --help                   this text

DATABASE_URL selects the server (a fresh database is created on it and dropped
afterwards); without it an embedded PostgreSQL is started in a temporary directory.
`;

function flag(argv: string[], name: string): string | undefined {
  const prefix = `--${name}=`;
  const found = argv.find((a) => a === `--${name}` || a.startsWith(prefix));
  if (found === undefined) return process.env[`BENCH_${name.toUpperCase().replace(/-/g, '_')}`];
  return found.startsWith(prefix) ? found.slice(prefix.length) : 'true';
}

function positive(argv: string[], name: string, fallback: number): number {
  const raw = flag(argv, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number, got "${raw}"`);
  return value;
}

export function parseBenchOptions(argv: string[]): BenchOptions | 'help' {
  if (argv.includes('--help') || argv.includes('-h')) return 'help';
  const writers = (flag(argv, 'writers') ?? '1,16,64').split(',').map((w) => Number(w.trim()));
  if (writers.some((w) => !Number.isInteger(w) || w < 1)) throw new Error('--writers must list whole numbers >= 1');
  return {
    databaseUrl: process.env.DATABASE_URL || undefined,
    writers,
    seconds: positive(argv, 'seconds', 8),
    rounds: Math.round(positive(argv, 'rounds', 4)),
    warmupSeconds: positive(argv, 'warmup', 1),
    catchupEvents: Math.round(positive(argv, 'catchup-events', 1_000_000)),
    catchupBatchSize: Math.round(positive(argv, 'catchup-batch', 1000)),
    poolSize: flag(argv, 'pool') === undefined ? undefined : Math.round(positive(argv, 'pool', 1)),
    notaryWriters: Math.round(positive(argv, 'notary-writers', 16)),
    notaryBatchSize: Math.round(positive(argv, 'notary-batch', SERVICE_BATCH)),
    skipNotary: flag(argv, 'skip-notary') === 'true',
    groupCommit: (flag(argv, 'group-commit') ?? 'on') !== 'off',
    maxFlushesInFlight: flag(argv, 'flushes') === undefined ? undefined : Math.round(positive(argv, 'flushes', 1)),
    maxEventsPerFlush: flag(argv, 'flush-events') === undefined ? undefined : Math.round(positive(argv, 'flush-events', 1)),
    skipAppend: flag(argv, 'skip-append') === 'true',
    importEvents: Math.round(positive(argv, 'import-events', 50_000)),
    eventsPerImport: Math.round(positive(argv, 'import-size', 10_000)),
    eventsPerStream: Math.round(positive(argv, 'import-stream', 10)),
    skipImport: flag(argv, 'skip-import') === 'true',
    skipCatchup: flag(argv, 'skip-catchup') === 'true',
    keepDatabase: flag(argv, 'keep-database') === 'true',
  };
}
