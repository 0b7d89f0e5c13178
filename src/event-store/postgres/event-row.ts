import { EventMetadata, RecordedEvent } from '../event-store.port';

/** The columns EVENT_COLUMNS selects, as pg returns them (int8 arrives as text). */
export interface EventRow {
  event_id: string;
  type: string;
  schema_version: number;
  stream_id: string;
  revision: string;
  position: string;
  recorded_at: Date;
  raw_data: string;
  raw_metadata: string;
  prev_hash: string;
  hash: string;
}

export const EVENT_COLUMNS = `event_id, type, schema_version, stream_id, revision, position, recorded_at,
  data::text AS raw_data, metadata::text AS raw_metadata, prev_hash, hash`;

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    streamId: row.stream_id,
    revision: Number(row.revision),
    position: BigInt(row.position),
    recordedAt: row.recorded_at,
    data: JSON.parse(row.raw_data) as unknown,
    metadata: JSON.parse(row.raw_metadata) as EventMetadata,
    prevHash: row.prev_hash,
    hash: row.hash,
    rawData: row.raw_data,
    rawMetadata: row.raw_metadata,
  };
}
