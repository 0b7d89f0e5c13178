import { RecordedEvent } from '../../event-store/event-store.port';
import { eventLeafHash } from '../../transparency/leaf';
import type { Mismatch } from './stream-verdict';

/** One leaf of the transparency log that belongs to a stream (a row of tl_leaves). */
export interface StreamLeaf {
  leafIndex: number;
  position: bigint;
  revision: number;
  eventId: string;
  leafHash: Buffer;
}

export interface LeafJudgement {
  findings: Mismatch[];
  /** Revisions the notary has not reached yet: covered by the hash chain only. */
  chainOnlyRevisions: number[];
}

/**
 * Compares a stream's events with its leaves in the transparency log: each
 * leaf must still have its event (a deleted event, a cut tail or a whole
 * deleted stream shows here even when the chain and the head were fixed up),
 * each stored event must hash to its leaf (an edit whose chain and head were
 * recomputed shows here), and each event the notary has passed must be a leaf.
 */
export function judgeLeaves(events: readonly RecordedEvent[], leaves: readonly StreamLeaf[], notaryPosition: bigint): LeafJudgement {
  const findings: Mismatch[] = [];
  const byRevision = new Map(events.map((event) => [event.revision, event]));
  const leafRevisions = new Set<number>();
  let missing: StreamLeaf[] = [];
  const flushMissing = () => {
    if (missing.length === 0) return;
    const revisions = missing.map((leaf) => leaf.revision);
    const first = revisions[0];
    const last = revisions[revisions.length - 1];
    findings.push({
      revision: first,
      eventId: missing[0].eventId,
      reason: 'event-missing',
      missingRevisions: revisions,
      detail:
        `${first === last ? `Revision ${first} is` : `Revisions ${first}..${last} are`} in the transparency log ` +
        `(leaf ${missing.map((leaf) => leaf.leafIndex).join(', ')}) but no longer in the store: deleted`,
    });
    missing = [];
  };
  for (const leaf of [...leaves].sort((a, b) => a.revision - b.revision)) {
    leafRevisions.add(leaf.revision);
    const event = byRevision.get(leaf.revision);
    if (event === undefined) {
      if (missing.length > 0 && missing[missing.length - 1].revision !== leaf.revision - 1) flushMissing();
      missing.push(leaf);
      continue;
    }
    flushMissing();
    if (event.id !== leaf.eventId || !eventLeafHash(event).equals(leaf.leafHash)) {
      findings.push({
        revision: leaf.revision,
        eventId: event.id,
        reason: 'leaf-mismatch',
        detail:
          event.id !== leaf.eventId
            ? `Revision ${leaf.revision} is event ${event.id} in the store but event ${leaf.eventId} in the transparency log (leaf ${leaf.leafIndex}): replaced`
            : `Revision ${leaf.revision} as stored does not hash to its leaf ${leaf.leafIndex} in the transparency log: changed after the notary logged it`,
      });
    }
  }
  flushMissing();
  const chainOnlyRevisions: number[] = [];
  for (const event of events) {
    if (leafRevisions.has(event.revision)) continue;
    if (event.position > notaryPosition) {
      chainOnlyRevisions.push(event.revision);
      continue;
    }
    findings.push({
      revision: event.revision,
      eventId: event.id,
      reason: 'leaf-missing',
      detail: `Revision ${event.revision} (position ${event.position}) is older than the notary's last leaf (position ${notaryPosition}) but is not in the transparency log: inserted afterwards, or its leaf was deleted`,
    });
  }
  return { findings, chainOnlyRevisions };
}
