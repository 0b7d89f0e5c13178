import type { DataSource } from 'typeorm';
import type { EventStore, GlobalPosition, RecordedEvent } from '../../event-store/event-store.port';
import { ProjectionLock } from './advisory-lock';
import { advanceCheckpoint, ensureCheckpoint, finishRebuild, lockCheckpoint, resetCheckpoint, setRebuildRequested } from './checkpoints';
import type { CountEvents } from './event-count';
import type { Projection } from './projection';
import { matcherOf, unionFilterOf } from './projection-filter';
import { SharedPages } from './shared-pages';
import { REBUILD_BATCH_SIZE } from './rebuild-batch';

interface RebuildCommon {
  dataSource: DataSource;
  store: EventStore;
  lockUrl: string;
  countEvents: CountEvents;
  batchSize?: number;
  /** How long to wait for the instance running a projection to hand it over (default 120 s). */
  lockWaitMs?: number;
  /** `done` counts events read from the log (each feeds every projection it matches). */
  onProgress?: (done: number, total: number) => void;
  log?: (line: string) => void;
}

export interface RebuildDeps extends RebuildCommon {
  projection: Projection;
}

export interface RebuildManyDeps extends RebuildCommon {
  projections: Projection[];
}

export interface RebuildResult {
  /** Events read from the log. */
  events: number;
  position: GlobalPosition;
  elapsedMs: number;
  /** Events each projection applied. */
  applied: Record<string, number>;
}

/** Rebuilds one read model from zero (see rebuildProjections). */
export function rebuildProjection(deps: RebuildDeps): Promise<RebuildResult> {
  const { projection, ...common } = deps;
  return rebuildProjections({ ...common, projections: [projection] });
}

/**
 * Rebuilds read models from zero in one pass over the log. Under each
 * projection's advisory lock (a running instance is asked to hand it over and
 * takes it back afterwards): one transaction per projection resets its rows
 * and checkpoint; then each page of the log is read once and fed to every
 * projection, each in a transaction of its own that commits its rows with its
 * checkpoint, like the live runtime. Projections move through the pages at
 * their own pace, at most one page ahead of the slowest (see SharedPages); the
 * next page is read while the current ones are applied. When one fails, the
 * others finish the page in hand and stop: a rebuild that dies half-way leaves
 * each read model a consistent prefix that the runtime simply continues.
 */
export async function rebuildProjections(deps: RebuildManyDeps): Promise<RebuildResult> {
  const { projections, dataSource, store } = deps;
  const log = deps.log ?? (() => undefined);
  const names = projections.map((p) => p.name);
  if (new Set(names).size !== names.length) throw new Error(`a projection is named twice: ${names.join(', ')}`);
  const started = Date.now();
  const locks: ProjectionLock[] = [];
  try {
    for (const projection of projections) {
      await ensureCheckpoint(dataSource, projection.name);
      locks.push(await takeOver(projection, deps, log));
    }
    for (const projection of projections) {
      await dataSource.transaction(async (tx) => {
        await lockCheckpoint(tx, projection.name);
        await projection.reset(tx);
        await resetCheckpoint(tx, projection.name);
      });
    }
    const filter = unionFilterOf(projections);
    const total = await deps.countEvents(filter, await store.headPosition());
    const feeds = projections.map((projection) => ({ projection, matches: matcherOf(projection), applied: 0, read: 0, position: 0n as GlobalPosition }));
    const pages = new SharedPages(store, filter, deps.batchSize ?? REBUILD_BATCH_SIZE, feeds.length);
    // Progress counts the pages every projection has committed.
    let reported = -1;
    const progress = () => {
      const slowest = Math.min(...feeds.map((f) => f.read));
      if (slowest !== reported) deps.onProgress?.((reported = slowest), Math.max(total, slowest));
    };
    progress();
    let stop = false;
    const run = async (feed: (typeof feeds)[number], c: number): Promise<void> => {
      try {
        while (!stop) {
          const events = await pages.take(c);
          if (events.length === 0) return;
          const last = events[events.length - 1].position;
          const mine = feeds.length === 1 ? events : events.filter(feed.matches);
          await applyPage(dataSource, feed.projection, mine, feed.position, last);
          feed.position = last;
          feed.applied += mine.length;
          feed.read += events.length;
          pages.done(c);
          progress();
        }
      } catch (error) {
        stop = true; // the others finish the page in hand and stop: each read model stays a prefix up to its checkpoint
        throw error;
      } finally {
        pages.leave(c);
      }
    };
    try {
      await allSettledOrThrow(feeds.map(run));
    } finally {
      await pages.close();
    }
    for (const projection of projections) await finishRebuild(dataSource, projection.name);
    return {
      events: Math.min(...feeds.map((f) => f.read)),
      position: feeds.reduce<GlobalPosition>((max, f) => (f.position > max ? f.position : max), 0n),
      elapsedMs: Date.now() - started,
      applied: Object.fromEntries(feeds.map((f) => [f.projection.name, f.applied])),
    };
  } finally {
    for (const lock of locks) await lock.release();
  }
}

/** One projection's share of a page, with its checkpoint moved to the page's end, in one transaction. */
async function applyPage(dataSource: DataSource, projection: Projection, events: RecordedEvent[], from: GlobalPosition, to: GlobalPosition): Promise<void> {
  await dataSource.transaction(async (tx) => {
    // The commit need not wait for its WAL flush: a crash can only lose whole
    // batches with their checkpoint (they are one transaction), and the rebuild
    // or the runtime replays them from the checkpoint that survived.
    await tx.query('SET LOCAL synchronous_commit = off');
    const checkpoint = await lockCheckpoint(tx, projection.name);
    if (checkpoint.position !== from) throw new Error(`checkpoint of ${projection.name} moved during the rebuild (lock lost?)`);
    if (events.length > 0) await projection.apply(events, tx);
    await advanceCheckpoint(tx, projection.name, to);
  });
}

/** Like Promise.all, but returns (or throws the first error) only when every transaction has ended. */
async function allSettledOrThrow(work: Array<Promise<void>>): Promise<void> {
  const outcomes = await Promise.allSettled(work);
  const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failed) throw failed.reason;
}

async function takeOver(projection: Projection, deps: RebuildCommon, log: (line: string) => void): Promise<ProjectionLock> {
  const { dataSource, lockUrl } = deps;
  const free = await ProjectionLock.tryAcquire(lockUrl, projection.name);
  if (free) return free;
  log(`${projection.name}: running on another instance; asking it to hand over`);
  await setRebuildRequested(dataSource, projection.name, true);
  try {
    return await ProjectionLock.acquire(lockUrl, projection.name, deps.lockWaitMs ?? 120_000);
  } catch (error) {
    throw new Error(`${projection.name}: the running instance did not hand over in time (${(error as Error).message})`);
  } finally {
    // Held or given up: either way no instance should keep handing over.
    await setRebuildRequested(dataSource, projection.name, false);
  }
}
