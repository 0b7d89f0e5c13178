import { REBUILD_BATCH_SIZE } from '../../src/projections/runtime/rebuild-batch';

/** Command-line flags (`--name=value`), each with an environment fallback (PBENCH_NAME). */
export interface ProjectionsBenchOptions {
  databaseUrl?: string;
  /** At least this many events in the generated history. */
  events: number;
  /** At least this many cases. */
  minCases: number;
  /** At least this many cases still open at the end of the history (the queue's size). */
  openCases: number;
  /** Distinct case histories driven through decide(); the cases are copies of them under other ids and organisations. */
  templates: number;
  /** Events per rebuild batch (one transaction each, as the runtime). */
  batchSize: number;
  queueQueries: number;
  lagSeconds: number;
  /** Appends per second during the lag phase. */
  lagRate: number;
  /** Reads per second served during the lag phase (0: none). */
  lagReads: number;
  seed: number;
  /** Rebuild each projection alone, one after the other, instead of all four in one pass. */
  sequential: boolean;
  /** Rows per table timed in the bare INSERT comparison. */
  bareRows: number;
  keepDatabase: boolean;
  skipLag: boolean;
  /** Console queue pages timed per kind (through the whole service over loopback HTTP). */
  queuePages: number;
  /** Changes whose SSE delivery to an open queue page is timed. */
  sseChanges: number;
  skipConsole: boolean;
  /** The console phase alone, on this database kept by an earlier run. */
  consoleOnly?: string;
}

export const PROJECTIONS_BENCH_HELP = `Projections benchmark: a realistic history driven through the real domain,
bulk-loaded into the PostgreSQL event store, then: rebuild rate of every projection
(against a bare batched INSERT of the same rows), work-queue query latency with
the open cases of the history, end-to-end lag under a steady command load, and
the console's queue page: server time of GET /console/queue through the whole
service with a session cookie (target p95 <= 50 ms), and SSE delivery of a
change to an open queue page (target p95 <= 1 s).

Usage: npm run bench:projections -- [flags]
       (npm run build:bench && node --max-semi-space-size=64 dist-bench/bench/projections/projections.bench.js [flags])

  --events=1000000     at least this many events in the history          (PBENCH_EVENTS)
  --min-cases=100000   at least this many cases                          (PBENCH_MIN_CASES)
  --open-cases=100000  at least this many cases open at the end          (PBENCH_OPEN_CASES)
  --templates=4000     case histories driven through decide(); every case
                       is one of them under its own id and organisations (PBENCH_TEMPLATES)
  --batch=10000        events per rebuild batch, as projections:rebuild  (PBENCH_BATCH)
  --queue-queries=400  work-queue queries timed                           (PBENCH_QUEUE_QUERIES)
  --lag-seconds=20     length of the steady-load phase                    (PBENCH_LAG_SECONDS)
  --lag-rate=500       appends per second in that phase (#21's target)   (PBENCH_LAG_RATE)
  --lag-reads=20       queue pages, timelines and oversight reads per
                       second served meanwhile (0: none)                  (PBENCH_LAG_READS)
  --seed=1             random seed of the history                         (PBENCH_SEED)
  --sequential         rebuild each projection alone, one after the other
                       (default: all four in one pass over the log, as
                       npm run projections:rebuild does)
  --bare-rows=200000   rows per table timed in the bare INSERT comparison (PBENCH_BARE_ROWS)
  --skip-lag           leave out the steady-load phase
  --queue-pages=300    console queue pages timed per kind: the busiest
                       organisation's, and the 200 largest queues with
                       filters; the service (AppModule, HTTP setup) runs in
                       this process on this database, over loopback HTTP  (PBENCH_QUEUE_PAGES)
  --sse-changes=100    new cases appended one at a time while a queue page's
                       SSE stream is open: append -> 'changed' delivered  (PBENCH_SSE_CHANGES)
  --skip-console       leave out the console phase
  --console-only=DB    only the console phase, on database DB that an earlier
                       run kept (--keep prints its name); DB is kept
  --keep               keep the benchmark database (default: dropped at the end)
  --help               this text

DATABASE_URL selects the server (a fresh database is created on it); without it an
embedded PostgreSQL is started in a temporary directory, as the service does.
`;

function flag(argv: string[], name: string): string | undefined {
  const prefix = `--${name}=`;
  const found = argv.find((a) => a === `--${name}` || a.startsWith(prefix));
  if (found === undefined) return process.env[`PBENCH_${name.toUpperCase().replace(/-/g, '_')}`];
  return found.startsWith(prefix) ? found.slice(prefix.length) : 'true';
}

function whole(argv: string[], name: string, fallback: number, min = 1): number {
  const raw = flag(argv, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be a whole number >= ${min}, got "${raw}"`);
  return value;
}

const KNOWN = [
  'events',
  'min-cases',
  'open-cases',
  'templates',
  'batch',
  'queue-queries',
  'lag-seconds',
  'lag-rate',
  'lag-reads',
  'seed',
  'sequential',
  'bare-rows',
  'skip-lag',
  'queue-pages',
  'sse-changes',
  'skip-console',
  'console-only',
  'keep',
  'help',
];

function databaseName(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (!/^projections_bench_[0-9a-f]{8}$/.test(raw))
    throw new Error(`--console-only takes a database a run kept (projections_bench_xxxxxxxx), got "${raw}"`);
  return raw;
}

export function parseProjectionsBenchOptions(argv: string[]): ProjectionsBenchOptions | 'help' {
  if (argv.includes('--help') || argv.includes('-h')) return 'help';
  const unknown = argv.filter((a) => !KNOWN.includes(a.replace(/^--/, '').split('=')[0]));
  if (unknown.length > 0) throw new Error(`unknown flag${unknown.length > 1 ? 's' : ''}: ${unknown.join(' ')}`);
  return {
    databaseUrl: process.env.DATABASE_URL || undefined,
    events: whole(argv, 'events', 1_000_000),
    minCases: whole(argv, 'min-cases', 100_000),
    openCases: whole(argv, 'open-cases', 100_000, 0),
    templates: whole(argv, 'templates', 4_000),
    batchSize: whole(argv, 'batch', REBUILD_BATCH_SIZE),
    queueQueries: whole(argv, 'queue-queries', 400),
    lagSeconds: whole(argv, 'lag-seconds', 20),
    lagRate: whole(argv, 'lag-rate', 500),
    lagReads: whole(argv, 'lag-reads', 20, 0),
    seed: whole(argv, 'seed', 1, 0),
    sequential: flag(argv, 'sequential') === 'true',
    bareRows: whole(argv, 'bare-rows', 200_000),
    keepDatabase: flag(argv, 'keep') === 'true',
    skipLag: flag(argv, 'skip-lag') === 'true',
    queuePages: whole(argv, 'queue-pages', 300),
    sseChanges: whole(argv, 'sse-changes', 100),
    skipConsole: flag(argv, 'skip-console') === 'true',
    consoleOnly: databaseName(flag(argv, 'console-only')),
  };
}
