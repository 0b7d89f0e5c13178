import { AnchorFinding, judgeCheckpoints, TreeReads, TrustedCheckpoint } from './checkpoint-check';
import { WitnessedCheckpoints, WitnessedNote } from './witnessed-checkpoints';

export interface CheckpointView {
  origin: string;
  treeSize: number;
  root: string;
  sources: string[];
  signatureChecked: boolean;
  signedAt: string | null;
}

export interface AnchorReport {
  /** Where witnessed checkpoints were read from. */
  witness: string;
  /** Whether signatures were checked with a key from outside the database. */
  keyChecked: boolean;
  checkpoints: CheckpointView[];
  findings: AnchorFinding[];
}

export const checkpointView = (c: TrustedCheckpoint): CheckpointView => ({
  origin: c.origin,
  treeSize: c.treeSize,
  root: c.root.toString('base64'),
  sources: c.sources,
  signatureChecked: c.signatureChecked,
  signedAt: c.signedAt?.toISOString() ?? null,
});

export interface AnchorSources {
  witnessed: WitnessedCheckpoints;
  /** The notary's verifier key from outside the database, if known. */
  key: string | undefined;
  /** Notes the database keeps (tl_checkpoints): used only when a key checks their signature. */
  stored: () => Promise<WitnessedNote[]>;
  /** When the notary recorded signing a note (tl_checkpoints), if known. */
  signedAt: (note: string) => Date | null | Promise<Date | null>;
  tree: TreeReads;
  /** Which checkpoints' roots to recompute from the tree rows (default all). */
  roots?: 'all' | 'latest';
}

/**
 * Every checkpoint published outside the database (and, with a key, every
 * signed one the database still keeps) must verify and be yielded by the
 * tree rows as they are now.
 */
export async function checkAnchors(sources: AnchorSources): Promise<{ checkpoints: TrustedCheckpoint[]; report: AnchorReport }> {
  const witnessed = await sources.witnessed.list();
  const stored = sources.key === undefined ? [] : await sources.stored();
  const { checkpoints, findings } = await judgeCheckpoints(
    [...witnessed, ...stored],
    sources.key,
    sources.tree,
    sources.signedAt,
    sources.roots,
  );
  return {
    checkpoints,
    report: {
      witness: sources.witnessed.description,
      keyChecked: sources.key !== undefined,
      checkpoints: checkpoints.map(checkpointView),
      findings,
    },
  };
}
