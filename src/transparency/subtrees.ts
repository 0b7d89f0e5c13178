import { HASH_SIZE, nodeHash, type SubtreeHashes } from './merkle';

/**
 * How a proof or a root is computed from stored complete subtrees instead of
 * from every leaf. Pure: the repository fetches what `plan` asks for.
 */

/** A complete subtree: leaves [index·2^level, (index+1)·2^level). */
export interface SubtreeKey {
  level: number;
  index: number;
}

export const subtreeKey = (key: SubtreeKey): string => `${key.level}:${key.index}`;

/**
 * The maximal complete subtrees that tile [start, end), left to right. For the
 * ranges RFC 6962's recursion produces (start a multiple of a power of two at
 * least end - start) they come largest first, and folding them right to left
 * gives MTH(D[start:end]).
 */
export function tile(start: number, end: number): SubtreeKey[] {
  const keys: SubtreeKey[] = [];
  let at = start;
  while (at < end) {
    let level = 0;
    let size = 1;
    while (at % (size * 2) === 0 && at + size * 2 <= end) {
      size *= 2;
      level += 1;
    }
    keys.push({ level, index: at / size });
    at += size;
  }
  return keys;
}

/** MTH of a range from its tiles' hashes (largest first): folded right to left. */
export function foldTiles(hashes: readonly Buffer[]): Buffer {
  if (hashes.length === 0) throw new RangeError('an empty range has no subtree hash');
  let hash = hashes[hashes.length - 1];
  for (let i = hashes.length - 2; i >= 0; i--) hash = nodeHash(hashes[i], hash);
  return hash;
}

/**
 * The complete subtrees `compute` will ask for. Which ranges the RFC's
 * recursion visits depends only on sizes and indexes, never on hash values,
 * so a dry run with placeholder hashes names them all.
 */
export function plan(compute: (subtree: SubtreeHashes) => unknown): SubtreeKey[] {
  const keys = new Map<string, SubtreeKey>();
  const placeholder = Buffer.alloc(HASH_SIZE);
  compute((start, end) => {
    for (const key of tile(start, end)) keys.set(subtreeKey(key), key);
    return placeholder;
  });
  return [...keys.values()];
}

/** A SubtreeHashes backed by fetched complete subtrees; a missing one is a hole in the stored tree. */
export function fromTiles(hashes: ReadonlyMap<string, Buffer>, onMissing: (key: SubtreeKey) => never): SubtreeHashes {
  return (start, end) =>
    foldTiles(
      tile(start, end).map((key) => {
        const hash = hashes.get(subtreeKey(key));
        return hash ?? onMissing(key);
      }),
    );
}
