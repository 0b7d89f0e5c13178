import type { DataSource } from 'typeorm';
import type { EventStore, GlobalPosition, RecordedEvent } from '../../event-store/event-store.port';
import { ProjectionLock, rebuildLockName } from './advisory-lock';
import { ensureCheckpoint, installRebuiltCheckpoint, lockCheckpoint, setRebuildRequested } from './checkpoints';
import type { CountEvents } from './event-count';
import { nextCheckpoint } from './next-checkpoint';
import type { Projection } from './projection';
import { matcherOf, unionFilterOf } from './projection-filter';
import { SharedPages } from './shared-pages';
import { REBUILD_BATCH_SIZE } from './rebuild-batch';
import { commitWithoutWaitingForDisk } from './read-model-durability';
import {
  createShadow,
  dropShadow,
  indexAppendOnlyShadow,
  swapShadowIn,
  tidyShadow,
  onlyShadowWritten,
  UndeclaredTableWrite,
  writeToShadow,
} from './shadow-tables';
import { isTransientDatabaseError } from './transient-error';
import { messageOf } from '../../common/error-message';

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

const REBUILD_LOCK_WAIT_MS = 2_000;

/** How long the swap waits for readers to let go of the live tables before it gives up (nothing changed then). */
const SWAP_LOCK_TIMEOUT = '30s';

/** The rebuilt model cannot take this event: the rebuild stops, the live model is untouched. */
export class RebuildPoisonedEvent extends Error {
  constructor(projection: string, event: RecordedEvent, failure: unknown) {
    super(
      `${projection} cannot apply event ${event.id} at position ${event.position} (stream ${event.streamId}, type ${event.type}): ${messageOf(failure)}`,
    );
  }
}

/** Errors that say "this page cannot be applied", as opposed to "the database is not there" or a projection bug. */
const blamesTheEvents = (error: unknown): boolean => !(error instanceof UndeclaredTableWrite) && !isTransientDatabaseError(error);

interface Feed {
  projection: Projection;
  matches: (event: RecordedEvent) => boolean;
  applied: number;
  read: number;
}

/**
 * Rebuilds read models from zero in one pass over the log, atomically for
 * readers. Each projection's tables are copied empty into a schema of its own
 * (what a failed or killed rebuild left there is dropped first) and filled
 * from the log while the live tables keep serving and the running instance
 * keeps following the log. Once the shadow tables have caught up with the
 * head, the running instance is asked to hand over its advisory lock, the
 * events that arrived meanwhile are applied to the shadow tables, and one
 * transaction swaps every shadow table in and moves the checkpoints to where
 * the log was read through (nextCheckpoint: the head read before the last
 * pages, or the last event if later), as a live run would; the instance then takes the lock back and carries on from there.
 * Any failure before that commit (a poisoned event, a lost connection, a
 * killed process) leaves the live tables and checkpoints exactly as they were.
 * Each page of the log is read once and fed to every projection, each in a
 * transaction of its own, at most one page ahead of the slowest (SharedPages).
 */
export async function rebuildProjections(deps: RebuildManyDeps): Promise<RebuildResult> {
  const { projections, dataSource, store } = deps;
  const log = deps.log ?? (() => undefined);
  const names = projections.map((p) => p.name);
  if (new Set(names).size !== names.length) throw new Error(`a projection is named twice: ${names.join(', ')}`);
  const started = Date.now();
  const locks: ProjectionLock[] = [];
  const shadows: string[] = [];
  try {
    for (const projection of projections) {
      await ensureCheckpoint(dataSource, projection.name);
      locks.push(await holdRebuild(projection, deps));
    }
    for (const projection of projections) {
      shadows.push(projection.name);
      await createShadow(dataSource, projection);
    }
    log(`${names.join(', ')}: filling shadow tables; the live read models keep serving until the swap`);
    const filter = unionFilterOf(projections);
    const total = await deps.countEvents(filter, await store.headPosition());
    const feeds: Feed[] = projections.map((projection) => ({ projection, matches: matcherOf(projection), applied: 0, read: 0 }));
    // Progress counts the pages every projection has committed.
    let reported = -1;
    const progress = () => {
      const slowest = Math.min(...feeds.map((f) => f.read));
      if (slowest !== reported) deps.onProgress?.((reported = slowest), Math.max(total, slowest));
    };
    progress();
    const caughtUp = await feedAll(feeds, 0n, deps, progress);
    // Before the hand-over, so the running instances do not wait for it; what arrives later changes little.
    for (const projection of projections) {
      await indexAppendOnlyShadow(dataSource, projection);
      await tidyShadow(dataSource, projection);
    }
    await takeOverAll(projections, deps, log, locks);
    // The running instances have stopped: what they applied meanwhile is in the log too.
    // Every event up to this head is visible to the pages read next: they read through it at least.
    const head = await store.headPosition();
    const pagesEnd = await feedAll(feeds, caughtUp, deps, progress);
    const position = nextCheckpoint(pagesEnd, [], head);
    await swapIn(dataSource, projections, position);
    shadows.length = 0; // swapped in: nothing left to clean
    log(`${names.join(', ')}: swapped in at position ${position}`);
    return {
      events: Math.min(...feeds.map((f) => f.read)),
      position,
      elapsedMs: Date.now() - started,
      applied: Object.fromEntries(feeds.map((f) => [f.projection.name, f.applied])),
    };
  } catch (error) {
    for (const name of shadows) await dropShadow(dataSource, name).catch(() => undefined);
    throw error;
  } finally {
    for (const lock of locks.reverse()) await lock.release();
  }
}

/**
 * Feeds every projection's shadow tables the log after `from`, page by page,
 * until a page comes back empty. Returns the position the pages ended at
 * (every feed sees the same pages). When one projection fails, the others
 * finish the page in hand and stop.
 */
async function feedAll(feeds: Feed[], from: GlobalPosition, deps: RebuildManyDeps, progress: () => void): Promise<GlobalPosition> {
  const pages = new SharedPages(
    deps.store,
    unionFilterOf(feeds.map((f) => f.projection)),
    deps.batchSize ?? REBUILD_BATCH_SIZE,
    feeds.length,
    1,
    from,
  );
  let end = from;
  let stop = false;
  const run = async (feed: Feed, c: number): Promise<void> => {
    try {
      while (!stop) {
        const events = await pages.take(c);
        if (events.length === 0) return;
        const mine = feeds.length === 1 ? events : events.filter(feed.matches);
        if (mine.length > 0) await applyToShadow(deps.dataSource, feed.projection, mine);
        const last = events[events.length - 1].position;
        if (last > end) end = last;
        feed.applied += mine.length;
        feed.read += events.length;
        pages.done(c);
        progress();
      }
    } catch (error) {
      stop = true;
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
  return end;
}

/** A page in one transaction; when it fails through its events' fault, again one event per transaction to name the culprit. */
async function applyToShadow(dataSource: DataSource, projection: Projection, events: RecordedEvent[]): Promise<void> {
  try {
    return await applyInShadow(dataSource, projection, events);
  } catch (error) {
    if (!blamesTheEvents(error)) throw error;
  }
  // The shadow tables are thrown away if one fails: the events before it may commit.
  for (const event of events) {
    try {
      await applyInShadow(dataSource, projection, [event]);
    } catch (error) {
      throw blamesTheEvents(error) ? new RebuildPoisonedEvent(projection.name, event, error) : error;
    }
  }
}

async function applyInShadow(dataSource: DataSource, projection: Projection, events: RecordedEvent[]): Promise<void> {
  await dataSource.transaction(async (tx) => {
    // A crash may lose the last pages: the shadow tables are rebuilt from zero anyway.
    await commitWithoutWaitingForDisk(tx);
    await writeToShadow(tx, projection.name);
    await onlyShadowWritten(tx, projection.name, () => projection.apply(events, tx));
  });
}

/** One transaction for every projection: the shadow tables replace the live ones and the checkpoints move to where they end. */
async function swapIn(dataSource: DataSource, projections: Projection[], position: GlobalPosition): Promise<void> {
  await dataSource.transaction(async (tx) => {
    // A long query on a live table holds the swap back, and every reader queues behind the swap meanwhile.
    await tx.query(`SET LOCAL lock_timeout = '${SWAP_LOCK_TIMEOUT}'`);
    for (const projection of projections) {
      await lockCheckpoint(tx, projection.name);
      await swapShadowIn(tx, projection);
      await installRebuiltCheckpoint(tx, projection.name, position);
    }
  });
}

/** Asks every running instance at once (each notices within its lock retry interval); `locks` gets each lock taken, even when another fails. */
async function takeOverAll(
  projections: Projection[],
  deps: RebuildCommon,
  log: (line: string) => void,
  locks: ProjectionLock[],
): Promise<void> {
  const outcomes = await Promise.allSettled(projections.map((projection) => takeOver(projection, deps, log)));
  for (const outcome of outcomes) if (outcome.status === 'fulfilled') locks.push(outcome.value);
  const refused = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (refused) throw refused.reason;
}

/** Like Promise.all, but returns (or throws the first error) only when every transaction has ended. */
async function allSettledOrThrow(work: Array<Promise<void>>): Promise<void> {
  const outcomes = await Promise.allSettled(work);
  const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failed) throw failed.reason;
}

/**
 * One rebuild of a projection at a time: the shadow schema is its alone (a
 * killed one's lock goes with its connection). Waits a moment: a running
 * instance holds this lock for a statement when it clears a request left by
 * a rebuild that is gone.
 */
async function holdRebuild(projection: Projection, deps: RebuildCommon): Promise<ProjectionLock> {
  try {
    return await ProjectionLock.acquire(deps.lockUrl, rebuildLockName(projection.name), REBUILD_LOCK_WAIT_MS);
  } catch (error) {
    throw new Error(`${projection.name}: another rebuild of it is running (${messageOf(error)})`, { cause: error });
  }
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
    throw new Error(`${projection.name}: the running instance did not hand over in time (${messageOf(error)})`, { cause: error });
  } finally {
    // Held or given up: either way no instance should keep handing over.
    await setRebuildRequested(dataSource, projection.name, false);
  }
}
