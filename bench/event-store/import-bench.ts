import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Pool } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { EventStore, ImportedEvent } from '../../src/event-store/event-store.port';
import { chainHash } from '../../src/event-store/hash-chain';
import { copyText } from '../../src/event-store/postgres/bulk-import';
import { CREATE_RAW_TABLE } from './append-bench';
import { prng, caseEvent } from './workload';

/** The bare baseline's table: bench_raw_events' columns and primary key, nothing else. */
export const CREATE_RAW_IMPORT_TABLE = CREATE_RAW_TABLE.replace('bench_raw_events', 'bench_raw_import');

const RAW_COPY_SQL =
  'COPY bench_raw_import (position, event_id, stream_id, revision, type, schema_version, data, metadata, prev_hash, hash) FROM STDIN';

export interface ImportShape {
  /** Events per import (one transaction each). */
  eventsPerImport: number;
  /** Events per stream; a stream's events interleave with the others' of its import, as a history in time order. */
  eventsPerStream: number;
}

/** One import's events: eventsPerImport / eventsPerStream new streams, round-robin. */
export function importChunk(label: string, shape: ImportShape, seed: number): ImportedEvent[] {
  const rng = prng(seed);
  const streams = Math.max(1, Math.ceil(shape.eventsPerImport / shape.eventsPerStream));
  const events: ImportedEvent[] = [];
  for (let revision = 0; events.length < shape.eventsPerImport; revision++) {
    for (let s = 0; s < streams && events.length < shape.eventsPerImport; s++) {
      const streamId = `import-${label}-${s}`;
      events.push({ ...caseEvent(rng, streamId, revision), streamId });
    }
  }
  return events;
}

export type ImportFn = (events: ImportedEvent[]) => Promise<void>;

export const storeImport =
  (store: EventStore): ImportFn =>
  async (events) => {
    await store.importEvents({ events });
  };

/**
 * The same rows by one bare COPY per import into a table with only a primary
 * key: JSON serialised, hash chain and positions computed here, no
 * validation, no locks, no head rows, no other index. What the store adds on
 * top of this is what the ratio measures.
 */
export function rawCopy(pool: Pool, nextPosition: () => bigint): ImportFn {
  return async (events) => {
    const heads = new Map<string, { revision: number; hash: string }>();
    function* chunks(): Generator<string> {
      let chunk = '';
      for (let i = 0; i < events.length; i++) {
        const { streamId, type, schemaVersion } = events[i];
        const head = heads.get(streamId) ?? { revision: -1, hash: '' };
        const rawData = JSON.stringify(events[i].data);
        const rawMetadata = JSON.stringify(events[i].metadata);
        const revision = head.revision + 1;
        const hash = chainHash({ prevHash: head.hash, streamId, revision, type, schemaVersion, rawData, rawMetadata });
        heads.set(streamId, { revision, hash });
        chunk += `${nextPosition()}\t${events[i].id}\t${copyText(streamId)}\t${revision}\t${copyText(type)}\t${schemaVersion}\t${copyText(rawData)}\t${copyText(rawMetadata)}\t${head.hash}\t${hash}\n`;
        if ((i + 1) % 200 === 0) {
          yield chunk;
          chunk = '';
        }
      }
      if (chunk !== '') yield chunk;
    }
    const client = await pool.connect();
    try {
      await pipeline(Readable.from(chunks()), client.query(copyFrom(RAW_COPY_SQL)));
    } finally {
      client.release();
    }
  };
}

/** Runs `imports` imports one after another (each built before its clock starts); returns events and seconds. */
export async function runImports(
  label: string,
  imports: number,
  shape: ImportShape,
  run: ImportFn,
): Promise<{ events: number; seconds: number }> {
  let events = 0;
  let ms = 0;
  for (let k = 0; k < imports; k++) {
    const chunk = importChunk(`${label}-${k}`, shape, k + 1);
    const t0 = performance.now();
    await run(chunk);
    ms += performance.now() - t0;
    events += chunk.length;
  }
  return { events, seconds: ms / 1000 };
}
