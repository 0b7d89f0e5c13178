import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type AppendResult as ClientAppendResult,
  type ReadPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
import {
  EventStoreUnavailableError,
  IdempotencyViolationError,
  WrongExpectedRevisionError,
  type AppendResult,
  type BatchHandler,
  type EventImport,
  type EventStore,
  type ExpectedRevision,
  type GlobalPosition,
  type ImportResult,
  type LogHold,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.port';
import { toAppendParameters } from '../append-validation';
import { checkImportedEvents, satisfies, toImportParameters } from '../import-validation';
import { BatchingSubscription } from './batching-subscription';
import { isCheckpointMarker, pushCheckpointMarker, type SubscriptionItem } from './checkpoint-marker';
import { EMPTY_TAIL, decodeResolvedEvent, encodeEvents } from './event-encoding';
import { isSystemEvent, matchesFilter, serverFilterFor } from './event-filter';
import { toReadPosition } from './positions';
import { KeyedQueue, backoffMs } from './keyed-queue';
import { findPriorAppend } from './prior-append';
import { exactTarget, fromClientRevision, pinnedRevision } from './revision-mapping';
import { isMissingStream, isWrongExpectedVersion, toStoreError } from './store-errors';
import { messageOf } from '../../common/error-message';

/** The part of the client the adapter uses (a test double can stand in for it). */
export type EsdbClient = Pick<EventStoreDBClient, 'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'dispose'>;

export interface EventStoreDbStoreOptions {
  /**
   * Extra tail events searched for the ids of an 'any' / 'stream-exists' append
   * (a retry is recognised while its events are among the stream's last
   * batch-size + window events).
   */
  idempotencyWindow?: number;
  /**
   * Read-then-append attempts of an 'any' / 'stream-exists' append racing
   * writers of other instances (with jittered exponential backoff, capped at 100 ms).
   */
  maxAppendAttempts?: number;
  subscriptionIdleMs?: number;
  pingDeadlineMs?: number;
}

const READ_ALL_PAGE = 1_000;
const HEAD_PAGE = 100;
const DEFAULT_BATCH_SIZE = 500;

type Resolved = ResolvedEvent | AllStreamResolvedEvent;

async function collect<T>(read: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of read) items.push(item);
  return items;
}

const decodedOnly = (items: Resolved[]): RecordedEvent[] =>
  items.map(decodeResolvedEvent).filter((event): event is RecordedEvent => event !== undefined);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The event store on EventStoreDB / KurrentDB through @eventstore/db-client 6.
 *
 * - Streams and ids pass through unchanged; events are JSON events whose
 *   EventStoreDB id is ours. schemaVersion, prevHash and hash ride in the
 *   metadata under '$kz' (event-encoding.ts).
 * - The hash chain needs the previous event's hash, so every append first reads
 *   the stream's tail and then appends with exactly the revision it read; a
 *   concurrent writer makes that append fail and an 'any' append starts over.
 * - Global position = the $all commit position. gRPC appends write one log
 *   record per event whose commit and prepare positions are equal, so the
 *   commit position alone identifies an event and {commit: p, prepare: p} is a
 *   valid place to resume from (positions.ts).
 */
export class EventStoreDbStore implements EventStore {
  private readonly idempotencyWindow: number;
  private readonly maxAppendAttempts: number;
  private readonly subscriptionIdleMs: number;
  private readonly pingDeadlineMs: number;
  private readonly subscriptions = new Set<Subscription>();
  private readonly appendQueue = new KeyedQueue();
  private closing?: Promise<void>;

  constructor(
    private readonly client: EsdbClient,
    options: EventStoreDbStoreOptions = {},
  ) {
    this.idempotencyWindow = options.idempotencyWindow ?? 32;
    this.maxAppendAttempts = options.maxAppendAttempts ?? 50;
    this.subscriptionIdleMs = options.subscriptionIdleMs ?? 10;
    this.pingDeadlineMs = options.pingDeadlineMs ?? 3_000;
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    toAppendParameters(streamId, events, expected);
    return this.appendQueue.run(streamId, () =>
      expected === 'any' || expected === 'stream-exists'
        ? this.appendAtTail(streamId, events, expected)
        : this.appendAtRevision(streamId, events, expected),
    );
  }

  /**
   * Correct, not fast: EventStoreDB has no transaction over several streams,
   * so every stream is read and checked first (idempotency, then the expected
   * revision), and only then are the events appended, each run of consecutive
   * events of one stream as one append at the exact revision checked, in the
   * given order (which keeps the order of positions). A writer racing the
   * import on one of its streams fails that run and leaves the runs before it
   * written (see EventStore.importEvents).
   */
  async importEvents(batch: EventImport): Promise<ImportResult> {
    const p = toImportParameters(batch);
    checkImportedEvents(p);
    const stored = await Promise.all(p.streams.map((s) => this.readStream(s.streamId)));
    const priors = p.streams.map((s, k) => ({
      stream: s,
      prior: findPriorAppend(
        s.events.map((i) => p.ids[i]),
        stored[k],
      ),
    }));
    const replays = priors.filter((x) => x.prior.kind === 'replay');
    for (const { stream, prior } of priors) {
      const ids = stream.events.map((i) => p.ids[i]);
      if (prior.kind === 'conflict') throw new IdempotencyViolationError(stream.streamId, ids, prior.reason);
      if (prior.kind === 'none' && replays.length > 0) {
        throw new IdempotencyViolationError(
          stream.streamId,
          ids,
          'other streams of the import already hold their events, this one does not',
        );
      }
    }
    if (replays.length > 0) {
      const nextRevisions = new Map<string, number>();
      let position = 0n;
      for (const { stream, prior } of priors) {
        if (prior.kind !== 'replay') continue;
        nextRevisions.set(stream.streamId, prior.last.revision);
        if (prior.last.position > position) position = prior.last.position;
      }
      return { written: 0, nextRevisions, position, idempotentReplay: true };
    }
    const revisions = new Map(p.streams.map((s, k) => [s.streamId, stored[k].at(-1)?.revision ?? -1]));
    for (const stream of p.streams) {
      const actual = revisions.get(stream.streamId) ?? -1;
      if (!satisfies(stream.expected, actual)) throw new WrongExpectedRevisionError(stream.streamId, stream.expected, actual);
    }
    let position = 0n;
    for (let from = 0; from < p.ids.length;) {
      const s = p.stream[from];
      let to = from + 1;
      while (to < p.ids.length && p.stream[to] === s) to++;
      const { streamId } = p.streams[s];
      const events: NewEvent[] = batch.events
        .slice(from, to)
        .map(({ id, type, schemaVersion, data, metadata }) => ({ id, type, schemaVersion, data, metadata }));
      const revision = revisions.get(streamId) ?? -1;
      const result = await this.append(streamId, events, revision === -1 ? 'no-stream' : revision);
      revisions.set(streamId, result.nextRevision);
      position = result.position;
      from = to;
    }
    return { written: p.ids.length, nextRevisions: revisions, position, idempotentReplay: false };
  }

  /** 'no-stream' / N: the caller names the revision; a stream past it may hold this very append already. */
  private async appendAtRevision(streamId: string, events: NewEvent[], expected: number | 'no-stream'): Promise<AppendResult> {
    const target = exactTarget(expected);
    const [tail] = await this.readTail(streamId, 1);
    const current = tail?.revision ?? -1;
    if (current < target) throw new WrongExpectedRevisionError(streamId, expected, current);
    if (current > target) return this.replayOrConflict(streamId, events, expected, current);
    try {
      return await this.write(streamId, events, tail ?? EMPTY_TAIL);
    } catch (error) {
      if (!isWrongExpectedVersion(error)) throw error;
      // Someone appended between our read and write: their events may be these very ones.
      return this.replayOrConflict(streamId, events, expected, fromClientRevision(error.actualVersion));
    }
  }

  /** 'any' / 'stream-exists': look for the ids near the tail, then append at the revision read. */
  private async appendAtTail(streamId: string, events: NewEvent[], expected: 'any' | 'stream-exists'): Promise<AppendResult> {
    const ids = events.map((event) => event.id);
    let lastConflict = -1;
    for (let attempt = 1; attempt <= this.maxAppendAttempts; attempt++) {
      const window = events.length + this.idempotencyWindow;
      const tailEvents = await this.readTail(streamId, window);
      const tail = tailEvents.at(-1);
      const prior = await this.priorAppendNearTail(streamId, ids, tailEvents, window);
      if (prior.kind === 'replay') return replayed(prior.last);
      if (prior.kind === 'conflict') throw new IdempotencyViolationError(streamId, ids, prior.reason);
      if (expected === 'stream-exists' && !tail) throw new WrongExpectedRevisionError(streamId, expected, -1);
      try {
        return await this.write(streamId, events, tail ?? EMPTY_TAIL);
      } catch (error) {
        if (!isWrongExpectedVersion(error)) throw error;
        lastConflict = fromClientRevision(error.actualVersion);
        await sleep(backoffMs(attempt));
      }
    }
    throw new EventStoreUnavailableError(
      `Stream ${streamId}: gave up after ${this.maxAppendAttempts} attempts racing other writers (last seen revision ${lastConflict})`,
    );
  }

  private async write(streamId: string, events: NewEvent[], tail: { revision: number; hash: string }): Promise<AppendResult> {
    let result: ClientAppendResult;
    try {
      result = await this.client.appendToStream(streamId, encodeEvents(streamId, events, tail), {
        expectedRevision: pinnedRevision(tail.revision),
      });
    } catch (error) {
      if (isWrongExpectedVersion(error)) throw error;
      throw toStoreError(error, 'append');
    }
    const nextRevision = Number(result.nextExpectedRevision);
    // A concurrent identical append may have won the race; the server then reports its events
    // (same revisions, same positions), so the two outcomes cannot be told apart and are equal.
    const position = result.position?.commit ?? (await this.positionOfRevision(streamId, nextRevision));
    return { nextRevision, position, idempotentReplay: false };
  }

  /** The stream is past the caller's revision: are the slots after it this append's events? */
  private async replayOrConflict(
    streamId: string,
    events: NewEvent[],
    expected: number | 'no-stream',
    current: number,
  ): Promise<AppendResult> {
    const ids = events.map((event) => event.id);
    const slots = await this.readStream(streamId, { fromRevision: exactTarget(expected) + 1, maxCount: events.length });
    const prior = findPriorAppend(ids, slots);
    if (prior.kind === 'replay') return replayed(prior.last);
    if (prior.kind === 'conflict') throw new IdempotencyViolationError(streamId, ids, prior.reason);
    throw new WrongExpectedRevisionError(streamId, expected, current);
  }

  /**
   * The ids among the last `window` events; when they only partly show and the
   * window did not reach the stream's start, the rest may lie below it, so the
   * whole stream decides (rare: only on retries).
   */
  private async priorAppendNearTail(streamId: string, ids: string[], tail: RecordedEvent[], window: number) {
    const prior = findPriorAppend(ids, tail);
    if (prior.kind !== 'conflict' || tail.length < window || tail[0].revision === 0) return prior;
    return findPriorAppend(ids, await this.readStream(streamId));
  }

  /** The last `count` events of a stream, oldest first. */
  private async readTail(streamId: string, count: number): Promise<RecordedEvent[]> {
    return (await this.readStream(streamId, { direction: 'backwards', maxCount: count })).reverse();
  }

  private async positionOfRevision(streamId: string, revision: number): Promise<GlobalPosition> {
    const [event] = await this.readStream(streamId, { fromRevision: revision, maxCount: 1 });
    if (!event) throw new EventStoreUnavailableError(`Stream ${streamId}: event ${revision} vanished after the append`);
    return event.position;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const direction = options.direction ?? 'forwards';
    const { fromRevision, maxCount } = options;
    if (maxCount !== undefined && maxCount <= 0) return [];
    if (fromRevision !== undefined && fromRevision < 0 && direction === 'backwards') return [];
    const from = fromRevision === undefined ? (direction === 'forwards' ? START : END) : BigInt(Math.max(0, fromRevision));
    try {
      const read = this.client.readStream(streamId, {
        direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
        fromRevision: from,
        ...(maxCount === undefined ? {} : { maxCount }),
      });
      return decodedOnly(await collect(read));
    } catch (error) {
      if (isMissingStream(error)) return [];
      throw toStoreError(error, 'read stream');
    }
  }

  /**
   * $all forwards, page by page. Client 6 reads $all without a server-side
   * filter, so the filter (and the exclusion of system events) applies here.
   */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const limit = options.maxCount ?? Number.POSITIVE_INFINITY;
    const events: RecordedEvent[] = [];
    if (limit <= 0) return events;
    let lastSeen = options.after ?? -1n;
    let from: ReadPosition = options.after === undefined ? START : toReadPosition(options.after);
    for (;;) {
      const page = await this.readAllPage(from, READ_ALL_PAGE);
      for (const resolved of page) {
        const event = decodeResolvedEvent(resolved);
        // Reads from a position include the event at it: `after` is exclusive, so skip it.
        if (!event || event.position <= lastSeen) continue;
        lastSeen = event.position;
        if (!matchesFilter(event, options.filter)) continue;
        events.push(event);
        if (events.length >= limit) return events;
      }
      const next = page.at(-1)?.event?.position;
      if (page.length < READ_ALL_PAGE || !next || next.commit <= commitOf(from)) return events;
      from = next;
    }
  }

  private async readAllPage(from: ReadPosition, maxCount: number, backwards = false): Promise<AllStreamResolvedEvent[]> {
    try {
      return await collect(this.client.readAll({ fromPosition: from, maxCount, direction: backwards ? BACKWARDS : FORWARDS }));
    } catch (error) {
      throw toStoreError(error, 'read $all');
    }
  }

  subscribeToAll(options: SubscribeOptions, handler: BatchHandler): Subscription {
    let source: AllStreamSubscription;
    try {
      source = this.client.subscribeToAll({
        fromPosition: options.after === undefined ? START : toReadPosition(options.after),
        // The server's checkpoints say how far its filter has read: they join the events, in order (see checkpoint-marker.ts).
        filter: serverFilterFor(options.filter, pushCheckpointMarker),
      });
    } catch (error) {
      return failedSubscription(toStoreError(error, 'subscribe'));
    }
    let lastSeen = options.after ?? -1n;
    const { onRead } = options;
    // Batches are gathered as they stream in, so there is no earlier moment than delivery to announce one.
    const announced: BatchHandler =
      onRead === undefined
        ? handler
        : (events, progress) => {
            if (events.length > 0) onRead(events);
            return handler(events, progress);
          };
    const subscription = new BatchingSubscription<SubscriptionItem>(source, announced, {
      batchSize: Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE),
      idleMs: this.subscriptionIdleMs,
      progress: options.progress,
      after: options.after,
      accept: (item) => {
        if (isCheckpointMarker(item)) return undefined;
        const event = decodeResolvedEvent(item);
        // The server starts after the position; the check also guards against a replayed event.
        if (!event || event.position <= lastSeen) return undefined;
        lastSeen = event.position;
        return matchesFilter(event, options.filter) ? event : undefined;
      },
      positionOf: (item) => (isCheckpointMarker(item) ? item.checkpoint : (item.event?.position?.commit ?? item.commitPosition)),
    });
    this.subscriptions.add(subscription);
    const forget = () => this.subscriptions.delete(subscription);
    subscription.done.then(forget, forget);
    return subscription;
  }

  /** The newest non-system event of $all, read backwards a page at a time past EventStoreDB's own events. */
  async headPosition(): Promise<GlobalPosition> {
    let from: ReadPosition = END;
    for (;;) {
      const page = await this.readAllPage(from, HEAD_PAGE, true);
      for (const resolved of page) {
        const event = resolved.event;
        if (event && !isSystemEvent(event)) {
          const position = event.position?.commit ?? resolved.commitPosition;
          if (position !== undefined) return position;
        }
      }
      const oldest = page.at(-1)?.event?.position;
      if (page.length < HEAD_PAGE || !oldest) return 0n;
      from = oldest;
    }
  }

  /** EventStoreDB orders $all by commit: no open transaction holds readers back. */
  async logHold(): Promise<LogHold | null> {
    return null;
  }

  async ping(): Promise<void> {
    try {
      await collect(this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1, deadline: this.pingDeadlineMs }));
    } catch (error) {
      const reason = messageOf(error);
      throw new EventStoreUnavailableError(`EventStoreDB is not reachable: ${reason}`, error);
    }
  }

  /** Stops the subscriptions opened here, then the client; calling it again is harmless. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
      await this.client.dispose();
    })();
    return this.closing;
  }
}

function failedSubscription(error: Error): Subscription {
  const done = Promise.reject(error);
  done.catch(() => undefined);
  return { done, stop: async () => undefined };
}

/** The commit position a read starts from (-1 for the start of $all). */
function commitOf(from: ReadPosition): bigint {
  return typeof from === 'object' ? from.commit : -1n;
}

function replayed(last: RecordedEvent): AppendResult {
  return { nextRevision: last.revision, position: last.position, idempotentReplay: true };
}

export function createEventStoreDbStore(config: { connectionString: string } & EventStoreDbStoreOptions): EventStoreDbStore {
  const { connectionString, ...options } = config;
  return new EventStoreDbStore(EventStoreDBClient.connectionString(connectionString), options);
}
