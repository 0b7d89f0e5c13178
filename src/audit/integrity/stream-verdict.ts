import { RecordedEvent } from '../../event-store/event-store.port';
import { verifyChain } from '../../event-store/hash-chain';

/** The head the store keeps for a stream (PostgreSQL: es_streams), written in the same transaction as the events. */
export interface StreamHead {
  streamId: string;
  revision: number;
  lastHash: string;
}

export type MismatchReason =
  | 'hash-mismatch' // an event's content no longer matches its hash: edited after it was written
  | 'broken-link' // an event does not point at its predecessor's hash
  | 'revision-gap' // a revision is missing: an event was deleted
  | 'events-missing-at-end' // the head names later revisions than the stream holds: the tail was deleted
  | 'head-hash-mismatch' // the head's hash is not the hash of the event it names
  | 'head-missing'; // events exist, but the stream's head row does not

export interface Mismatch {
  revision: number;
  /** Null when the event itself is gone. */
  eventId: string | null;
  reason: MismatchReason;
  detail: string;
}

export interface StreamVerdict {
  streamId: string;
  verdict: 'intact' | 'broken' | 'empty';
  /** Events whose hash and link were recomputed and matched before the first mismatch. */
  checked: number;
  /** Events read from the stream. */
  total: number;
  lastRevision: number;
  firstMismatch: Mismatch | null;
  /** The stored head compared with the chain; null where the store keeps none (EventStoreDB). */
  head: { revision: number; lastHash: string; matches: boolean } | null;
}

function chainDetail(reason: 'hash-mismatch' | 'broken-link' | 'revision-gap', revision: number, expectedRevision: number): string {
  switch (reason) {
    case 'hash-mismatch':
      return `The stored content of revision ${revision} does not match its hash: it was changed after it was written`;
    case 'broken-link':
      return `Revision ${revision} does not link to the hash of revision ${revision - 1}: an event before it was replaced`;
    case 'revision-gap':
      return `Revision ${expectedRevision} is missing (the next stored is ${revision}): an event was deleted`;
  }
}

function headMismatch(events: RecordedEvent[], head: StreamHead | undefined): Mismatch | null {
  const last = events.length - 1;
  if (!head) {
    return last < 0 ? null : { revision: last, eventId: events[last].id, reason: 'head-missing', detail: 'The stream has events but no head record' };
  }
  if (head.revision > last) {
    return {
      revision: last + 1,
      eventId: null,
      reason: 'events-missing-at-end',
      detail: `The stream's head is at revision ${head.revision}, but only revisions 0..${last} are stored: the tail was deleted`,
    };
  }
  // A later revision than the head is an append that landed after the head was read (read head first, then the stream).
  const named = events[head.revision];
  if (named.hash !== head.lastHash) {
    return { revision: head.revision, eventId: named.id, reason: 'head-hash-mismatch', detail: `The head's hash is not the hash of revision ${head.revision}` };
  }
  return null;
}

/**
 * Recomputes the stream's chain with verifyChain and, where the store keeps a
 * head, checks that nothing was cut from the end (which no chain can show).
 * Pass `headCheck` only when the store has heads; read the head before the events.
 */
export function judgeStream(streamId: string, events: RecordedEvent[], headCheck?: { head: StreamHead | undefined }): StreamVerdict {
  const chain = verifyChain(events);
  const lastRevision = events.length === 0 ? -1 : events[events.length - 1].revision;
  const head = headCheck?.head;
  const headView = headCheck && head ? { revision: head.revision, lastHash: head.lastHash, matches: headMismatch(events, head) === null } : null;
  let firstMismatch: Mismatch | null = null;
  if (!chain.ok && chain.firstMismatch) {
    const m = chain.firstMismatch;
    firstMismatch = { revision: m.revision, eventId: m.eventId, reason: m.reason, detail: chainDetail(m.reason, m.revision, chain.checked) };
  } else if (headCheck) {
    firstMismatch = headMismatch(events, head);
  }
  const empty = events.length === 0 && !head;
  return {
    streamId,
    verdict: firstMismatch ? 'broken' : empty ? 'empty' : 'intact',
    checked: chain.checked,
    total: events.length,
    lastRevision,
    firstMismatch,
    head: headView,
  };
}
