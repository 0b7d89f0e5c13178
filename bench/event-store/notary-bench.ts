import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { ProjectionRunner } from '../../src/projections/runtime/projection-runner';
import { ensureCheckpoint, readCheckpoint } from '../../src/projections/runtime/checkpoints';
import { NotaryProjection, NOTARY_PROJECTION } from '../../src/transparency/notary.projection';
import type { EventStore, GlobalPosition } from '../../src/event-store/event-store.port';
import { AppendFn, runWriters } from './append-bench';
import { cpuMark, cpuSince, CpuSpent, stealMark, stealSince } from './cpu-usage';
import { median, mergeResults, ratioRange, roundOrder } from './interleaved';
import { eventsPerSecond, percentile, PhaseResult, table } from './stats';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

export interface NotaryBenchDeps {
  store: EventStore;
  /** The read models' DataSource with the transparency tables migrated. */
  dataSource: DataSource;
  url: string;
  log: (line: string) => void;
  /** A pool on the database, to read the CPU its backends (appends' and the notary's alike) spent. */
  pool?: Pool;
}

/** A live notary: a ProjectionRunner of NotaryProjection, and the last position it committed. */
class LiveNotary {
  private runner?: ProjectionRunner;
  committed: GlobalPosition = 0n;

  constructor(
    private readonly deps: NotaryBenchDeps,
    private readonly batchSize: number,
  ) {}

  async start(): Promise<void> {
    await ensureCheckpoint(this.deps.dataSource, NOTARY_PROJECTION);
    this.committed = (await readCheckpoint(this.deps.dataSource, NOTARY_PROJECTION))?.position ?? 0n;
    const batchSize = this.batchSize;
    this.runner = new ProjectionRunner({
      projection: new (class extends NotaryProjection {
        override readonly batchSize = batchSize;
      })(),
      dataSource: this.deps.dataSource,
      store: this.deps.store,
      lockUrl: this.deps.url,
      logger: quiet,
      options: { batchSize: this.batchSize, lockRetryMs: 200, backoff: { initialMs: 50, maxMs: 500 } },
      onCommitted: (_, position) => {
        this.committed = position;
      },
    });
    this.runner.start();
  }

  async stop(): Promise<void> {
    await this.runner?.stop();
    this.runner = undefined;
  }

  /** Resolves once everything the log shows now is a leaf. */
  async caughtUp(progress?: (delivered: GlobalPosition) => void): Promise<void> {
    const head = await this.deps.store.headPosition();
    let lastReport = performance.now();
    while (this.committed < head) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (progress && performance.now() - lastReport > 2000) {
        lastReport = performance.now();
        progress(this.committed);
      }
    }
  }
}

const treeSize = async (dataSource: DataSource): Promise<number> =>
  Number((await dataSource.query<Array<{ size: string }>>('SELECT tree_size::text AS size FROM tl_state'))[0]?.size ?? 0);
const rate = (value: number): string => Math.round(value).toLocaleString('en');
const pct = (share: number | undefined): string => (share === undefined || Number.isNaN(share) ? 'n/a' : `${(share * 100).toFixed(0)}%`);
const mean = (values: number[]): number => (values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length);

type Variant = 'off' | 'on';

const addCpu = (total: CpuSpent, spent: CpuSpent): void => {
  total.clientUs += spent.clientUs;
  total.serverUs = total.serverUs === undefined || spent.serverUs === undefined ? undefined : total.serverUs + spent.serverUs;
};
/** This process (writers and, when on, the notary) + the database's backends, per appended event. */
const cpuPerEvent = (cpu: CpuSpent, events: number): string =>
  `${Math.round(cpu.clientUs / events)} + ${cpu.serverUs === undefined ? 'n/a' : Math.round(cpu.serverUs / events)} µs`;
const VARIANTS: readonly Variant[] = ['off', 'on'];

/** What following costs per appended event: CPU on minus CPU off, and that as a share of off. */
function notaryCostPerEvent(cpu: Record<Variant, CpuSpent>, off: PhaseResult, on: PhaseResult): string {
  const total = (spent: CpuSpent, events: number): number | undefined =>
    spent.serverUs === undefined ? undefined : (spent.clientUs + spent.serverUs) / events;
  const before = total(cpu.off, off.events);
  const after = total(cpu.on, on.events);
  if (before === undefined || after === undefined) return 'n/a';
  return `${Math.round(after - before)} µs (${pct((after - before) / before)})`;
}

/**
 * Appends with the notary following live vs with no notary, in interleaved
 * rounds (as the append phases: a drifting machine slows both). Before each
 * "on" segment the notary is started and caught up, unmeasured, so the
 * segment measures following, not a backlog.
 */
export async function notaryAppendPhase(
  deps: NotaryBenchDeps,
  options: { writers: number; seconds: number; rounds: number; warmupSeconds: number; batchSize: number },
  makeAppend: () => AppendFn,
): Promise<void> {
  const perSegment = options.seconds / options.rounds;
  deps.log(
    `notary on/off: ${options.writers} writers, ${options.seconds} s per variant in ${options.rounds} interleaved rounds, notary batch ${options.batchSize}`,
  );
  const notary = new LiveNotary(deps, options.batchSize);
  const segments: Record<Variant, PhaseResult[]> = { off: [], on: [] };
  const steal: number[] = [];
  const ratios: number[] = [];
  const lagAtEnd: number[] = [];
  const cpu: Record<Variant, CpuSpent> = { off: { clientUs: 0, serverUs: 0 }, on: { clientUs: 0, serverUs: 0 } };
  await runWriters('notary-warm', options.writers, options.warmupSeconds, makeAppend);
  for (let round = 0; round < options.rounds; round++) {
    const rates = {} as Record<Variant, number>;
    for (const variant of roundOrder(VARIANTS, round)) {
      if (variant === 'on') {
        await notary.start();
        await notary.caughtUp();
      }
      const stealBefore = await stealMark();
      const cpuBefore = deps.pool && (await cpuMark(deps.pool));
      const result = await runWriters(`notary-${variant}-r${round}`, options.writers, perSegment, makeAppend);
      if (deps.pool && cpuBefore) addCpu(cpu[variant], await cpuSince(deps.pool, cpuBefore));
      const stolen = await stealSince(stealBefore);
      if (stolen !== undefined) steal.push(stolen);
      segments[variant].push(result);
      rates[variant] = eventsPerSecond(result);
      if (variant === 'on') {
        const caughtUpFrom = performance.now();
        await notary.caughtUp();
        lagAtEnd.push(performance.now() - caughtUpFrom);
        await notary.stop();
      }
    }
    ratios.push(rates.on / rates.off);
    deps.log(`  round ${round}: off ${rate(rates.off)} ev/s, on ${rate(rates.on)} ev/s, on/off ${(rates.on / rates.off).toFixed(2)}`);
  }
  const off = mergeResults(segments.off);
  const on = mergeResults(segments.on);
  const range = ratioRange(ratios);
  console.log(
    `\nAppend with the notary following vs without (target: on/off unchanged within noise, the rounds' spread; notary CPU/event = on minus off, per appended event)\n`,
  );
  console.log(
    table(
      [
        'writers',
        'off ev/s',
        'off p99 ms',
        'on ev/s',
        'on p99 ms',
        'on/off',
        'median on/off',
        'rounds',
        'notary behind at end',
        'CPU/event off',
        'CPU/event on',
        'notary CPU/event',
        'CPU stolen',
      ],
      [
        [
          String(options.writers),
          rate(eventsPerSecond(off)),
          percentile(off.latenciesMs, 99).toFixed(2),
          rate(eventsPerSecond(on)),
          percentile(on.latenciesMs, 99).toFixed(2),
          (eventsPerSecond(on) / eventsPerSecond(off)).toFixed(2),
          median(ratios).toFixed(2),
          `${range.low.toFixed(2)}-${range.high.toFixed(2)}`,
          `${Math.round(mean(lagAtEnd))} ms`,
          cpuPerEvent(cpu.off, off.events),
          cpuPerEvent(cpu.on, on.events),
          notaryCostPerEvent(cpu, off, on),
          pct(mean(steal)),
        ],
      ],
    ),
  );
  console.log('');
}

/**
 * A notary from zero over everything in the log, against the baseline the
 * catch-up read measured in this run (the same subscription, a no-op handler):
 * the ratio is what hashing and writing the tree costs on top of reading.
 */
export async function notaryCatchUpPhase(
  deps: NotaryBenchDeps,
  options: { batchSize: number; baseline?: { events: number; seconds: number } },
): Promise<void> {
  await deps.dataSource.query('TRUNCATE tl_leaves, tl_nodes, tl_state');
  await ensureCheckpoint(deps.dataSource, NOTARY_PROJECTION);
  await deps.dataSource.query('UPDATE rm_checkpoints SET position = 0 WHERE projection = $1', [NOTARY_PROJECTION]);
  const head = await deps.store.headPosition();
  deps.log(`notary catch-up: from zero to position ${head}, batch ${options.batchSize}`);
  const notary = new LiveNotary(deps, options.batchSize);
  const stealBefore = await stealMark();
  const cpuBefore = deps.pool ? await cpuMark(deps.pool) : undefined;
  const processCpuBefore = process.cpuUsage();
  const started = performance.now();
  await notary.start();
  await notary.caughtUp(() => {
    void treeSize(deps.dataSource).then((leaves) =>
      deps.log(`  notary: ${rate(leaves)} leaves (${((performance.now() - started) / 1000).toFixed(0)} s)`),
    );
  });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(processCpuBefore);
  const serverCpu = deps.pool && cpuBefore ? (await cpuSince(deps.pool, cpuBefore)).serverUs : undefined;
  const stolen = await stealSince(stealBefore);
  await notary.stop();
  const events = await treeSize(deps.dataSource);
  const perSecond = events / seconds;
  const baseline = options.baseline ? options.baseline.events / options.baseline.seconds : undefined;
  console.log(`\nNotary catch-up from zero (target >= 50,000 events/s), against the catch-up read of this run\n`);
  console.log(
    table(
      ['leaves', 'seconds', 'notary ev/s', 'read-only ev/s', 'notary/read', 'notary CPU/event', 'database CPU/event', 'CPU stolen'],
      [
        [
          rate(events),
          seconds.toFixed(1),
          rate(perSecond),
          baseline === undefined ? 'n/a' : rate(baseline),
          baseline === undefined ? 'n/a' : (perSecond / baseline).toFixed(2),
          `${((cpu.user + cpu.system) / events).toFixed(1)} µs`,
          serverCpu === undefined ? 'n/a' : `${(serverCpu / events).toFixed(1)} µs`,
          pct(stolen),
        ],
      ],
    ),
  );
  console.log('');
}
