import { Readable } from 'node:stream';
import {
  ANY,
  BACKWARDS,
  END,
  EVENT_TYPE,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type AppendResult,
  type EventData,
  type Filter,
  type Position,
  type ReadPosition,
  type ReadRevision,
} from '@eventstore/db-client';
import type { EsdbClient } from '../eventstoredb-event-store';

/**
 * A test double of the slice of @eventstore/db-client the adapter uses, with
 * the server semantics the adapter relies on, as read from the client's
 * sources and EventStoreDB's IndexWriter.CheckCommit:
 * - appends check the expected revision; with an exact revision below the
 *   stream's, the ids are compared slot by slot (all equal: idempotent success
 *   reporting the original revision; some: wrong expected version); with one
 *   equal to the stream's, the events are written even if their ids exist;
 * - data and metadata are stored as JSON.stringify text and parsed on read,
 *   as the client does; stream reads of a missing stream fail with
 *   StreamNotFoundError; each event has its own position, commit = prepare;
 * - $all reads from a position include it (backwards: exclude it), a
 *   subscription starts after it; EventStoreDB's own '$' events are in $all;
 * - a filtered subscription with checkpointReached is called back with the
 *   position of every `checkpointWindow`-th event its filter leaves out
 *   (the server: after each checkpointInterval × maxSearchWindow events it
 *   examined, 32 by default), in order with the events it delivers.
 * It does not prove the client and server behave so: the contract suite
 * against a real server (EVENTSTORE_URL) does.
 */
/** What the model assumes of the server, in short: the suites over it say so in their names. */
export const MODELLED_SERVER_PROPERTIES = [
  'expected revisions checked, ids compared slot by slot below the tail',
  'data and metadata stored as JSON text',
  'one position per event',
  '$all reads include their start, subscriptions begin after it',
  "the server's own $ events in $all",
] as const;

/** The name of a suite run over the model rather than a server. */
export const overTheModel = (subject: string): string =>
  `${subject}: adapter logic over a model of the server (assumes: ${MODELLED_SERVER_PROPERTIES.join('; ')})`;

interface StoredRecord {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  isJson: boolean;
  dataText: string;
  metadataText?: string;
  created: Date;
  position: Position;
}

class FakeSubscription extends Readable {
  constructor(private readonly onUnsubscribe: (subscription: FakeSubscription) => void) {
    super({ objectMode: true });
  }
  override _read(): void {}
  async unsubscribe(): Promise<void> {
    this.onUnsubscribe(this);
  }
}

function toResolved(record: StoredRecord): AllStreamResolvedEvent {
  const metadata = record.metadataText === undefined ? undefined : JSON.parse(record.metadataText);
  const base = {
    streamId: record.streamId,
    id: record.id,
    revision: record.revision,
    type: record.type,
    created: record.created,
    metadata,
    position: record.position,
  };
  const event = record.isJson
    ? { ...base, isJson: true as const, data: JSON.parse(record.dataText) }
    : { ...base, isJson: false as const, data: Buffer.from(record.dataText, 'utf8') as Uint8Array };
  return { event, commitPosition: record.position.commit };
}

function passesServerFilter(record: StoredRecord, filter?: Filter): boolean {
  if (!filter) return true;
  const subject = filter.filterOn === EVENT_TYPE ? record.type : record.streamId;
  if ('regex' in filter) return new RegExp(filter.regex).test(subject);
  return filter.prefixes.some((prefix) => subject.startsWith(prefix));
}

export class InMemoryEsdbClient {
  readonly log: StoredRecord[] = [];
  private readonly streams = new Map<string, StoredRecord[]>();
  private readonly live = new Map<FakeSubscription, { filter?: Filter; skipped: number }>();
  /** Events a filter leaves out between two checkpoints (see the header). */
  checkpointWindow = 32;
  private nextPosition = 1_000n;
  /** Runs before each append is checked: lets a test slip in a concurrent writer. */
  beforeAppend?: (streamId: string) => Promise<void> | void;
  /** When set, every call fails with it (the server is gone). */
  unavailable?: Error;
  appendCalls = 0;

  constructor() {
    // What a fresh node writes by itself before any user event.
    this.store('$epoch-information', [{ id: '00000000-0000-4000-8000-000000000001', type: '$epoch-information', data: {} }]);
  }

  /**
   * A client on this "server": each call gives an independent connection whose
   * dispose() ends only its own subscriptions (as separate clients would).
   */
  asClient(): EsdbClient {
    const own = new Set<FakeSubscription>();
    const client = {
      appendToStream: this.appendToStream.bind(this),
      readStream: this.readStream.bind(this),
      readAll: this.readAll.bind(this),
      subscribeToAll: (options?: { fromPosition?: ReadPosition; filter?: Filter }) => {
        const subscription = this.subscribeToAll(options);
        own.add(subscription);
        return subscription;
      },
      dispose: async () => {
        for (const subscription of own) await subscription.unsubscribe();
        own.clear();
      },
    };
    return client as unknown as EsdbClient;
  }

  /** Writes system or foreign events directly, bypassing any check. */
  store(streamId: string, events: Array<{ id: string; type: string; data: unknown; metadata?: unknown }>): void {
    for (const event of events) {
      this.writeRecord(streamId, {
        id: event.id,
        type: event.type,
        contentType: 'application/json',
        data: event.data,
        metadata: event.metadata,
      } as EventData);
    }
  }

  /** Rewrites the stored JSON of one event (what an attacker with disk access could do). */
  tamper(streamId: string, revision: number, dataText: string): void {
    const record = this.streams.get(streamId)?.[revision];
    if (!record) throw new Error(`no event ${streamId}@${revision}`);
    record.dataText = dataText;
  }

  async appendToStream(
    streamName: string,
    events: EventData | EventData[],
    { expectedRevision = ANY }: { expectedRevision?: AppendExpectedRevision } = {},
  ): Promise<AppendResult> {
    this.appendCalls++;
    this.failIfUnavailable();
    await this.beforeAppend?.(streamName);
    const batch = Array.isArray(events) ? events : [events];
    const stream = this.streams.get(streamName) ?? [];
    const current = stream.length - 1;
    const wrong = () =>
      new WrongExpectedVersionError(undefined, {
        streamName,
        expected: expectedRevision,
        current: current < 0 ? NO_STREAM : BigInt(current),
      });
    if (expectedRevision === STREAM_EXISTS && current < 0) throw wrong();
    if (expectedRevision === ANY || expectedRevision === STREAM_EXISTS) {
      const found = batch.map((event) => stream.find((record) => record.id === event.id));
      if (found.every(Boolean)) return this.success(found[found.length - 1]!);
      if (found.some(Boolean)) throw wrong();
      return this.success(this.writeAll(streamName, batch));
    }
    const expected = expectedRevision === NO_STREAM ? -1 : Number(expectedRevision);
    if (expected < current) {
      for (let i = 0; i < batch.length; i++) {
        if (stream[expected + 1 + i]?.id !== batch[i].id) throw wrong();
      }
      return this.success(stream[expected + batch.length]);
    }
    if (expected > current) throw wrong();
    return this.success(this.writeAll(streamName, batch));
  }

  readStream(
    streamName: string,
    {
      fromRevision = START,
      direction,
      maxCount = Number.MAX_SAFE_INTEGER,
    }: { fromRevision?: ReadRevision; direction?: string; maxCount?: number | bigint } = {},
  ): Readable {
    const stream = this.streams.get(streamName);
    const unavailable = this.unavailable;
    const records = (): StoredRecord[] => {
      if (unavailable) throw unavailable;
      if (!stream) throw new StreamNotFoundError(undefined, streamName);
      const count = Number(maxCount);
      if (direction === BACKWARDS) {
        const start = fromRevision === END || fromRevision === START ? stream.length - 1 : Number(fromRevision);
        return stream
          .slice(0, Math.min(start, stream.length - 1) + 1)
          .reverse()
          .slice(0, count);
      }
      const start = fromRevision === START || fromRevision === END ? 0 : Number(fromRevision);
      return stream.slice(start, start + count);
    };
    return Readable.from(
      (function* () {
        for (const record of records()) yield toResolved(record);
      })(),
    );
  }

  readAll({
    fromPosition = START,
    direction,
    maxCount = Number.MAX_SAFE_INTEGER,
  }: { fromPosition?: ReadPosition; direction?: string; maxCount?: number | bigint } = {}): Readable {
    const log = [...this.log];
    const unavailable = this.unavailable;
    const records = (): StoredRecord[] => {
      if (unavailable) throw unavailable;
      const count = Number(maxCount);
      if (direction === BACKWARDS) {
        const below = (record: StoredRecord) =>
          fromPosition === END || fromPosition === START || record.position.commit < fromPosition.commit;
        return log.filter(below).reverse().slice(0, count);
      }
      const from = fromPosition === START ? -1n : fromPosition === END ? this.nextPosition : fromPosition.commit;
      return log.filter((record) => record.position.commit >= from).slice(0, count);
    };
    return Readable.from(
      (function* () {
        for (const record of records()) yield toResolved(record);
      })(),
    );
  }

  subscribeToAll({ fromPosition = START, filter }: { fromPosition?: ReadPosition; filter?: Filter } = {}): FakeSubscription {
    const subscription = new FakeSubscription((s) => {
      this.live.delete(s);
      s.push(null);
    });
    if (this.unavailable) {
      const error = this.unavailable;
      process.nextTick(() => subscription.destroy(error));
      return subscription;
    }
    const after = fromPosition === START ? -1n : fromPosition === END ? this.nextPosition : fromPosition.commit;
    const state = { filter, skipped: 0 };
    for (const record of this.log) {
      if (record.position.commit > after) this.deliver(subscription, state, record);
    }
    this.live.set(subscription, state);
    return subscription;
  }

  /** Drops every live subscription with an error, as a lost connection would. */
  breakSubscriptions(error: Error = new UnavailableError()): void {
    for (const subscription of this.live.keys()) subscription.destroy(error);
    this.live.clear();
  }

  private failIfUnavailable(): void {
    if (this.unavailable) throw this.unavailable;
  }

  private success(last: StoredRecord): AppendResult {
    return { success: true, nextExpectedRevision: last.revision, position: last.position };
  }

  private writeAll(streamName: string, batch: EventData[]): StoredRecord {
    let last!: StoredRecord;
    for (const event of batch) last = this.writeRecord(streamName, event);
    return last;
  }

  private writeRecord(streamId: string, event: EventData): StoredRecord {
    const stream = this.streams.get(streamId) ?? [];
    this.streams.set(streamId, stream);
    const isJson = event.contentType === 'application/json';
    const record: StoredRecord = {
      streamId,
      id: event.id,
      revision: BigInt(stream.length),
      type: event.type,
      isJson,
      dataText: isJson ? JSON.stringify(event.data) : Buffer.from(event.data).toString('utf8'),
      metadataText: event.metadata ? JSON.stringify(event.metadata) : undefined,
      created: new Date(),
      position: { commit: this.nextPosition, prepare: this.nextPosition },
    };
    this.nextPosition += 137n + BigInt(record.dataText.length);
    stream.push(record);
    this.log.push(record);
    for (const [subscription, state] of this.live) this.deliver(subscription, state, record);
    return record;
  }

  private deliver(subscription: FakeSubscription, state: { filter?: Filter; skipped: number }, record: StoredRecord): void {
    const { filter } = state;
    if (passesServerFilter(record, filter)) {
      subscription.push(toResolved(record));
      return;
    }
    state.skipped += 1;
    if (!filter?.checkpointReached || state.skipped < this.checkpointWindow) return;
    state.skipped = 0;
    void filter.checkpointReached(subscription, record.position);
  }
}
