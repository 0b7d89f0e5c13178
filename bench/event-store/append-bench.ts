import { Pool } from 'pg';
import { EventStore, NewEvent } from '../../src/event-store/event-store.port';
import { chainHash } from '../../src/event-store/hash-chain';
import { PhaseResult } from './stats';
import { CaseWriter } from './workload';

type Append = ReturnType<CaseWriter['next']>;
export type AppendFn = (append: Append) => Promise<void>;

/** The raw baseline's table: the same columns as es_events, nothing but a primary key. */
export const CREATE_RAW_TABLE = `
  CREATE TABLE bench_raw_events (
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
    hash           text NOT NULL
  )`;

const RAW_COLUMNS = 10;

/** Built once per row count, as the store builds its statements. */
const RAW_INSERTS = new Map<number, string>();

function rawInsertSql(rows: number): string {
  let text = RAW_INSERTS.get(rows);
  if (text === undefined) RAW_INSERTS.set(rows, (text = buildRawInsertSql(rows)));
  return text;
}

function buildRawInsertSql(rows: number): string {
  const tuples = Array.from({ length: rows }, (_, r) => {
    const params = Array.from({ length: RAW_COLUMNS }, (_, c) => `$${r * RAW_COLUMNS + c + 1}`);
    return `(${params.join(', ')})`;
  });
  return `INSERT INTO bench_raw_events (position, event_id, stream_id, revision, type, schema_version, data, metadata, prev_hash, hash)
    VALUES ${tuples.join(', ')}`;
}

export const storeAppend =
  (store: EventStore): (() => AppendFn) =>
  () =>
  async (a) => {
    await store.append(a.streamId, a.events, a.expected);
  };

/**
 * The same rows written by one plain multi-row INSERT per append (a prepared
 * statement, like the store's), with the hash chain computed here, so the
 * comparison isolates what the store adds: validation, stream lock, head row,
 * checks and constraints.
 */
export function rawInsert(pool: Pool, nextPosition: () => bigint): () => AppendFn {
  return () => {
    const lastHash = new Map<string, string>();
    return async ({ streamId, events, firstRevision }) => {
      const values: unknown[] = [];
      let prevHash = lastHash.get(streamId) ?? '';
      events.forEach((event: NewEvent, i) => {
        const rawData = JSON.stringify(event.data);
        const rawMetadata = JSON.stringify(event.metadata);
        const revision = firstRevision + i;
        const hash = chainHash({
          prevHash,
          streamId,
          revision,
          type: event.type,
          schemaVersion: event.schemaVersion,
          rawData,
          rawMetadata,
        });
        values.push(
          String(nextPosition()),
          event.id,
          streamId,
          revision,
          event.type,
          event.schemaVersion,
          rawData,
          rawMetadata,
          prevHash,
          hash,
        );
        prevHash = hash;
      });
      await pool.query({ name: `bench_raw_insert_${events.length}`, text: rawInsertSql(events.length), values });
      lastHash.set(streamId, prevHash);
    };
  };
}

/** Runs `concurrency` writers, each on its own case streams, for `seconds`. */
export async function runWriters(label: string, concurrency: number, seconds: number, makeAppend: () => AppendFn): Promise<PhaseResult> {
  const latenciesMs: number[] = [];
  let events = 0;
  let appends = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, i) => {
      const writer = new CaseWriter(`${label}-${i}`, 20, i + 1);
      const append = makeAppend();
      while (performance.now() < deadline) {
        const next = writer.next();
        const t0 = performance.now();
        await append(next);
        latenciesMs.push(performance.now() - t0);
        events += next.events.length;
        appends++;
      }
    }),
  );
  return { events, appends, seconds: (performance.now() - started) / 1000, latenciesMs: latenciesMs.sort((a, b) => a - b) };
}
