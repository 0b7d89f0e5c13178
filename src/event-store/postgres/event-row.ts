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

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    streamId: row.stream_id,
    revision: Number(row.revision),
    position: BigInt(row.position),
    recordedAt: new Date(Number(row.recorded_ms)),
    data: JSON.parse(row.raw_data) as unknown,
    metadata: JSON.parse(row.raw_metadata) as EventMetadata,
    prevHash: row.prev_hash,
    hash: row.hash,
    rawData: row.raw_data,
    rawMetadata: row.raw_metadata,
  };
}
