import { parseSignedCheckpoint, verifySignedCheckpoint } from '../../transparency/checkpoint-note';
import { verifyInclusion } from '../../transparency/merkle';
import { TreeRowsMissingError, TreeSizeBeyondLogError } from '../../transparency/transparency-log';
import type { StreamLeaf } from '../integrity/leaf-check';
import type { WitnessedNote } from './witnessed-checkpoints';
import { messageOf } from '../../common/error-message';

export type AnchorFindingReason =
  | 'key-malformed' // the configured notary key is not a verifier key
  | 'checkpoint-malformed' // a witnessed note is not a signed checkpoint
  | 'checkpoint-signature-invalid' // a witnessed note is not signed by the notary's key
  | 'checkpoint-beyond-tree' // the tree in the database is smaller than a signed checkpoint: leaves were removed
  | 'checkpoint-root-mismatch' // the tree rows no longer hash to the signed root
  | 'tree-rows-missing' // rows the signed root needs are gone from the tree
  | 'leaf-not-in-checkpoint' // a stream's leaf has no valid inclusion proof against the signed root
  | 'tree-leaves-not-contiguous' // tree leaf indexes skip: leaf rows were deleted
  | 'checkpoint-not-reproduced-by-events'; // the events in the store no longer hash to the signed root

export interface AnchorFinding {
  reason: AnchorFindingReason;
  detail: string;
  checkpoint: { treeSize: number; source: string } | null;
  streamId?: string;
  revision?: number;
  leafIndex?: number;
}

/** A checkpoint published outside the database whose signature verified (or could not be checked: no key). */
export interface TrustedCheckpoint {
  origin: string;
  treeSize: number;
  root: Buffer;
  /** The signed note exactly as published. */
  note: string;
  sources: string[];
  signatureChecked: boolean;
  /** When the notary recorded signing it (tl_checkpoints), if the database still has the note. */
  signedAt: Date | null;
}

/** What the audit reads of the tree: TransparencyLog has it. */
export interface TreeReads {
  treeSize(): Promise<number>;
  rootAt(size: number): Promise<Buffer>;
  inclusionProof(leafIndex: number, treeSize: number): Promise<Buffer[]>;
}

const sourceOf = (checkpoint: TrustedCheckpoint) => checkpoint.sources.join(', ');

/**
 * Reads each witnessed note: the signature must verify with the notary's key
 * (when one is known), and the tree rows in the database must still yield its
 * signed root. Returns the checkpoints to prove against (signed ones, even when
 * the database no longer agrees with them: the signed root is the reference).
 * In 'latest' mode (a per-request check) only the largest checkpoint that
 * verifies is trusted: notes are parsed, then signatures checked from the
 * largest size down until one holds, so the cost does not grow with the
 * number of checkpoints ever published.
 */
export async function judgeCheckpoints(
  witnessed: readonly WitnessedNote[],
  key: string | undefined,
  tree: TreeReads,
  signedAtOf: (note: string) => Date | null | Promise<Date | null> = () => null,
  roots: 'all' | 'latest' = 'all',
): Promise<{ checkpoints: TrustedCheckpoint[]; findings: AnchorFinding[] }> {
  const findings: AnchorFinding[] = [];
  const candidates = new Map<string, { origin: string; treeSize: number; root: Buffer; sources: string[] }>();
  for (const { note, source } of witnessed) {
    const known = candidates.get(note);
    if (known) {
      if (!known.sources.includes(source)) known.sources.push(source);
      continue;
    }
    try {
      const { origin, treeSize, root } = parseSignedCheckpoint(note).checkpoint;
      candidates.set(note, { origin, treeSize, root, sources: [source] });
    } catch (error) {
      findings.push({
        reason: 'checkpoint-malformed',
        detail: `${source}: ${messageOf(error)}`,
        checkpoint: null,
      });
    }
  }
  const trusted: TrustedCheckpoint[] = [];
  for (const [note, c] of [...candidates.entries()].sort(([, a], [, b]) => b.treeSize - a.treeSize)) {
    if (roots === 'latest' && trusted.length > 0) break;
    if (key !== undefined) {
      const verdict = verifySignedCheckpoint(note, key);
      if (!verdict.ok) {
        findings.push({ reason: 'checkpoint-signature-invalid', detail: `${c.sources.join(', ')}: ${verdict.detail}`, checkpoint: null });
        continue;
      }
    }
    trusted.push({ ...c, note, signatureChecked: key !== undefined, signedAt: await signedAtOf(note) });
  }
  const checkpoints = trusted.sort((a, b) => a.treeSize - b.treeSize);
  const treeSize = await tree.treeSize();
  for (const checkpoint of checkpoints) {
    const at = { treeSize: checkpoint.treeSize, source: sourceOf(checkpoint) };
    if (checkpoint.treeSize > treeSize) {
      findings.push({
        reason: 'checkpoint-beyond-tree',
        detail: `The checkpoint of ${checkpoint.treeSize} leaves was signed, but the tree in the database holds only ${treeSize}: leaves were removed`,
        checkpoint: at,
      });
      continue;
    }
    try {
      const root = await tree.rootAt(checkpoint.treeSize);
      if (!root.equals(checkpoint.root)) {
        findings.push({
          reason: 'checkpoint-root-mismatch',
          detail: `The tree rows give root ${root.toString('base64')} for ${checkpoint.treeSize} leaves, the signed checkpoint says ${checkpoint.root.toString('base64')}: the tree was rewritten`,
          checkpoint: at,
        });
      }
    } catch (error) {
      if (!(error instanceof TreeRowsMissingError)) throw error;
      findings.push({
        reason: 'tree-rows-missing',
        detail: `The signed root of ${checkpoint.treeSize} leaves cannot be recomputed: ${error.message}`,
        checkpoint: at,
      });
    }
  }
  return { checkpoints, findings };
}

/** The checkpoint with the most leaves, if any. */
export function latestOf(checkpoints: readonly TrustedCheckpoint[]): TrustedCheckpoint | undefined {
  return checkpoints.reduce<TrustedCheckpoint | undefined>(
    (best, c) => (best === undefined || c.treeSize > best.treeSize ? c : best),
    undefined,
  );
}

/**
 * Proves each of a stream's leaves that the checkpoint covers against its
 * signed root, with proofs computed from the tree rows. A leaf rewritten
 * together with the tree rows fails here, since the signed root cannot move.
 */
export async function proveStreamLeaves(
  streamId: string,
  leaves: readonly StreamLeaf[],
  checkpoint: TrustedCheckpoint,
  tree: Pick<TreeReads, 'inclusionProof'>,
): Promise<{ coveredRevisions: number[]; findings: AnchorFinding[] }> {
  const findings: AnchorFinding[] = [];
  const coveredRevisions: number[] = [];
  const at = { treeSize: checkpoint.treeSize, source: sourceOf(checkpoint) };
  for (const leaf of leaves) {
    if (leaf.leafIndex >= checkpoint.treeSize) continue;
    const where = { streamId, revision: leaf.revision, leafIndex: leaf.leafIndex, checkpoint: at };
    let proof: Buffer[];
    try {
      proof = await tree.inclusionProof(leaf.leafIndex, checkpoint.treeSize);
    } catch (error) {
      if (!(error instanceof TreeRowsMissingError) && !(error instanceof TreeSizeBeyondLogError)) throw error;
      findings.push({
        ...where,
        reason: 'tree-rows-missing',
        detail: `No inclusion proof for revision ${leaf.revision} (leaf ${leaf.leafIndex}): ${error.message}`,
      });
      continue;
    }
    if (verifyInclusion(leaf.leafIndex, checkpoint.treeSize, leaf.leafHash, proof, checkpoint.root)) {
      coveredRevisions.push(leaf.revision);
    } else {
      findings.push({
        ...where,
        reason: 'leaf-not-in-checkpoint',
        detail: `Revision ${leaf.revision} (leaf ${leaf.leafIndex}) is not in the signed checkpoint of ${checkpoint.treeSize} leaves: its leaf or the tree was rewritten`,
      });
    }
  }
  return { coveredRevisions: coveredRevisions.sort((a, b) => a - b), findings };
}
