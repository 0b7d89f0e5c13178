import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../auth/principal';
import { CaseParties, caseVisibility } from '../../cases/domain/case-visibility';
import { EVENT_STORE, EventStore, GlobalPosition, RecordedEvent } from '../../event-store/event-store.port';
import { readCheckpoint } from '../../projections/runtime/checkpoints';
import type { Projection } from '../../projections/runtime/projection';
import { ProjectionCommits } from '../../projections/runtime/projection-commits';
import { filterOf } from '../../projections/runtime/projection-filter';
import { PROJECTIONS, READ_MODELS_DATA_SOURCE } from '../../projections/runtime/tokens';
import { WorkQueueQueries } from '../../projections/work-queue/work-queue.query';
import { messageOf } from '../../common/error-message';

export const WORK_QUEUE = 'work-queue';
/** Commits made by another instance are noticed within this (local ones at once). */
export const CHECKPOINT_POLL_MS = 1000;
const READ_PAGE = 1000;
/** Parties of cases seen open, for telling their watchers when they close (bounded). */
const KNOWN_PARTIES_LIMIT = 200_000;

export type QueueSignal = 'changed' | 'signed-out';

export interface QueueWatcher {
  principal: Principal;
  /** Epoch ms when the session's token expires: the watcher is then told to sign in again. */
  expiresAt: number;
  signal(kind: QueueSignal): void;
  /** Ends the stream (service shutdown). */
  end(): void;
}

const caseIdOf = (event: RecordedEvent): string | undefined => {
  const data: unknown = event.data;
  const id: unknown = typeof data === 'object' && data !== null ? Reflect.get(data, 'caseId') : undefined;
  return typeof id === 'string' ? id : undefined;
};

/**
 * Tells open queue pages that a case they may show arrived, moved or left.
 * Driven by the work-queue projection's checkpoint, so a signal always
 * follows the commit of the read model it refers to: on each local commit
 * (ProjectionCommits) and, for commits by other instances, by polling the
 * checkpoint while anyone watches. The events between the last checkpoint
 * seen and the new one name the cases; each watcher is signalled only when
 * the case's parties are visible to it (the API's caseVisibility rule).
 */
@Injectable()
export class QueueChanges implements OnModuleDestroy {
  private readonly logger = new Logger('ConsoleQueue');
  private readonly watchers = new Set<QueueWatcher>();
  private readonly knownParties = new Map<string, CaseParties>();
  private cursor: GlobalPosition | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private poll: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    @Inject(READ_MODELS_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ProjectionCommits) private readonly commits: ProjectionCommits,
    @Inject(WorkQueueQueries) private readonly queries: WorkQueueQueries,
    @Inject(PROJECTIONS) private readonly projections: Projection[],
  ) {}

  /** Starts signalling `watcher`; returns the function that stops it. */
  watch(watcher: QueueWatcher): () => void {
    this.watchers.add(watcher);
    if (!this.poll) {
      this.unsubscribe = this.commits.subscribe((name) => {
        if (name === WORK_QUEUE) this.kick();
      });
      this.poll = setInterval(() => this.kick(), CHECKPOINT_POLL_MS);
      this.poll.unref();
      this.kick();
    }
    return () => {
      this.watchers.delete(watcher);
      if (this.watchers.size === 0) this.stop();
    };
  }

  get watching(): number {
    return this.watchers.size;
  }

  onModuleDestroy(): void {
    for (const watcher of [...this.watchers]) watcher.end();
    this.watchers.clear();
    this.stop();
  }

  private stop(): void {
    clearInterval(this.poll);
    this.poll = undefined;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    // Watching again starts from the checkpoint of that moment.
    this.cursor = undefined;
  }

  /** One round at a time; a kick during a round runs one more round after it. */
  private kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.round()
      .catch((error: unknown) =>
        this.logger.warn({
          msg: 'queue change round failed; the next one retries',
          error: messageOf(error),
        }),
      )
      .finally(() => {
        this.running = undefined;
        if (this.again && this.watchers.size > 0) {
          this.again = false;
          this.kick();
        }
      });
  }

  private async round(): Promise<void> {
    this.expireSessions();
    if (this.watchers.size === 0) return;
    const head = (await readCheckpoint(this.dataSource, WORK_QUEUE))?.position ?? 0n;
    if (this.cursor === undefined) {
      this.cursor = head; // pages render the read model as of now: only later commits matter
      return;
    }
    if (head <= this.cursor) return;
    const caseIds = await this.casesBetween(this.cursor, head);
    this.cursor = head;
    if (caseIds.size === 0) return;
    const open = await this.queries.partiesOf([...caseIds]);
    if (this.knownParties.size > KNOWN_PARTIES_LIMIT) this.knownParties.clear();
    for (const [id, parties] of open) this.knownParties.set(id, parties);
    const touched = [...caseIds].map((id) => open.get(id) ?? this.knownParties.get(id)).filter((p): p is CaseParties => p !== undefined);
    for (const id of caseIds) if (!open.has(id)) this.knownParties.delete(id);
    for (const watcher of this.watchers) {
      if (touched.some((parties) => caseVisibility(watcher.principal, parties).visible)) watcher.signal('changed');
    }
  }

  /** Case ids of the work queue's events in (after, upTo]. */
  private async casesBetween(after: GlobalPosition, upTo: GlobalPosition): Promise<Set<string>> {
    const projection = this.projections.find((p) => p.name === WORK_QUEUE);
    const filter = projection ? filterOf(projection) : undefined;
    const ids = new Set<string>();
    let from = after;
    for (;;) {
      const events = await this.store.readAll({ after: from, maxCount: READ_PAGE, filter });
      for (const event of events) {
        if (event.position > upTo) return ids;
        const id = caseIdOf(event);
        if (id) ids.add(id);
      }
      if (events.length < READ_PAGE) return ids;
      from = events[events.length - 1].position;
    }
  }

  private expireSessions(): void {
    const now = Date.now();
    for (const watcher of this.watchers) if (watcher.expiresAt <= now) watcher.signal('signed-out');
  }
}
