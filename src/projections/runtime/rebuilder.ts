import type { DataSource } from 'typeorm';
import type { EventStore, GlobalPosition } from '../../event-store/event-store.port';
import { ProjectionLock } from './advisory-lock';
import { advanceCheckpoint, ensureCheckpoint, finishRebuild, lockCheckpoint, resetCheckpoint, setRebuildRequested } from './checkpoints';
import type { CountEvents } from './event-count';
import type { Projection } from './projection';
import { filterOf } from './projection-filter';

export interface RebuildDeps {
  projection: Projection;
  dataSource: DataSource;
  store: EventStore;
  lockUrl: string;
  countEvents: CountEvents;
  batchSize?: number;
  /** How long to wait for the instance running the projection to hand it over (default 120 s). */
  lockWaitMs?: number;
  onProgress?: (done: number, total: number) => void;
  log?: (line: string) => void;
}

export interface RebuildResult {
  events: number;
  position: GlobalPosition;
  elapsedMs: number;
}

/**
 * Rebuilds a read model from zero. Under the projection's advisory lock (a
 * running instance is asked to hand it over and takes it back afterwards):
 * one transaction resets the rows and the checkpoint, then batches replay the
 * log, each committing its rows with the checkpoint like the live runtime. A
 * rebuild that dies half-way leaves a consistent prefix that the runtime
 * simply continues.
 */
export async function rebuildProjection(deps: RebuildDeps): Promise<RebuildResult> {
  const { projection, dataSource, store } = deps;
  const log = deps.log ?? (() => undefined);
  const started = Date.now();
  await ensureCheckpoint(dataSource, projection.name);
  const lock = await takeOver(deps, log);
  try {
    await dataSource.transaction(async (tx) => {
      await lockCheckpoint(tx, projection.name);
      await projection.reset(tx);
      await resetCheckpoint(tx, projection.name);
    });
    const filter = filterOf(projection);
    const total = await deps.countEvents(filter, await store.headPosition());
    let cursor: GlobalPosition = 0n;
    let done = 0;
    deps.onProgress?.(done, total);
    for (;;) {
      const events = await store.readAll({ after: cursor, maxCount: deps.batchSize ?? 1000, filter });
      if (events.length === 0) break;
      const last = events[events.length - 1].position;
      await dataSource.transaction(async (tx) => {
        const checkpoint = await lockCheckpoint(tx, projection.name);
        if (checkpoint.position !== cursor) throw new Error(`checkpoint of ${projection.name} moved during the rebuild (lock lost?)`);
        await projection.apply(events, tx);
        await advanceCheckpoint(tx, projection.name, last);
      });
      cursor = last;
      done += events.length;
      deps.onProgress?.(done, Math.max(total, done));
    }
    await finishRebuild(dataSource, projection.name);
    return { events: done, position: cursor, elapsedMs: Date.now() - started };
  } finally {
    await lock.release();
  }
}

async function takeOver(deps: RebuildDeps, log: (line: string) => void): Promise<ProjectionLock> {
  const { projection, dataSource, lockUrl } = deps;
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
