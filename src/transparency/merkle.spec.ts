import fc from 'fast-check';
import {
  consistencyProof,
  emptyRoot,
  inclusionProof,
  leafHash,
  MerkleFrontier,
  nodeHash,
  rootOf,
  splitPoint,
  verifyConsistency,
  verifyInclusion,
  type CompleteSubtree,
} from './merkle';

// The 8-leaf test vectors of the certificate-transparency reference implementations
// (C++ merkletree tests; Go: transparency-dev/merkle testonly/constants.go and proof/verify_test.go).
const hex = (text: string): Buffer => Buffer.from(text, 'hex');
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(hex);
const LEAF_HASHES = LEAVES.map((leaf) => leafHash(leaf));
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', // empty tree
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
].map(hex);
const NODE_HASHES = [
  [
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
    '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
    '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
    'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
    '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
  ],
  [
    'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
    'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
  ],
  ['d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'],
  ['5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328'],
].map((level) => level.map(hex));

// Inclusion paths: 0-based leaf index, tree size, path.
const INCLUSION = [
  { index: 0, size: 1, path: [] },
  { index: 0, size: 2, path: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7'] },
  { index: 1, size: 2, path: ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d'] },
  { index: 2, size: 3, path: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  {
    index: 1,
    size: 5,
    path: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
  {
    index: 0,
    size: 8,
    path: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    index: 5,
    size: 8,
    path: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
].map((v) => ({ ...v, path: v.path.map(hex) }));

const CONSISTENCY = [
  { m: 1, n: 1, path: [] },
  {
    m: 1,
    n: 8,
    path: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    m: 6,
    n: 8,
    path: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    m: 2,
    n: 5,
    path: [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
  {
    m: 6,
    n: 7,
    path: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
].map((v) => ({ ...v, path: v.path.map(hex) }));

const SOME_HASH = hex('abacaba000000000000000000000000000000000000000000060061e00123456');

/** MTH straight from RFC 6962 section 2.1, recursion and all: the oracle for the property tests. */
function naiveRoot(hashes: readonly Buffer[]): Buffer {
  if (hashes.length === 0) return emptyRoot();
  if (hashes.length === 1) return hashes[0];
  const k = splitPoint(hashes.length);
  return nodeHash(naiveRoot(hashes.slice(0, k)), naiveRoot(hashes.slice(k)));
}

function naivePath(m: number, hashes: readonly Buffer[]): Buffer[] {
  if (hashes.length <= 1) return [];
  const k = splitPoint(hashes.length);
  return m < k
    ? [...naivePath(m, hashes.slice(0, k)), naiveRoot(hashes.slice(k))]
    : [...naivePath(m - k, hashes.slice(k)), naiveRoot(hashes.slice(0, k))];
}

function naiveSubproof(m: number, hashes: readonly Buffer[], b: boolean): Buffer[] {
  const n = hashes.length;
  if (m === n) return b ? [] : [naiveRoot(hashes)];
  const k = splitPoint(n);
  return m <= k
    ? [...naiveSubproof(m, hashes.slice(0, k), b), naiveRoot(hashes.slice(k))]
    : [...naiveSubproof(m - k, hashes.slice(k), false), naiveRoot(hashes.slice(0, k))];
}

const hexes = (hashes: readonly Buffer[]): string[] => hashes.map((h) => h.toString('hex'));

describe('RFC 6962 Merkle tree (certificate-transparency reference vectors)', () => {
  it('hashes leaves and nodes with the 0x00 / 0x01 domain separation', () => {
    NODE_HASHES[0].forEach((expected, i) => expect(LEAF_HASHES[i].toString('hex')).toBe(expected.toString('hex')));
    for (let level = 1; level < NODE_HASHES.length; level++) {
      NODE_HASHES[level].forEach((expected, i) => {
        const below = NODE_HASHES[level - 1];
        expect(nodeHash(below[2 * i], below[2 * i + 1]).toString('hex')).toBe(expected.toString('hex'));
      });
    }
  });

  it.each(ROOTS.map((root, size) => ({ size, root })))('gives the root of the first $size leaves', ({ size, root }) => {
    expect(rootOf(LEAF_HASHES.slice(0, size)).toString('hex')).toBe(root.toString('hex'));
  });

  it.each(INCLUSION)('builds and verifies the inclusion path of leaf $index in a tree of $size', ({ index, size, path }) => {
    const hashes = LEAF_HASHES.slice(0, size);
    expect(hexes(inclusionProof(index, hashes))).toEqual(hexes(path));
    expect(verifyInclusion(index, size, LEAF_HASHES[index], path, ROOTS[size])).toBe(true);
  });

  it.each(CONSISTENCY)('builds and verifies the consistency proof from $m to $n', ({ m, n, path }) => {
    expect(hexes(consistencyProof(m, LEAF_HASHES.slice(0, n)))).toEqual(hexes(path));
    expect(verifyConsistency(m, n, ROOTS[m], ROOTS[n], path)).toBe(true);
  });

  it.each(INCLUSION.filter((v) => v.path.length > 0))(
    'rejects every corruption of the inclusion path of leaf $index in $size',
    ({ index, size, path }) => {
      const leaf = LEAF_HASHES[index];
      const root = ROOTS[size];
      const flipped = (i: number): Buffer[] => path.map((p, j) => (j === i ? Buffer.from(p.map((b, k) => (k === 0 ? b ^ 8 : b))) : p));
      const probes: Array<[number, number, Buffer, Buffer[], Buffer]> = [
        [index - 1, size, leaf, path, root],
        [index + 1, size, leaf, path, root],
        [index ^ 2, size, leaf, path, root],
        [index, size * 2, leaf, path, root],
        [index, Math.floor(size / 2), leaf, path, root],
        [index, size, Buffer.from('WrongLeaf'), path, root],
        [index, size, SOME_HASH, path, root],
        [index, size, leaf, path, emptyRoot()],
        [index, size, leaf, path, SOME_HASH],
        [index, size, leaf, [...path, Buffer.alloc(0)], root],
        [index, size, leaf, [...path, root], root],
        [index, size, leaf, [Buffer.alloc(0), ...path], root],
        [index, size, leaf, [root, ...path], root],
        [index, size, leaf, path.slice(0, -1), root],
        ...path.map((_, i): [number, number, Buffer, Buffer[], Buffer] => [index, size, leaf, flipped(i), root]),
      ];
      for (const [i, s, l, p, r] of probes) expect(verifyInclusion(i, s, l, p, r)).toBe(false);
    },
  );

  it.each(CONSISTENCY.filter((v) => v.path.length > 0))(
    'rejects every corruption of the consistency proof from $m to $n',
    ({ m, n, path }) => {
      const r1 = ROOTS[m];
      const r2 = ROOTS[n];
      const flipped = (i: number): Buffer[] => path.map((p, j) => (j === i ? Buffer.from(p.map((b, k) => (k === 0 ? b ^ 16 : b))) : p));
      const probes: Array<[number, number, Buffer, Buffer, Buffer[]]> = [
        [m - 1, n, r1, r2, path],
        [m + 1, n, r1, r2, path],
        [m ^ 2, n, r1, r2, path],
        [m, n * 2, r1, r2, path],
        [m, Math.floor(n / 2), r1, r2, path],
        [m, n, Buffer.from('WrongRoot'), r2, path],
        [m, n, r1, Buffer.from('WrongRoot'), path],
        [m, n, SOME_HASH, r2, path],
        [m, n, r2, r1, path],
        [m, n, r1, r2, []],
        [m, n, r1, r2, [...path, Buffer.alloc(0)]],
        [m, n, r1, r2, [...path, r1]],
        [m, n, r1, r2, [...path, r2]],
        [m, n, r1, r2, [Buffer.alloc(0), ...path]],
        [m, n, r1, r2, [r1, ...path]],
        [m, n, r1, r2, [r2, ...path]],
        [m, n, r1, r2, [path[0], ...path]],
        [m, n, r1, r2, path.slice(0, -1)],
        ...path.map((_, i): [number, number, Buffer, Buffer, Buffer[]] => [m, n, r1, r2, flipped(i)]),
      ];
      for (const [a, b, x, y, p] of probes) expect(verifyConsistency(a, b, x, y, p)).toBe(false);
    },
  );

  it('handles the trivial sizes like the reference verifier', () => {
    const r1 = SOME_HASH;
    const r2 = emptyRoot();
    expect(verifyConsistency(0, 0, r1, r1, [])).toBe(true);
    expect(verifyConsistency(0, 1, r1, r2, [])).toBe(true);
    expect(verifyConsistency(1, 1, r2, r2, [])).toBe(true);
    expect(verifyConsistency(1, 1, r1, r2, [])).toBe(false);
    expect(verifyConsistency(1, 0, r1, r2, [])).toBe(false);
    expect(verifyConsistency(2, 1, r1, r2, [])).toBe(false);
    expect(verifyConsistency(1, 2, r1, r2, [])).toBe(false);
    expect(verifyConsistency(0, 1, r2, r2, [r2])).toBe(false);
    expect(verifyConsistency(1, 1, r2, r2, [r2])).toBe(false);
    for (const [index, size] of [
      [0, 0],
      [1, 0],
      [2, 1],
    ]) {
      expect(verifyInclusion(index, size, SOME_HASH, [], emptyRoot())).toBe(false);
    }
    const single = leafHash(Buffer.from('data'));
    expect(verifyInclusion(0, 1, single, [], single)).toBe(true);
    expect(verifyInclusion(0, 1, single, [], Buffer.alloc(0))).toBe(false);
    expect(() => inclusionProof(3, LEAF_HASHES.slice(0, 3))).toThrow(RangeError);
    expect(() => consistencyProof(4, LEAF_HASHES.slice(0, 3))).toThrow(RangeError);
  });

  it('reports every complete subtree as the frontier grows, and its root matches', () => {
    const frontier = new MerkleFrontier();
    const seen: CompleteSubtree[] = [];
    LEAF_HASHES.forEach((hash, i) => {
      frontier.append(hash, (subtree) => seen.push(subtree));
      expect(frontier.root().toString('hex')).toBe(ROOTS[i + 1].toString('hex'));
    });
    expect(seen).toHaveLength(15);
    for (const { level, index, hash } of seen) expect(hash.toString('hex')).toBe(NODE_HASHES[level][index].toString('hex'));
    const resumed = new MerkleFrontier(frontier.size, frontier.subtrees);
    expect(resumed.root().equals(ROOTS[8])).toBe(true);
    expect(() => new MerkleFrontier(3, [ROOTS[2]])).toThrow(RangeError);
  });
});

describe('Merkle tree against the naive RFC recursion (property)', () => {
  const leafLists = fc
    .array(fc.uint8Array({ maxLength: 12 }), { minLength: 1, maxLength: 70 })
    .map((leaves) => leaves.map((l) => leafHash(l)));

  it('roots, inclusion and consistency proofs equal the recursion and verify', () => {
    fc.assert(
      fc.property(leafLists, fc.nat(), fc.nat(), (hashes, a, b) => {
        const n = hashes.length;
        const root = rootOf(hashes);
        expect(root.equals(naiveRoot(hashes))).toBe(true);

        const index = a % n;
        const path = inclusionProof(index, hashes);
        expect(hexes(path)).toEqual(hexes(naivePath(index, hashes)));
        expect(verifyInclusion(index, n, hashes[index], path, root)).toBe(true);

        const m = 1 + (b % n);
        const proof = consistencyProof(m, hashes);
        expect(hexes(proof)).toEqual(hexes(naiveSubproof(m, hashes, true)));
        const rootM = rootOf(hashes.slice(0, m));
        expect(verifyConsistency(m, n, rootM, root, proof)).toBe(true);
        if (m < n) expect(verifyConsistency(m, n, rootM, SOME_HASH, proof)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('a frontier resumed from any size reaches the same root as one built in one go', () => {
    fc.assert(
      fc.property(leafLists, fc.nat(), (hashes, cut) => {
        const at = cut % (hashes.length + 1);
        const first = new MerkleFrontier();
        hashes.slice(0, at).forEach((h) => first.append(h));
        const resumed = new MerkleFrontier(first.size, first.subtrees);
        hashes.slice(at).forEach((h) => resumed.append(h));
        expect(resumed.root().equals(naiveRoot(hashes))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
