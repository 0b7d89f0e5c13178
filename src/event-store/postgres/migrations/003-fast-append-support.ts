import { firstRunnerMigration } from './first-runner-migration';

/**
 * Appending, second version: one round trip, one transaction, by one of two
 * statements. Positions and the gap rule are unchanged (see
 * 002-append-function.ts).
 *
 * Per-stream order: both append statements take the stream lock before the
 * transaction's first write, so its transaction id (assigned by that first
 * write) is larger than that of every earlier append to the stream, and
 * positions within a stream grow with revisions. (A transaction that wrote
 * elsewhere before appending gives up that guarantee; the store never does
 * that.) The lock is a transaction-scoped advisory lock on the stream id rather
 * than SELECT ... FOR UPDATE on es_streams: it also serializes the creators of a
 * new stream without a speculative insert (which would take a transaction id
 * before waiting), and it writes no row-lock to the WAL. Keys use the two-int
 * form with class 1163067393 so they cannot collide with single-bigint advisory
 * locks.
 *
 * The fast path: fastAppendStatement() in append-statements.ts
 * ------------------------------------------------------------
 * When the client knows the stream's head (revision and hash, from its own last
 * append or read of the stream, or -1 and '' for 'no-stream') and that head
 * satisfies the expected revision, it computes the hash chain itself with
 * chainHash() and sends one plain statement: lock, move the head, insert the
 * events. Measured against es_append, this saves the PL/pgSQL call and its
 * separate statements (each with its own executor start-up), the SQL hashing,
 * and the array parsing (each event's fields are plain parameters).
 * A stale or wrong head must never produce a wrong chain, so the head moves only
 * from what the client assumed: UPDATE es_streams ... WHERE revision and
 * last_hash are the assumed ones (an UPDATE re-checks the latest committed row
 * version, although the statement's snapshot was taken before it waited for the
 * lock); a new stream's head row is inserted ON CONFLICT DO NOTHING, so it is
 * only created when no stream of that id is committed (checked against the
 * latest committed row, like the UPDATE). The events are inserted only when the
 * head moved or was created, so every link points at the stored head, and the
 * unique indexes of es_events reject ids already stored (23505). When nothing
 * was written or a unique index objected, the client runs the complete path,
 * which tells a retry, a conflict and a stale head apart; the statement is one
 * transaction, so a rejected append writes nothing.
 *
 * The complete path: es_append()
 * ------------------------------
 * For a client that does not know the head, and after the fast path declined.
 * After the lock, each statement of the PL/pgSQL function runs with a fresh
 * snapshot and sees the stream as the previous lock holder committed it:
 * idempotency first (all ids stored in this stream, in this order: the original
 * result; some, or elsewhere: ES002), then the expected revision (ES001, DETAIL =
 * actual revision, -1 = no stream), then the hash chain, computed here mirroring
 * chainHash() in hash-chain.ts exactly (the contract suite checks they agree).
 * Invalid input: ES003. pg-errors.ts maps the SQLSTATEs.
 *
 * This migration: es_append also returns the new head's hash (the client
 * remembers it for the fast path), and both tables wait for 1000 changes before
 * their first ANALYZE. The append and read statements run with cached generic
 * plans (one-row index probes); a plan made right after ANALYZE saw a table of a
 * few dozen rows is a sequential scan, and it stays cached while the table grows
 * until the next ANALYZE. A table never analyzed is assumed large enough for
 * index probes.
 */
export const FastAppendSupport1795000183003 = firstRunnerMigration({
  version: 3,
  name: 'FastAppendSupport1795000183003', // 'es_append returns the head hash; first ANALYZE after 1000 changes' in es_migrations
  sql: `
    ALTER TABLE es_streams SET (autovacuum_analyze_threshold = 1000);
    ALTER TABLE es_events SET (autovacuum_analyze_threshold = 1000);

    -- The OUT columns change: CREATE OR REPLACE cannot change a function's result type.
    DROP FUNCTION es_append(text, text, uuid[], text[], int[], text[], text[]);

    CREATE FUNCTION es_append(
      p_stream_id text,
      p_expected  text,
      p_ids       uuid[],
      p_types     text[],
      p_versions  int[],
      p_data      text[],
      p_metadata  text[],
      OUT next_revision     bigint,
      OUT last_position     bigint,
      OUT idempotent_replay boolean,
      OUT last_hash         text   -- hash of the stream's new head; NULL for a replay
    )
    LANGUAGE plpgsql
    -- Every statement below has one sensible plan (primary-key probes, inserts);
    -- generic plans skip re-planning them on each call (a third of the CPU).
    SET plan_cache_mode = force_generic_plan
    AS $fn$
    DECLARE
      v_count    int := coalesce(cardinality(p_ids), 0);
      v_revision bigint;  -- last revision of the stream, -1 when it does not exist
      v_hash     text;    -- hash of the stream's last event, '' when it does not exist
      v_found    int;
      v_same     int;
      v_min_gap  bigint;
      v_max_gap  bigint;
      v_last_rev bigint;
      v_last_pos bigint;
      v_mismatch boolean;
      v_base     bigint;
      v_prev     text[] := '{}';
      v_hashes   text[] := '{}';
    BEGIN
      IF v_count = 0 OR v_count > 1048575
         OR coalesce(cardinality(p_types), 0) <> v_count OR coalesce(cardinality(p_versions), 0) <> v_count
         OR coalesce(cardinality(p_data), 0) <> v_count OR coalesce(cardinality(p_metadata), 0) <> v_count THEN
        RAISE EXCEPTION USING ERRCODE = 'ES003', MESSAGE = 'an append needs 1 to 1048575 events with all fields';
      END IF;

      -- Before any write: see "Per-stream order" above.
      PERFORM pg_advisory_xact_lock(1163067393, hashtext(p_stream_id));

      -- The stream's head and, for idempotency, the given ids already stored: one
      -- statement. The ids are probed one by one through the primary key (LATERAL
      -- with OFFSET 0): a join the planner may turn into a hash join over the whole
      -- table when a cached generic plan was made while the table was small.
      SELECT coalesce(s.revision, -1), coalesce(s.last_hash, ''), x.found, x.same, x.min_gap, x.max_gap, x.last_rev, x.last_pos
        INTO v_revision, v_hash, v_found, v_same, v_min_gap, v_max_gap, v_last_rev, v_last_pos
        FROM (
          SELECT count(*) AS found, count(*) FILTER (WHERE e.stream_id = p_stream_id) AS same,
                 min(e.revision - i.ord) AS min_gap, max(e.revision - i.ord) AS max_gap,
                 max(e.revision) AS last_rev, max(e.position) AS last_pos
            FROM unnest(p_ids) WITH ORDINALITY AS i(id, ord)
            CROSS JOIN LATERAL (
              SELECT stored.stream_id, stored.revision, stored.position FROM es_events stored
               WHERE stored.event_id = i.id OFFSET 0
            ) e
        ) x
        LEFT JOIN es_streams s ON s.stream_id = p_stream_id;

      -- Idempotency before the expected revision: a retry of an append that
      -- succeeded returns its original result whatever the stream holds now.
      IF v_found > 0 THEN
        IF v_found = v_count AND v_same = v_count AND v_min_gap = v_max_gap THEN
          next_revision := v_last_rev;
          last_position := v_last_pos;
          idempotent_replay := true;
          RETURN;
        END IF;
        RAISE EXCEPTION USING ERRCODE = 'ES002', MESSAGE = CASE
          WHEN v_same < v_found THEN 'some event ids are already stored in another stream'
          WHEN v_found < v_count THEN format('%s of %s event ids are already stored', v_found, v_count)
          ELSE 'the event ids are already stored in another order' END;
      END IF;

      -- IF/ELSIF, not one boolean expression: the cast must only run for an exact revision.
      IF p_expected = 'any' THEN
        v_mismatch := false;
      ELSIF p_expected = 'no-stream' THEN
        v_mismatch := v_revision <> -1;
      ELSIF p_expected = 'stream-exists' THEN
        v_mismatch := v_revision = -1;
      ELSE
        v_mismatch := v_revision <> p_expected::bigint;
      END IF;
      IF v_mismatch THEN
        RAISE EXCEPTION USING ERRCODE = 'ES001', MESSAGE = 'wrong expected revision', DETAIL = v_revision::text;
      END IF;

      -- One append per transaction: a second call in the same transaction would
      -- reuse these positions and fail on es_events_position_key.
      v_base := (pg_current_xact_id()::text::bigint) << 20;

      FOR i IN 1 .. v_count LOOP
        v_prev[i] := v_hash;
        v_hash := encode(sha256(convert_to(concat_ws(E'\\n',
          v_hash, p_stream_id, (v_revision + i)::text, p_types[i], p_versions[i]::text, p_data[i], p_metadata[i]
        ), 'UTF8')), 'hex');
        v_hashes[i] := v_hash;
      END LOOP;

      -- Events and stream head in one statement each way.
      IF v_revision = -1 THEN
        WITH events AS (
          INSERT INTO es_events (position, event_id, stream_id, revision, type, schema_version, data, metadata, prev_hash, hash)
          SELECT v_base + u.ord - 1, u.id, p_stream_id, v_revision + u.ord, u.type, u.version,
                 u.data::json, u.metadata::json, u.prev_hash, u.hash
            FROM unnest(p_ids, p_types, p_versions, p_data, p_metadata, v_prev, v_hashes)
                 WITH ORDINALITY AS u(id, type, version, data, metadata, prev_hash, hash, ord)
        )
        INSERT INTO es_streams (stream_id, revision, last_hash) VALUES (p_stream_id, v_count - 1, v_hash);
      ELSE
        WITH events AS (
          INSERT INTO es_events (position, event_id, stream_id, revision, type, schema_version, data, metadata, prev_hash, hash)
          SELECT v_base + u.ord - 1, u.id, p_stream_id, v_revision + u.ord, u.type, u.version,
                 u.data::json, u.metadata::json, u.prev_hash, u.hash
            FROM unnest(p_ids, p_types, p_versions, p_data, p_metadata, v_prev, v_hashes)
                 WITH ORDINALITY AS u(id, type, version, data, metadata, prev_hash, hash, ord)
        )
        UPDATE es_streams SET revision = v_revision + v_count, last_hash = v_hash, updated_at = now()
         WHERE stream_id = p_stream_id;
      END IF;

      next_revision := v_revision + v_count;
      last_position := v_base + v_count - 1;
      idempotent_replay := false;
      last_hash := v_hash;
    END
    $fn$;
  `,
});
