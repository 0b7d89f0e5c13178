import { chainHash } from '../hash-chain';
import { int4Array, textArray, uuidArray } from './binary-arrays';
import { StreamHead } from './stream-heads';
import { AppendParameters } from './validate-append';

/**
 * The complete path: the es_append function (migrations/003-fast-append-support.ts).
 * $1 stream, $2 expected revision as text, $3..$7 the events as parallel arrays.
 */
export const APPEND_SQL =
  'SELECT next_revision, last_position, idempotent_replay, last_hash FROM es_append($1, $2, $3::uuid[], $4::text[], $5::int[], $6::text[], $7::text[])';

export function appendValues(streamId: string, p: AppendParameters): unknown[] {
  return [streamId, p.expected, uuidArray(p.ids), textArray(p.types), int4Array(p.versions), textArray(p.data), textArray(p.metadata)];
}

/**
 * The fast path, for a client that knows the stream's head and has chained the
 * hashes from it: lock the stream, move its head from the assumed one (or create
 * it), insert the events. Nothing is written when the head is not as assumed
 * (also when a stream assumed new exists); an id already stored fails on a
 * unique index (23505). Why that is enough: "The fast path" in
 * migrations/003-fast-append-support.ts.
 * $1 stream, $2 head revision (-1: new stream), $3 head hash, $4..$8 the events
 * as parallel arrays, $9 their hashes. Returns the position of each event written.
 */
export const FAST_APPEND_SQL = `
  WITH lock AS MATERIALIZED (
    SELECT pg_advisory_xact_lock(1163067393, hashtext($1))
  ), moved AS (
    UPDATE es_streams SET revision = $2::bigint + cardinality($9::text[]), last_hash = ($9::text[])[cardinality($9::text[])], updated_at = now()
      FROM lock
     WHERE stream_id = $1 AND revision = $2 AND last_hash = $3
    RETURNING 1
  ), created AS (
    INSERT INTO es_streams (stream_id, revision, last_hash)
    SELECT $1, cardinality($9::text[]) - 1, ($9::text[])[cardinality($9::text[])] FROM lock
     WHERE $2::bigint = -1 AND $3::text = ''
    ON CONFLICT (stream_id) DO NOTHING
    RETURNING 1
  )
  INSERT INTO es_events (position, event_id, stream_id, revision, type, schema_version, data, metadata, prev_hash, hash)
  SELECT ((pg_current_xact_id()::text::bigint) << 20) + e.ord - 1, e.id, $1, $2::bigint + e.ord, e.type, e.version,
         e.data::json, e.metadata::json, CASE WHEN e.ord = 1 THEN $3::text ELSE ($9::text[])[e.ord - 1] END, ($9::text[])[e.ord]
    FROM (SELECT FROM moved UNION ALL SELECT FROM created) head,
         unnest($4::uuid[], $5::text[], $6::int[], $7::text[], $8::text[]) WITH ORDINALITY AS e(id, type, version, data, metadata, ord)
  RETURNING position`;

/**
 * Larger appends (imports) take the complete path: the fast statement picks
 * hashes by subscript, whose cost grows with the index, and returns a row per
 * event; neither matters for the few events of a command.
 */
export const FAST_APPEND_MAX_EVENTS = 100;

export interface FastAppend {
  values: unknown[];
  /** The stream's head once the append is written. */
  next: StreamHead;
}

/** Chains the events to `head` exactly as chainHash() defines it, and builds the parameters. */
export function fastAppend(streamId: string, p: AppendParameters, head: StreamHead): FastAppend {
  const hashes: string[] = [];
  let prevHash = head.hash;
  for (let i = 0; i < p.ids.length; i++) {
    prevHash = chainHash({
      prevHash,
      streamId,
      revision: head.revision + 1 + i,
      type: p.types[i],
      schemaVersion: p.versions[i],
      rawData: p.data[i],
      rawMetadata: p.metadata[i],
    });
    hashes.push(prevHash);
  }
  return {
    values: [
      streamId, head.revision, head.hash,
      uuidArray(p.ids), textArray(p.types), int4Array(p.versions), textArray(p.data), textArray(p.metadata), textArray(hashes),
    ],
    next: { revision: head.revision + hashes.length, hash: prevHash },
  };
}
