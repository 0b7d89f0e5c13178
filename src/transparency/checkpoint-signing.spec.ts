import { decideSigning } from './checkpoint-signing';
import type { StoredCheckpoint } from './transparency-log';

const key = { keyId: 'aabbccdd', origin: 'o.example/log' };
const signed = (treeSize: number, over: Partial<StoredCheckpoint> = {}): StoredCheckpoint => ({
  origin: key.origin,
  treeSize,
  root: Buffer.alloc(32),
  keyId: key.keyId,
  signedNote: 'n',
  signedAt: new Date(0),
  ...over,
});

describe('decideSigning', () => {
  it('signs the first checkpoint of a non-empty tree, and nothing for an empty tree', () => {
    expect(decideSigning(1, undefined, key).kind).toBe('sign');
    expect(decideSigning(0, undefined, key).kind).toBe('empty');
  });

  it('skips when the tree did not grow since the last checkpoint, signs when it did', () => {
    expect(decideSigning(10, signed(10), key).kind).toBe('unchanged');
    expect(decideSigning(11, signed(10), key).kind).toBe('sign');
  });

  it('signs the same size again under a rotated key or a new origin', () => {
    expect(decideSigning(10, signed(10, { keyId: '00000000' }), key).kind).toBe('sign');
    expect(decideSigning(10, signed(10, { origin: 'old.example/log' }), key).kind).toBe('sign');
  });

  it('never signs a tree shorter than a signed one (a rebuild under way)', () => {
    expect(decideSigning(4, signed(10), key).kind).toBe('behind');
    expect(decideSigning(4, signed(10, { keyId: '00000000' }), key).kind).toBe('behind');
  });
});
