import { Pool, PoolClient, PoolConfig } from 'pg';
import {
  AppendResult,
  BatchHandler,
  EventFilter,
  EventImport,
  EventStore,
  EventStoreUnavailableError,
  ExpectedRevision,
  GlobalPosition,
  IdempotencyViolationError,
  ImportResult,
  InvalidAppendError,
  LogHold,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
  WrongExpectedRevisionError,
} from '../event-store.port';
import {
  APPEND_BATCH_SQL,
  APPEND_SQL,
  appendBatchValues,
  appendValues,
  BatchedAppend,
  FAST_APPEND_MAX_EVENTS,
  fastAppend,
} from './append-statements';
import { EventRow, sortByPosition, toRecordedEvent } from './event-row';
import { migrateEventStore } from './migrate';
import { appendError, hasSqlState, isUniqueViolation, unavailable } from './pg-errors';
import { DEFAULT_POLL_DELAYS, PollDelays, PollingSubscription, PollResult } from './polling-subscription';
import {
  filterParameters,
  HEAD_SQL,
  LOG_HOLD_SQL,
  POLL_SQL,
  READ_ALL_SQL,
  READ_STREAM_BACKWARDS_SQL,
  READ_STREAM_FORWARDS_SQL,
} from './read-queries';
import { StreamHeads } from './stream-heads';
import { AppendParameters, toAppendParameters } from '../append-validation';
import { WakeSignal } from './wake-signal';
import { FlushItem, GroupCommitQueue, GroupCommitStats } from './group-commit-queue';
import { toImportParameters } from '../import-validation';
import { importWithClient } from './bulk-import';

export interface PostgresEventStoreOptions {
  /** Required unless `pool` is given. */
  connectionString?: string;
  /** Connections in this instance's pool (default 10). */
  poolSize?: number;
  /** How long to wait for a connection before failing with EventStoreUnavailableError (default 10 s). */
  connectionTimeoutMs?: number;
  pollDelays?: PollDelays;
  /** Errors of idle pooled connections (e.g. the server restarted); they are otherwise ignored. */
  onConnectionError?: (error: Error) => void;
  /** Use this pool instead of creating one; the caller owns it (close() leaves it open). */
  pool?: Pool;
  /**
   * Streams whose head (last revision and hash) this instance remembers for the
   * fast append path (default 10,000, about 200 bytes each). 0 sends every
   * append through the es_append function.
   */
  streamHeadCacheSize?: number;
  /**
   * Group commit (default on): appends arriving while maxFlushesInFlight
   * flushes run are queued and written together, one round trip and one
   * transaction per flush, each append with its own outcome. See
   * migrations/004-group-commit.ts for why the guarantees hold.
   */
  groupCommit?: boolean;
  /** Flushes running at once (default: a quarter of the pool, 1 to 2). */
  maxFlushesInFlight?: number;
  /** Events in one flush at most (default 1000); a larger append goes alone. */
  maxEventsPerFlush?: number;
}

interface AppendRow {
  next_revision: string;
  last_position: string;
  idempotent_replay: boolean;
  last_hash: string | null;
}

interface FastAppendRow {
  position: string;
}

/** One row of es_append_batch per append: an outcome, not an exception. */
interface BatchAppendRow {
  ok: boolean;
  code: string | null;
  detail: string | null;
  next_revision: string | null;
  last_position: string | null;
  idempotent_replay: boolean;
  last_hash: string | null;
}

interface QueuedAppend extends BatchedAppend {
  expected: ExpectedRevision;
}

const DEFAULT_POOL_SIZE = 10;
const DEFAULT_MAX_EVENTS_PER_FLUSH = 1000;

/**
 * Fewer flushes in flight make larger batches, and a batch costs the server
 * about what a single append does: on PostgreSQL 15 (2 CPUs) 2 flushes did best
 * at 16 writers (median ours/raw 0.94 against 0.82 with 4) and at 64 (1.31
 * against 1.22 with 4, 1.01 with 8). A pool of fewer than 8 gets 1; the rest of
 * the pool stays free for reads. A larger server may want more: the option.
 */
const defaultFlushesInFlight = (poolSize: number): number => Math.min(2, Math.max(1, Math.floor(poolSize / 4)));

const MAX_BIGINT = '9223372036854775807';
/** Positions keep 20 bits for the index of an event within its transaction. */
const MAX_EVENTS_PER_FLUSH = 2 ** 20 - 1;

/** The store's own verdicts (as opposed to a failed connection or server). */
const isVerdict = (error: unknown): boolean =>
  error instanceof WrongExpectedRevisionError || error instanceof IdempotencyViolationError || error instanceof InvalidAppendError;

function checkCount(value: number | undefined, what: string): number | null {
  if (value === undefined) return null;
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} must be a whole number >= 0`);
  return value;
}

/**
 * The default EventStore: PostgreSQL through a pg Pool. An append is one
 * statement (one round trip, one transaction): a plain statement when this
 * instance knows the stream's head, else a call of the es_append function,
 * which is also the fallback when the plain statement declines. See
 * migrations/003-fast-append-support.ts for both paths, positions, locking and the
 * hash chain. Create it with createPostgresEventStore(), which applies the migrations.
 */
export class PostgresEventStore implements EventStore {
  private readonly pool: Pool;
  private readonly ownsPool: boolean;
  private readonly signal = new WakeSignal();
  private readonly subscriptions = new Set<PollingSubscription>();
  private readonly heads: StreamHeads;
  private readonly groupCommit: GroupCommitQueue<QueuedAppend, AppendResult> | undefined;
  private closed = false;

  constructor(private readonly options: PostgresEventStoreOptions) {
    this.heads = new StreamHeads(checkCount(options.streamHeadCacheSize, 'streamHeadCacheSize') ?? 10_000);
    this.groupCommit = options.groupCommit === false ? undefined : this.groupCommitQueue();
    this.ownsPool = options.pool === undefined;
    this.pool = options.pool ?? new Pool(this.poolConfig());
    // Without a listener an idle connection's error would crash the process.
    if (this.ownsPool) this.pool.on('error', (error) => options.onConnectionError?.(error));
  }

  private poolConfig(): PoolConfig {
    if (!this.options.connectionString) throw new Error('PostgresEventStore needs a connectionString or a pool');
    return {
      connectionString: this.options.connectionString,
      max: this.options.poolSize ?? DEFAULT_POOL_SIZE,
      connectionTimeoutMillis: this.options.connectionTimeoutMs ?? 10_000,
    };
  }

  /** Applies pending migrations; safe to run from several instances at once. */
  async init(): Promise<void> {
    try {
      await migrateEventStore(this.pool);
    } catch (error) {
      throw unavailable(error, 'migration');
    }
  }

  private groupCommitQueue(): GroupCommitQueue<QueuedAppend, AppendResult> {
    const poolSize = this.options.pool?.options.max ?? this.options.poolSize ?? DEFAULT_POOL_SIZE;
    return new GroupCommitQueue(
      {
        maxFlushesInFlight: this.options.maxFlushesInFlight ?? defaultFlushesInFlight(poolSize),
        maxEventsPerFlush: Math.min(this.options.maxEventsPerFlush ?? DEFAULT_MAX_EVENTS_PER_FLUSH, MAX_EVENTS_PER_FLUSH),
      },
      (items) => this.flush(items),
    );
  }

  /** What group commit did so far (zeros when it is off). */
  groupCommitStats(): GroupCommitStats {
    return this.groupCommit?.stats() ?? { flushes: 0, appends: 0, events: 0, maxAppends: 0 };
  }

  resetGroupCommitStats(): void {
    this.groupCommit?.resetStats();
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const p = toAppendParameters(streamId, events, expected);
    if (this.closed) throw new EventStoreUnavailableError('event store: append after close()');
    if (this.groupCommit === undefined) return this.appendAlone(streamId, p, expected);
    return this.groupCommit.submit({ streamId, p, expected }, p.ids.length);
  }

  /** A flush of one append takes the single-append paths (the fast statement when the head is known). */
  private async flush(items: FlushItem<QueuedAppend, AppendResult>[]): Promise<void> {
    if (items.length === 1) {
      const [{ append, resolve, reject }] = items;
      await this.appendAlone(append.streamId, append.p, append.expected).then(resolve, reject);
      return;
    }
    let rows: BatchAppendRow[];
    try {
      rows = (
        await this.pool.query<BatchAppendRow>({
          name: 'es_append_batch',
          text: APPEND_BATCH_SQL,
          values: appendBatchValues(items.map((i) => i.append)),
        })
      ).rows;
    } catch (error) {
      await this.batchFailed(items, error);
      return;
    }
    let wrote = false;
    items.forEach((item, i) => {
      if (this.settle(item, rows[i])) wrote = true;
    });
    if (wrote) this.signal.notify();
  }

  /** One append's row of es_append_batch: its own result or error. True when it wrote events. */
  private settle({ append, resolve, reject }: FlushItem<QueuedAppend, AppendResult>, row: BatchAppendRow | undefined): boolean {
    const { streamId, p, expected } = append;
    if (row === undefined || !row.ok || row.next_revision === null || row.last_position === null) {
      this.heads.forget(streamId);
      const detail = row?.detail ?? 'no result for this append';
      reject(appendError({ code: row?.code ?? undefined, detail, message: detail }, streamId, expected, p.ids));
      return false;
    }
    const nextRevision = Number(row.next_revision);
    if (row.last_hash === null) this.heads.forget(streamId);
    else this.heads.remember(streamId, { revision: nextRevision, hash: row.last_hash });
    resolve({ nextRevision, position: BigInt(row.last_position), idempotentReplay: row.idempotent_replay });
    return !row.idempotent_replay;
  }

  /**
   * The batch failed as a whole. An error the server reported (a SQLSTATE)
   * rolled its one transaction back: nothing of it was written. Without one
   * (a lost socket) the commit may have happened: as for a single append, a
   * retry with the same event ids then replays.
   */
  private async batchFailed(items: FlushItem<QueuedAppend, AppendResult>[], error: unknown): Promise<void> {
    for (const { append } of items) this.heads.forget(append.streamId);
    if (isUniqueViolation(error)) {
      // An id stored concurrently in another stream aborted the batch: retry each append alone, in order, for its own outcome.
      for (const { append, resolve, reject } of items)
        await this.appendAlone(append.streamId, append.p, append.expected).then(resolve, reject);
      return;
    }
    const written = hasSqlState(error) ? 'none written' : 'outcome unknown, a retry with the same event ids is safe';
    const failure = unavailable(error, `append (group commit of ${items.length} appends, ${written})`);
    for (const { reject } of items) reject(failure);
  }

  private async appendAlone(streamId: string, p: AppendParameters, expected: ExpectedRevision): Promise<AppendResult> {
    let result: AppendResult;
    try {
      result = (await this.appendToKnownHead(streamId, p, expected)) ?? (await this.appendThroughFunction(streamId, p));
    } catch (error) {
      // The outcome may be unknown (lost connection): let a retry take the complete path.
      this.heads.forget(streamId);
      throw appendError(error, streamId, expected, p.ids);
    }
    if (!result.idempotentReplay) this.signal.notify();
    return result;
  }

  /** The fast path; undefined when it declined (no known head, or the head was not as this instance knew it). */
  private async appendToKnownHead(streamId: string, p: AppendParameters, expected: ExpectedRevision): Promise<AppendResult | undefined> {
    const head = p.ids.length <= FAST_APPEND_MAX_EVENTS ? this.heads.forAppend(streamId, expected) : undefined;
    if (head === undefined) return undefined;
    const append = fastAppend(streamId, p, head);
    let rows: FastAppendRow[];
    try {
      rows = (await this.pool.query<FastAppendRow>({ name: append.name, text: append.text, values: append.values })).rows;
    } catch (error) {
      if (isUniqueViolation(error)) return undefined;
      throw error;
    }
    if (rows.length !== p.ids.length) return undefined;
    this.heads.remember(streamId, append.next);
    const position = rows.reduce((max, row) => (BigInt(row.position) > max ? BigInt(row.position) : max), 0n);
    return { nextRevision: append.next.revision, position, idempotentReplay: false };
  }

  private async appendThroughFunction(streamId: string, p: AppendParameters): Promise<AppendResult> {
    const { rows } = await this.pool.query<AppendRow>({ name: 'es_append', text: APPEND_SQL, values: appendValues(streamId, p) });
    const row = rows[0];
    const nextRevision = Number(row.next_revision);
    if (row.last_hash === null) this.heads.forget(streamId);
    else this.heads.remember(streamId, { revision: nextRevision, hash: row.last_hash });
    return { nextRevision, position: BigInt(row.last_position), idempotentReplay: row.idempotent_replay };
  }

  /** One transaction on a connection of its own; see bulk-import.ts. */
  async importEvents(batch: EventImport): Promise<ImportResult> {
    const p = toImportParameters(batch);
    if (this.closed) throw new EventStoreUnavailableError('event store: import after close()');
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw unavailable(error, 'import');
    }
    let broken: Error | undefined;
    // A checked-out client emits a lost connection as an 'error' event, which would crash the process unheard; the query rejects with it too.
    const ignore = (): void => undefined;
    client.on('error', ignore);
    try {
      const { result, heads } = await importWithClient(client, p);
      for (const stream of p.streams) {
        const head = heads.get(stream.streamId);
        if (head === undefined) this.heads.forget(stream.streamId);
        else this.heads.remember(stream.streamId, head);
      }
      if (!result.idempotentReplay) this.signal.notify();
      return result;
    } catch (error) {
      for (const stream of p.streams) this.heads.forget(stream.streamId);
      // Without a SQLSTATE the connection itself failed: do not hand it back to the pool.
      if (!hasSqlState(error) && error instanceof Error && !isVerdict(error)) broken = error;
      throw appendError(error, p.streams[0].streamId, p.streams[0].expected, p.ids);
    } finally {
      client.off('error', ignore);
      client.release(broken);
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const from = checkCount(options.fromRevision, 'fromRevision');
    const maxCount = checkCount(options.maxCount, 'maxCount');
    const rows = backwards
      ? await this.query('read stream', 'es_read_stream_backwards', READ_STREAM_BACKWARDS_SQL, [streamId, from ?? MAX_BIGINT, maxCount])
      : await this.query('read stream', 'es_read_stream', READ_STREAM_FORWARDS_SQL, [streamId, from ?? 0, maxCount]);
    const events = rows.map(toRecordedEvent);
    const latest = backwards ? events[0] : events[events.length - 1];
    // A command handler reads a stream, then appends to it: its next append can take the fast path.
    if (latest !== undefined) this.heads.saw(streamId, latest);
    return events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const maxCount = checkCount(options.maxCount, 'maxCount');
    // Unnamed: planned with the actual position and limit each time (see read-queries.ts).
    const rows = await this.query('read all', undefined, READ_ALL_SQL, [
      String(options.after ?? 0n),
      ...filterParameters(options.filter),
      maxCount,
    ]);
    return rows.map(toRecordedEvent);
  }

  subscribeToAll(options: SubscribeOptions, handler: BatchHandler): Subscription {
    const subscription = new PollingSubscription(
      (after, filter, batchSize) => this.poll(after, filter, batchSize),
      this.signal,
      options,
      handler,
      this.options.pollDelays ?? DEFAULT_POLL_DELAYS,
    );
    this.subscriptions.add(subscription);
    void subscription.done.catch(() => undefined).then(() => this.subscriptions.delete(subscription));
    return subscription;
  }

  async headPosition(): Promise<GlobalPosition> {
    const rows = await this.query<{ position: string }>('head position', 'es_head', HEAD_SQL, []);
    return rows.length === 0 ? 0n : BigInt(rows[0].position);
  }

  async logHold(): Promise<LogHold | null> {
    type HoldRow = { held: boolean; pid: number | null; xact_start: Date | null; application_name: string | null };
    const [row] = await this.query<HoldRow>('log hold', undefined, LOG_HOLD_SQL, []);
    if (!row?.held) return null;
    return { pid: row.pid, transactionStartedAt: row.xact_start, applicationName: row.application_name };
  }

  async ping(): Promise<void> {
    await this.query('ping', undefined, 'SELECT 1', []);
  }

  /** Stops this instance's subscriptions, then closes the pool. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.groupCommit?.idle();
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    if (this.ownsPool) await this.pool.end();
  }

  private async poll(after: GlobalPosition, filter: EventFilter | undefined, batchSize: number): Promise<PollResult> {
    type PollRow = EventRow & { head: string };
    const rows = await this.query<PollRow>('poll', undefined, POLL_SQL, [String(after), ...filterParameters(filter), batchSize]);
    if (rows.length === 0) return { events: [], caughtUpTo: after };
    const events = rows[0].event_id === null ? [] : sortByPosition(rows.map(toRecordedEvent));
    const head = BigInt(rows[0].head);
    const caughtUpTo = events.length === batchSize ? events[events.length - 1].position : head;
    return { events, caughtUpTo: caughtUpTo > after ? caughtUpTo : after };
  }

  private async query<R = EventRow>(doing: string, name: string | undefined, text: string, values: unknown[]): Promise<R[]> {
    if (this.closed) throw new EventStoreUnavailableError(`event store: ${doing} after close()`);
    try {
      const result = await this.pool.query<R & object>({ name, text, values });
      return result.rows;
    } catch (error) {
      throw unavailable(error, doing);
    }
  }
}

/** Creates the store and applies its migrations; fails with EventStoreUnavailableError when unreachable. */
export async function createPostgresEventStore(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
  const store = new PostgresEventStore(options);
  try {
    await store.init();
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
  return store;
}
