import type { StreamEvidence } from '../integrity/stream-evidence';
import type { StreamVerdict } from '../integrity/stream-verdict';
import { AnchorReport, CheckpointView, checkpointView } from './anchor-audit';
import { AnchorFinding, latestOf, proveStreamLeaves, TreeReads, TrustedCheckpoint } from './checkpoint-check';

/** One stream against the latest signed checkpoint. */
export interface StreamAnchor {
  /** The latest checkpoint published outside the database, if any. */
  checkpoint: CheckpointView | null;
  keyChecked: boolean;
  witness: string;
  /** Revisions whose stored event hashes to a leaf proven in the signed checkpoint. */
  coveredRevisions: number[];
  /** Revisions newer than the checkpoint (or than the notary): covered by the hash chain only. */
  chainOnlyRevisions: number[];
  /** This stream's findings against the checkpoint (they break the stream's verdict). */
  findings: AnchorFinding[];
  /** Findings about the signed checkpoints themselves (the log as a whole). */
  logFindings: AnchorFinding[];
}

/**
 * Proves the stream's leaves in the latest signed checkpoint and says which
 * revisions that covers. A revision counts as covered only if its stored
 * event matched its leaf (the stream verdict has no finding for it) and the
 * leaf's inclusion proof verifies against the signed root.
 */
export async function anchorStream(
  streamId: string,
  evidence: StreamEvidence,
  verdict: StreamVerdict,
  anchors: { checkpoints: TrustedCheckpoint[]; report: AnchorReport },
  tree: Pick<TreeReads, 'inclusionProof'>,
): Promise<StreamAnchor> {
  const latest = latestOf(anchors.checkpoints);
  const leaves = evidence.logCheck?.leaves ?? [];
  const proven = latest ? await proveStreamLeaves(streamId, leaves, latest, tree) : { coveredRevisions: [], findings: [] };
  const flagged = new Set(verdict.findings.map((f) => f.revision));
  const stored = new Set(evidence.events.map((e) => e.revision));
  const coveredRevisions = proven.coveredRevisions.filter((r) => stored.has(r) && !flagged.has(r));
  const covered = new Set(coveredRevisions);
  const chainOnlyRevisions = evidence.events
    .map((e) => e.revision)
    .filter((r) => !covered.has(r) && !flagged.has(r) && !proven.findings.some((f) => f.revision === r));
  return {
    checkpoint: latest ? checkpointView(latest) : null,
    keyChecked: anchors.report.keyChecked,
    witness: anchors.report.witness,
    coveredRevisions,
    chainOnlyRevisions,
    findings: proven.findings,
    logFindings: anchors.report.findings,
  };
}
