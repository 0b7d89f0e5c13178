import { Migration } from '../migration-runner';

/**
 * Streams and events. `json` (not jsonb) keeps the exact text that was hashed.
 *
 * es_streams holds each stream's head (last revision and its hash), written in
 * the same transaction as the events: appends check it, and an audit compares it
 * with the chain to see a tail cut off a stream. Every append rewrites its row;
 * no indexed column changes, and the updates measured were HOT (no new index
 * entry) whether or not the pages kept free room, so the default fillfactor stays.
 * No foreign key from events to streams: the append statements keep them
 * consistent, and a key check would add a row lock per event to the append path.
 *
 * es_events has three unique indexes, each with a reader or a guarantee behind it:
 *   event_id              idempotent retries; an id is stored at most once in the whole log
 *   (stream_id, revision) readStream; at most one event per revision
 *   position              readAll and subscriptions, in log order
 *
 * autovacuum_analyze_threshold: the append and read statements run with cached
 * generic plans (one-row index probes). A plan made right after ANALYZE saw a
 * table of a few dozen rows is a sequential scan, and it stays cached while the
 * table grows until the next ANALYZE. Not analyzing before 1000 changes keeps
 * the first statistics from describing a table that small; a table never
 * analyzed is assumed large enough for index probes.
 */
export const eventTables: Migration = {
  version: 1,
  name: 'event tables',
  sql: `
    CREATE TABLE es_streams (
      stream_id  text PRIMARY KEY,
      revision   bigint NOT NULL,
      last_hash  text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    ) WITH (autovacuum_analyze_threshold = 1000);

    CREATE TABLE es_events (
      position       bigint NOT NULL,
      transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
      event_id       uuid PRIMARY KEY,
      stream_id      text NOT NULL,
      revision       bigint NOT NULL,
      type           text NOT NULL,
      schema_version int NOT NULL,
      data           json NOT NULL,
      metadata       json NOT NULL,
      recorded_at    timestamptz NOT NULL DEFAULT now(),
      prev_hash      text NOT NULL,
      hash           text NOT NULL,
      CONSTRAINT es_events_position_key UNIQUE (position),
      CONSTRAINT es_events_stream_revision_key UNIQUE (stream_id, revision)
    ) WITH (autovacuum_analyze_threshold = 1000);
  `,
};
