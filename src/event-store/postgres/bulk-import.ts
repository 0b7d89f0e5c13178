import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { IdempotencyViolationError, ImportResult, WrongExpectedRevisionError } from '../event-store.port';
import { chainHash } from '../hash-chain';
import { importedEvent, ImportParameters, satisfies } from '../import-validation';
import { textArray, uuidArray } from './binary-arrays';
import { isUniqueViolation } from './pg-errors';
import { StreamHead } from './stream-heads';

/**
 * Bulk import into the PostgreSQL store: one transaction on one connection,
 * the guarantees of es_append (migrations/002..004) kept step by step:
 *
 * 1. Lock every stream of the import (the same advisory keys as an append, in
 *    ascending key order as es_append_batch takes them, so an import and an
 *    append batch never wait for each other in a cycle), before the
 *    transaction's first write: its transaction id is then larger than that of
 *    every earlier append to these streams ("Per-stream order").
 * 2. Read the streams' heads. With the locks held, they cannot move until the
 *    commit, so the client can decide on them: the expected revisions, and the
 *    hash chain of each stream from its head with chainHash() (as the fast
 *    append path does, migrations/003-fast-append-support.ts).
 * 3. Take the transaction id (pg_current_xact_id) and COPY the events straight
 *    into es_events with position = (id << 20) + index in the import, the rule
 *    of every append, so readers see the whole import at once, after it
 *    committed, never skipping an event below what they have seen (the gap rule).
 *    No staging table: every check that needs the server ran under the locks
 *    before the COPY, and the unique indexes reject an id already stored (or
 *    stored concurrently elsewhere) there, which rolls the whole import back.
 * 4. Upsert the moved heads, commit.
 *
 * Idempotency first: a duplicate id (step 3) or a wrong expected revision
 * (step 2) rolls back, then the stored ids decide between a replay, an
 * IdempotencyViolationError and the WrongExpectedRevisionError.
 */

const LOCK_SQL = `SELECT count(*) FROM (
  SELECT pg_advisory_xact_lock(1163067393, keys.k)
    FROM (SELECT DISTINCT hashtext(s) AS k FROM unnest($1::text[]) s ORDER BY 1) keys
) locked`;

const HEADS_SQL = 'SELECT stream_id, revision::text AS revision, last_hash FROM es_streams WHERE stream_id = ANY($1::text[])';

const COPY_SQL =
  'COPY es_events (position, event_id, stream_id, revision, type, schema_version, data, metadata, prev_hash, hash) FROM STDIN';

const UPSERT_HEADS_SQL = `
  INSERT INTO es_streams AS s (stream_id, revision, last_hash)
  SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[])
  ON CONFLICT (stream_id) DO UPDATE SET revision = EXCLUDED.revision, last_hash = EXCLUDED.last_hash, updated_at = now()`;

/** The stored events with the import's ids, by index in the import. */
const STORED_SQL = `
  SELECT i.ord::int - 1 AS index, e.stream_id, e.revision::text AS revision, e.position::text AS position
    FROM unnest($1::uuid[]) WITH ORDINALITY AS i(id, ord)
    JOIN es_events e ON e.event_id = i.id`;

/** Rows per chunk written to the COPY stream. */
const COPY_CHUNK_ROWS = 200;

/** COPY text format: a backslash, tab, newline or carriage return in a value must be escaped. */
const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_SPECIALS = /[\\\t\n\r]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
export const copyText = (value: string): string =>
  COPY_SPECIAL.test(value) ? value.replace(COPY_SPECIALS, (c) => COPY_ESCAPES[c] ?? c) : value;

export interface ImportOutcome {
  result: ImportResult;
  /** Every stream's head after a written import (empty for a replay). */
  heads: Map<string, StreamHead>;
}

/** Runs the import on `client` (a connection of its own, outside any transaction). */
export async function importWithClient(client: PoolClient, p: ImportParameters): Promise<ImportOutcome> {
  const streamIds = p.streams.map((s) => s.streamId);
  let inTransaction = false;
  try {
    await client.query('BEGIN');
    inTransaction = true;
    await client.query(LOCK_SQL, [textArray(streamIds)]);
    const heads = await readHeads(client, streamIds);
    const mismatch = p.streams.find((s) => !satisfies(s.expected, heads.get(s.streamId)?.revision ?? -1));
    if (mismatch !== undefined) {
      await client.query('ROLLBACK');
      inTransaction = false;
      const prior = await priorImport(client, p);
      if (prior !== undefined) return prior;
      throw new WrongExpectedRevisionError(mismatch.streamId, mismatch.expected, heads.get(mismatch.streamId)?.revision ?? -1);
    }
    const { rows } = await client.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid');
    const base = BigInt(rows[0].xid) << 20n;
    const after = await copyEvents(client, p, heads, base);
    await client.query(UPSERT_HEADS_SQL, [
      textArray(streamIds),
      streamIds.map((id) => after.get(id)?.revision ?? -1),
      textArray(streamIds.map((id) => after.get(id)?.hash ?? '')),
    ]);
    await client.query('COMMIT');
    inTransaction = false;
    const nextRevisions = new Map([...after].map(([id, head]) => [id, head.revision]));
    return {
      result: { written: p.ids.length, nextRevisions, position: base + BigInt(p.ids.length - 1), idempotentReplay: false },
      heads: after,
    };
  } catch (error) {
    if (inTransaction) await client.query('ROLLBACK').catch(() => undefined);
    if (!isUniqueViolation(error)) throw error;
    // An id already stored: a retry of this import, or ids of other events.
    const prior = await priorImport(client, p);
    if (prior !== undefined) return prior;
    throw error;
  }
}

async function readHeads(client: PoolClient, streamIds: string[]): Promise<Map<string, StreamHead>> {
  const { rows } = await client.query<{ stream_id: string; revision: string; last_hash: string }>(HEADS_SQL, [textArray(streamIds)]);
  return new Map(rows.map((r) => [r.stream_id, { revision: Number(r.revision), hash: r.last_hash }]));
}

/** Streams the rows into es_events, chaining each stream from its head; returns the new heads. */
async function copyEvents(
  client: PoolClient,
  p: ImportParameters,
  heads: Map<string, StreamHead>,
  base: bigint,
): Promise<Map<string, StreamHead>> {
  const after = new Map<string, StreamHead>();
  for (const s of p.streams) after.set(s.streamId, heads.get(s.streamId) ?? { revision: -1, hash: '' });
  function* chunks(): Generator<string> {
    let chunk = '';
    for (let i = 0; i < p.ids.length; i++) {
      const streamId = p.streams[p.stream[i]].streamId;
      // Throws InvalidAppendError: the COPY and the transaction are aborted.
      const { type, version, data, metadata } = importedEvent(p, i);
      const head = after.get(streamId) ?? { revision: -1, hash: '' };
      const revision = head.revision + 1;
      const hash = chainHash({
        prevHash: head.hash,
        streamId,
        revision,
        type,
        schemaVersion: version,
        rawData: data,
        rawMetadata: metadata,
      });
      after.set(streamId, { revision, hash });
      chunk += `${base + BigInt(i)}\t${p.ids[i]}\t${copyText(streamId)}\t${revision}\t${copyText(type)}\t${version}\t${copyText(data)}\t${copyText(metadata)}\t${head.hash}\t${hash}\n`;
      if ((i + 1) % COPY_CHUNK_ROWS === 0) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk !== '') yield chunk;
  }
  await pipeline(Readable.from(chunks()), client.query(copyFrom(COPY_SQL)));
  return after;
}

/**
 * Whether the import's ids are stored: undefined when none is, the original
 * outcome when all are as this import would have stored them, else an
 * IdempotencyViolationError.
 */
async function priorImport(client: PoolClient, p: ImportParameters): Promise<ImportOutcome | undefined> {
  const { rows } = await client.query<{ index: number; stream_id: string; revision: string; position: string }>(STORED_SQL, [
    uuidArray(p.ids),
  ]);
  if (rows.length === 0) return undefined;
  const stored = new Map(rows.map((r) => [r.index, r]));
  const offender = (reason: string, index: number): never => {
    const stream = p.streams[p.stream[index]];
    throw new IdempotencyViolationError(
      stream.streamId,
      stream.events.map((i) => p.ids[i]),
      reason,
    );
  };
  if (rows.length < p.ids.length) {
    const first = Math.min(...rows.map((r) => r.index));
    offender(`${rows.length} of ${p.ids.length} event ids of the import are already stored`, first);
  }
  const nextRevisions = new Map<string, number>();
  let position = 0n;
  for (const stream of p.streams) {
    let first: number | undefined;
    stream.events.forEach((index, k) => {
      const row = stored.get(index);
      if (row === undefined) return offender('an event id of the import is not stored', index);
      if (row.stream_id !== stream.streamId) return offender('some event ids are already stored in another stream', index);
      const revision = Number(row.revision);
      first ??= revision - k;
      if (revision !== first + k) return offender('the event ids are already stored in another order', index);
      nextRevisions.set(stream.streamId, revision);
      if (BigInt(row.position) > position) position = BigInt(row.position);
    });
  }
  return { result: { written: 0, nextRevisions, position, idempotentReplay: true }, heads: new Map() };
}
