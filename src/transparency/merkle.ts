import { createHash, hash } from 'node:crypto';

/**
 * The Merkle tree of RFC 6962 / RFC 9162 (section 2.1) with SHA-256: hashing,
 * tree heads, inclusion and consistency proofs and their verification. Pure:
 * no I/O, no state outside the values passed in.
 *
 * Sizes and indexes are JavaScript numbers (exact up to 2^53, far beyond any
 * log this service will hold); no bitwise operators are used on them, since
 * those truncate to 32 bits.
 */

export const HASH_SIZE = 32;

/** MTH of the empty tree: SHA-256 of the empty string. */
export function emptyRoot(): Buffer {
  return createHash('sha256').digest();
}

/** H(0x00 || leaf): the hash of one entry of the log. */
export function leafHash(leaf: Uint8Array): Buffer {
  const input = Buffer.allocUnsafe(1 + leaf.length);
  input[0] = 0x00;
  input.set(leaf, 1);
  return hash('sha256', input, 'buffer');
}

/** H(0x01 || left || right): the hash of an interior node. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  // One buffer and a one-shot hash: the notary hashes about one node per leaf it appends.
  const input = Buffer.allocUnsafe(1 + left.length + right.length);
  input[0] = 0x01;
  input.set(left, 1);
  input.set(right, 1 + left.length);
  return hash('sha256', input, 'buffer');
}

/** The largest power of two strictly smaller than n (n >= 2): where RFC 6962 splits a tree of n leaves. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The Merkle tree hash MTH(D[n]) of a list of leaf hashes. Computed left to
 * right with a frontier, which yields exactly the RFC's recursive split.
 */
export function rootOf(leafHashes: readonly Buffer[]): Buffer {
  const frontier = new MerkleFrontier();
  for (const hash of leafHashes) frontier.append(hash);
  return frontier.root();
}

/**
 * The hash of the subtree D[start:end) (MTH of those leaves). Proof building
 * only ever asks for ranges that the RFC's recursion produces, so a source
 * backed by stored complete subtrees can answer them without reading leaves.
 */
export type SubtreeHashes = (start: number, end: number) => Buffer;

/** PATH(index, D[size]) of RFC 6962 section 2.1.1, leaf-to-root order. */
export function inclusionPath(index: number, size: number, subtree: SubtreeHashes): Buffer[] {
  if (!isCount(size) || !isCount(index) || index >= size) {
    throw new RangeError(`no inclusion proof for leaf ${index} in a tree of ${size}`);
  }
  const topDown: Buffer[] = [];
  let lo = 0;
  let hi = size;
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo);
    if (index - lo < k) {
      topDown.push(subtree(lo + k, hi));
      hi = lo + k;
    } else {
      topDown.push(subtree(lo, lo + k));
      lo += k;
    }
  }
  return topDown.reverse();
}

/**
 * PROOF(m, D[n]) of RFC 6962 section 2.1.2 (SUBPROOF with b = true),
 * leaf-to-root order. Empty for m = 0 and m = n (nothing to prove).
 */
export function consistencyPath(m: number, n: number, subtree: SubtreeHashes): Buffer[] {
  if (!isCount(m) || !isCount(n) || m > n) {
    throw new RangeError(`no consistency proof from size ${m} to size ${n}`);
  }
  if (m === 0 || m === n) return [];
  const topDown: Buffer[] = [];
  let lo = 0;
  let hi = n;
  let mIsWholeSubtreeRoot = true; // SUBPROOF's b: the old root is this very node
  while (m !== hi) {
    const k = splitPoint(hi - lo);
    if (m - lo <= k) {
      topDown.push(subtree(lo + k, hi));
      hi = lo + k;
    } else {
      topDown.push(subtree(lo, lo + k));
      lo += k;
      mIsWholeSubtreeRoot = false;
    }
  }
  if (!mIsWholeSubtreeRoot) topDown.push(subtree(lo, hi));
  return topDown.reverse();
}

/** Inclusion proof of leaf `index` in the tree made of all of `leafHashes`. */
export function inclusionProof(index: number, leafHashes: readonly Buffer[]): Buffer[] {
  return inclusionPath(index, leafHashes.length, subtreesOf(leafHashes));
}

/** Consistency proof from the tree of the first `m` leaves to the tree of all of `leafHashes`. */
export function consistencyProof(m: number, leafHashes: readonly Buffer[]): Buffer[] {
  return consistencyPath(m, leafHashes.length, subtreesOf(leafHashes));
}

function subtreesOf(leafHashes: readonly Buffer[]): SubtreeHashes {
  return (start, end) => rootOf(leafHashes.slice(start, end));
}

/**
 * RFC 9162 section 2.1.3.2: does `proof` show that `leaf` is entry `index` of
 * the tree of `treeSize` entries whose root is `root`?
 */
export function verifyInclusion(
  index: number,
  treeSize: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!isCount(index) || !isCount(treeSize) || index >= treeSize) return false;
  if (!isHash(leaf) || !isHash(root) || !proof.every(isHash)) return false;
  let fn = index;
  let sn = treeSize - 1;
  let r: Buffer = Buffer.from(leaf);
  for (const p of proof) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && r.equals(root);
}

/**
 * RFC 9162 section 2.1.4.2: does `proof` show that the tree of size `m` with
 * root `rootM` is a prefix of the tree of size `n` with root `rootN`?
 * As in the reference implementations, m = n needs an empty proof and equal
 * roots, and every tree extends the empty tree (m = 0, empty proof).
 */
export function verifyConsistency(m: number, n: number, rootM: Uint8Array, rootN: Uint8Array, proof: readonly Uint8Array[]): boolean {
  if (!isCount(m) || !isCount(n) || m > n) return false;
  if (m === n) return proof.length === 0 && isHash(rootM) && Buffer.from(rootM).equals(rootN);
  if (m === 0) return proof.length === 0;
  if (proof.length === 0 || !isHash(rootM) || !isHash(rootN) || !proof.every(isHash)) return false;

  const path: readonly Uint8Array[] = isPowerOfTwo(m) ? [rootM, ...proof] : proof;
  let fn = m - 1;
  let sn = n - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr: Buffer = Buffer.from(path[0]);
  let sr: Buffer = Buffer.from(path[0]);
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && fr.equals(rootM) && sr.equals(rootN);
}

/** A complete subtree: `level` 0 is a leaf; it covers leaves [index·2^level, (index+1)·2^level). */
export interface CompleteSubtree {
  level: number;
  index: number;
  hash: Buffer;
}

/**
 * The roots of the maximal complete subtrees of a growing tree, left to right
 * (a "compact range" from 0): enough to append a leaf and to compute the
 * current root in O(log n), without the leaves themselves.
 */
export class MerkleFrontier {
  private readonly nodes: Buffer[];
  private count: number;

  /** `nodes` are the frontier of a tree of `size` leaves, largest subtree first. */
  constructor(size = 0, nodes: readonly Buffer[] = []) {
    if (!isCount(size) || nodes.length !== popCount(size) || !nodes.every(isHash)) {
      throw new RangeError(`a frontier of a tree of ${size} leaves has ${popCount(size)} nodes, not ${nodes.length}`);
    }
    this.count = size;
    this.nodes = nodes.map((node) => Buffer.from(node));
  }

  get size(): number {
    return this.count;
  }

  /** Largest subtree first. */
  get subtrees(): readonly Buffer[] {
    return this.nodes;
  }

  /**
   * Adds a leaf hash; `onComplete` sees every subtree this completes (the leaf
   * itself at level 0 first, then each parent formed, bottom-up).
   */
  append(leaf: Buffer, onComplete?: (subtree: CompleteSubtree) => void): void {
    if (!isHash(leaf)) throw new RangeError('a leaf hash is 32 bytes');
    let hash = leaf;
    let index = this.count;
    let level = 0;
    onComplete?.({ level, index, hash });
    // Each trailing 1 bit of the old size is a complete subtree of that level to merge with.
    let size = this.count;
    while (isOdd(size)) {
      const left = this.nodes.pop();
      if (left === undefined) throw new Error('frontier out of step with its size');
      hash = nodeHash(left, hash);
      level += 1;
      index = half(index);
      size = half(size);
      onComplete?.({ level, index, hash });
    }
    this.nodes.push(hash);
    this.count += 1;
  }

  /** MTH of the tree so far: the subtrees folded right to left. */
  root(): Buffer {
    if (this.nodes.length === 0) return emptyRoot();
    let root = this.nodes[this.nodes.length - 1];
    for (let i = this.nodes.length - 2; i >= 0; i--) root = nodeHash(this.nodes[i], root);
    return root;
  }
}

function isCount(x: number): boolean {
  return Number.isSafeInteger(x) && x >= 0;
}

function isHash(x: Uint8Array): boolean {
  return x.length === HASH_SIZE;
}

function isOdd(x: number): boolean {
  return x % 2 === 1;
}

function half(x: number): number {
  return Math.floor(x / 2);
}

function isPowerOfTwo(x: number): boolean {
  return x > 0 && popCount(x) === 1;
}

function popCount(x: number): number {
  let bits = 0;
  for (let rest = x; rest > 0; rest = half(rest)) bits += rest % 2;
  return bits;
}
