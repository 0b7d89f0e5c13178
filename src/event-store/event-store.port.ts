/**
 * The one interface to the event store. It stores facts and knows nothing of
 * what they mean: no case, regulation or read-model type appears here.
 */

/** Position in the global log; strictly increasing in the order readers see events. */
export type GlobalPosition = bigint;

/** Revision of a stream: 0 for its first event. */
export type StreamRevision = number;

export type ExpectedRevision =
  | 'any' // append whatever the stream holds
  | 'no-stream' // the stream must not exist yet
  | 'stream-exists' // the stream must have at least one event
  | StreamRevision; // the stream's last revision must be exactly this

export interface EventActor {
  id: string;
  role: string;
  organisation?: string;
}

/** Metadata recorded with every event. Free-form extensions are allowed. */
export interface EventMetadata {
  actor?: EventActor;
  correlationId?: string;
  causationId?: string;
  commandId?: string;
  /** When the fact happened in the world (may differ from recordedAt). */
  occurredAt?: string;
  [extension: string]: unknown;
}

export interface NewEvent<TData = unknown> {
  /** Client-chosen UUID: appending the same id again is a no-op (idempotent retry). */
  id: string;
  type: string;
  schemaVersion: number;
  data: TData;
  metadata: EventMetadata;
}

export interface RecordedEvent<TData = unknown> {
  id: string;
  type: string;
  schemaVersion: number;
  streamId: string;
  revision: StreamRevision;
  position: GlobalPosition;
  recordedAt: Date;
  data: TData;
  metadata: EventMetadata;
  /** Hash of the previous event of the stream ('' for revision 0), see hash-chain.ts. */
  prevHash: string;
  /** Hash over this event's content chained to prevHash. */
  hash: string;
  /**
   * The exact JSON texts that were hashed; kept so verification does not depend
   * on re-serialising parsed objects.
   */
  rawData: string;
  rawMetadata: string;
}

export interface AppendResult {
  /** Revision of the last event of the stream after the append. */
  nextRevision: StreamRevision;
  /** Global position of the last event written (or found, for an idempotent retry). */
  position: GlobalPosition;
  /** True when every event id was already in the stream: nothing new was written. */
  idempotentReplay: boolean;
}

/** One event of an import, with the stream it belongs to. */
export interface ImportedEvent<TData = unknown> extends NewEvent<TData> {
  streamId: string;
}

export interface EventImport {
  /**
   * Events in the order they take global positions; each stream's events take
   * its next revisions in this order (streams may interleave).
   */
  events: ImportedEvent[];
  /**
   * Expected revision of each stream before the import, as for append; a stream
   * not named here must not exist yet ('no-stream'). Naming a stream without
   * events in the import is an InvalidAppendError.
   */
  expected?: ReadonlyMap<string, ExpectedRevision>;
}

export interface ImportResult {
  /** Events written: 0 for a replay. */
  written: number;
  /** Last revision of each stream of the import afterwards (as stored, for a replay). */
  nextRevisions: Map<string, StreamRevision>;
  /** Global position of the last event of the import (written or, for a replay, found). */
  position: GlobalPosition;
  /** True when every event id was already stored as this import would store it: nothing new was written. */
  idempotentReplay: boolean;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive; default: start (forwards) or end (backwards). */
  fromRevision?: StreamRevision;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Default: from the beginning. */
  after?: GlobalPosition;
  maxCount?: number;
  filter?: EventFilter;
}

/**
 * Absent lists do not constrain; an empty list lets no event through (there is
 * no prefix or type to match), in every adapter.
 */
export interface EventFilter {
  /** Only events whose stream id starts with one of these prefixes. */
  streamPrefixes?: string[];
  /** Only events of these types. */
  eventTypes?: string[];
}

export interface SubscribeOptions {
  /** Exclusive checkpoint; undefined means from the beginning. */
  after?: GlobalPosition;
  filter?: EventFilter;
  /** Events per delivered batch (default 500). */
  batchSize?: number;
  /**
   * Also deliver empty batches when the subscription reads past events the
   * filter leaves out (or past the end of the log as it grows), so that a
   * consumer whose events are rare still moves its checkpoint to where the
   * log has been read. One such batch per move of `readThrough`, none while
   * it stands still. Default false: every batch holds at least one event.
   */
  progress?: boolean;
  /**
   * Called with each non-empty batch as soon as it is read, before its
   * handler, possibly while the handler still works on the previous batch
   * (the PostgreSQL adapter reads one batch ahead; EventStoreDB's calls it
   * just before the handler): CPU work the handler will need can start while
   * the subscriber waits on its own I/O. It must not throw.
   */
  onRead?: (events: readonly RecordedEvent[]) => void;
}

/** What a subscription hands over with each batch besides its events. */
export interface BatchProgress {
  /**
   * How far the log has been read: every event at or below this position
   * that the filter lets through is in this batch or an earlier one, and no
   * later batch holds one. At least the position of the batch's last event;
   * beyond it when the read passed events the filter left out. A consumer's
   * checkpoint may move here (nextCheckpoint in the projection runtime).
   */
  readThrough: GlobalPosition;
}

/**
 * Handler of a catch-up subscription. Batches arrive in position order; the
 * next batch is not delivered before the returned promise settles. A rejected
 * promise stops the subscription (reported through `done`). `events` is empty
 * only with `progress: true`, when the log was read further without a match.
 */
export type BatchHandler = (events: RecordedEvent[], progress: BatchProgress) => Promise<void>;

export interface Subscription {
  stop(): Promise<void>;
  /** Settles when the subscription ends: resolves on stop(), rejects on a handler or store error. */
  readonly done: Promise<void>;
}

/**
 * The open transaction that keeps readers from seeing events committed after
 * it started (PostgreSQL's gap rule, see the PostgreSQL adapter): nothing
 * later is delivered until it ends. Fields are null where the server does not
 * show them to the store's database user.
 */
export interface LogHold {
  /** Server process of the session that holds the transaction open. */
  pid: number | null;
  transactionStartedAt: Date | null;
  applicationName: string | null;
}

export interface EventStore {
  /**
   * Appends atomically. Every adapter takes the same input (append-validation.ts):
   * 1 to 1,048,575 events with distinct UUIDs; stream ids and types of 1 to 500
   * characters, without control characters, not starting with '$'; schema
   * versions 1 to 2^31-1; JSON data; a metadata object without the key '$kz'.
   * Anything else is an InvalidAppendError and writes nothing.
   */
  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  /**
   * Bulk import (loading history, migrating from another system): many streams
   * in one call, with every guarantee of append:
   * - Input: every event as append takes it (append-validation.ts), plus the
   *   stream id per event; 1 to 1,048,575 events with distinct ids, 1 to 1,000
   *   distinct streams (the PostgreSQL adapter locks each one). Anything else,
   *   and text PostgreSQL cannot store, is an InvalidAppendError / UnstorableTextError
   *   (import-validation.ts). Streams, ids and expected revisions are checked
   *   first; an event's content may be checked as it is written (PostgreSQL),
   *   so an import that also conflicts or replays may report that instead.
   * - All or nothing: a failed import writes none of its events.
   * - Idempotency first: when every id is already stored, each in the stream
   *   this import names, the ids of one stream at consecutive revisions in the
   *   given order, the import is a replay (idempotentReplay, nothing written),
   *   whatever the streams hold now. Some ids stored, or stored otherwise: an
   *   IdempotencyViolationError.
   * - Then each stream's expected revision (default 'no-stream'): the first
   *   stream, in order of appearance, that does not match fails the import with
   *   a WrongExpectedRevisionError.
   * - Each stream's hash chain continues from its head; positions increase in
   *   the given order, above every event readers could see before, and readers
   *   (readAll, subscriptions) see the whole import at once.
   * EventStoreDB has no transaction over several streams: its adapter checks
   * every stream first, then appends run by run in the given order, so a
   * writer racing the import on one of its streams can fail it part-way
   * (the part written stays, and a retry of the import then fails as partly stored).
   */
  importEvents(batch: EventImport): Promise<ImportResult>;
  /** Events of one stream; an empty array when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Catch-up subscription: history from the checkpoint, then live events, never skipping one. */
  subscribeToAll(options: SubscribeOptions, handler: BatchHandler): Subscription;
  /** Position of the last event readers can see (0n when empty). */
  headPosition(): Promise<GlobalPosition>;
  /**
   * Whether committed events are held back from readers by a transaction
   * still open, and which one: null when nothing is held back (always, for a
   * store that has no such rule).
   */
  logHold(): Promise<LogHold | null>;
  /** For readiness probes: throws when the store cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');

/** The stream's actual revision did not match the expected one. */
export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** -1 when the stream does not exist. */
    readonly actual: StreamRevision,
  ) {
    super(`Stream ${streamId}: expected revision ${String(expected)}, actual ${actual === -1 ? 'no stream' : actual}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** Some but not all event ids already exist, or they exist in another stream / order. */
export class IdempotencyViolationError extends Error {
  constructor(
    readonly streamId: string,
    readonly eventIds: string[],
    reason: string,
  ) {
    super(`Stream ${streamId}: ${reason}`);
    this.name = 'IdempotencyViolationError';
  }
}

/** The input itself is wrong (empty append, bad id, oversized batch). */
export class InvalidAppendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAppendError';
  }
}

/**
 * An append holding text PostgreSQL cannot store (a NUL, an unpaired surrogate)
 * in a name, in data or in metadata: refused by every adapter, so that no stored
 * event can stop a projection that copies the text into a table.
 */
export class UnstorableTextError extends InvalidAppendError {
  constructor(readonly where: string) {
    super(`${where}: text must not contain NUL characters or unpaired UTF-16 surrogates`);
    this.name = 'UnstorableTextError';
  }
}

/** The store cannot be reached or failed in a way the caller cannot fix. */
export class EventStoreUnavailableError extends Error {
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'EventStoreUnavailableError';
  }
}
