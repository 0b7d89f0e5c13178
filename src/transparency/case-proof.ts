import type { RecordedEvent } from '../event-store/event-store.port';
import type { LogLeaf, StoredCheckpoint } from './transparency-log';

/** One event of the case, proven to be in the signed tree. */
export interface CoveredEvent {
  revision: number;
  eventId: string;
  type: string;
  leafIndex: number;
  /** base64, as the tree stores it: H(0x00 || encodeLeaf(event)). */
  leafHash: string;
  /** RFC 6962 audit path to the checkpoint's root, base64, leaf side first. */
  inclusionProof: string[];
}

/** An event the checkpoint does not cover yet: newer than it, or not yet a leaf (the notary is behind). */
export interface UncoveredEvent {
  revision: number;
  eventId: string;
  type: string;
  leafIndex: number | null;
  reason: 'newer-than-checkpoint' | 'not-yet-in-tree';
}

export interface CheckpointView {
  origin: string;
  treeSize: number;
  /** base64 */
  rootHash: string;
  keyId: string;
  signedAt: string;
  /** The C2SP signed note, verbatim: what a verifier checks with the notary's public key. */
  signedNote: string;
}

export interface CaseProof {
  caseId: string;
  streamId: string;
  checkpoint: CheckpointView | null;
  events: CoveredEvent[];
  notYetCovered: UncoveredEvent[];
}

export const checkpointView = (checkpoint: StoredCheckpoint): CheckpointView => ({
  origin: checkpoint.origin,
  treeSize: checkpoint.treeSize,
  rootHash: checkpoint.root.toString('base64'),
  keyId: checkpoint.keyId,
  signedAt: checkpoint.signedAt.toISOString(),
  signedNote: checkpoint.signedNote,
});

/**
 * Pairs each event of the stream with its leaf (same revision and event id)
 * and sorts it into covered (leaf index below the checkpoint's size: a proof
 * is asked of `prove`) or not yet covered. A leaf whose event id differs from
 * the event's is not this event's leaf: the event is listed as not in the tree
 * (the audit names such a mismatch; the proof never papers over it).
 */
export async function assembleCaseProof(
  caseId: string,
  streamId: string,
  events: readonly RecordedEvent[],
  leaves: readonly LogLeaf[],
  checkpoint: StoredCheckpoint | undefined,
  prove: (leafIndex: number, treeSize: number) => Promise<Buffer[]>,
): Promise<CaseProof> {
  const byRevision = new Map(leaves.map((leaf) => [leaf.revision, leaf]));
  const covered: CoveredEvent[] = [];
  const notYetCovered: UncoveredEvent[] = [];
  for (const event of events) {
    const leaf = byRevision.get(event.revision);
    const described = { revision: event.revision, eventId: event.id, type: event.type };
    if (leaf === undefined || leaf.eventId !== event.id) {
      notYetCovered.push({ ...described, leafIndex: null, reason: 'not-yet-in-tree' });
    } else if (checkpoint === undefined || leaf.leafIndex >= checkpoint.treeSize) {
      notYetCovered.push({ ...described, leafIndex: leaf.leafIndex, reason: 'newer-than-checkpoint' });
    } else {
      const proof = await prove(leaf.leafIndex, checkpoint.treeSize);
      covered.push({
        ...described,
        leafIndex: leaf.leafIndex,
        leafHash: leaf.leafHash.toString('base64'),
        inclusionProof: proof.map((hash) => hash.toString('base64')),
      });
    }
  }
  return { caseId, streamId, checkpoint: checkpoint === undefined ? null : checkpointView(checkpoint), events: covered, notYetCovered };
}
