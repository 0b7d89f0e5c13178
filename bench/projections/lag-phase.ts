import { isRecord } from '../../src/cases/domain/event-checks';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { toNewEvents } from '../../src/cases/case-stream';
import { storePlans } from '../../src/cases/plan-codec';
import { caseStreamId } from '../../src/cases/domain/case.events';
import type { EventStore, GlobalPosition } from '../../src/event-store/event-store.port';
import { percentile } from '../event-store/stats';
import { DEFAULT_BACKOFF } from '../../src/projections/runtime/backoff';
import type { Projection } from '../../src/projections/runtime/projection';
import { filterOf } from '../../src/projections/runtime/projection-filter';
import { ProjectionRunner } from '../../src/projections/runtime/projection-runner';
import { readCheckpoints } from '../../src/projections/runtime/checkpoints';
import { setTimeout as sleep } from 'node:timers/promises';
import { CaseRun } from '../../src/cases/testing/domain-driver';
import { rng, type Domain } from './history-templates';
import { latencyOf } from './latency';
import type { Latency } from './query-phase';

/** Reads in flight at most: a few users' requests at once. */
const MAX_READS_IN_FLIGHT = 4;

/**
 * Open loop: calls `start` `perSecond` times a second, each at its due time
 * whether or not earlier calls returned (as independent callers would), up to
 * `maxInFlight` at once, while `more()`; resolves once every call has.
 */
async function openLoop(perSecond: number, maxInFlight: number, more: () => boolean, start: () => Promise<void>): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  const started = performance.now();
  for (let n = 0; more(); n++) {
    const wait = started + (n * 1000) / perSecond - performance.now();
    if (wait > 0) await sleep(wait);
    if (inFlight.size >= maxInFlight) await Promise.race(inFlight);
    const call: Promise<void> = start().finally(() => inFlight.delete(call));
    inFlight.add(call);
  }
  await Promise.all(inFlight);
}

/** Reads at `perSecond` (up to MAX_READS_IN_FLIGHT at once) until `done`; their latencies. */
async function readWhile(reads: { perSecond: number; read: () => Promise<unknown> }, done: () => boolean): Promise<Latency> {
  const ms: number[] = [];
  await openLoop(
    reads.perSecond,
    MAX_READS_IN_FLIGHT,
    () => !done(),
    async () => {
      const t = performance.now();
      await reads.read();
      ms.push(performance.now() - t);
    },
  );
  return latencyOf('reads during the lag phase (mixed)', ms);
}

export interface LagMeasure {
  projection: string;
  events: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** The phase's lags, one line per projection, and the reads served meanwhile (lag-profile.ts, joint-lag.ts). */
export function lagLines(result: { lags: LagMeasure[]; reads?: Latency }): string[] {
  const ms = (n: number) => n.toFixed(1);
  return [
    ...result.lags.map((l) => `  ${l.projection}: ${l.events} events, p50 ${ms(l.p50)} p95 ${ms(l.p95)} p99 ${ms(l.p99)} max ${ms(l.max)}`),
    ...(result.reads ? [`  reads: p50 ${ms(result.reads.p50)} p95 ${ms(result.reads.p95)}`] : []),
  ];
}

/** Observes the lag phase's timestamps (performance.now()). */
export interface LagTrace {
  appended(position: GlobalPosition, at: number): void;
  committed(projection: string, position: GlobalPosition, at: number): void;
}

interface Pending {
  position: GlobalPosition;
  appendedAt: number;
}

/** What follows the log during the phase: the runtime's ProjectionRunner, or an experiment's stand-in. */
export interface Follower {
  readonly status: { state: string };
  start(): void;
  stop(): Promise<void>;
}

/** Appends in flight at most: the pool's share of the appender (the runners need connections too). */
const MAX_IN_FLIGHT = 16;

const quiet = { log: () => undefined, warn: () => undefined, error: (m: Record<string, unknown>) => console.error(JSON.stringify(m)) };

/**
 * The runtime's runners follow the log while commands append at a fixed rate
 * (one event per append, decided by the real domain on a simulated clock;
 * appends overlap, at most one in flight per case);
 * lag = from the append's return to the commit of the batch that moved the
 * projection's checkpoint past the event.
 */
export async function lagPhase(
  deps: {
    projections: Projection[];
    dataSource: DataSource;
    store: EventStore;
    url: string;
    domain: Domain;
    seconds: number;
    rate: number;
    seed: number;
    /** Reads served meanwhile, as the service's users would ask (readMix), so many per second. */
    reads?: { perSecond: number; read: () => Promise<unknown> };
    /** Sees each append's return and each batch's commit as they happen (lag-profile.ts). */
    trace?: LagTrace;
    /**
     * Receipts also carry their plan inline, in a field no reader looks at
     * (joint-lag.ts, LAG_RECEIPT_COPY), as schema version 1 carried it: what the
     * plan's bytes cost on their way through the store and every subscription,
     * which plans by reference (version 2) save.
     */
    receiptPlanCopy?: boolean;
    /** What follows the log instead of the runtime's runners, one per projection (joint-lag.ts: one for all). */
    followers?: (onCommitted: (projection: string, position: GlobalPosition) => void) => Follower[];
  },
  log: (line: string) => void,
): Promise<{ appended: number; achievedRate: number; lags: LagMeasure[]; reads?: Latency }> {
  const pending = new Map<string, Pending[]>(deps.projections.map((p) => [p.name, []]));
  const lags = new Map<string, number[]>(deps.projections.map((p) => [p.name, []]));
  // Where each projection's checkpoint stands: an append that returns after a batch already
  // covered it (appends overlap, so they return out of order) has no lag left to wait for.
  const committed = new Map<string, GlobalPosition>();
  const onCommitted = (name: string, position: GlobalPosition) => {
    committed.set(name, position);
    const queue = pending.get(name)!;
    const now = performance.now();
    deps.trace?.committed(name, position, now);
    while (queue.length > 0 && queue[0].position <= position) lags.get(name)!.push(now - queue.shift()!.appendedAt);
  };
  /** Keeps each queue in position order, whatever order the appends returned in. */
  const enqueue = (name: string, entry: Pending) => {
    const done = committed.get(name);
    if (done !== undefined && entry.position <= done) {
      lags.get(name)!.push(0);
      return;
    }
    const queue = pending.get(name)!;
    let at = queue.length;
    while (at > 0 && queue[at - 1].position > entry.position) at -= 1;
    queue.splice(at, 0, entry);
  };
  const runners: Follower[] =
    deps.followers?.(onCommitted) ??
    deps.projections.map(
      (projection) =>
        new ProjectionRunner({
          projection,
          dataSource: deps.dataSource,
          store: deps.store,
          lockUrl: deps.url,
          options: { batchSize: 500, lockRetryMs: 1_000, backoff: DEFAULT_BACKOFF },
          logger: quiet,
          onCommitted,
        }),
    );
  runners.forEach((r) => r.start());
  for (let i = 0; i < 100 && runners.some((r) => r.status.state !== 'running'); i++) await sleep(100);
  // Appends start once every runner has caught up with the log: a backlog left by an earlier run would count as lag.
  const head = await deps.store.headPosition();
  const names = deps.projections.map((p) => p.name);
  const behind = async () => [...(await readCheckpoints(deps.dataSource, names)).values()].some((c) => c.position < head);
  for (let i = 0; i < 3_000 && (await behind()); i++) await sleep(100);

  const random = rng(deps.seed + 11);
  const { catalog, time } = deps.domain;
  let clock = Date.parse('2019-10-01T03:30:00Z');
  const kinds = [
    ['kostanay-oblast', 'secondary-education-duplicates', 'state-corporation'],
    ['kostanay-oblast', 'secondary-education-duplicates', 'provider-office'],
    ['west-kazakhstan-oblast', 'externat-permission', 'state-corporation'],
    ['west-kazakhstan-oblast', 'tvet-dormitory', 'provider-office'],
  ] as const;
  const open: CaseRun[] = [];
  // Cases with an append in flight: their next command waits for it (one writer per stream).
  const busy = new Set<CaseRun>();
  const filters = deps.projections.map((p) => ({ name: p.name, filter: filterOf(p) }));

  const appendOne = async (): Promise<void> => {
    clock += 2 * 60_000;
    const now = new Date(clock);
    let run: CaseRun;
    const idle = open.filter((r) => !busy.has(r));
    if (idle.length < 50 || random() < 0.25) {
      const [region, service, channel] = kinds[Math.floor(random() * kinds.length)];
      const version = catalog.inForce(region, service, channel, time.localDate(now, region));
      run = new CaseRun(
        randomUUID(),
        version,
        channel,
        { providerOrg: `lag-provider-${Math.floor(random() * 10)}`, scOrg: 'lag-sc' },
        time,
      );
      run.receive(now);
      open.push(run);
    } else {
      run = idle[Math.floor(random() * idle.length)];
      run.advance(now);
      if (!run.pending) open.splice(open.indexOf(run), 1);
    }
    const fresh = run.events.slice(-1);
    const revision = run.events.length - 1;
    const meta = { commandId: randomUUID(), correlationId: run.caseId, causationId: run.caseId };
    busy.add(run);
    try {
      const [event] = fresh;
      const stored = toNewEvents(fresh, meta).map((written) =>
        deps.receiptPlanCopy && event.type === 'ApplicationReceived' && isRecord(written.data)
          ? { ...written, data: { ...written.data, benchPlanCopy: event.data.plan } }
          : written,
      );
      await storePlans(deps.store, fresh, stored[0].metadata);
      const result = await deps.store.append(caseStreamId(run.caseId), stored, revision === 0 ? 'no-stream' : revision - 1);
      const appendedAt = performance.now();
      deps.trace?.appended(result.position, appendedAt);
      for (const { name, filter } of filters) {
        if (filter?.eventTypes && !filter.eventTypes.includes(fresh[0].type)) continue;
        enqueue(name, { position: result.position, appendedAt });
      }
    } finally {
      busy.delete(run);
    }
  };

  log(
    `  ${deps.projections.length} projections following the log (${deps.followers ? `${runners.length} experimental follower(s)` : 'one runner each'}); appending ${deps.rate} events/s for ${deps.seconds} s` +
      (deps.reads ? `, ${deps.reads.perSecond} reads/s meanwhile` : ''),
  );
  const started = performance.now();
  let appended = 0;
  const total = deps.seconds * deps.rate;
  const readers = deps.reads ? readWhile(deps.reads, () => appended >= total) : undefined;
  // A failed read fails the run, once the appends are done (awaited below).
  readers?.catch(() => undefined);
  await openLoop(
    deps.rate,
    MAX_IN_FLIGHT,
    () => appended < total,
    () => {
      appended += 1;
      return appendOne();
    },
  );
  const reads = await readers;
  const achievedRate = appended / ((performance.now() - started) / 1000);
  for (let i = 0; i < 100 && [...pending.values()].some((q) => q.length > 0); i++) await sleep(100);
  await Promise.all(runners.map((r) => r.stop()));
  return {
    appended,
    achievedRate,
    reads,
    lags: deps.projections.map((p) => {
      const ms = lags.get(p.name)!.sort((a, b) => a - b);
      return {
        projection: p.name,
        events: ms.length,
        p50: percentile(ms, 50),
        p95: percentile(ms, 95),
        p99: percentile(ms, 99),
        max: ms[ms.length - 1] ?? NaN,
      };
    }),
  };
}
