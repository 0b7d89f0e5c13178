import { Migration } from '../migration-runner';

/**
 * Group commit: es_append_batch writes several appends, queued by the client
 * while earlier flushes were in flight, in one call = one round trip = one
 * transaction, and reports each append's own outcome as a row instead of
 * raising, so that a conflict or a duplicate fails (or replays) that append
 * alone and never its neighbours.
 *
 * Each append is checked exactly as es_append checks it (003-fast-append-support.ts):
 * idempotency first, then the expected revision, then the hash chain computed
 * here. Appends are applied in array order; each statement sees what the
 * earlier appends of the batch wrote, so two appends to one stream in one batch
 * behave as if made one after the other (the second sees the first's head and
 * ids).
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
export const groupCommit: Migration = {
  version: 4,
  name: 'es_append_batch for group commit',
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
      v_appends  int := coalesce(cardinality(p_streams), 0);
      v_total    int := coalesce(cardinality(p_ids), 0);
      v_key      int;
      v_from     int := 1;   -- first event of the current append in the event arrays
      v_count    int;
      v_stream   text;
      v_expected text;
      v_revision bigint;
      v_hash     text;
      v_found    int;
      v_same     int;
      v_min_gap  bigint;
      v_max_gap  bigint;
      v_last_rev bigint;
      v_last_pos bigint;
      v_mismatch boolean;
      v_base     bigint;
      v_next     bigint := 0;  -- index of the next event written in this transaction
      v_ids      uuid[];
      v_prev     text[];
      v_hashes   text[];
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
      FOR v_key IN SELECT DISTINCT hashtext(s) AS k FROM unnest(p_streams) s ORDER BY k LOOP
        PERFORM pg_advisory_xact_lock(1163067393, v_key);
      END LOOP;

      FOR a IN 1 .. v_appends LOOP
        v_stream := p_streams[a];
        v_expected := p_expected[a];
        v_count := p_counts[a];
        v_ids := p_ids[v_from : v_from + v_count - 1];

        SELECT coalesce(s.revision, -1), coalesce(s.last_hash, ''), x.found, x.same, x.min_gap, x.max_gap, x.last_rev, x.last_pos
          INTO v_revision, v_hash, v_found, v_same, v_min_gap, v_max_gap, v_last_rev, v_last_pos
          FROM (
            SELECT count(*) AS found, count(*) FILTER (WHERE e.stream_id = v_stream) AS same,
                   min(e.revision - i.ord) AS min_gap, max(e.revision - i.ord) AS max_gap,
                   max(e.revision) AS last_rev, max(e.position) AS last_pos
              FROM unnest(v_ids) WITH ORDINALITY AS i(id, ord)
              CROSS JOIN LATERAL (
                SELECT stored.stream_id, stored.revision, stored.position FROM es_events stored
                 WHERE stored.event_id = i.id OFFSET 0
              ) e
          ) x
          LEFT JOIN es_streams s ON s.stream_id = v_stream;

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
          ELSIF v_expected ~ '^-?[0-9]{1,18}$' THEN
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
            -- The first write assigns the transaction id: after every lock.
            IF v_base IS NULL THEN
              v_base := (pg_current_xact_id()::text::bigint) << 20;
            END IF;
            v_prev := '{}';
            v_hashes := '{}';
            FOR i IN 1 .. v_count LOOP
              v_prev[i] := v_hash;
              v_hash := encode(sha256(convert_to(concat_ws(E'\\n',
                v_hash, v_stream, (v_revision + i)::text, p_types[v_from + i - 1], p_versions[v_from + i - 1]::text,
                p_data[v_from + i - 1], p_metadata[v_from + i - 1]
              ), 'UTF8')), 'hex');
              v_hashes[i] := v_hash;
            END LOOP;

            INSERT INTO es_events (position, event_id, stream_id, revision, type, schema_version, data, metadata, prev_hash, hash)
            SELECT v_base + v_next + u.ord - 1, u.id, v_stream, v_revision + u.ord, u.type, u.version,
                   u.data::json, u.metadata::json, u.prev_hash, u.hash
              FROM unnest(v_ids, p_types[v_from : v_from + v_count - 1], p_versions[v_from : v_from + v_count - 1],
                          p_data[v_from : v_from + v_count - 1], p_metadata[v_from : v_from + v_count - 1], v_prev, v_hashes)
                   WITH ORDINALITY AS u(id, type, version, data, metadata, prev_hash, hash, ord);

            IF v_revision = -1 THEN
              INSERT INTO es_streams (stream_id, revision, last_hash) VALUES (v_stream, v_count - 1, v_hash);
            ELSE
              UPDATE es_streams SET revision = v_revision + v_count, last_hash = v_hash, updated_at = now()
               WHERE stream_id = v_stream;
            END IF;

            ok := true;
            next_revision := v_revision + v_count;
            last_position := v_base + v_next + v_count - 1;
            last_hash := v_hash;
            v_next := v_next + v_count;
          END IF;
        END IF;

        RETURN NEXT;
        v_from := v_from + v_count;
      END LOOP;
    END
    $fn$;
  `,
};
