import { Pool, PoolConfig } from 'pg';
import {
  AppendResult,
  BatchHandler,
  EventFilter,
  EventStore,
  EventStoreUnavailableError,
  ExpectedRevision,
  GlobalPosition,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { EventRow, toRecordedEvent } from './event-row';
import { runMigrations } from './migration-runner';
import { EVENT_STORE_MIGRATIONS } from './migrations';
import { appendError, unavailable } from './pg-errors';
import { DEFAULT_POLL_DELAYS, PollDelays, PollingSubscription, PollResult } from './polling-subscription';
import {
  APPEND_SQL,
  filterParameters,
  HEAD_SQL,
  POLL_SQL,
  READ_ALL_SQL,
  READ_STREAM_BACKWARDS_SQL,
  READ_STREAM_FORWARDS_SQL,
} from './read-queries';
import { toAppendParameters } from './validate-append';
import { WakeSignal } from './wake-signal';

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
}

interface AppendRow {
  next_revision: string;
  last_position: string;
  idempotent_replay: boolean;
}

const MAX_BIGINT = '9223372036854775807';

function checkCount(value: number | undefined, what: string): number | null {
  if (value === undefined) return null;
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} must be a whole number >= 0`);
  return value;
}

/**
 * The default EventStore: PostgreSQL through a pg Pool. Appends are one call of
 * the es_append function (one round trip, one transaction); see
 * migrations/002-append-function.ts for positions, locking and the hash chain.
 * Create it with createPostgresEventStore(), which applies the migrations.
 */
export class PostgresEventStore implements EventStore {
  private readonly pool: Pool;
  private readonly ownsPool: boolean;
  private readonly signal = new WakeSignal();
  private readonly subscriptions = new Set<PollingSubscription>();
  private closed = false;

  constructor(private readonly options: PostgresEventStoreOptions) {
    this.ownsPool = options.pool === undefined;
    this.pool = options.pool ?? new Pool(this.poolConfig());
    // Without a listener an idle connection's error would crash the process.
    if (this.ownsPool) this.pool.on('error', (error) => options.onConnectionError?.(error));
  }

  private poolConfig(): PoolConfig {
    if (!this.options.connectionString) throw new Error('PostgresEventStore needs a connectionString or a pool');
    return {
      connectionString: this.options.connectionString,
      max: this.options.poolSize ?? 10,
      connectionTimeoutMillis: this.options.connectionTimeoutMs ?? 10_000,
    };
  }

  /** Applies pending migrations; safe to run from several instances at once. */
  async init(): Promise<void> {
    try {
      await runMigrations(this.pool, EVENT_STORE_MIGRATIONS);
    } catch (error) {
      throw unavailable(error, 'migration');
    }
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const p = toAppendParameters(streamId, events, expected);
    if (this.closed) throw new EventStoreUnavailableError('event store: append after close()');
    let row: AppendRow;
    try {
      const result = await this.pool.query<AppendRow>({
        name: 'es_append',
        text: APPEND_SQL,
        values: [streamId, p.expected, p.ids, p.types, p.versions, p.data, p.metadata],
      });
      row = result.rows[0];
    } catch (error) {
      throw appendError(error, streamId, expected, p.ids);
    }
    if (!row.idempotent_replay) this.signal.notify();
    return {
      nextRevision: Number(row.next_revision),
      position: BigInt(row.last_position),
      idempotentReplay: row.idempotent_replay,
    };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const from = checkCount(options.fromRevision, 'fromRevision');
    const maxCount = checkCount(options.maxCount, 'maxCount');
    const rows = backwards
      ? await this.query('read stream', 'es_read_stream_backwards', READ_STREAM_BACKWARDS_SQL, [streamId, from ?? MAX_BIGINT, maxCount])
      : await this.query('read stream', 'es_read_stream', READ_STREAM_FORWARDS_SQL, [streamId, from ?? 0, maxCount]);
    return rows.map(toRecordedEvent);
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

  async ping(): Promise<void> {
    await this.query('ping', undefined, 'SELECT 1', []);
  }

  /** Stops this instance's subscriptions, then closes the pool. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    if (this.ownsPool) await this.pool.end();
  }

  private async poll(after: GlobalPosition, filter: EventFilter | undefined, batchSize: number): Promise<PollResult> {
    type PollRow = EventRow & { head: string };
    const rows = await this.query<PollRow>('poll', undefined, POLL_SQL, [String(after), ...filterParameters(filter), batchSize]);
    if (rows.length === 0) return { events: [], caughtUpTo: after };
    const events = rows[0].event_id === null ? [] : rows.map(toRecordedEvent);
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
