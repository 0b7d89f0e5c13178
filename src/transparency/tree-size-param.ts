import { ProblemError } from '../common/problem';
import { TreeRowsMissingError, TreeSizeBeyondLogError } from './transparency-log';

/** A tree size from a query string: a whole number, at least `min`. */
export function parseTreeSize(raw: string, name: string, min: number): number {
  if (!/^\d{1,15}$/.test(raw) || Number(raw) < min) {
    throw new ProblemError(400, 'invalid-tree-size', `${name} must be a whole number of at least ${min}, got "${raw.slice(0, 40)}"`);
  }
  return Number(raw);
}

/** 0 < from <= to <= treeSize, or a 400 naming the bound that fails. */
export function checkConsistencyRange(from: number, to: number, treeSize: number): void {
  if (from > to) throw new ProblemError(400, 'invalid-tree-size', `from (${from}) must not exceed to (${to})`);
  if (to > treeSize)
    throw new ProblemError(400, 'invalid-tree-size', `to (${to}) is beyond the tree, which holds ${treeSize} leaves`, { treeSize });
}

/**
 * The tree cannot give a proof that it should: rows are gone (an alteration the
 * audit names) or it is shorter than a signed checkpoint (being rebuilt).
 * Neither is the caller's fault, and neither is hidden behind a bare 500.
 */
export async function withTreeProblems<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof TreeRowsMissingError) {
      throw new ProblemError(
        409,
        'transparency-log-damaged',
        `The stored tree cannot give this proof: ${error.message}. Run npm run audit:verify.`,
      );
    }
    if (error instanceof TreeSizeBeyondLogError) {
      throw new ProblemError(
        503,
        'transparency-log-behind',
        `The tree holds ${error.treeSize} leaves, fewer than the ${error.requested} asked for: the notary is catching up`,
      );
    }
    throw error;
  }
}
