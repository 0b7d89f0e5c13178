import type { RecordedEvent } from '../../event-store/event-store.port';
import { nextCheckpoint } from './next-checkpoint';

const at = (position: bigint): RecordedEvent => ({
  id: `e-${position}`,
  type: 'T',
  schemaVersion: 1,
  streamId: 's',
  revision: 0,
  position,
  recordedAt: new Date(0),
  data: {},
  metadata: {},
  prevHash: '',
  hash: '',
  rawData: '{}',
  rawMetadata: '{}',
});

describe('nextCheckpoint', () => {
  it('moves to the read-through position, past the last applied event', () => {
    expect(nextCheckpoint(10n, [at(12n), at(15n)], 40n)).toBe(40n);
  });

  it('moves an idle projection (no events) to the read-through position', () => {
    expect(nextCheckpoint(10n, [], 25n)).toBe(25n);
  });

  it('never falls behind the last applied event, nor moves back', () => {
    expect(nextCheckpoint(10n, [at(30n)], 20n)).toBe(30n);
    expect(nextCheckpoint(50n, [], 20n)).toBe(50n);
  });
});
