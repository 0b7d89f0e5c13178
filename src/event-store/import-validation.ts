import { checkStreamId, expectedText, MAX_EVENTS_PER_APPEND, toEventParameters } from './append-validation';
import { EventImport, ExpectedRevision, InvalidAppendError } from './event-store.port';

/**
 * What the port accepts in an import (see EventStore.importEvents), the same
 * for every adapter. Each event is checked as an append's event is.
 */

/** An import is one transaction: the positions' 20 bits per transaction bound it as they bound an append. */
export const MAX_EVENTS_PER_IMPORT = MAX_EVENTS_PER_APPEND;
/**
 * The PostgreSQL adapter takes one advisory lock per stream, and locks live in
 * a shared table of max_locks_per_transaction x max_connections entries (6,400
 * by default): this keeps an import well inside it.
 */
export const MAX_STREAMS_PER_IMPORT = 1_000;

/** One stream of an import. */
export interface ImportStream {
  streamId: string;
  /** The original expected revision (for errors) and its text form (for SQL). */
  expected: ExpectedRevision;
  expectedText: string;
  /** Indexes of its events in the import's arrays, in order. */
  events: number[];
}

/** An import checked and serialised: parallel arrays in the given order, and the streams in order of first appearance. */
export interface ImportParameters {
  streams: ImportStream[];
  /** Per event: index into `streams`. */
  stream: number[];
  ids: string[];
  types: string[];
  versions: number[];
  data: string[];
  metadata: string[];
}

/** Checks an import and serialises it; throws InvalidAppendError before anything reaches a store. */
export function toImportParameters(batch: EventImport): ImportParameters {
  const events: unknown = batch?.events;
  if (!Array.isArray(events) || events.length === 0) throw new InvalidAppendError('an import needs at least one event');
  if (events.length > MAX_EVENTS_PER_IMPORT) throw new InvalidAppendError(`an import holds at most ${MAX_EVENTS_PER_IMPORT} events`);
  const expected = batch.expected ?? new Map<string, ExpectedRevision>();
  const p: ImportParameters = { streams: [], stream: [], ids: [], types: [], versions: [], data: [], metadata: [] };
  const streamIndex = new Map<string, number>();
  const seen = new Set<string>();
  batch.events.forEach((event, index) => {
    const what = `event ${index}`;
    const streamId = event?.streamId;
    let s = streamIndex.get(streamId);
    if (s === undefined) {
      checkStreamId(streamId);
      if (streamIndex.size === MAX_STREAMS_PER_IMPORT) throw new InvalidAppendError(`an import holds at most ${MAX_STREAMS_PER_IMPORT} streams`);
      s = p.streams.length;
      streamIndex.set(streamId, s);
      const revision = expected.get(streamId) ?? 'no-stream';
      p.streams.push({ streamId, expected: revision, expectedText: expectedText(revision), events: [] });
    }
    const e = toEventParameters(event, what);
    if (seen.has(e.id)) throw new InvalidAppendError(`${what}: id ${e.id} appears twice in the import`);
    seen.add(e.id);
    p.streams[s].events.push(index);
    p.stream.push(s);
    p.ids.push(e.id);
    p.types.push(e.type);
    p.versions.push(e.version);
    p.data.push(e.data);
    p.metadata.push(e.metadata);
  });
  for (const streamId of expected.keys()) {
    if (!streamIndex.has(streamId)) throw new InvalidAppendError(`an expected revision is given for stream ${String(streamId)}, which has no event in the import`);
  }
  return p;
}
