import fc from 'fast-check';
import { consistencyPath, inclusionPath, leafHash, rootOf, type SubtreeHashes } from './merkle';
import { fromTiles, plan, subtreeKey, tile } from './subtrees';

describe('tiling ranges with stored complete subtrees', () => {
  it('tiles a range with the maximal aligned subtrees, largest first', () => {
    expect(tile(0, 7)).toEqual([
      { level: 2, index: 0 },
      { level: 1, index: 2 },
      { level: 0, index: 6 },
    ]);
    expect(tile(128, 190)).toEqual([
      { level: 5, index: 4 },
      { level: 4, index: 10 },
      { level: 3, index: 22 },
      { level: 2, index: 46 },
      { level: 1, index: 94 },
    ]);
    expect(tile(4, 4)).toEqual([]);
  });

  it('computes the same proofs from the planned subtrees alone as from all leaves', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.nat(), fc.nat(), (n, a, b) => {
        const leaves = Array.from({ length: n }, (_, i) => leafHash(Buffer.from(String(i))));
        const all: SubtreeHashes = (start, end) => rootOf(leaves.slice(start, end));
        const index = a % n;
        const m = b % (n + 1);
        for (const compute of [
          (s: SubtreeHashes) => inclusionPath(index, n, s),
          (s: SubtreeHashes) => consistencyPath(m, n, s),
          (s: SubtreeHashes) => [s(0, n)],
        ]) {
          const keys = plan(compute);
          const stored = new Map(
            keys.map((k) => [subtreeKey(k), rootOf(leaves.slice(k.index * 2 ** k.level, (k.index + 1) * 2 ** k.level))]),
          );
          const fromStored = compute(
            fromTiles(stored, (key) => {
              throw new Error(`missing ${subtreeKey(key)}`);
            }),
          );
          expect(fromStored.map((h) => h.toString('hex'))).toEqual(compute(all).map((h) => h.toString('hex')));
          // O(log n) subtrees, never every leaf.
          expect(keys.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(n + 1)) + 2);
        }
      }),
      { numRuns: 200 },
    );
  });
});
