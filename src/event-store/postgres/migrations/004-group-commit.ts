import { firstRunnerMigration } from './first-runner-migration';

/**
 * Group commit: es_append_batch writes several appends, queued by the client
 * while earlier flushes were in flight, in one call = one round trip = one
 * transaction, and reports each append's own outcome as a row instead of
 * raising, so that a conflict or a duplicate fails (or replays) that append
 * alone and never its neighbours.
 *
 * Each append is checked exactly as es_append checks it (003-fast-append-support.ts):
 * idempotency first, then the expected revision, then the hash chain computed
 * here. After the locks, two statements read what the whole batch needs (the
 * stored events with the batch's ids, whether an id repeats, the streams' heads); the appends are then
 * decided in memory, in array order, each against the head and the ids the
 * earlier appends of the batch left (so two appends to one stream in one batch
 * behave as if made one after the other), and two statements write all events
 * and all moved heads. Statements, not appends, are what a call costs the
 * server: a batch of 30 appends runs the same five statements as a batch of 2.
 *
 * Positions and the gap rule: the batch is one transaction, so all its events
 * share a transaction id and get position (xid << 20) + a running index across
 * the batch; the client caps a batch well below 2^20 events. Readers see the
 * batch all at once, after it committed, as they see a single append.
 *
 * Per-stream order: the locks of ALL the batch's streams are taken before the
 * transaction's first write (so its xid is larger than that of every earlier
 * append to any of them), in ascending key order, so two batches (or a batch and
 * a single append, which locks one key) can never wait for each other in a
 * cycle. Equal keys (hashtext collisions) are locked once.
 *
 * Result rows, one per append, in order: ok (false: code and detail say why:
 * ES001 with the actual revision, ES002 with a message, ES003), next_revision,
 * last_position, idempotent_replay and last_hash as es_append returns them.
 * A unique-index violation (an id stored concurrently by another transaction in
 * another stream) still aborts the whole batch; the client then retries each
 * of its appends alone.
 *
 * $3 counts: events per append; the event arrays hold all appends' events, concatenated.
 */
export const GroupCommit1795000183004 = firstRunnerMigration({
  version: 4,
  name: 'GroupCommit1795000183004', // 'es_append_batch for group commit' in es_migrations
  sql: `
    CREATE FUNCTION es_append_batch(
      p_streams   text[],
      p_expected  text[],
      p_counts    int[],
      p_ids       uuid[],
      p_types     text[],
      p_versions  int[],
      p_data      text[],
      p_metadata  text[]
    )
    RETURNS TABLE (
      ok                boolean,
      code              text,
      detail            text,
      next_revision     bigint,
      last_position     bigint,
      idempotent_replay boolean,
      last_hash         text
    )
    LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan
    AS $fn$
    DECLARE
      v_appends   int := coalesce(cardinality(p_streams), 0);
      v_total     int := coalesce(cardinality(p_ids), 0);
      -- Per event of the batch: the stored event with its id, NULL when none.
      v_st_stream text[];
      v_st_rev    bigint[];
      v_st_pos    bigint[];
      v_repeats   boolean;  -- some id occurs twice in the batch: look at the ones written earlier too
      -- Per distinct stream: its head as the appends so far left it.
      v_h_stream  text[];
      v_h_rev     bigint[];
      v_h_hash    text[];
      v_h_moved   boolean[];
      -- Per event to write.
      w_src       int[] := '{}';  -- index in the batch's event arrays
      w_id        uuid[] := '{}';
      w_stream    text[] := '{}';
      w_rev       bigint[] := '{}';
      w_pos       bigint[] := '{}';
      w_prev      text[] := '{}';
      w_hash      text[] := '{}';
      v_written   int := 0;
      v_from      int := 1;  -- first event of the current append in the batch's event arrays
      v_count     int;
      v_stream    text;
      v_expected  text;
      v_head      int;
      v_revision  bigint;
      v_hash      text;
      v_e         int;
      v_k         int;
      v_s_stream  text;
      v_s_rev     bigint;
      v_s_pos     bigint;
      v_found     int;
      v_same      int;
      v_min_gap   bigint;
      v_max_gap   bigint;
      v_last_rev  bigint;
      v_last_pos  bigint;
      v_mismatch  boolean;
      v_base      bigint;
    BEGIN
      IF v_appends = 0 OR v_total > 1048575
         OR coalesce(cardinality(p_expected), 0) <> v_appends OR coalesce(cardinality(p_counts), 0) <> v_appends
         OR coalesce(cardinality(p_types), 0) <> v_total OR coalesce(cardinality(p_versions), 0) <> v_total
         OR coalesce(cardinality(p_data), 0) <> v_total OR coalesce(cardinality(p_metadata), 0) <> v_total
         OR (SELECT coalesce(sum(c), -1) FROM unnest(p_counts) c) <> v_total
         OR EXISTS (SELECT 1 FROM unnest(p_counts) c WHERE c IS NULL OR c < 1) THEN
        RAISE EXCEPTION USING ERRCODE = 'ES003', MESSAGE = 'a batch needs 1 or more appends of 1 or more events, at most 1048575 events, with all fields';
      END IF;

      -- Before any write, every stream, in key order: see "Per-stream order" above.
      -- (DISTINCT keeps the sorted subquery from being flattened into the locking one.)
      PERFORM pg_advisory_xact_lock(1163067393, keys.k)
         FROM (SELECT DISTINCT hashtext(s) AS k FROM unnest(p_streams) s ORDER BY 1) keys;

      -- Two statements read all the batch needs: stored ids (probed one by one
      -- through the primary key, as es_append does) and repeated ids, then heads. The
      -- appends are then decided in memory, in order, and written by two.
      SELECT array_agg(e.stream_id ORDER BY i.ord), array_agg(e.revision ORDER BY i.ord), array_agg(e.position ORDER BY i.ord),
             count(DISTINCT i.id) <> count(*)
        INTO v_st_stream, v_st_rev, v_st_pos, v_repeats
        FROM unnest(p_ids) WITH ORDINALITY AS i(id, ord)
        LEFT JOIN LATERAL (
          SELECT stored.stream_id, stored.revision, stored.position FROM es_events stored
           WHERE stored.event_id = i.id OFFSET 0
        ) e ON true;

      SELECT array_agg(d.stream_id), array_agg(coalesce(h.revision, -1)), array_agg(coalesce(h.last_hash, '')), array_agg(false)
        INTO v_h_stream, v_h_rev, v_h_hash, v_h_moved
        FROM (SELECT DISTINCT u.stream_id FROM unnest(p_streams) AS u(stream_id)) d
        LEFT JOIN es_streams h ON h.stream_id = d.stream_id;

      FOR a IN 1 .. v_appends LOOP
        v_stream := p_streams[a];
        v_expected := p_expected[a];
        v_count := p_counts[a];
        v_head := array_position(v_h_stream, v_stream);
        v_revision := v_h_rev[v_head];
        v_hash := v_h_hash[v_head];

        -- Idempotency, as es_append: the ids stored before, or written by an earlier append of this batch.
        v_found := 0; v_same := 0; v_min_gap := NULL; v_max_gap := NULL; v_last_rev := NULL; v_last_pos := NULL;
        FOR i IN 1 .. v_count LOOP
          v_e := v_from + i - 1;
          v_s_stream := v_st_stream[v_e];
          IF v_s_stream IS NOT NULL THEN
            v_s_rev := v_st_rev[v_e];
            v_s_pos := v_st_pos[v_e];
          ELSIF v_repeats THEN
            v_k := array_position(w_id, p_ids[v_e]);
            CONTINUE WHEN v_k IS NULL;
            v_s_stream := w_stream[v_k];
            v_s_rev := w_rev[v_k];
            v_s_pos := w_pos[v_k];
          ELSE
            CONTINUE;
          END IF;
          v_found := v_found + 1;
          IF v_s_stream = v_stream THEN v_same := v_same + 1; END IF;
          v_min_gap := least(v_min_gap, v_s_rev - i);
          v_max_gap := greatest(v_max_gap, v_s_rev - i);
          v_last_rev := greatest(v_last_rev, v_s_rev);
          v_last_pos := greatest(v_last_pos, v_s_pos);
        END LOOP;

        ok := false; code := NULL; detail := NULL; next_revision := NULL; last_position := NULL;
        idempotent_replay := false; last_hash := NULL;

        IF v_found > 0 THEN
          IF v_found = v_count AND v_same = v_count AND v_min_gap = v_max_gap THEN
            ok := true;
            next_revision := v_last_rev;
            last_position := v_last_pos;
            idempotent_replay := true;
          ELSE
            code := 'ES002';
            detail := CASE
              WHEN v_same < v_found THEN 'some event ids are already stored in another stream'
              WHEN v_found < v_count THEN format('%s of %s event ids are already stored', v_found, v_count)
              ELSE 'the event ids are already stored in another order' END;
          END IF;
        ELSE
          IF v_expected = 'any' THEN
            v_mismatch := false;
          ELSIF v_expected = 'no-stream' THEN
            v_mismatch := v_revision <> -1;
          ELSIF v_expected = 'stream-exists' THEN
            v_mismatch := v_revision = -1;
          ELSIF v_expected ~ '^[0-9]{1,18}$' THEN
            v_mismatch := v_revision <> v_expected::bigint;
          ELSE
            v_mismatch := NULL;
          END IF;

          IF v_mismatch IS NULL THEN
            code := 'ES003';
            detail := 'invalid expected revision';
          ELSIF v_mismatch THEN
            code := 'ES001';
            detail := v_revision::text;
          ELSE
            -- Assigns the transaction id: after every lock, before the first write.
            IF v_base IS NULL THEN
              v_base := (pg_current_xact_id()::text::bigint) << 20;
            END IF;
            FOR i IN 1 .. v_count LOOP
              v_e := v_from + i - 1;
              v_written := v_written + 1;
              w_prev[v_written] := v_hash;
              v_hash := encode(sha256(convert_to(concat_ws(E'\\n',
                v_hash, v_stream, (v_revision + i)::text, p_types[v_e], p_versions[v_e]::text, p_data[v_e], p_metadata[v_e]
              ), 'UTF8')), 'hex');
              w_hash[v_written] := v_hash;
              w_src[v_written] := v_e;
              w_id[v_written] := p_ids[v_e];
              w_stream[v_written] := v_stream;
              w_rev[v_written] := v_revision + i;
              w_pos[v_written] := v_base + v_written - 1;
            END LOOP;
            v_h_rev[v_head] := v_revision + v_count;
            v_h_hash[v_head] := v_hash;
            v_h_moved[v_head] := true;
            ok := true;
            next_revision := v_revision + v_count;
            last_position := v_base + v_written - 1;
            last_hash := v_hash;
          END IF;
        END IF;

        RETURN NEXT;
        v_from := v_from + v_count;
      END LOOP;

      IF v_written > 0 THEN
        INSERT INTO es_events (position, event_id, stream_id, revision, type, schema_version, data, metadata, prev_hash, hash)
        SELECT w.pos, w.id, w.stream, w.rev, e.type, e.version, e.data::json, e.metadata::json, w.prev, w.hash
          FROM unnest(w_src, w_id, w_stream, w_rev, w_pos, w_prev, w_hash) AS w(src, id, stream, rev, pos, prev, hash)
          JOIN unnest(p_types, p_versions, p_data, p_metadata) WITH ORDINALITY AS e(type, version, data, metadata, ord)
            ON e.ord = w.src;

        -- The streams are locked: a plain upsert of each moved head is safe.
        INSERT INTO es_streams AS s (stream_id, revision, last_hash)
        SELECT h.stream_id, h.revision, h.hash
          FROM unnest(v_h_stream, v_h_rev, v_h_hash, v_h_moved) AS h(stream_id, revision, hash, moved)
         WHERE h.moved
        ON CONFLICT (stream_id) DO UPDATE SET revision = EXCLUDED.revision, last_hash = EXCLUDED.last_hash, updated_at = now();
      END IF;
    END
    $fn$;
  `,
});
