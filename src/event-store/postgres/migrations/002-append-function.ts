import { firstRunnerMigration } from './first-runner-migration';

/**
 * es_append: one append = one call = one round trip = one transaction.
 *
 * Global position and the gap problem
 * -----------------------------------
 * position = (transaction id << 20) | index of the event within its transaction.
 * A sequence would hand out numbers at insert time, and a transaction that took
 * number 10 can commit after the one that took 11: a reader that already moved
 * past 11 would never see 10. Here readers (readAll, subscriptions, headPosition)
 * only return events whose transaction_id is below pg_snapshot_xmin of their
 * snapshot, i.e. of transactions that have all finished: every transaction with a
 * smaller id is committed or rolled back, so nothing can later appear below what
 * a reader has seen, and ordering by position never skips an event.
 * Costs: any long-open transaction on the server that has written something
 * (in any database of the cluster) holds back delivery of everything after it
 * until it ends; positions increase but are not dense; an append holds at most
 * 2^20 - 1 events, and a transaction makes at most one append.
 *
 * Per-stream order: the stream lock is taken before the transaction's first
 * write, so its transaction id (assigned by that first write) is larger than
 * that of every earlier append to the stream, and positions within a stream grow
 * with revisions. (A transaction that wrote elsewhere before calling es_append
 * gives up that guarantee; the store never does that.) The lock is a
 * transaction-scoped advisory lock on the stream id rather than SELECT ... FOR
 * UPDATE on es_streams: it also serializes the creators of a new stream without
 * a speculative insert (which would take a transaction id before waiting), and
 * it writes no row-lock to the WAL. Keys use the two-int form with class
 * 1163067393 so they cannot collide with single-bigint advisory locks.
 *
 * Errors carry distinctive SQLSTATEs mapped by pg-errors.ts:
 *   ES001 wrong expected revision (DETAIL = actual revision, -1 = no stream)
 *   ES002 idempotency violation
 *   ES003 invalid append
 * The hash chain mirrors chainHash() in hash-chain.ts exactly.
 */
export const AppendFunction1795000183002 = firstRunnerMigration({
  version: 2,
  name: 'AppendFunction1795000183002', // 'es_append function' in es_migrations
  sql: `
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
      OUT idempotent_replay boolean
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
    END
    $fn$;
  `,
});
