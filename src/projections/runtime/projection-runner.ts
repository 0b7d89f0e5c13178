import type { DataSource } from 'typeorm';
import type { EventStore, GlobalPosition, RecordedEvent } from '../../event-store/event-store.port';
import { ProjectionLock } from './advisory-lock';
import { BackoffOptions, backoffDelay, DEFAULT_BACKOFF } from './backoff';
import { BatchTransactionSteps, inBatchTransaction } from './batch-transaction';
import { quoteLiteral } from './inline-parameters';
import { guardCheckpointStatement, guardFailureOf } from './checkpoint-guard';
import {
  advanceCheckpointStatement,
  ensureCheckpoint,
  ProjectionBlock,
  readCheckpoint,
  recordBlock,
  recordFailure,
  setRebuildRequested,
} from './checkpoints';
import { loadPlansFor } from '../../cases/plan-codec';
import { nextCheckpoint } from './next-checkpoint';
import type { Projection } from './projection';
import { COMMIT_WITHOUT_WAITING_FOR_DISK } from './read-model-durability';
import { filterOf } from './projection-filter';
import { Interruptible } from './sleep';
import { isTransientDatabaseError } from './transient-error';
import { messageOf } from '../../common/error-message';

/**
 * running: this instance applies events; standby: another instance holds the
 * lock (or a rebuild does); failed: retrying after a transient error; blocked:
 * holding at an event that cannot be applied until an admin retries or skips it.
 */
export type RunnerState = 'running' | 'failed' | 'blocked' | 'standby' | 'stopped';

export interface RunnerOptions {
  /** Events per batch (one transaction each). */
  batchSize: number;
  /** How often a standby instance tries to take the lock, and a running one checks its lock and rebuild requests. */
  lockRetryMs: number;
  backoff: BackoffOptions;
}

export const DEFAULT_RUNNER_OPTIONS: RunnerOptions = { batchSize: 500, lockRetryMs: 3_000, backoff: DEFAULT_BACKOFF };

export interface RunnerLogger {
  log(message: Record<string, unknown>): void;
  warn(message: Record<string, unknown>): void;
  error(message: Record<string, unknown>): void;
}

export interface RunnerDeps {
  projection: Projection;
  dataSource: DataSource;
  store: EventStore;
  /** Connection string for the lock's dedicated connection (the read models' database). */
  lockUrl: string;
  options: RunnerOptions;
  logger: RunnerLogger;
  /** Called after each committed batch (wakes read-your-writes waiters in this process). */
  onCommitted?: (projection: string, position: GlobalPosition) => void;
}

/** Another writer moved the checkpoint: this instance no longer owns the projection. */
class FencedError extends Error {}

/** The rebuild CLI asked for the lock. */
class HandOver extends Error {}

/** One event failed on its own, every event before it committed: the projection holds here. */
class PoisonedEvent extends Error {
  constructor(
    readonly event: RecordedEvent,
    readonly failure: unknown,
  ) {
    super(messageOf(failure));
  }
}

type Ending = 'stopped' | 'lock-lost' | 'handover' | 'fenced' | { failed: unknown } | { blocked: Omit<ProjectionBlock, 'since'> };

/** Errors that say "this batch cannot be applied", as opposed to "the database or the lock is not there". */
const blamesTheEvents = (error: unknown): boolean =>
  !(error instanceof FencedError) && !(error instanceof HandOver) && !isTransientDatabaseError(error);

/** How a live batch's transaction begins: its commit does not wait for the disk (read-model-durability.ts). */
export const LIVE_BATCH_OPENING: readonly string[] = ['START TRANSACTION', COMMIT_WITHOUT_WAITING_FOR_DISK];

/**
 * A live batch's transaction (ProjectionRunner.applyBatch): the events
 * applied (none: the checkpoint moves alone) and the checkpoint moved from
 * `expected` to `target`, fenced before the first write.
 */
export function liveBatchSteps(
  projection: Projection,
  events: RecordedEvent[],
  expected: GlobalPosition,
  target: GlobalPosition,
): BatchTransactionSteps<void> {
  const name = quoteLiteral(projection.name);
  return {
    open: LIVE_BATCH_OPENING,
    fence: [guardCheckpointStatement(name, expected)],
    work: async (tx) => {
      if (events.length > 0) await projection.apply(events, tx);
    },
    close: [advanceCheckpointStatement(name, target), 'COMMIT'],
  };
}

/**
 * Runs one projection: waits for its advisory lock, then follows the log from
 * the checkpoint, applying each batch and advancing the checkpoint in one
 * transaction (Marten's async daemon), to where the subscription has read
 * (nextCheckpoint), even when the batch is empty. A failing batch rolls back whole and
 * is applied again one event per transaction: the events before the culprit
 * commit, and the runner holds at the culprit (blocked, recorded in the
 * checkpoint row) until an admin retries or skips it. Transient errors
 * (database unavailable) are recorded and retried from the checkpoint with
 * backoff instead.
 */
export class ProjectionRunner {
  private state: RunnerState = 'standby';
  private lastError: string | undefined;
  private readonly stopper = new Interruptible();
  private loop: Promise<void> | undefined;

  constructor(private readonly deps: RunnerDeps) {}

  get name(): string {
    return this.deps.projection.name;
  }

  get status(): { state: RunnerState; lastError?: string } {
    return { state: this.state, ...(this.lastError ? { lastError: this.lastError } : {}) };
  }

  start(): void {
    this.loop ??= this.run().catch((error) => {
      this.deps.logger.error({ msg: 'projection runner crashed', projection: this.name, error: messageOf(error) });
      this.state = 'stopped';
    });
  }

  /** Lets the batch in flight commit (or roll back), then releases the lock. */
  async stop(): Promise<void> {
    this.stopper.interrupt();
    await this.loop;
    this.state = 'stopped';
  }

  private async run(): Promise<void> {
    const { lockUrl, options, logger } = this.deps;
    while (!this.stopper.isInterrupted) {
      let lock: ProjectionLock | undefined;
      try {
        lock = await ProjectionLock.tryAcquire(lockUrl, this.name);
      } catch (error) {
        logger.warn({ msg: 'projection lock: database unreachable', projection: this.name, error: messageOf(error) });
      }
      if (!lock) {
        this.state = 'standby';
        await this.stopper.sleep(options.lockRetryMs);
        continue;
      }
      try {
        logger.log({ msg: 'projection lock taken', projection: this.name });
        await this.lead(lock);
      } catch (error) {
        logger.error({ msg: 'projection stopped unexpectedly', projection: this.name, error: messageOf(error) });
      } finally {
        await lock.release();
      }
      if (!this.stopper.isInterrupted) {
        this.state = 'standby';
        await this.stopper.sleep(options.lockRetryMs);
      }
    }
  }

  /** While holding the lock: subscribe, and resubscribe after failures with backoff. */
  private async lead(lock: ProjectionLock): Promise<void> {
    const { dataSource, projection, logger, options } = this.deps;
    await ensureCheckpoint(dataSource, projection.name);
    let attempt = 0;
    while (!this.stopper.isInterrupted) {
      const checkpoint = await readCheckpoint(dataSource, projection.name);
      if (!checkpoint) throw new Error('checkpoint row vanished');
      if (checkpoint.rebuildRequestedAt) {
        // A rebuild killed while it waited for the hand-over leaves its request behind: without this the projection would never run again.
        const stale = await lock.whileNoRebuild(() => setRebuildRequested(dataSource, projection.name, false));
        if (stale) {
          logger.warn({ msg: 'rebuild request left by a rebuild that is gone; cleared', projection: projection.name });
          continue;
        }
        logger.log({ msg: 'projection handed over to a rebuild', projection: projection.name });
        return;
      }
      let ending = checkpoint.blocked
        ? await this.holdWhileBlocked(lock, checkpoint.blocked.error)
        : await this.follow(lock, checkpoint.position, () => (attempt = 0));
      if (ending === 'cleared') continue;
      if (typeof ending === 'string') {
        if (ending !== 'stopped') logger.warn({ msg: `projection gives up its lock: ${ending}`, projection: projection.name });
        return;
      }
      if ('blocked' in ending) {
        const { blocked } = ending;
        logger.error({
          msg: 'projection blocked at an event it cannot apply',
          projection: projection.name,
          ...blocked,
          position: blocked.position.toString(),
        });
        try {
          await recordBlock(dataSource, projection.name, blocked);
          attempt = 0;
          continue; // the next round reads the block and holds
        } catch (error) {
          ending = { failed: error }; // not recorded: retried like any transient failure (and found again)
        }
      }
      attempt += 1;
      this.state = 'failed';
      this.lastError = messageOf(ending.failed);
      logger.error({ msg: 'projection batch failed; retrying', projection: projection.name, attempt, error: this.lastError });
      await recordFailure(dataSource, projection.name, this.lastError).catch(() => undefined);
      await this.stopper.sleep(backoffDelay(attempt, options.backoff));
    }
  }

  /** One subscription from `from` until it fails, the lock goes, a rebuild asks, or stop. */
  private async follow(lock: ProjectionLock, from: GlobalPosition, onSuccess: () => void): Promise<Ending> {
    const { store, projection, options } = this.deps;
    let cursor = from;
    const batchSize = projection.batchSize ?? options.batchSize;
    const subscription = store.subscribeToAll(
      {
        after: from === 0n ? undefined : from,
        batchSize,
        filter: filterOf(projection),
        onRead: projection.prepare?.bind(projection),
        // Empty batches too: the checkpoint follows the log where the projection has nothing to apply.
        progress: true,
      },
      async (events, { readThrough }) => {
        const target = nextCheckpoint(cursor, events, readThrough);
        if (target === cursor) return; // nothing to apply and nowhere to move: no checkpoint write
        await loadPlansFor(store, events); // so that the projections decode the page's receipts synchronously
        cursor = await this.applyIsolating(events, cursor, target);
        this.state = 'running';
        this.lastError = undefined;
        onSuccess();
        this.deps.onCommitted?.(projection.name, cursor);
        // Outside the transaction: nothing is held while events gather for the next batch.
        if (projection.settleMs !== undefined && events.length < batchSize) await this.stopper.sleep(projection.settleMs);
      },
    );
    if (this.state !== 'failed') this.state = 'running';
    const watch = new Interruptible();
    const watched = this.watch(lock, watch);
    const ending: Ending = await Promise.race([
      subscription.done.then(
        (): Ending => 'stopped',
        (error: unknown): Ending =>
          error instanceof FencedError
            ? 'fenced'
            : error instanceof HandOver
              ? 'handover'
              : error instanceof PoisonedEvent
                ? {
                    blocked: {
                      position: error.event.position,
                      eventId: error.event.id,
                      streamId: error.event.streamId,
                      type: error.event.type,
                      error: error.message,
                    },
                  }
                : { failed: error },
      ),
      lock.lost.then((): Ending => 'lock-lost'),
      this.stopper.whenInterrupted.then((): Ending => 'stopped'),
      watched,
    ]);
    watch.interrupt();
    // Waits for the batch in flight: it commits whole or rolls back whole.
    await subscription.stop();
    return ending;
  }

  /**
   * The batch in one transaction, the checkpoint moving to `target`; when it
   * fails through the events' fault, again one event per transaction, so that
   * every event before the culprit commits with its checkpoint and the
   * culprit alone is reported.
   */
  private async applyIsolating(events: RecordedEvent[], from: GlobalPosition, target: GlobalPosition): Promise<GlobalPosition> {
    try {
      return await this.applyBatch(events, from, target);
    } catch (error) {
      if (events.length === 0 || !blamesTheEvents(error)) throw error;
    }
    let cursor = from;
    for (const event of events) {
      try {
        cursor = await this.applyBatch([event], cursor, nextCheckpoint(cursor, [event], event.position));
      } catch (error) {
        throw blamesTheEvents(error) ? new PoisonedEvent(event, error) : error;
      }
      this.deps.onCommitted?.(this.name, cursor);
    }
    // The batch failed once but not event by event (a passing fault): carry on, to where the batch read through.
    return cursor === target ? cursor : this.applyBatch([], cursor, target);
  }

  /**
   * Blocked: applies nothing, but keeps the lock and every lockRetryMs reads
   * the checkpoint row on the lock's connection, until an admin clears the
   * block (retry or skip), a rebuild asks for the lock, or the lock is lost.
   */
  private async holdWhileBlocked(lock: ProjectionLock, error: string): Promise<Ending | 'cleared'> {
    this.state = 'blocked';
    this.lastError = error;
    const lost = lock.lost.then((): Ending => 'lock-lost');
    while (!this.stopper.isInterrupted) {
      const woke = await Promise.race([this.stopper.sleep(this.deps.options.lockRetryMs).then(() => 'slept' as const), lost]);
      if (woke !== 'slept') return woke;
      if (this.stopper.isInterrupted) break;
      try {
        const rows = await lock.query<{ blocked: boolean; requested: boolean }>(
          'SELECT blocked_at IS NOT NULL AS blocked, rebuild_requested_at IS NOT NULL AS requested FROM rm_checkpoints WHERE projection = $1',
          [this.name],
        );
        if (rows[0]?.requested) return 'handover';
        if (!rows[0]?.blocked) {
          this.deps.logger.log({ msg: 'projection block cleared; resuming', projection: this.name });
          this.state = 'running';
          this.lastError = undefined;
          return 'cleared';
        }
      } catch {
        return 'lock-lost';
      }
    }
    return 'stopped';
  }

  /**
   * Applies the events (none: the checkpoint moves alone) and moves the
   * checkpoint to `target`, in one transaction whose first write is
   * preceded by the checkpoint's fence (rm_checkpoint_guard: still at
   * `expected`, no rebuild asking); what the projection read before it is
   * thrown away with the transaction when the fence fails. The opening
   * waits for the projection's first read; the fence and the writes it holds
   * (writeWithBatch) for its next read, or the checkpoint's move and the
   * COMMIT (inBatchTransaction).
   */
  private async applyBatch(events: RecordedEvent[], expected: GlobalPosition, target: GlobalPosition): Promise<GlobalPosition> {
    const { dataSource, projection } = this.deps;
    try {
      await inBatchTransaction(dataSource, liveBatchSteps(projection, events, expected, target));
    } catch (error) {
      const guard = guardFailureOf(error);
      if (guard === undefined) throw error;
      throw guard === 'moved' ? new FencedError(messageOf(error)) : new HandOver(messageOf(error));
    }
    return target;
  }

  /**
   * Every lockRetryMs, a round trip on the lock's connection: proves the lock
   * is still held, notices a rebuild request while no events arrive, and
   * turns "failed" back into "running" once a resubscription holds.
   */
  private async watch(lock: ProjectionLock, watch: Interruptible): Promise<Ending> {
    while (!watch.isInterrupted) {
      await watch.sleep(this.deps.options.lockRetryMs);
      if (watch.isInterrupted) break;
      try {
        const rows = await lock.query<{ requested: boolean }>(
          'SELECT rebuild_requested_at IS NOT NULL AS requested FROM rm_checkpoints WHERE projection = $1',
          [this.name],
        );
        if (rows[0]?.requested) return 'handover';
        this.state = 'running';
      } catch {
        return 'lock-lost';
      }
    }
    return new Promise<Ending>(() => undefined); // the race is already decided
  }
}
