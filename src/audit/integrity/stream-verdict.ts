import { RecordedEvent } from '../../event-store/event-store.port';
import { verifyChain } from '../../event-store/hash-chain';
import { judgeLeaves, StreamLeaf } from './leaf-check';

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
  | 'head-missing' // events exist, but the stream's head row does not
  | 'head-behind' // read in one snapshot with the events, the head names an earlier revision than the last event
  | 'event-missing' // the transparency log holds a leaf for this revision, the store no longer holds the event
  | 'leaf-mismatch' // the event as stored no longer hashes to its leaf in the transparency log
  | 'leaf-missing'; // the notary passed the event's position, yet the log has no leaf for it

export interface Mismatch {
  revision: number;
  /** Null when the event itself is gone. */
  eventId: string | null;
  reason: MismatchReason;
  detail: string;
  /** event-missing: every revision the log holds and the store lost, in this run. */
  missingRevisions?: number[];
}

/** What the transparency log holds for the stream: its leaves and how far the notary has read. */
export interface LogCheck {
  leaves: StreamLeaf[];
  /** The global position of the notary's last leaf: events after it are not leaves yet. */
  notaryPosition: bigint;
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
  /** Every mismatch found: the chain's first, then the head's, then each against the transparency log. */
  findings: Mismatch[];
  /** The stored head compared with the chain; null where the store keeps none (EventStoreDB). */
  head: { revision: number; lastHash: string; matches: boolean } | null;
  /** The stream against the transparency log; null when it was not consulted. */
  log: { leaves: number; notaryPosition: string; chainOnlyRevisions: number[] } | null;
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

function headMismatch(events: RecordedEvent[], head: StreamHead | undefined, sameSnapshot: boolean): Mismatch | null {
  const lastEvent = events.length === 0 ? undefined : events[events.length - 1];
  const last = lastEvent?.revision ?? -1;
  if (!head) {
    return lastEvent === undefined
      ? null
      : { revision: last, eventId: lastEvent.id, reason: 'head-missing', detail: 'The stream has events but no head record' };
  }
  if (head.revision > last) {
    const missing = last + 1 === head.revision ? `revision ${head.revision} is` : `revisions ${last + 1}..${head.revision} are`;
    return {
      revision: last + 1,
      eventId: null,
      reason: 'events-missing-at-end',
      detail: `The stream's head is at revision ${head.revision}, but the last stored is ${last}: ${missing} missing, the tail was deleted`,
    };
  }
  if (sameSnapshot && head.revision < last) {
    const next = events.find((e) => e.revision > head.revision);
    return {
      revision: head.revision + 1,
      eventId: next?.id ?? null,
      reason: 'head-behind',
      detail: `The stream's head is at revision ${head.revision}, but revisions up to ${last} are stored (read in one snapshot): the head was rolled back`,
    };
  }
  // Read apart, a later revision than the head is an append that landed after the head was read (read head first, then the stream).
  const named = events.find((e) => e.revision === head.revision);
  if (named && named.hash !== head.lastHash) {
    return {
      revision: head.revision,
      eventId: named.id,
      reason: 'head-hash-mismatch',
      detail: `The head's hash is not the hash of revision ${head.revision}`,
    };
  }
  return null;
}

/**
 * Recomputes the stream's chain with verifyChain and, where the store keeps a
 * head, checks that nothing was cut from the end (which no chain can show).
 * Pass `headCheck` only when the store has heads; read the head before the
 * events, or both in one snapshot (`sameSnapshot`: then a head behind the
 * events is a finding too). With `logCheck`, every event is also compared
 * with its leaf in the transparency log, and every leaf must still have its event.
 */
export function judgeStream(
  streamId: string,
  events: RecordedEvent[],
  headCheck?: { head: StreamHead | undefined; sameSnapshot?: boolean },
  logCheck?: LogCheck,
): StreamVerdict {
  const chain = verifyChain(events);
  const lastRevision = events.length === 0 ? -1 : events[events.length - 1].revision;
  const head = headCheck?.head;
  const sameSnapshot = headCheck?.sameSnapshot ?? false;
  const headFinding = headCheck ? headMismatch(events, head, sameSnapshot) : null;
  const headView = headCheck && head ? { revision: head.revision, lastHash: head.lastHash, matches: headFinding === null } : null;
  const findings: Mismatch[] = [];
  if (!chain.ok && chain.firstMismatch) {
    const m = chain.firstMismatch;
    findings.push({ revision: m.revision, eventId: m.eventId, reason: m.reason, detail: chainDetail(m.reason, m.revision, chain.checked) });
  }
  if (headFinding) findings.push(headFinding);
  const leaves = logCheck ? judgeLeaves(events, logCheck.leaves, logCheck.notaryPosition) : null;
  if (leaves) findings.push(...leaves.findings);
  const empty = events.length === 0 && !head && findings.length === 0;
  return {
    streamId,
    verdict: findings.length > 0 ? 'broken' : empty ? 'empty' : 'intact',
    checked: chain.checked,
    total: events.length,
    lastRevision,
    firstMismatch: findings[0] ?? null,
    findings,
    head: headView,
    log:
      logCheck && leaves
        ? { leaves: logCheck.leaves.length, notaryPosition: String(logCheck.notaryPosition), chainOnlyRevisions: leaves.chainOnlyRevisions }
        : null,
  };
}
