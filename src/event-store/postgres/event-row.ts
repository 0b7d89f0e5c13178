import { EventMetadata, RecordedEvent } from '../event-store.port';

/** The columns EVENT_COLUMNS selects, as pg returns them (int8 arrives as text). */
export interface EventRow {
  event_id: string;
  type: string;
  schema_version: number;
  stream_id: string;
  revision: string;
  position: string;
  /** Milliseconds since the epoch, as int8 text. */
  recorded_ms: string;
  raw_data: string;
  raw_metadata: string;
  prev_hash: string;
  hash: string;
}

/**
 * recorded_at travels as whole milliseconds since the epoch, truncated as pg's
 * own timestamptz parser truncates: parsing its text form cost about a quarter
 * of a catch-up's client CPU per event (3.5 of 15 µs).
 */
export const EVENT_COLUMNS = `event_id, type, schema_version, stream_id, revision, position,
  floor(extract(epoch FROM recorded_at) * 1000)::int8 AS recorded_ms,
  data::text AS raw_data, metadata::text AS raw_metadata, prev_hash, hash`;

const UNPARSED: unique symbol = Symbol('unparsed');

/**
 * A RecordedEvent read from es_events whose `data` and `metadata` are parsed
 * from their stored JSON text when first read, then kept. Parsing both was
 * most of a catch-up's client CPU (about 3 of 8 µs per event, and the
 * garbage of the parsed objects: half the notary's CPU), and many handlers
 * never look at them (the notary hashes rawData/rawMetadata; projections skip
 * the types they do not handle).
 *
 * What a handler sees is unchanged: `data` and `metadata` are own, enumerable,
 * writable properties, in the same place among the keys, with the value
 * JSON.parse gives (the column is json, so the text always parses), and
 * Object.keys, JSON.stringify, spreading, structuredClone and jest's toEqual
 * treat the event as the plain object it was (see event-row.spec.ts). Only a
 * property descriptor or console.log shows the accessor.
 */
class StoredEvent implements RecordedEvent {
  declare readonly id: string;
  declare readonly type: string;
  declare readonly schemaVersion: number;
  declare readonly streamId: string;
  declare readonly revision: number;
  declare readonly position: bigint;
  declare readonly recordedAt: Date;
  declare data: unknown;
  declare metadata: EventMetadata;
  declare readonly prevHash: string;
  declare readonly hash: string;
  declare readonly rawData: string;
  declare readonly rawMetadata: string;
  #data: unknown = UNPARSED;
  #metadata: EventMetadata | typeof UNPARSED = UNPARSED;

  constructor(row: EventRow) {
    // Assigned in RecordedEvent's order: Object.keys and JSON.stringify list them as before.
    this.id = row.event_id;
    this.type = row.type;
    this.schemaVersion = row.schema_version;
    this.streamId = row.stream_id;
    this.revision = Number(row.revision);
    this.position = BigInt(row.position);
    this.recordedAt = new Date(Number(row.recorded_ms));
    // The same getter and setter functions for every event keep one hidden class (fast property access).
    Object.defineProperty(this, 'data', DATA_PROPERTY);
    Object.defineProperty(this, 'metadata', METADATA_PROPERTY);
    this.prevHash = row.prev_hash;
    this.hash = row.hash;
    this.rawData = row.raw_data;
    this.rawMetadata = row.raw_metadata;
  }

  static data(event: StoredEvent): unknown {
    if (event.#data === UNPARSED) {
      const parsed: unknown = JSON.parse(event.rawData);
      event.#data = parsed;
    }
    return event.#data;
  }

  static setData(event: StoredEvent, value: unknown): void {
    event.#data = value;
  }

  static metadata(event: StoredEvent): EventMetadata {
    if (event.#metadata === UNPARSED) {
      // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- the column holds metadata this adapter wrote from an EventMetadata
      const parsed: EventMetadata = JSON.parse(event.rawMetadata);
      event.#metadata = parsed;
    }
    return event.#metadata;
  }

  static setMetadata(event: StoredEvent, value: EventMetadata): void {
    event.#metadata = value;
  }
}

const DATA_PROPERTY: PropertyDescriptor & ThisType<StoredEvent> = {
  get(): unknown {
    return StoredEvent.data(this);
  },
  set(value: unknown): void {
    StoredEvent.setData(this, value);
  },
  enumerable: true,
  configurable: true,
};

const METADATA_PROPERTY: PropertyDescriptor & ThisType<StoredEvent> = {
  get(): EventMetadata {
    return StoredEvent.metadata(this);
  },
  set(value: EventMetadata): void {
    StoredEvent.setMetadata(this, value);
  },
  enumerable: true,
  configurable: true,
};

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return new StoredEvent(row);
}

/**
 * The events in position order. Queries that leave the order to their plan
 * (POLL_SQL) deliver it already; this checks in one pass and sorts only if not.
 */
export function sortByPosition(events: RecordedEvent[]): RecordedEvent[] {
  for (let i = 1; i < events.length; i++) {
    if (events[i - 1].position >= events[i].position)
      return events.sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
  }
  return events;
}
