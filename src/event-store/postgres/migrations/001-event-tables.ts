import { firstRunnerMigration } from './first-runner-migration';

/**
 * Streams and events. `json` (not jsonb) keeps the exact text that was hashed.
 * No foreign key from events to streams: es_append keeps them consistent, and
 * a key check would add a row lock per event to the append path.
 */
export const EventTables1795000183001 = firstRunnerMigration({
  version: 1,
  name: 'EventTables1795000183001', // 'event tables' in es_migrations
  sql: `
    CREATE TABLE es_streams (
      stream_id  text PRIMARY KEY,
      revision   bigint NOT NULL,
      last_hash  text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

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
    );
  `,
});
