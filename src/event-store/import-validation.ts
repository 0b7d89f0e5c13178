import { isUuid } from '../common/ids';
import { checkStreamId, EventParameters, expectedText, MAX_EVENTS_PER_APPEND, toEventParameters } from './append-validation';
import { EventImport, ExpectedRevision, ImportedEvent, InvalidAppendError } from './event-store.port';

/**
 * What the port accepts in an import (see EventStore.importEvents), the same
 * for every adapter. Each event is checked as an append's event is.
 *
 * In two steps: toImportParameters() checks what an adapter needs before it
 * touches the store (streams, ids, expected revisions, counts), and
 * importedEvent() checks and serialises one event's content. The PostgreSQL
 * adapter calls the latter as it streams the events to the server, so that
 * this work (a third of the client's time per event) overlaps with the
 * server's; an error there aborts the import's transaction, so it still
 * writes nothing.
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

/** An import's structure checked: the streams in order of first appearance; per event its stream and id (lower case), in the given order. */
export interface ImportParameters {
  streams: ImportStream[];
  /** Per event: index into `streams`. */
  stream: number[];
  ids: string[];
  /** As given: check and serialise each with importedEvent(). */
  events: readonly ImportedEvent[];
}

/** Checks an import's streams, ids and expected revisions; throws InvalidAppendError. */
export function toImportParameters(batch: EventImport): ImportParameters {
  const events: unknown = batch?.events;
  if (!Array.isArray(events) || events.length === 0) throw new InvalidAppendError('an import needs at least one event');
  if (events.length > MAX_EVENTS_PER_IMPORT) throw new InvalidAppendError(`an import holds at most ${MAX_EVENTS_PER_IMPORT} events`);
  const expected = batch.expected ?? new Map<string, ExpectedRevision>();
  const p: ImportParameters = { streams: [], stream: [], ids: [], events: batch.events };
  const streamIndex = new Map<string, number>();
  const seen = new Set<string>();
  batch.events.forEach((event, index) => {
    const what = `event ${index}`;
    const streamId = event?.streamId;
    let s = streamIndex.get(streamId);
    if (s === undefined) {
      checkStreamId(streamId);
      if (streamIndex.size === MAX_STREAMS_PER_IMPORT)
        throw new InvalidAppendError(`an import holds at most ${MAX_STREAMS_PER_IMPORT} streams`);
      s = p.streams.length;
      streamIndex.set(streamId, s);
      const revision = expected.get(streamId) ?? 'no-stream';
      p.streams.push({ streamId, expected: revision, expectedText: expectedText(revision), events: [] });
    }
    if (typeof event.id !== 'string' || !isUuid(event.id)) throw new InvalidAppendError(`${what}: id must be a UUID`);
    const id = event.id.toLowerCase();
    if (seen.has(id)) throw new InvalidAppendError(`${what}: id ${id} appears twice in the import`);
    seen.add(id);
    p.streams[s].events.push(index);
    p.stream.push(s);
    p.ids.push(id);
  });
  for (const streamId of expected.keys()) {
    if (!streamIndex.has(streamId))
      throw new InvalidAppendError(`an expected revision is given for stream ${String(streamId)}, which has no event in the import`);
  }
  return p;
}

/** Checks and serialises event `index` of the import (type, schema version, data, metadata). */
export const importedEvent = (p: ImportParameters, index: number): EventParameters => toEventParameters(p.events[index], `event ${index}`);

/** Every event at once, for an adapter that checks everything before it writes. */
export function checkImportedEvents(p: ImportParameters): void {
  for (let i = 0; i < p.events.length; i++) importedEvent(p, i);
}

/** Whether a stream at `actual` (-1: no stream) satisfies an expected revision; both adapters decide an import's streams by it. */
export function satisfies(expected: ExpectedRevision, actual: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no-stream') return actual === -1;
  if (expected === 'stream-exists') return actual !== -1;
  return actual === expected;
}
