import { Pool } from 'pg';
import { EventStore, RecordedEvent } from '../../src/event-store/event-store.port';

/** Events per stream in the bulk load; each revision is one INSERT ... SELECT (one transaction). */
const EVENTS_PER_STREAM = 10;
/** Streams per statement: well under 2^20 events per transaction, as positions require. */
const STREAMS_PER_CHUNK = 100_000;

const DATA = `format('{"caseId":"load-%s","service":"school-admission","regulationVersion":"2024-03-01","applicant":{"fullName":"Айгерім Сапарқызы Нұрланова","iin":"%s","address":{"region":"Алматы облысы","district":"Қарасай ауданы"}},"documents":[{"kind":"birth-certificate","fileId":"%s","pages":1}],"comment":"%s"}',
  g, 900101000000 + g, gen_random_uuid(), repeat(md5(g::text || $3::text), 8))`;
const METADATA = `format('{"actor":{"id":"officer-%s","role":"officer","organisation":"education-department-almaty-region"},"correlationId":"%s","causationId":"%s","commandId":"%s","occurredAt":"%s","channel":"egov-portal"}',
  g % 500, gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))`;

/**
 * Revision $3 of streams load-$1 .. load-$2, consistent with es_append: positions
 * from this transaction's id, hashes chained to revision $3 - 1 exactly as chainHash().
 */
const LOAD_REVISION = `
  INSERT INTO es_events (position, event_id, stream_id, revision, type, schema_version, data, metadata, prev_hash, hash)
  SELECT ((pg_current_xact_id()::text::bigint) << 20) + (s.g - $1), gen_random_uuid(), s.stream_id, $3, s.type, 1,
         s.data::json, s.metadata::json, s.prev,
         encode(sha256(convert_to(concat_ws(E'\\n', s.prev, s.stream_id, $3::text, s.type, '1', s.data, s.metadata), 'UTF8')), 'hex')
  FROM (
    SELECT g, 'load-' || g AS stream_id, (ARRAY['ApplicationSubmitted','DocumentsReceived','DecisionMade'])[1 + $3 % 3] AS type,
           ${DATA} AS data, ${METADATA} AS metadata, coalesce(p.hash, '') AS prev
    FROM generate_series($1::bigint, $2::bigint) AS g
    LEFT JOIN es_events p ON $3 > 0 AND p.stream_id = 'load-' || g AND p.revision = $3 - 1
  ) s`;

const LOAD_STREAMS = `
  INSERT INTO es_streams (stream_id, revision, last_hash)
  SELECT e.stream_id, e.revision, e.hash FROM generate_series($1::bigint, $2::bigint) AS g
  JOIN es_events e ON e.stream_id = 'load-' || g AND e.revision = $3`;

/** Bulk-loads about `total` events through SQL (no round trip per event). */
export async function bulkLoad(pool: Pool, total: number, progress: (line: string) => void): Promise<number> {
  const streams = Math.ceil(total / EVENTS_PER_STREAM);
  let loaded = 0;
  const started = performance.now();
  for (let first = 1; first <= streams; first += STREAMS_PER_CHUNK) {
    const last = Math.min(streams, first + STREAMS_PER_CHUNK - 1);
    for (let revision = 0; revision < EVENTS_PER_STREAM; revision++) {
      const result = await pool.query(LOAD_REVISION, [first, last, revision]);
      loaded += result.rowCount ?? 0;
      const seconds = (performance.now() - started) / 1000;
      progress(
        `  loaded ${loaded.toLocaleString('en')} / ${(streams * EVENTS_PER_STREAM).toLocaleString('en')} events (${seconds.toFixed(0)} s)`,
      );
    }
    await pool.query(LOAD_STREAMS, [first, last, EVENTS_PER_STREAM - 1]);
  }
  return loaded;
}

export interface CatchUpResult {
  events: number;
  seconds: number;
}

/**
 * A handler that reads every event's data and metadata (events parse them on
 * first read): what a projection that uses every event pays on top of the
 * no-op handler's rate.
 */
export const readingEveryEvent = async (batch: RecordedEvent[]): Promise<void> => {
  for (const event of batch) {
    void event.data;
    void event.metadata;
  }
};

/** Subscribes from position 0 with a no-op handler (or `handler`) until everything visible now has been delivered. */
export async function catchUp(
  store: EventStore,
  batchSize: number,
  progress: (line: string) => void,
  handler: (batch: RecordedEvent[]) => Promise<void> = async () => undefined,
): Promise<CatchUpResult> {
  const head = await store.headPosition();
  let delivered = 0;
  let reachedHead: () => void = () => undefined;
  const reached = new Promise<void>((resolve) => (reachedHead = resolve));
  const started = performance.now();
  let lastReport = started;
  const subscription = store.subscribeToAll({ batchSize }, async (batch) => {
    await handler(batch);
    delivered += batch.length;
    const now = performance.now();
    if (now - lastReport > 2000) {
      lastReport = now;
      progress(`  delivered ${delivered.toLocaleString('en')} events (${((now - started) / 1000).toFixed(0)} s)`);
    }
    if (batch[batch.length - 1].position >= head) reachedHead();
  });
  await Promise.race([reached, subscription.done]);
  const seconds = (performance.now() - started) / 1000;
  await subscription.stop();
  return { events: delivered, seconds };
}
