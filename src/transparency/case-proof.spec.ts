import type { RecordedEvent } from '../event-store/event-store.port';
import { assembleCaseProof } from './case-proof';
import type { LogLeaf, StoredCheckpoint } from './transparency-log';

const event = (revision: number, id = `e-${revision}`): RecordedEvent =>
  ({
    streamId: 's',
    revision,
    id,
    type: 'T',
    schemaVersion: 1,
    data: {},
    metadata: {},
    rawData: '{}',
    rawMetadata: '{}',
    hash: 'h',
    position: BigInt(revision + 1),
    recordedAt: new Date(0),
  }) as unknown as RecordedEvent;
const leaf = (revision: number, leafIndex: number, eventId = `e-${revision}`): LogLeaf => ({
  leafIndex,
  position: BigInt(revision + 1),
  streamId: 's',
  revision,
  eventId,
  leafHash: Buffer.alloc(32, revision),
});
const checkpoint = (treeSize: number): StoredCheckpoint => ({
  origin: 'o',
  treeSize,
  root: Buffer.alloc(32, 9),
  keyId: 'k',
  signedNote: 'note',
  signedAt: new Date(0),
});
const prove = async (index: number, size: number) => [Buffer.from(`${index}/${size}`)];

describe('assembleCaseProof', () => {
  it('proves events inside the checkpoint and lists newer ones and ones not yet in the tree as not covered', async () => {
    const proof = await assembleCaseProof(
      'c',
      's',
      [event(0), event(1), event(2), event(3)],
      [leaf(0, 3), leaf(1, 7), leaf(2, 12)],
      checkpoint(10),
      prove,
    );
    expect(proof.events.map((e) => [e.revision, e.leafIndex, Buffer.from(e.inclusionProof[0], 'base64').toString()])).toEqual([
      [0, 3, '3/10'],
      [1, 7, '7/10'],
    ]);
    expect(proof.events[0].leafHash).toBe(Buffer.alloc(32, 0).toString('base64'));
    expect(proof.notYetCovered).toEqual([
      { revision: 2, eventId: 'e-2', type: 'T', leafIndex: 12, reason: 'newer-than-checkpoint' },
      { revision: 3, eventId: 'e-3', type: 'T', leafIndex: null, reason: 'not-yet-in-tree' },
    ]);
    expect(proof.checkpoint).toMatchObject({ treeSize: 10, signedNote: 'note', rootHash: Buffer.alloc(32, 9).toString('base64') });
  });

  it('never proves a leaf that belongs to another event id at that revision', async () => {
    const proof = await assembleCaseProof('c', 's', [event(0)], [leaf(0, 0, 'someone-else')], checkpoint(5), prove);
    expect(proof.events).toEqual([]);
    expect(proof.notYetCovered[0].reason).toBe('not-yet-in-tree');
  });

  it('covers nothing before the first checkpoint', async () => {
    const proof = await assembleCaseProof('c', 's', [event(0)], [leaf(0, 0)], undefined, prove);
    expect(proof.checkpoint).toBeNull();
    expect(proof.notYetCovered).toEqual([{ revision: 0, eventId: 'e-0', type: 'T', leafIndex: 0, reason: 'newer-than-checkpoint' }]);
  });
});
