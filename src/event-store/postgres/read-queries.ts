import { EventFilter } from '../event-store.port';
import { EVENT_COLUMNS } from './event-row';

/**
 * Readers of the global log only see events of transactions below the oldest
 * transaction still running (see "Global position and the gap problem" in
 * migrations/002-append-function.ts). The sub-select evaluates the snapshot
 * once per statement instead of once per row.
 */
const FINISHED = 'transaction_id < (SELECT pg_snapshot_xmin(pg_current_snapshot()))';

/** $2 stream prefixes (literal; ^@ is starts_with), $3 event types; NULL means no filter. */
const FILTER = '($2::text[] IS NULL OR stream_id ^@ ANY ($2::text[])) AND ($3::text[] IS NULL OR type = ANY ($3::text[]))';

/** $1 stream, $2 first revision (inclusive), $3 max count (NULL: all). */
export const READ_STREAM_FORWARDS_SQL = `SELECT ${EVENT_COLUMNS} FROM es_events
  WHERE stream_id = $1 AND revision >= $2 ORDER BY revision LIMIT $3`;
export const READ_STREAM_BACKWARDS_SQL = `SELECT ${EVENT_COLUMNS} FROM es_events
  WHERE stream_id = $1 AND revision <= $2 ORDER BY revision DESC LIMIT $3`;

/**
 * $1 exclusive start position, $2/$3 filter, $4 max count (NULL: all).
 * Run unnamed, so each execution is planned for its actual start and limit: a
 * cached generic plan could scan and sort the whole log for every batch.
 */
export const READ_ALL_SQL = `SELECT ${EVENT_COLUMNS} FROM es_events
  WHERE position > $1 AND ${FINISHED} AND ${FILTER}
  ORDER BY position LIMIT $4`;

/**
 * One subscription poll: the head (last finished position) and up to $4
 * matching events in (after, head]. With fewer than $4 events the subscriber
 * may move its cursor to the head, so a selective filter does not rescan the
 * same unmatched events on every poll. Always one row when the log is not
 * empty (event columns NULL when nothing matched).
 *
 * No ORDER BY outside the lateral join: the events come from an ordered
 * index scan behind a one-row outer side, and a Sort there would hold every
 * row back until the last was read (about 3 of 8 µs of server CPU per event,
 * and no overlap of the server's work with the client's parsing). The client
 * checks the order and sorts only if a plan ever changed it (sortByPosition).
 */
export const POLL_SQL = `WITH head AS (
    SELECT position AS head FROM es_events WHERE ${FINISHED} ORDER BY position DESC LIMIT 1
  )
  SELECT head.head, e.* FROM head LEFT JOIN LATERAL (
    SELECT ${EVENT_COLUMNS} FROM es_events
    WHERE position > $1 AND position <= head.head AND ${FILTER}
    ORDER BY position LIMIT $4
  ) e ON true`;

/**
 * Committed events readers do not see yet (a transaction below them is still
 * open), and the session of the oldest transaction holding an id: the one
 * that holds them back (a prepared transaction would show no session). The
 * position bound lets the primary key find the newest events only:
 * position = transaction id << 20 | index (migrations/002-append-function.ts).
 */
export const LOG_HOLD_SQL = `WITH snapshot AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin),
  held AS (
    SELECT EXISTS (
      SELECT 1 FROM es_events, snapshot
      WHERE position >= (snapshot.xmin::text::bigint << 20) AND transaction_id >= snapshot.xmin
    ) AS held
  )
  SELECT held.held, a.pid, a.xact_start, a.application_name FROM held LEFT JOIN LATERAL (
    SELECT pid, xact_start, application_name FROM pg_stat_activity
    WHERE held.held AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()
    ORDER BY age(backend_xid) DESC LIMIT 1
  ) a ON true`;

export const HEAD_SQL = `SELECT position FROM es_events WHERE ${FINISHED} ORDER BY position DESC LIMIT 1`;

export function filterParameters(filter: EventFilter | undefined): [string[] | null, string[] | null] {
  return [filter?.streamPrefixes ?? null, filter?.eventTypes ?? null];
}
